"""The clinic's region: where its readers get help (the emergency number, what to do at each level
of urgency) and what its services are called, in each language.

A clinic names a ready region (``region: {use: uk}``: regions/uk.yml) and may change any of its
values in clinic.yml; without ``use`` it gives every value itself. This module puts the two
together into one plain region (clinic.yml's values win, language by language) and checks it:
every level has its action, and every language's action for a level that has a number contains
that number (a translated 999 that became 112 is named with its file, line and key).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import active_content, schema_check, yamlsource
from .levels import ACTION_LEVELS, EMERGENCY
from .problems import InputError, Problem
from .words import Words

# The names of services a page or text may use as ((name)): the one list of them (the schemas
# list the same keys, for editors; a test keeps them together).
WORDS: dict[str, str] = {
    "gp": "the family doctor people see first (GP, primary care doctor)",
    "emergency-department": "the hospital's emergency department, as said after 'go to' (A&E, the emergency room)",
    "urgent-care": "a walk-in centre for injuries the same day (urgent treatment centre, urgent care center)",
    "urgent-line": "the phone line for urgent advice (NHS 111); not every region has one",
    "physio": "physiotherapist, physical therapist",
    "physiotherapy": "physiotherapy, physical therapy",
    "pharmacist": "pharmacist",
    "phone-on": "the word before a phone number in 'Call the clinic on 0100 000 0000' (on, at)",
}


def _merge(base: Any, override: Any) -> Any:
    """``override`` over ``base``: maps key by key (so a clinic may change one language's text
    and keep the others), anything else replaced.

    >>> _merge({"a": {"en": "x", "es": "y"}, "b": 1}, {"a": {"en": "z"}})
    {'a': {'en': 'z', 'es': 'y'}, 'b': 1}
    """
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for key, value in override.items():
            out[key] = _merge(base.get(key), value)
        return out
    return override


def _digits(text: str) -> str:
    return re.sub(r"[\s()-]", "", text)


def whole_region(clinic: yamlsource.Source, regions: Path, schema: Path,
                 label: Callable[[Path], str] = str) -> dict[str, Any]:
    """The clinic's whole region (the region file it names in the folder ``regions``, with
    clinic.yml's values over it), for a clinic file that passed its schema; raises one InputError
    naming every problem (``label``: how messages name a file)."""
    own = clinic.data["region"]
    base: dict[str, Any] = {}
    base_source = None
    if "use" in own:
        path = regions / f"{own['use']}.yml"
        if not path.is_file():
            names = ", ".join(sorted(p.stem for p in regions.glob("*.yml"))) or "none"
            raise InputError([clinic.problem(("region", "use"), f"there is no region '{own['use']}' in regions/",
                                             f"Use one of: {names}; or copy regions/uk.yml to "
                                             f"regions/{own['use']}.yml and edit it")])
        base_source = yamlsource.load(path, label(path))
        found = schema_check.check(base_source, schema) + active_content.check_source(base_source)
        if found:
            raise InputError(found)
        base = base_source.data
    region = _merge(base, {k: v for k, v in own.items() if k != "use"})
    problems = []
    for key in ("name", *ACTION_LEVELS):
        if key not in region or (key != "name" and "action" not in region[key]):
            what = key if key == "name" else f"{key}: action"
            problems.append(clinic.problem(("region",), f"the region has no {what}",
                                           "Name a ready region (use: uk or use: us), or give it here"))
    if "number" not in region.get(EMERGENCY, {"number": ""}):
        problems.append(clinic.problem(("region",), "the region has no emergency number",
                                       f"Add {EMERGENCY}: number: (in quotes, e.g. \"911\")"))
    region.setdefault("words", {})
    if problems:
        raise InputError(problems)
    problems = _numbers_in_actions(region, clinic, base_source)
    if problems:
        raise InputError(problems)
    return region


def _numbers_in_actions(region: dict[str, Any], clinic: yamlsource.Source,
                        base: yamlsource.Source | None) -> list[Problem]:
    """Each language's action for a level that has a number must contain it."""
    own = clinic.data["region"]
    problems = []
    for level in ACTION_LEVELS:
        number = region[level].get("number")
        if not number:
            continue
        action = region[level]["action"]
        for lang, text in (action.items() if isinstance(action, dict) else [(None, action)]):
            if _digits(number) in _digits(text):
                continue
            key = (level, "action") + ((lang,) if lang else ())
            own_action = own.get(level, {}).get("action")
            given_here = own_action is not None and (not isinstance(own_action, dict) or lang in own_action)
            if given_here or base is None:
                source, path = clinic, ("region", *key)
            elif "number" in own.get(level, {}):  # the clinic changed the number, not the words
                source, path = clinic, ("region", level, "number")
            else:
                source, path = base, key
            where = f" in {lang}" if lang else ""
            problems.append(source.problem(
                path, f"the action for {level}{where} does not contain its number {number}: {text!r}",
                f"Write the number {number} in the action{where} (a translation keeps the region's "
                f"number), or change {level}: number:"))
    return problems


def words_in(region: dict[str, Any]) -> dict[str, str]:
    """A region's words in one language (the region as clinic_in gives it: texts, not maps)."""
    return {name: text for name, text in (region.get("words") or {}).items() if isinstance(text, str)}


def levels(clinic: dict[str, Any], words: Words) -> dict[str, dict[str, Any]]:
    """Each level a reader is sent somewhere (levels.ACTION_LEVELS, most serious first) with its
    word (in the language of ``words``) and the clinic region's action, number and finder (label,
    and url where the region has one service finder), each None where it has none."""
    region = clinic["region"]
    title = words.lists["level"]
    return {level: {"title": title[level], "action": region[level]["action"], "number": region[level].get("number"),
                    "finder": _finder(region[level].get("finder"))}
            for level in ACTION_LEVELS}


def _finder(finder: dict[str, Any] | None) -> dict[str, Any] | None:
    return {"label": finder["label"], "url": finder.get("url")} if finder else None
