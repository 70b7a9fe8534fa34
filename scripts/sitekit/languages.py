"""The languages a clinic publishes, and each one's words.

Facts live once, in data/knowledge.yml (ids, fits, levels, sources, numbers) and in English.
Another language keeps only words, keyed by id, in locales/<code>/: its pages (pages/*.md), its
glossary, the knowledge file's texts (knowledge.yml) and the fixed words (ui.yml). This module
puts a language's words over the facts, and reports every text a published language lacks with
its file, line and key, so the build stops before it writes anything.

The clinic's first language is published at the site root; each other one under <code>/.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import active_content, yamlsource
from .levels import ACTION_LEVELS
from .problems import InputError, Problem

SOURCE = "en"  # the language of data/knowledge.yml, docs/ and includes/glossary.md

# list in knowledge.yml -> (the field that names an item, its reader-visible text fields).
# Conditions also have features (symptom id -> why) and treatments an evidence text; a language
# keeps those as `features: {<symptom id>: <why>}` and `evidence: <text>`. Source titles and
# publishers stay in their original language (marked so on the page); a source's short name (the
# in-text citation, "Khan y otros") and note are translated.
TEXT_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "outcomes": ("level", ("heading", "advice")),
    "outcome_rules": ("id", ("why",)),
    "self_care_advice": ("id", ("advice",)),
    "groups": ("id", ("question",)),
    "symptoms": ("id", ("label", "description")),
    "conditions": ("id", ("name", "plain_name", "short_name", "summary", "helps")),
    "treatments": ("id", ("name", "what", "who", "helps", "cautions")),
    "warning_signs": ("id", ("label", "advice")),
    "sources": ("id", ("short_name", "note")),
    "exercises": ("id", ("name", "dose", "feel", "when_to_stop", "before_you_start")),
}
LIST_FIELDS = ("steps",)  # lists of texts (an exercise's steps): a language gives the same number
Key = tuple[str, ...]
Label = Callable[[Path], str]  # how messages name a file (Paths.label: from the project folder)


@dataclass(frozen=True)
class Language:
    """One published language: where its pages are read from and where its site is built."""

    code: str
    root: bool  # the clinic's first language: published at the site root

    @property
    def prefix(self) -> str:
        """Where its pages are published, from the site root: "" or "es/"."""
        return "" if self.root else f"{self.code}/"

    def pages(self, docs: Path, locales: Path) -> Path:
        """The folder its Markdown pages are read from."""
        return docs if self.code == SOURCE else locales / self.code / "pages"

    @property
    def glossary(self) -> str:
        """The abbreviations file appended to each page, from the project root."""
        return "includes/glossary.md" if self.code == SOURCE else f"locales/{self.code}/glossary.md"

    @property
    def build_root(self) -> str:
        """The project folder its generated files go in, as the project root holds English's:
        generated/ (what pages include). Every language builds from its docs_root."""
        return "" if self.code == SOURCE else f"generated/{self.code}/"

    @property
    def docs_root(self) -> str:
        """The folder the engine builds its pages from, from the project root: a copy of its pages
        with the region's service words put in, and of docs/'s shared files (stylesheets,
        scripts, images) and the generated ones."""
        return f"generated/{self.code}/docs/"

    @property
    def config(self) -> str:
        """Its generated site config, in the project root."""
        return "mkdocs.generated.yml" if self.root else f"mkdocs.generated.{self.code}.yml"


def published(clinic: dict[str, Any]) -> list[Language]:
    """The clinic's languages, the first at the site root (English alone when it names none)."""
    codes = clinic.get("languages") or [clinic["language"].split("-")[0]]
    return [Language(code, i == 0) for i, code in enumerate(codes)]


def english_texts(knowledge: dict[str, Any]) -> dict[Key, str]:
    """Every reader-visible text of the knowledge file, by (list, id, field[, symptom id])."""
    texts: dict[Key, str] = {}
    for list_name, (id_field, fields) in TEXT_FIELDS.items():
        for item in knowledge.get(list_name) or []:
            if not isinstance(item, dict) or not isinstance(item.get(id_field), str):
                continue  # the knowledge file's own validation reports items without an id
            ident = item[id_field]
            for name in fields:
                if isinstance(item.get(name), str) and item[name].strip():
                    texts[(list_name, ident, name)] = item[name]
            for symptom, fit in (item.get("features") or {}).items():
                if isinstance(fit, dict) and isinstance(fit.get("why"), str):
                    texts[(list_name, ident, "features", str(symptom))] = fit["why"]
            for name in LIST_FIELDS:
                for i, text in enumerate(item.get(name) or [], 1):  # by position from 1, as check_words
                    if isinstance(text, str):
                        texts[(list_name, ident, name, str(i))] = text
            evidence = item.get("evidence")
            if isinstance(evidence, dict) and isinstance(evidence.get("text"), str):
                texts[(list_name, ident, "evidence")] = evidence["text"]
    return texts


def _lookup(data: Any, key: Key) -> Any:
    for part in key:
        if isinstance(data, list) and part.isdigit() and 0 < int(part) <= len(data):
            data = data[int(part) - 1]
        elif not isinstance(data, dict) or part not in data:
            return None
        else:
            data = data[part]
    return data


def _put(knowledge: dict[str, Any], key: Key, text: str) -> None:
    list_name, ident, name, *rest = key
    id_field = TEXT_FIELDS[list_name][0]
    item = next(i for i in knowledge[list_name] if i.get(id_field) == ident)
    if name == "features":
        item["features"][rest[0]]["why"] = text
    elif name in LIST_FIELDS:
        item[name][int(rest[0]) - 1] = text
    elif name == "evidence":
        item["evidence"]["text"] = text
    else:
        item[name] = text


def knowledge_in(code: str, knowledge: dict[str, Any], locales: Path | None = None,
                 label: Label = str) -> dict[str, Any]:
    """The knowledge file's data with every text in the language ``code`` (from its knowledge.yml
    in ``locales``; the source language's is the data itself); raises one InputError naming each
    text the language's knowledge.yml lacks (file, line, list, id and field)."""
    if code == SOURCE or locales is None:
        if code != SOURCE:
            raise ValueError(f"knowledge_in: the texts of '{code}' need the locales folder")
        return knowledge
    path = locales / code / "knowledge.yml"
    source = yamlsource.load(path, label(path))
    problems = list(active_content.check_source(source))
    out = copy.deepcopy(knowledge)
    for key, english in english_texts(knowledge).items():
        text = _lookup(source.data, key)
        if isinstance(text, str) and text.strip():
            _put(out, key, text)
        else:
            problems.append(source.problem(key, "has no text in this language",
                                           f"Add {' > '.join(key)} with its translation of: {english!r}"))
    if problems:
        raise InputError(problems)
    return out


def _keys(data: Any, key: Key = ()) -> set[Key]:
    if isinstance(data, dict):
        return {k for name, value in data.items() for k in _keys(value, (*key, str(name)))}
    return {key}


def ui_problems(code: str, locales: Path, label: Label = str) -> list[Problem]:
    """Each fixed word of the English ui.yml that the language's ui.yml lacks."""
    english = yamlsource.load(locales / SOURCE / "ui.yml", label(locales / SOURCE / "ui.yml")).data
    path = locales / code / "ui.yml"
    source = yamlsource.load(path, label(path))
    problems = list(active_content.check_source(source))
    for key in sorted(_keys(english) - _keys(source.data)):
        problems.append(source.problem(key, "has no text in this language",
                                       f"Add {'.'.join(key)} with its translation of: {_lookup(english, key)!r}"))
    return problems


def page_problems(folder: Path, docs: Path, label: Label = str) -> list[Problem]:
    """Each English page of ``docs`` that ``folder`` has no translation of."""
    return [Problem(label(folder / english.name), 1, 1, "", "this page is missing",
                    f"Translate docs/{english.name} into {label(folder)}/ (same file name)")
            for english in sorted(docs.glob("*.md")) if not (folder / english.name).is_file()]


def check(language: Language, docs: Path, locales: Path, label: Label = str) -> list[Problem]:
    """Every problem with a published language's fixed words and pages (the knowledge texts:
    see knowledge_in)."""
    if language.code == SOURCE or not (locales / language.code / "ui.yml").is_file():
        return []  # no folder at all: clinic_problems names the line in the clinic file
    try:
        return (ui_problems(language.code, locales, label)
                + page_problems(language.pages(docs, locales), docs, label))
    except InputError as err:
        return err.problems


# Clinic fields a reader sees that a clinic may give per language ({en: ..., es: ...}); the
# region's (its name, each level's action, each word) are listed by localized().
LOCALIZED = (("contact", "address"), ("contact", "hours"), ("reviewer", "role"), ("footer",), ("legal",),
             ("interests",))
SAME_IN_ALL = {("contact", "address")}  # an address may be one text for every language


def localized(clinic: dict[str, Any]) -> list[Key]:
    """Every per-language text of a clinic file whose region is whole (regions.whole_region)."""
    region = clinic.get("region") or {}
    return [*LOCALIZED, ("region", "name"), *(("region", level, "action") for level in ACTION_LEVELS),
            *(("region", level, "finder", "label") for level in ACTION_LEVELS
              if "finder" in (region.get(level) or {})),
            *(("region", "words", word) for word in region.get("words") or {})]


def clinic_problems(source: yamlsource.Source, locales: Path) -> list[Problem]:
    """Each published language that has no words, and each per-language clinic text that a
    published language lacks or that names a language the clinic does not publish (a clinic
    file that already passed its schema)."""
    data = source.data
    codes = [lang.code for lang in published(data)]
    problems = [source.problem(("languages", i), f"there are no words for '{code}' in locales/{code}/",
                               f"Create locales/{code}/ (README: Add a language), or remove '{code}'")
                for i, code in enumerate(codes) if code != SOURCE and not (locales / code / "ui.yml").is_file()]
    base = data["language"].split("-")[0]
    if codes[0] != base:
        problems.append(source.problem(("languages",), f"the first language is '{codes[0]}' but language is "
                                       f"'{data['language']}'", f"Put '{base}' first: the first language is "
                                       "published at the site root, in the language named by language"))
    for key in localized(data):
        value = _lookup(data, key)
        if value is None:  # optional, or already reported by the schema
            continue
        if isinstance(value, str):
            if len(codes) > 1 and key not in SAME_IN_ALL:
                problems.append(source.problem(key, f"is one text, but the site is published in {', '.join(codes)}",
                                               "Give it per language: " + "; ".join(f"{c}: ..." for c in codes)))
            continue
        for code in codes:
            if code not in value:
                problems.append(source.problem(key, f"has no text for '{code}'", f"Add {code}: and the text"))
        for code in value:  # text kept for a language not published (yet) is fine; a typo is not
            if code not in codes and code != SOURCE and not (locales / code / "ui.yml").is_file():
                problems.append(source.problem((*key, code), f"'{code}' is not a language this site has words for",
                                               f"Use one of: {', '.join(codes)}"))
    return problems


def clinic_in(language: Language, clinic: dict[str, Any]) -> dict[str, Any]:
    """The clinic's values in one language: each per-language text as that language's text, the
    site address of that language's pages, and who reviewed its translation (or None)."""
    out = copy.deepcopy(clinic)
    for key in localized(clinic):
        value = _lookup(out, key)
        if isinstance(value, dict):
            parent = _lookup(out, key[:-1]) if len(key) > 1 else out
            parent[key[-1]] = value[language.code]
    out["site_url"] = clinic["site_url"] + language.prefix
    if not language.root:
        out["language"] = language.code
    out["translation_reviewer"] = (clinic.get("translation_reviewers") or {}).get(language.code)
    return out
