"""Checks of the knowledge file that a JSON Schema cannot make: ids, references, sections."""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from .levels import LEVELS
from .problems import Problem
from .yamlsource import Source, key_path

# Which list an id refers into, for each place that holds a reference.
_KINDS = {"symptoms": "symptom", "conditions": "condition", "treatments": "treatment",
          "sources": "source", "groups": "group", "warning_signs": "warning sign",
          "outcome_rules": "outcome rule"}


def check(source: Source, docs_dir: Path) -> list[Problem]:
    """Every cross-reference problem in a file that already passed the schema."""
    data = source.data
    problems = [*_duplicates(source), *_shared_ids(source, docs_dir)]
    ids = {name: [item["id"] for item in data[name]] for name in _KINDS}
    anchors: dict[Path, set[str]] = {}  # many conditions point into one page: each is read once per check
    for i, symptom in enumerate(data["symptoms"]):
        problems += _refs(source, ("symptoms", i, "group"), [symptom["group"]], ids["groups"], "group")
    for i, condition in enumerate(data["conditions"]):
        if not condition["features"]:
            problems.append(source.problem(("conditions", i, "features"), "has no features",
                                           "Rate at least one symptom id as typical, possible or unusual."))
        for symptom_id in condition["features"]:
            problems += _refs(source, ("conditions", i, "features", symptom_id), [symptom_id],
                              ids["symptoms"], "symptom")
        problems += _section(source, ("conditions", i, "section"), condition["section"], docs_dir, anchors)
        problems += _sets_apart(source, i, condition, ids["symptoms"])
    for i, treatment in enumerate(data["treatments"]):
        problems += _refs(source, ("treatments", i, "for"), treatment["for"], ids["conditions"], "condition")
        problems += _refs(source, ("treatments", i, "evidence", "sources"),
                          treatment["evidence"]["sources"], ids["sources"], "source")
    problems += _condition_sources(source, ids)
    problems += _warning_sign_sources(source, ids)
    problems += _outcomes(source, ids)
    problems += _outcome_rules(source, ids)
    problems += _self_care_advice(source, ids)
    problems += _exercises(source, ids)
    return problems


def _exercises(source: Source, ids: dict[str, list[str]]) -> list[Problem]:
    """Each exercise has its own id and names known conditions, treatments and sources."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, exercise in enumerate(source.data.get("exercises") or []):
        if exercise["id"] in seen:
            first = source.where(("exercises", seen[exercise["id"]], "id"))[0]
            problems.append(source.problem(("exercises", i, "id"), f"the exercise id '{exercise['id']}' is used "
                                           f"twice (first on line {first})", "Give each exercise its own id."))
        seen.setdefault(exercise["id"], i)
        problems += _refs(source, ("exercises", i, "for"), exercise["for"], ids["conditions"], "condition")
        problems += _refs(source, ("exercises", i, "treatments"), exercise["treatments"], ids["treatments"],
                          "treatment")
        problems += _refs(source, ("exercises", i, "sources"), exercise["sources"], ids["sources"], "source")
    return problems


def _sets_apart(source: Source, i: int, condition: dict, symptoms: list[str]) -> list[Problem]:
    """``distinguishing`` and ``against`` name known symptoms; a distinguishing one fits the
    condition (rated typical or possible); no answer both sets it apart and argues against it."""
    problems: list[Problem] = []
    features = condition["features"]
    apart: set[str] = set()
    for j, item in enumerate(condition.get("distinguishing") or []):
        entry = [item] if isinstance(item, str) else item
        paths = [("conditions", i, "distinguishing", j)] if isinstance(item, str) else \
            [("conditions", i, "distinguishing", j, n) for n in range(len(entry))]
        for symptom_id, path in zip(entry, paths, strict=True):
            apart.add(symptom_id)
            if symptom_id not in symptoms:
                close = difflib.get_close_matches(symptom_id, symptoms, n=1)
                fix = f"Did you mean '{close[0]}'?" if close else "Use the id of an existing symptom."
                problems.append(source.problem(path, f"there is no symptom with the id '{symptom_id}'", fix))
            elif (features.get(symptom_id) or {}).get("fit") not in ("typical", "possible"):
                problems.append(source.problem(
                    path, f"'{symptom_id}' sets {condition['id']} apart, but its features do not rate it "
                    "typical or possible",
                    "Rate it under features, with its reason, or take it out of distinguishing."))
    against = condition.get("against") or []
    problems += _refs(source, ("conditions", i, "against"), against, symptoms, "symptom")
    for j, symptom_id in enumerate(against):
        if symptom_id in apart:
            problems.append(source.problem(("conditions", i, "against", j),
                                           f"'{symptom_id}' both sets {condition['id']} apart and argues against it",
                                           "Keep it in one of the two lists."))
    return problems


def _condition_sources(source: Source, ids: dict[str, list[str]]) -> list[Problem]:
    problems = []
    for i, condition in enumerate(source.data["conditions"]):
        problems += _refs(source, ("conditions", i, "sources"), condition["sources"], ids["sources"], "source")
    return problems


def _warning_sign_sources(source: Source, ids: dict[str, list[str]]) -> list[Problem]:
    problems = []
    for i, sign in enumerate(source.data["warning_signs"]):
        problems += _refs(source, ("warning_signs", i, "sources"), sign["sources"], ids["sources"], "source")
    return problems


def _outcomes(source: Source, ids: dict[str, list[str]]) -> list[Problem]:
    """One outcome per level, most serious first, each citing known sources."""
    problems = []
    levels = [o["level"] for o in source.data["outcomes"]]
    for i, (level, expected) in enumerate(zip(levels, LEVELS, strict=False)):
        if level != expected:
            problems.append(source.problem(
                ("outcomes", i, "level"), f"is '{level}' but outcome {i + 1} must be '{expected}'",
                "List the outcomes once each, in this order: " + ", ".join(LEVELS) + "."))
    for i, outcome in enumerate(source.data["outcomes"]):
        problems += _refs(source, ("outcomes", i, "sources"), outcome["sources"], ids["sources"], "source")
    return problems


def _outcome_rules(source: Source, ids: dict[str, list[str]]) -> list[Problem]:
    """Each rule names known symptoms (not warning signs) and known sources."""
    problems = []
    for i, rule in enumerate(source.data["outcome_rules"]):
        for mode, symptom_ids in rule["when"].items():
            problems += _refs(source, ("outcome_rules", i, "when", mode), symptom_ids, ids["symptoms"], "symptom")
        problems += _refs(source, ("outcome_rules", i, "sources"), rule["sources"], ids["sources"], "source")
    return problems


def _self_care_advice(source: Source, ids: dict[str, list[str]]) -> list[Problem]:
    """Each piece of home-care advice names known symptoms and known sources, under its own id."""
    problems, seen = [], set()
    for i, advice in enumerate(source.data.get("self_care_advice") or []):
        if advice["id"] in seen:
            problems.append(source.problem(("self_care_advice", i, "id"), f"the id '{advice['id']}' is used twice",
                                           "Give each piece of advice its own id."))
        seen.add(advice["id"])
        for mode, when_ids in advice["when"].items():
            if mode == "condition":
                problems += _refs(source, ("self_care_advice", i, "when", mode), [when_ids], ids["conditions"],
                                  "condition")
                problems += _own_sources(source, i, advice, when_ids)
            else:
                problems += _refs(source, ("self_care_advice", i, "when", mode), when_ids, ids["symptoms"], "symptom")
        problems += _refs(source, ("self_care_advice", i, "sources"), advice["sources"], ids["sources"], "source")
    return problems


def _own_sources(source: Source, i: int, advice: dict, condition_id: str) -> list[Problem]:
    """Home care for a condition comes from that condition's sources (listed with it on its page)."""
    condition = next((c for c in source.data.get("conditions") or [] if c.get("id") == condition_id), None)
    if condition is None:
        return []
    other = [s for s in advice["sources"] if s not in (condition.get("sources") or [])]
    if not other:
        return []
    return [source.problem(("self_care_advice", i, "sources"),
                           f"cites {', '.join(other)}, which is not a source of '{condition_id}'",
                           f"Home care for a condition comes from its own sources: add {', '.join(other)} to the "
                           f"sources of '{condition_id}', or cite one of its sources")]


def _duplicates(source: Source) -> Iterable[Problem]:
    for name, kind in _KINDS.items():
        seen: dict[str, int] = {}
        for i, item in enumerate(source.data[name]):
            if item["id"] in seen:
                first = source.where((name, seen[item["id"]], "id"))[0]
                yield source.problem((name, i, "id"), f"the {kind} id '{item['id']}' is used twice "
                                     f"(first on line {first})", "Give each item its own id.")
            seen.setdefault(item["id"], i)


# Lists whose ids share one space: the symptom checker's checkboxes (id="sc-<id>").
_CHECKER_LISTS = ("symptoms", "warning_signs")


def _shared_ids(source: Source, docs_dir: Path) -> Iterable[Problem]:
    """An id used in two lists of one id space, or a checker id that is also a page anchor."""
    seen: dict[str, tuple] = {}
    for name in _CHECKER_LISTS:
        for i, item in enumerate(source.data[name]):
            first = seen.setdefault(item["id"], (name, i, "id"))
            if first[0] != name:
                line = source.where(first)[0]
                yield source.problem((name, i, "id"), f"the id '{item['id']}' is also a {_KINDS[first[0]]} id "
                                     f"({key_path(first)}, line {line}); the symptom checker would show two boxes "
                                     "with one id", "Give one of them another id.")
    anchors: dict[str, tuple] = {}
    for i, condition in enumerate(source.data["conditions"]):
        page, _, anchor = condition["section"].partition("#")
        other = anchors.setdefault(f"{page}#{anchor}", ("conditions", i, "section"))
        if other[1] != i:
            yield source.problem(("conditions", i, "section"), f"{page}#{anchor} is also the section of "
                                 f"{key_path(other)} (line {source.where(other)[0]})",
                                 "Give each condition its own section.")


def _refs(source: Source, path: tuple, refs: list[str], known: list[str], kind: str) -> list[Problem]:
    problems = []
    for j, ref in enumerate(refs):
        if ref in known:
            continue
        where = path if path[-1] == ref else (*path, j)
        close = difflib.get_close_matches(ref, known, n=1)
        fix = f"Did you mean '{close[0]}'?" if close else f"Use the id of an existing {kind}."
        problems.append(source.problem(where, f"there is no {kind} with the id '{ref}'", fix))
    return problems


def _section(source: Source, path: tuple, section: str, docs_dir: Path,
             read: dict[Path, set[str]]) -> list[Problem]:
    page, anchor = section.split("#", 1)
    page_path = docs_dir / page
    if not page_path.is_file():
        pages = sorted(p.name for p in docs_dir.glob("*.md"))
        close = difflib.get_close_matches(page, pages, n=1)
        fix = f"Did you mean '{close[0]}'?" if close else "Name a page in docs/."
        return [source.problem(path, f"the page '{page}' does not exist in {docs_dir}", fix)]
    if page_path not in read:
        read[page_path] = heading_anchors(page_path.read_text(encoding="utf-8"))
    anchors = read[page_path]
    if anchor in anchors:
        return []
    close = difflib.get_close_matches(anchor, sorted(anchors), n=1)
    fix = (f"Did you mean '{page}#{close[0]}'?" if close
           else f"Add a heading such as '## Title {{#{anchor}}}' to {page}.")
    return [source.problem(path, f"{page} has no section '#{anchor}'", fix)]


def heading_anchors(markdown: str) -> set[str]:
    """Anchors of the headings in a page: ``{#id}`` where given, else the MkDocs default slug.

    >>> sorted(heading_anchors("# Top\\n## L4 nerve {#l4}\\n### Tight muscles"))
    ['l4', 'tight-muscles', 'top']
    """
    anchors = set()
    for match in re.finditer(r"^#{1,6}\s+(.+?)\s*$", markdown, flags=re.M):
        title = match.group(1)
        explicit = re.search(r"\{[^}]*#([\w-]+)[^}]*\}\s*$", title)
        anchors.add(explicit.group(1) if explicit else _slug(title))
    return anchors


def _slug(title: str) -> str:
    text = re.sub(r"[^\w\s-]", "", title).strip().lower()
    return re.sub(r"[-\s]+", "-", text)
