"""The words of each language, from its word file ``locales/<lang>/ui.yml``: every fixed word the
generated pieces show (the templates read them as ``ui``), and among them the words for the values
in data/knowledge.yml (urgency levels, evidence ratings, kinds of condition and treatment, fit;
the templates read them as ``words``). The generation step reads each published language's file
once per build (``read``), so an edit shows at the next build; English lives once, in
locales/en/ui.yml, and the other languages have the same keys (locales/check_words.py)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import yamlsource
from .languages import SOURCE
from .problems import InputError

# The word lists for the knowledge file's values: their name here -> their key in ui.yml.
WORD_LISTS = {"fit": "fit", "kind": "kinds", "type": "treatment_type", "rating": "rating",
              "level": "levels", "sign_group": "sign_groups"}


@dataclass(frozen=True)
class Words:
    """One language's words, as its word file has them (``file``: where, for messages)."""

    lang: str
    ui: dict[str, Any]
    file: str

    @property
    def lists(self) -> dict[str, dict[str, Any]]:
        """The words for the knowledge file's values: fit, kind ({heading, line}), type, rating,
        level and sign_group, each by the knowledge file's value."""
        return word_lists(self.ui, Path(self.file))

    def kinds(self) -> dict[str, tuple[str, str]]:
        """Each kind of condition, in the order pages and the checker list them: heading and line."""
        return {kind: (w["heading"], w["line"]) for kind, w in self.lists["kind"].items()}

    @property
    def kind_order(self) -> tuple[str, ...]:
        """The order of the kinds of condition (the same in every language)."""
        return tuple(self.lists["kind"])

    @property
    def sign_group_order(self) -> tuple[str, ...]:
        """The order of the groups of warning signs (the same in every language)."""
        return tuple(self.lists["sign_group"])


def ui_file(locales: Path, lang: str) -> Path:
    return locales / lang / "ui.yml"


def read(locales: Path, lang: str, label: str | None = None) -> Words:
    """One language's word file, read as every input is: a YAML mistake is an InputError naming
    its file, line and column; a file that is not a map of words, or lacks a word list, too."""
    path = ui_file(locales, lang)
    name = label or str(path)
    source = yamlsource.load(path, name)
    if not isinstance(source.data, dict):
        raise InputError([source.problem((), "expected a map of words", "Start from a copy of locales/en/ui.yml")])
    missing = [key for key in WORD_LISTS.values() if not isinstance(source.data.get(key), dict)]
    if missing:
        raise InputError([source.problem((), f"missing word lists: {', '.join(sorted(missing))}",
                                         "Copy them from locales/en/ui.yml and translate them")])
    return Words(lang, source.data, name)


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
    """One word file as plain data (for the word tools; the build reads with ``read``)."""
    if not path.is_file():
        raise ValueError(f"{path}: no word file for this language (copy locales/en/ui.yml and translate it)")
    try:
        ui = yamlsource.load(path, str(path)).data
    except InputError as err:
        raise ValueError(str(err)) from None
    if not isinstance(ui, dict):
        raise ValueError(f"{path}: expected a map of words")
    return ui


def ui_for(lang: str, locales: Path) -> dict[str, Any]:
    """Every word of a language, as in its ui.yml, read now. Another language's file must have
    every key the English one has (a missing key is named, with the file)."""
    path = ui_file(locales, lang)
    ui = read_ui(path)
    if lang != SOURCE:
        missing = _missing_keys(ui_for(SOURCE, locales), ui)
        if missing:
            raise ValueError(f"{path}: missing keys: {', '.join(missing)} "
                             f"(python locales/check_words.py {lang} lists them with the English)")
    return ui


def word_lists(ui: dict[str, Any], path: Path) -> dict[str, dict[str, Any]]:
    """The words for the knowledge file's values, from one word file."""
    missing = [key for key in WORD_LISTS.values() if not isinstance(ui.get(key), dict)]
    if missing:
        raise ValueError(f"{path}: missing word lists: {', '.join(sorted(missing))}")
    return {name: ui[key] for name, key in WORD_LISTS.items()}


def words_for(lang: str, locales: Path) -> dict[str, dict[str, Any]]:
    """The words for the knowledge file's values in one language, read now (see Words.lists)."""
    return word_lists(ui_for(lang, locales), ui_file(locales, lang))
