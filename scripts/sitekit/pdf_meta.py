"""Finish a PDF from Chromium: fixed metadata (title, author, language, dates) and a content-derived
document ID, so the same input always gives the same bytes; and read back where sections start.
"""
from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .pdf_print import MissingDependency

try:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        ByteStringObject,
        DictionaryObject,
        NameObject,
        TextStringObject,
    )
except ImportError as err:  # pragma: no cover - shown to the person running the build
    raise MissingDependency(f"Python package missing ({err.name}): run `make setup`.") from err


@dataclass(frozen=True)
class DocInfo:
    """What a handout says about itself.

    >>> DocInfo("Anatomy - Clinic", "Clinic", "en-GB", "2026-11-24").pdf_date
    "D:20261124000000Z00'00'"
    """

    title: str
    author: str
    language: str
    date: str  # YYYY-MM-DD: the clinic's last review, never the clock

    @property
    def pdf_date(self) -> str:
        return "D:" + self.date.replace("-", "") + "000000Z00'00'"


def finish(pdf: bytes, info: DocInfo, producer: str) -> bytes:
    """The PDF with ``info`` as its metadata and an ID that is a hash of its content, so the same
    document gives the same bytes on every build."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.metadata = None  # drop Chromium's clock-based dates and its own producer line
    writer.add_metadata({"/Title": info.title, "/Author": info.author, "/Creator": producer,
                         "/Producer": producer, "/CreationDate": info.pdf_date,
                         "/ModDate": info.pdf_date})
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject(info.language)
    prefs = root.get("/ViewerPreferences")
    prefs = prefs.get_object() if prefs is not None else DictionaryObject()
    prefs[NameObject("/DisplayDocTitle")] = BooleanObject(True)  # viewers show the title
    root[NameObject("/ViewerPreferences")] = prefs
    placeholder = b"\x00" * 16  # written first, then replaced by a hash of everything else
    writer._ID = ArrayObject([ByteStringObject(placeholder), ByteStringObject(placeholder)])
    out = io.BytesIO()
    writer.write(out)
    data = stable_node_ids(out.getvalue())
    hole = placeholder.hex().encode()
    if data.count(hole) != 2:
        raise ValueError("the PDF's document ID was not written where it was expected")
    digest = hashlib.md5(data, usedforsecurity=False).hexdigest().encode()
    return data.replace(hole, digest)


_NODE_ID = re.compile(rb"\(node(\d{8})\)")


def stable_node_ids(pdf: bytes) -> bytes:
    """Chromium names tagged table cells after its internal DOM node numbers, which depend on what
    it printed before; renumber them 1, 2, 3... in the same order (same length, so offsets hold).

    >>> stable_node_ids(b"/ID (node00000090) /Headers [ (node00000104) ]")
    b'/ID (node00000001) /Headers [ (node00000002) ]'
    """
    numbers = sorted({int(m) for m in _NODE_ID.findall(pdf)})
    new = {n: f"{i:08d}".encode() for i, n in enumerate(numbers, start=1)}
    return _NODE_ID.sub(lambda m: b"(node" + new[int(m.group(1))] + b")", pdf)


def page_count(pdf: bytes) -> int:
    """Number of pages."""
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _bookmarks(items: list) -> Iterator[Any]:
    """Every bookmark of an outline, nested ones included, in order."""
    for item in items:
        if isinstance(item, list):
            yield from _bookmarks(item)
        else:
            yield item


def outline_pages(pdf: bytes) -> dict[str, int]:
    """First page (1-based) of each bookmark Chromium made from the headings, by title (the
    first of two with one title); a bookmark that points to no page of the file is left out."""
    reader = PdfReader(io.BytesIO(pdf))
    found: dict[str, int] = {}
    for item in _bookmarks(reader.outline):
        if (page := reader.get_destination_page_number(item)) is not None:
            found.setdefault(" ".join(str(item.title).split()), page + 1)
    return found


def pages_before(pdf: bytes, title: str, top_margin: float) -> int | None:
    """How many pages hold what comes before the last bookmark titled ``title`` (compared without
    spaces): its page, or the pages before it when the heading starts a page (its top within a few
    points of the text area's top, ``top_margin`` points below the page's top). None without it,
    or when it points at no page of this PDF."""
    reader = PdfReader(io.BytesIO(pdf))
    wanted = "".join(title.split())
    found = None
    for item in _bookmarks(reader.outline):
        if "".join(str(item.title).split()) == wanted:
            found = item
    if found is None or found.top is None:
        return None
    number = reader.get_destination_page_number(found)
    if number is None:
        return None
    text_top = float(reader.pages[number].mediabox.top) - top_margin
    return number if float(found.top) >= text_top - 6 else number + 1
