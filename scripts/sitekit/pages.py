"""Read what the build needs to know of each Markdown page: its address, title and review dates.

Review dates come from the page's front matter (`last_reviewed`, `next_review`) and otherwise
from the clinic file.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass(frozen=True)
class Page:
    file: str            # e.g. "causes.md"
    url: str             # e.g. "causes/" ("" for the home page), as MkDocs and Zensical build it
    title: str
    description: str
    last_reviewed: str
    next_review: str


def page_url(file: str) -> str:
    """The built page's address relative to the site root.

    >>> page_url("index.md"), page_url("causes.md")
    ('', 'causes/')
    """
    return "" if file == "index.md" else file[: -len(".md")] + "/"


def read_pages(docs_dir: Path, clinic: dict) -> list[Page]:
    pages = []
    for path in sorted(docs_dir.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = _FRONT_MATTER.match(text)
        meta = (yaml.safe_load(match.group(1)) or {}) if match else {}
        heading = re.search(r"^# (.+?)\s*(\{[^}]*\})?\s*$", text, flags=re.M)
        pages.append(Page(
            file=path.name, url=page_url(path.name),
            title=str(meta.get("title") or (heading.group(1) if heading else path.stem)),
            description=str(meta.get("description", "")),
            last_reviewed=str(meta.get("last_reviewed", clinic["last_reviewed"])),
            next_review=str(meta.get("next_review", clinic["next_review"]))))
    return pages


def overdue(pages: list[Page], today: dt.date) -> list[Page]:
    """Pages whose next review date has passed."""
    return [p for p in pages if dt.date.fromisoformat(p.next_review) < today]
