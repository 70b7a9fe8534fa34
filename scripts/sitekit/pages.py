"""Read what the build needs to know of each Markdown page: its address, title and review dates.

Review dates come from the page's front matter (`last_reviewed`, `next_review`) and otherwise
from the clinic file. Front matter is read as strictly as the YAML files, and every mistake in
it is named with the page file, line and key.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlsource
from .addresses import page_url
from .problems import InputError, Problem
from .widget_declarations import page_widgets, read_widgets

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*\r?\n", re.S)
TEXT_KEYS = ("title", "description", "subtitle", "template", "icon", "status")
DATE_KEYS = ("last_reviewed", "next_review")
OTHER_KEYS = ("hide", "search", "tags")  # Material's own keys, passed through untouched


@dataclass(frozen=True)
class Page:
    file: str            # e.g. "causes.md"
    url: str             # e.g. "causes/" ("" for the home page), as MkDocs and Zensical build it
    title: str
    description: str
    last_reviewed: str
    next_review: str
    text: str = field(default="", repr=False, compare=False)  # the page's Markdown, as read


def is_date(value: Any) -> bool:
    """True for a real calendar date written YYYY-MM-DD.

    >>> is_date("2026-02-28"), is_date("2026-13-45"), is_date("2026-02-29"), is_date(20261124)
    (True, False, False, False)
    """
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def front_matter(text: str, label: str,
                 widgets: tuple[str, ...] | None = None) -> tuple[dict[str, Any], list[Problem]]:
    """A page's front matter as a mapping, and the problems in it. ``widgets``: the widgets a page
    may name to load their style and script on it (the per-page ones their folders declare)."""
    widgets = page_widgets(read_widgets()) if widgets is None else widgets
    match = _FRONT_MATTER.match(text)
    if not match or not match.group(1):
        return {}, []
    source = yamlsource.parse(match.group(1), label, line_offset=1)
    meta = source.data
    if meta is None:
        return {}, []
    if not isinstance(meta, dict):
        return {}, [source.problem((), "front matter is not a set of keys",
                                   "Write it as 'key: value' lines between the two --- lines.")]
    problems = []
    for key, value in meta.items():
        if key in DATE_KEYS and not is_date(value):
            problems.append(source.problem((key,), f"'{value}' is not a real date",
                                           "Use a date that exists, as YYYY-MM-DD."))
        elif key in TEXT_KEYS and not isinstance(value, str):
            problems.append(source.problem((key,), "should be text", "Write the text after the colon."))
        elif key == "widgets" and not (isinstance(value, list) and all(w in widgets for w in value)):
            problems.append(source.problem((key,), f"'{value}' is not a list of known widgets",
                                           f"Write a list such as [checker]. Widgets: {', '.join(widgets)}."))
        elif key not in (*TEXT_KEYS, *DATE_KEYS, *OTHER_KEYS, "widgets"):
            allowed = ", ".join((*TEXT_KEYS, *DATE_KEYS, *OTHER_KEYS, "widgets"))
            problems.append(source.problem((key,), f"unknown key '{key}'",
                                           f"Check the spelling, or remove it. Keys allowed here: {allowed}."))
    return meta, problems


def read_pages(docs_dir: Path, clinic: dict | None, label: Any = str,
               widgets: tuple[str, ...] | None = None) -> list[Page]:
    """Every page of ``docs_dir``; raises one InputError listing every problem in them
    (``clinic=None``: the clinic file is broken, so the review dates are not filled in;
    ``widgets``: as for front_matter)."""
    pages, problems = [], []
    defaults = clinic or {"last_reviewed": "", "next_review": ""}
    widgets = page_widgets(read_widgets()) if widgets is None else widgets
    for path in sorted(docs_dir.glob("*.md")):
        name = label(path)
        try:
            text = yamlsource.decode(path.read_bytes(), name)
            meta, found = front_matter(text, name, widgets)
        except InputError as err:
            problems += err.problems
            continue
        problems += found
        heading = re.search(r"^# (.+?)\s*(\{[^}]*\})?\s*$", text, flags=re.M)
        pages.append(Page(
            file=path.name, url=page_url(path.name),
            title=str(meta.get("title") or (heading.group(1) if heading else path.stem)),
            description=str(meta.get("description", "")),
            last_reviewed=str(meta.get("last_reviewed", defaults["last_reviewed"])),
            next_review=str(meta.get("next_review", defaults["next_review"])), text=text))
    if problems:
        raise InputError(problems)
    return pages


def overdue(pages: list[Page], today: dt.date) -> list[Page]:
    """Pages whose next review date has passed."""
    return [p for p in pages if dt.date.fromisoformat(p.next_review) < today]


def overdue_warning(pages: list[Page], today: dt.date, language: str) -> str:
    """The build's warning naming each page of one language whose review date has passed ("" if
    none): a warning, not an error, since a site must not break on a date (the pages say it too).

    >>> overdue_warning([Page("a.md", "a/", "A", "", "2020-01-01", "2021-01-01")], dt.date(2021, 1, 2), "en")
    'warning: review overdue for en: a.md (due 2021-01-01); review the page, then update its next_review (front matter or clinic.yml)'
    """  # noqa: E501 - a doctest line that cannot be split
    late = overdue(pages, today)
    if not late:
        return ""
    names = ", ".join(f"{p.file} (due {p.next_review})" for p in late)
    return (f"warning: review overdue for {language}: {names}; review the page, then update its "
            "next_review (front matter or clinic.yml)")
