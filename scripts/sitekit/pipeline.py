"""The whole generation step: read, validate, model, render, write (in that order, once)."""
from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import active_content, model, schema_check, validate_clinic, validate_knowledge, yamlsource
from .clinic_images import read_image
from .output import write_changed
from .pages import Page, overdue, read_pages
from .problems import InputError, Problem
from .render import Renderer, widget_assets

ROOT = Path(__file__).resolve().parents[2]
MANAGED = ["generated", "docs/generated"]  # folders only the build writes


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


def _label(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def load_inputs(paths: Paths) -> tuple[model.Knowledge, dict[str, Any]]:
    """Read and check both input files; raise one InputError listing every problem."""
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
        problems += found or validate_clinic.check(clinic, paths.clinic.resolve().parent, ids)
        problems += active_content.check_source(clinic)
    except InputError as err:
        problems += err.problems
    if problems:
        raise InputError(problems)
    assert knowledge is not None and clinic is not None
    return model.build(knowledge.data), clinic.data


def load_all(paths: Paths) -> tuple[model.Knowledge, dict[str, Any], list[Page]]:
    """Both YAML files and every page, checked together: one InputError lists every problem."""
    problems: list[Problem] = []
    knowledge = clinic = None
    try:
        knowledge, clinic = load_inputs(paths)
    except InputError as err:
        problems += err.problems
    pages: list[Page] = []
    try:
        pages = read_pages(paths.docs, clinic, _label)
    except InputError as err:
        problems += err.problems
    markdown = sorted(paths.docs.glob("*.md")) + sorted((ROOT / "includes").glob("*.md"))
    problems += active_content.check_pages(markdown, _label)
    if problems:
        raise InputError(problems)
    assert knowledge is not None and clinic is not None
    return knowledge, clinic, pages


def generate(paths: Paths = Paths()) -> list[str]:
    """Validate, render and write; return the generated files that changed."""
    knowledge, clinic, pages = load_all(paths)
    base_config = yamlsource.load(paths.site_config, _label(paths.site_config)).data
    late = overdue(pages, dt.date.today())  # a warning only: a site must not break on a date
    if late:
        names = ", ".join(f"{p.file} (due {p.next_review})" for p in late)
        print(f"generate: warning: review overdue for {names}", file=sys.stderr)
    outputs: dict[str, str | bytes] = {**Renderer(knowledge, clinic, pages).render_outputs(base_config),
                                       **widget_assets()}
    for key in ("logo", "favicon"):  # only this clinic's images go into the site
        outputs[f"docs/generated/{key}{Path(clinic[key]).suffix}"] = read_image(paths.clinic.parent, clinic[key])
    return write_changed(outputs, paths.out, MANAGED)
