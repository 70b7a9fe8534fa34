"""The project value: where the inputs are (``Paths``), and what the generation step made of them
(``Project``: every published language's checked ``Edition``, and the site config to build).

It is built once, from the paths, by ``pipeline.load``; every later step (writing the generated
files, the engine runs, the sitemap, the handouts) receives it and reads no input again. Only the
command-line scripts (scripts/*.py) find the project folder; the library is given the paths.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checker_report import CheckerTests
from .languages import Language
from .model import Knowledge
from .pages import Page
from .widget_declarations import Widget
from .words import Words


@dataclass(frozen=True)
class Paths:
    """Where the inputs are and where the generated files go. ``root`` is the project folder:
    messages name files relative to it."""

    root: Path
    knowledge: Path
    clinic: Path
    docs: Path
    out: Path  # generated/, mkdocs.generated*.yml go under it
    knowledge_schema: Path
    clinic_schema: Path
    region_schema: Path
    site_config: Path  # mkdocs.yml
    locales: Path  # the words of each language (ui.yml), and the other languages' texts and pages
    regions: Path  # the ready regions a clinic file may name (region: use:)
    includes: Path  # the files every page appends (the glossary)

    @classmethod
    def of(cls, root: Path, **changes: Path) -> Paths:
        """The project's usual layout under ``root``, with any path changed (e.g. another
        clinic file: ``Paths.of(root, clinic=Path("tests/fixtures/us-clinic/clinic.yml"))``)."""
        root = root.resolve()
        usual = cls(root=root, knowledge=root / "data/knowledge.yml", clinic=root / "clinic.yml",
                    docs=root / "docs", out=root, knowledge_schema=root / "data/knowledge.schema.json",
                    clinic_schema=root / "data/clinic.schema.json",
                    region_schema=root / "data/region.schema.json", site_config=root / "mkdocs.yml",
                    locales=root / "locales", regions=root / "regions", includes=root / "includes")
        return dataclasses.replace(usual, **changes)

    def label(self, path: Path) -> str:
        """A file as messages name it: from the project folder, or whole when outside it."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


@dataclass(frozen=True)
class Edition:
    """One published language, checked: the knowledge and clinic values in its words, its pages."""

    language: Language
    knowledge: Knowledge
    clinic: dict[str, Any]
    pages: list[Page]
    checker_tests: CheckerTests | None = None  # the checker's patient stories, for its report

    @property
    def words(self) -> Words:
        """Its fixed words, with the clinic region's service words put in."""
        return self.knowledge.words


@dataclass(frozen=True)
class Project:
    """Everything the build needs, read and checked once: the paths, each published language's
    edition (the site root's first) and the site config (mkdocs.yml as data)."""

    paths: Paths
    editions: list[Edition]
    site_config: dict[str, Any]
    widgets: tuple[Widget, ...]  # what each widget folder declares (widget.yml)

    @property
    def root_edition(self) -> Edition:
        """The language published at the site root (the clinic's first)."""
        return self.editions[0]

    @property
    def languages(self) -> list[Language]:
        return [edition.language for edition in self.editions]
