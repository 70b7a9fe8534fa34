"""The words of each language, from its word file ``locales/<lang>/ui.yml``: every fixed word the
generated pieces show (the templates read them as ``ui``), and among them the words for the values
in data/knowledge.yml (urgency levels, evidence ratings, kinds of condition and treatment, fit;
the templates read them as ``words``). Read once per language; English lives once, in
locales/en/ui.yml, and the other languages have the same keys (locales/check_words.py)."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

LOCALES = Path(__file__).resolve().parents[2] / "locales"
SOURCE_LANG = "en"
# The word lists for the knowledge file's values: their name here -> their key in ui.yml.
WORD_LISTS = {"fit": "fit", "kind": "kinds", "type": "treatment_type", "rating": "rating",
              "level": "levels", "sign_group": "sign_groups"}


def ui_file(lang: str) -> Path:
    return LOCALES / lang / "ui.yml"


def _missing_keys(want: Any, have: Any, key: str = "") -> list[str]:
    """Keys of ``want`` (nested maps) that ``have`` lacks, as ``a > b`` paths."""
    if not isinstance(want, dict):
        return []
    if not isinstance(have, dict):
        return [key]
    missing = []
    for k, v in want.items():
        child = f"{key} > {k}" if key else str(k)
        missing += [child] if k not in have else _missing_keys(v, have[k], child)
    return missing


def read_ui(path: Path) -> dict[str, Any]:
    """One word file; a project file, not user input, so a plain error naming it is enough."""
    try:
        ui = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: no word file for this language (copy locales/en/ui.yml and translate it)") from None
    if not isinstance(ui, dict):
        raise ValueError(f"{path}: expected a map of words")
    return ui


@functools.cache
def ui_for(lang: str = SOURCE_LANG) -> dict[str, Any]:
    """Every word of a language, as in its ui.yml. Another language's file must have every key
    the English one has (a missing key is named, with the file)."""
    path = ui_file(lang)
    ui = read_ui(path)
    if lang != SOURCE_LANG:
        missing = _missing_keys(ui_for(SOURCE_LANG), ui)
        if missing:
            raise ValueError(f"{path}: missing keys: {', '.join(missing)} "
                             f"(python locales/check_words.py {lang} lists them with the English)")
    return ui


@functools.cache
def _ui_in(lang: str, words: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    from .placeholders import resolve_data  # words sits below placeholders
    return resolve_data(ui_for(lang), dict(words))


def ui_in(lang: str, service_words: dict[str, str]) -> dict[str, Any]:
    """Every word of a language with the clinic region's service words put in (((gp)) ...),
    checked beforehand by the generation step."""
    return _ui_in(lang, tuple(sorted(service_words.items())))


def word_lists(ui: dict[str, Any], path: Path) -> dict[str, dict[str, Any]]:
    """The words for the knowledge file's values, from one word file."""
    missing = [key for key in WORD_LISTS.values() if not isinstance(ui.get(key), dict)]
    if missing:
        raise ValueError(f"{path}: missing word lists: {', '.join(sorted(missing))}")
    return {name: ui[key] for name, key in WORD_LISTS.items()}


@functools.cache
def words_for(lang: str = SOURCE_LANG) -> dict[str, dict[str, Any]]:
    """The words for the knowledge file's values in one language: fit, kind ({heading, line}),
    type, rating, level and sign_group, each by the knowledge file's value."""
    return word_lists(ui_for(lang), ui_file(lang))


def kinds(lang: str = SOURCE_LANG) -> dict[str, tuple[str, str]]:
    """Each kind of condition, in the order pages and the checker list them: heading and line."""
    return {kind: (w["heading"], w["line"]) for kind, w in words_for(lang)["kind"].items()}


# The order of the kinds and of the groups of warning signs (the same in every language).
KIND_ORDER: tuple[str, ...] = tuple(words_for()["kind"])
SIGN_GROUP_ORDER: tuple[str, ...] = tuple(words_for()["sign_group"])
