"""The whole generation step: read, validate, model, render, write (in that order, once)."""
from __future__ import annotations

import contextlib
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import (
    active_content,
    checker_report,
    languages,
    model,
    placeholders,
    regions,
    schema_check,
    validate_clinic,
    validate_knowledge,
    yamlsource,
)
from .clinic_images import read_image
from .escaping import escape_markdown
from .languages import Language
from .output import write_changed
from .pages import Page, overdue_warning, read_pages
from .problems import InputError, Problem
from .render import Renderer, widget_assets
from .site_config import render_site_config

ROOT = Path(__file__).resolve().parents[2]
MANAGED = ["generated"]  # the folder only the build writes (every language builds from generated/<code>/docs)


@dataclass(frozen=True)
class Paths:
    """Where the inputs are and where the generated files go (all relative to the project)."""

    knowledge: Path = ROOT / "data/knowledge.yml"
    clinic: Path = ROOT / "clinic.yml"
    docs: Path = ROOT / "docs"
    out: Path = ROOT  # generated/, overrides/generated/ and docs/generated/ go under it
    knowledge_schema: Path = ROOT / "data/knowledge.schema.json"
    clinic_schema: Path = ROOT / "data/clinic.schema.json"
    site_config: Path = ROOT / "mkdocs.yml"
    locales: Path = ROOT / "locales"  # the words of each language other than English
    regions: Path = ROOT / "regions"  # the ready regions a clinic file may name (region: use:)


def _label(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Edition:
    """One published language, checked: the knowledge and clinic values in its words, its pages."""

    language: Language
    knowledge: model.Knowledge
    clinic: dict[str, Any]
    pages: list[Page]
    checker_tests: checker_report.CheckerTests | None = None  # the checker's patient stories, for its report


def _checked(paths: Paths) -> tuple[Any, Any, list[Problem]]:
    """Both input files, read and checked (None where unreadable), and every problem in them."""
    problems: list[Problem] = []
    knowledge = clinic = None
    try:
        knowledge = yamlsource.load(paths.knowledge, _label(paths.knowledge))
        found = schema_check.check(knowledge, paths.knowledge_schema)
        problems += found or validate_knowledge.check(knowledge, paths.docs)
        problems += active_content.check_source(knowledge)
    except InputError as err:
        problems += err.problems
    try:
        clinic = yamlsource.load(paths.clinic, _label(paths.clinic))
        found = schema_check.check(clinic, paths.clinic_schema)
        # Offers are checked against the treatments only when the knowledge file is sound.
        ids = [t["id"] for t in knowledge.data["treatments"]] if knowledge and not problems else None
        if not found:
            found = validate_clinic.check(clinic, paths.clinic.resolve().parent, ids)
            try:  # the region file it names, with its own values over it: one whole region
                clinic.data["region"] = regions.whole_region(clinic, paths.regions)
                found += languages.clinic_problems(clinic, paths.locales)
            except InputError as err:
                found += err.problems
        problems += found
        problems += active_content.check_source(clinic)
    except InputError as err:
        problems += err.problems
    return knowledge, clinic, problems


def _read_pages(folder: Path, clinic: dict[str, Any] | None) -> tuple[list[Page], list[Problem]]:
    """A folder's pages, and every problem in them (front matter, active content)."""
    pages: list[Page] = []
    problems = active_content.check_pages(sorted(folder.glob("*.md")), _label)
    try:
        pages = read_pages(folder, clinic, _label)
    except InputError as err:
        problems = err.problems + problems
    return pages, problems


def _placeholder_problems(language: Language, knowledge: Any, words: dict[str, str], paths: Paths) -> list[Problem]:
    """Each placeholder of a language's texts (knowledge, word file, pages) that is not a service
    word or that the clinic's region has no word for in that language."""
    code = language.code
    problems = placeholders.source_problems(knowledge, words, code) if code == languages.SOURCE else []
    files = [paths.locales / code / "ui.yml"]
    if code != languages.SOURCE:
        files.append(paths.locales / code / "knowledge.yml")
    for path in files:
        if path.is_file():
            with contextlib.suppress(InputError):  # the language's own checks name what is wrong with it
                problems += placeholders.source_problems(yamlsource.load(path, _label(path)), words, code)
    for page in sorted(language.pages(paths.docs, paths.locales).glob("*.md")):
        problems += placeholders.page_problems(page, _label(page), words, code)
    return problems


def load_editions(paths: Paths) -> list[Edition]:
    """Every published language's edition, checked together: one InputError lists every
    problem in the YAML files, the language files and the pages, before anything is written."""
    knowledge, clinic, problems = _checked(paths)
    editions: list[Edition] = []
    tests = checker_report.load()  # the checker's patient stories and published figures, for its report
    if problems:  # the languages cannot be told yet: the pages are still read, for their own problems
        problems += _read_pages(paths.docs, None)[1]
    else:
        for language in languages.published(clinic.data):
            problems += languages.check(language, paths.docs, paths.locales)
            local_clinic = languages.clinic_in(language, clinic.data)
            pages, found = _read_pages(language.pages(paths.docs, paths.locales), local_clinic)
            problems += found
            words = regions.words_in(local_clinic["region"])
            unresolved = _placeholder_problems(language, knowledge, words, paths)
            problems += unresolved
            try:
                data = languages.knowledge_in(language.code, knowledge.data, paths.locales)
                if unresolved:
                    continue
                data = placeholders.resolve_data(data, words)
                editions.append(Edition(language, model.build(data), local_clinic, pages, tests))
            except InputError as err:
                problems += err.problems
    problems += active_content.check_pages(sorted((ROOT / "includes").glob("*.md")), _label)
    if problems:
        raise InputError(problems)
    return editions


def load_all(paths: Paths) -> tuple[model.Knowledge, dict[str, Any], list[Page]]:
    """The site root's edition (the clinic's first language): knowledge, clinic values, pages."""
    root = load_editions(paths)[0]
    return root.knowledge, root.clinic, root.pages


def load_inputs(paths: Paths) -> tuple[model.Knowledge, dict[str, Any]]:
    """The site root's knowledge and clinic values, checked (see load_editions)."""
    knowledge, clinic, _ = load_all(paths)
    return knowledge, clinic


def edition_outputs(edition: Edition, editions: list[Edition], base_config: dict[str, Any],
                    paths: Paths) -> dict[str, str | bytes]:
    """One language's generated files, keyed by their path in the project: its snippets under its
    build root, its site config, and in its own docs folder (what the engine builds) its pages
    with the region's service words put in, docs/'s shared files and the served generated ones."""
    language, root, docs = edition.language, edition.language.build_root, edition.language.docs_root
    renderer = Renderer(edition.knowledge, edition.clinic, edition.pages, lang=language.code,
                        checker_tests=edition.checker_tests)
    outputs: dict[str, str | bytes] = {}
    for name, text in {**renderer.render_outputs(), **widget_assets()}.items():
        outputs[docs + name.removeprefix("docs/") if name.startswith("docs/") else root + name] = text
    outputs[language.config] = render_site_config(base_config, edition, editions)
    for key in ("logo", "favicon"):  # only this clinic's images go into the site
        image = edition.clinic[key]
        outputs[f"{docs}generated/{key}{Path(image).suffix}"] = read_image(paths.clinic.parent, image)
    words = regions.words_in(edition.clinic["region"])
    for page in sorted(language.pages(paths.docs, paths.locales).glob("*.md")):
        text = yamlsource.decode(page.read_bytes(), _label(page))
        outputs[docs + page.name] = placeholders.resolve_page(text, words, escape_markdown)
    for shared in sorted(paths.docs.rglob("*")):
        rel = shared.relative_to(paths.docs).as_posix()
        if shared.is_file() and shared.suffix != ".md" and not rel.startswith("generated/"):
            outputs[docs + rel] = shared.read_bytes()
    return outputs


def generate(paths: Paths = Paths()) -> list[str]:
    """Validate, render and write every published language; return the generated files that changed."""
    editions = load_editions(paths)
    base_config = yamlsource.load(paths.site_config, _label(paths.site_config)).data
    for edition in editions:
        warning = overdue_warning(edition.pages, dt.date.today(), edition.language.code)
        if warning:
            print(f"generate: {warning}", file=sys.stderr)
    outputs: dict[str, str | bytes] = {}
    for edition in editions:
        outputs.update(edition_outputs(edition, editions, base_config, paths))
    changed = write_changed(outputs, paths.out, MANAGED)
    for stale in sorted(paths.out.glob("mkdocs.generated.*.yml")):  # a language no longer published
        if stale.name not in outputs:
            stale.unlink()
            changed.append(stale.name)
    return changed
