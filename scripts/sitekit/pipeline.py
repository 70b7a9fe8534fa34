"""The whole generation step: read, validate, model (``load``: the project value, once), then
render and write (``write``). ``generate`` does both; the site build (scripts/build_site.py) loads
once and hands the project to every later step."""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import sys
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
    words,
    yamlsource,
)
from .clinic_images import read_image
from .escaping import escape_markdown
from .languages import Language
from .output import write_changed
from .pages import Page, overdue_warning, read_pages
from .problems import InputError, Problem
from .project import Edition, Paths, Project
from .render import Renderer, widget_assets
from .site_config import render_site_config
from .widget_declarations import Widget, page_widgets, read_widgets

MANAGED = ["generated"]  # the folder only the build writes (every language builds from generated/<code>/docs)

__all__ = ["MANAGED", "Edition", "Paths", "Project", "generate", "load", "load_editions", "write"]


def _checked(paths: Paths) -> tuple[Any, Any, list[Problem]]:
    """Both input files, read and checked (None where unreadable), and every problem in them."""
    problems: list[Problem] = []
    knowledge = clinic = None
    label = paths.label
    try:
        knowledge = yamlsource.load(paths.knowledge, label(paths.knowledge))
        found = schema_check.check(knowledge, paths.knowledge_schema)
        problems += found or validate_knowledge.check(knowledge, paths.docs)
        problems += active_content.check_source(knowledge)
    except InputError as err:
        problems += err.problems
    try:
        clinic = yamlsource.load(paths.clinic, label(paths.clinic))
        found = schema_check.check(clinic, paths.clinic_schema)
        # Offers are checked against the treatments only when the knowledge file is sound.
        ids = [t["id"] for t in knowledge.data["treatments"]] if knowledge and not problems else None
        if not found:
            found = validate_clinic.check(clinic, paths.clinic.resolve().parent, ids)
            try:  # the region file it names, with its own values over it: one whole region
                clinic.data["region"] = regions.whole_region(clinic, paths.regions, paths.region_schema, label)
                found += languages.clinic_problems(clinic, paths.locales)
            except InputError as err:
                found += err.problems
        problems += found
        problems += active_content.check_source(clinic)
    except InputError as err:
        problems += err.problems
    return knowledge, clinic, problems


def _read_pages(folder: Path, clinic: dict[str, Any] | None, paths: Paths,
                widgets: tuple[Widget, ...]) -> tuple[list[Page], list[Problem]]:
    """A folder's pages, and every problem in them (front matter, active content)."""
    pages: list[Page] = []
    problems = active_content.check_pages(sorted(folder.glob("*.md")), paths.label)
    try:
        pages = read_pages(folder, clinic, paths.label, page_widgets(widgets))
    except InputError as err:
        problems = err.problems + problems
    return pages, problems


def _placeholder_problems(language: Language, knowledge: Any, service_words: dict[str, str],
                          paths: Paths) -> list[Problem]:
    """Each placeholder of a language's texts (knowledge, word file, pages) that is not a service
    word or that the clinic's region has no word for in that language."""
    code = language.code
    problems = placeholders.source_problems(knowledge, service_words, code) if code == languages.SOURCE else []
    files = [paths.locales / code / "ui.yml"]
    if code != languages.SOURCE:
        files.append(paths.locales / code / "knowledge.yml")
    for path in files:
        if path.is_file():
            with contextlib.suppress(InputError):  # the language's own checks name what is wrong with it
                problems += placeholders.source_problems(yamlsource.load(path, paths.label(path)),
                                                         service_words, code)
    for page in sorted(language.pages(paths.docs, paths.locales).glob("*.md")):
        problems += placeholders.page_problems(page, paths.label(page), service_words, code)
    return problems


def _words(paths: Paths, code: str) -> tuple[words.Words | None, list[Problem]]:
    """A language's word file, read now, or the problems that stop it being read."""
    try:
        return words.read(paths.locales, code, paths.label(words.ui_file(paths.locales, code))), []
    except InputError as err:
        return None, err.problems


def load_editions(paths: Paths, widgets: tuple[Widget, ...] | None = None) -> list[Edition]:
    """Every published language's edition, checked together: one InputError lists every
    problem in the YAML files, the language files and the pages, before anything is written.
    ``widgets``: the widgets' declarations, as load read them (read here when not given)."""
    widgets = read_widgets() if widgets is None else widgets
    knowledge, clinic, problems = _checked(paths)
    editions: list[Edition] = []
    tests = checker_report.load()  # the checker's patient stories and published figures, for its report
    source_words, found = _words(paths, languages.SOURCE)  # its order of kinds and groups is every language's
    problems += found
    if problems:  # the languages cannot be told yet: the pages are still read, for their own problems
        problems += _read_pages(paths.docs, None, paths, widgets)[1]
    else:
        assert source_words is not None
        for language in languages.published(clinic.data):
            problems += languages.check(language, paths.docs, paths.locales, paths.label)
            local_clinic = languages.clinic_in(language, clinic.data)
            pages, found = _read_pages(language.pages(paths.docs, paths.locales), local_clinic, paths, widgets)
            problems += found
            service_words = regions.words_in(local_clinic["region"])
            unresolved = _placeholder_problems(language, knowledge, service_words, paths)
            problems += unresolved
            own_words, found = (source_words, []) if language.code == languages.SOURCE \
                else _words(paths, language.code)
            problems += found
            try:
                data = languages.knowledge_in(language.code, knowledge.data, paths.locales, paths.label)
                if unresolved or own_words is None:
                    continue
                data = placeholders.resolve_data(data, service_words)
                # The language's words with the region's service words put in (((gp)) ...).
                own_words = dataclasses.replace(own_words, ui=placeholders.resolve_data(own_words.ui, service_words))
                k = model.build(data, own_words,
                                source_words.kind_order, source_words.sign_group_order)
                editions.append(Edition(language, k, local_clinic, pages, tests))
            except InputError as err:
                problems += err.problems
    problems += active_content.check_pages(sorted(paths.includes.glob("*.md")), paths.label)
    if problems:
        raise InputError(list(dict.fromkeys(problems)))  # a file two checks read is named once
    return editions


def load(paths: Paths) -> Project:
    """The project value: every input read and checked once (see load_editions), and the site
    config the engines build from."""
    widgets = read_widgets()
    editions = load_editions(paths, widgets)
    site_config = yamlsource.load(paths.site_config, paths.label(paths.site_config)).data
    return Project(paths, editions, site_config, widgets)


def load_all(paths: Paths) -> tuple[model.Knowledge, dict[str, Any], list[Page]]:
    """The site root's edition (the clinic's first language): knowledge, clinic values, pages."""
    root = load_editions(paths)[0]
    return root.knowledge, root.clinic, root.pages


def load_inputs(paths: Paths) -> tuple[model.Knowledge, dict[str, Any]]:
    """The site root's knowledge and clinic values, checked (see load_editions)."""
    knowledge, clinic, _ = load_all(paths)
    return knowledge, clinic


def site_configs(project: Project) -> dict[str, str]:
    """Each language's generated site config (its text), by its file name in the project."""
    paths = project.paths
    elsewhere = None if paths.out.resolve() == paths.root else paths.root
    return {e.language.config: render_site_config(project.site_config, e, project.editions, project.widgets,
                                                  elsewhere)
            for e in project.editions}


def edition_outputs(edition: Edition, project: Project) -> dict[str, str | bytes]:
    """One language's generated files, keyed by their path in the project: its snippets under its
    build root, and in its own docs folder (what the engine builds) its pages with the region's
    service words put in, docs/'s shared files and the served generated ones."""
    paths = project.paths
    root, docs = edition.language.build_root, edition.language.docs_root
    renderer = Renderer(edition.knowledge, edition.clinic, edition.pages, checker_tests=edition.checker_tests,
                        widgets=project.widgets)
    outputs: dict[str, str | bytes] = {}
    rendered: dict[str, str | bytes] = {**renderer.render_outputs(), **widget_assets(paths.docs, project.widgets)}
    for name, text in rendered.items():
        outputs[docs + name.removeprefix("docs/") if name.startswith("docs/") else root + name] = text
    for key in ("logo", "favicon"):  # only this clinic's images go into the site
        image = edition.clinic[key]
        outputs[f"{docs}generated/{key}{Path(image).suffix}"] = read_image(paths.clinic.parent, image)
    service_words = regions.words_in(edition.clinic["region"])
    for page in edition.pages:  # as the load step read them
        outputs[docs + page.file] = placeholders.resolve_page(page.text, service_words, escape_markdown)
    for shared in sorted(paths.docs.rglob("*")):
        rel = shared.relative_to(paths.docs).as_posix()
        if shared.is_file() and shared.suffix != ".md" and not rel.startswith("generated/"):
            outputs[docs + rel] = shared.read_bytes()
    return outputs


def write(project: Project) -> list[str]:
    """Render and write every published language's generated files; return those that changed."""
    for edition in project.editions:
        warning = overdue_warning(edition.pages, dt.date.today(), edition.language.code)
        if warning:
            print(f"generate: {warning}", file=sys.stderr)
    outputs: dict[str, str | bytes] = {}
    for edition in project.editions:
        outputs.update(edition_outputs(edition, project))
    outputs.update(site_configs(project))
    out = project.paths.out
    changed = write_changed(outputs, out, MANAGED)
    for stale in sorted(out.glob("mkdocs.generated.*.yml")):  # a language no longer published
        if stale.name not in outputs:
            stale.unlink()
            changed.append(stale.name)
    return changed


def generate(paths: Paths) -> list[str]:
    """Validate, render and write every published language; return the generated files that changed."""
    return write(load(paths))
