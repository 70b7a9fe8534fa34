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
    document gives the same bytes on every build. Chromium's PDFs (one plain cross-reference table,
    a catalog that already asks viewers to show the title) have their two objects rewritten in
    place, in milliseconds; any other PDF goes through pypdf, which rewrites every object."""
    data = _rewritten(pdf, info, producer)
    if data is None:
        data = _rewritten_by_pypdf(pdf, info, producer)
    data = stable_node_ids(data)
    hole = _ID_PLACEHOLDER.hex().encode()
    if data.count(hole) != 2:
        raise ValueError("the PDF's document ID was not written where it was expected")
    digest = hashlib.md5(data, usedforsecurity=False).hexdigest().encode()
    return data.replace(hole, digest)


_ID_PLACEHOLDER = b"\x00" * 16  # written first, then replaced by a hash of everything else


def _info_dict(info: DocInfo, producer: str) -> dict[str, str]:
    return {"/Title": info.title, "/Author": info.author, "/Creator": producer, "/Producer": producer,
            "/CreationDate": info.pdf_date, "/ModDate": info.pdf_date}


def _rewritten_by_pypdf(pdf: bytes, info: DocInfo, producer: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.metadata = None  # drop Chromium's clock-based dates and its own producer line
    writer.add_metadata(_info_dict(info, producer))
    root = writer.root_object
    root[NameObject("/Lang")] = TextStringObject(info.language)
    prefs = root.get("/ViewerPreferences")
    prefs = prefs.get_object() if prefs is not None else DictionaryObject()
    prefs[NameObject("/DisplayDocTitle")] = BooleanObject(True)  # viewers show the title
    root[NameObject("/ViewerPreferences")] = prefs
    writer._ID = ArrayObject([ByteStringObject(_ID_PLACEHOLDER), ByteStringObject(_ID_PLACEHOLDER)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF = re.compile(rb"xref\s+0 (\d+)\s+")
_TRAILER = re.compile(rb"trailer\s*<<\s*/Size (\d+)\s*/Root (\d+) 0 R\s*/Info (\d+) 0 R\s*>>\s*startxref")
_CATALOG_LANG = re.compile(rb"/Lang \((?:\\.|[^\\)])*\)")


def _serialized(value: Any) -> bytes:
    out = io.BytesIO()
    value.write_to_stream(out)
    return out.getvalue()


def _rewritten(pdf: bytes, info: DocInfo, producer: str) -> bytes | None:
    """Chromium's PDF with a new information dictionary, the catalog's /Lang set and a placeholder
    ID; every other object keeps its bytes. None when the file is not laid out as Chromium
    (Skia) writes it: one cross-reference table starting at object 0, a trailer naming only
    /Size, /Root and /Info, a catalog with /Lang and viewer preferences that show the title."""
    end = _STARTXREF.search(pdf, len(pdf) - 64)
    xref_at = int(end.group(1)) if end else -1
    table = _XREF.match(pdf, xref_at) if xref_at > 0 else None
    trailer = _TRAILER.search(pdf, xref_at) if table else None
    if table is None or trailer is None:
        return None
    size, root, info_number = (int(n) for n in trailer.groups())
    rows = pdf[table.end():trailer.start()].split()
    if int(table.group(1)) != size or len(rows) != 3 * size or rows[5::3].count(b"n") != size - 1:
        return None
    offsets = {n: int(rows[3 * n]) for n in range(1, size)}
    order = sorted(offsets, key=offsets.__getitem__)
    if not order or offsets[order[0]] >= xref_at:
        return None
    bounds = dict(zip(order, [offsets[n] for n in order[1:]] + [xref_at], strict=True))
    catalog = pdf[offsets[root]:bounds[root]]
    if (b"/Type /Catalog" not in catalog or len(_CATALOG_LANG.findall(catalog)) != 1
            or b"/DisplayDocTitle true" not in catalog or info_number not in offsets):
        return None
    language = _serialized(TextStringObject(info.language))
    new_info = DictionaryObject({NameObject(k): TextStringObject(v) for k, v in _info_dict(info, producer).items()})
    replaced = {root: _CATALOG_LANG.sub(lambda _: b"/Lang " + language, catalog),
                info_number: b"%d 0 obj\n" % info_number + _serialized(new_info) + b"\nendobj\n"}
    out = bytearray(pdf[:offsets[order[0]]])
    written: dict[int, int] = {}
    for number in order:
        written[number] = len(out)
        out += replaced.get(number, pdf[offsets[number]:bounds[number]])
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % written[number]
    hole = b"<" + _ID_PLACEHOLDER.hex().encode() + b">"
    out += b"trailer\n<</Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [%s %s]>>\nstartxref\n%d\n%%%%EOF\n" % (
        size, root, info_number, hole, hole, start)
    return bytes(out)


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
