"""Reading a PDF's bookmarks back: each heading's first page."""
from __future__ import annotations

import io

from pypdf import PdfWriter
from sitekit.pdf_meta import outline_pages


def _pdf_with_bookmarks(*marks: tuple[str, int | None]) -> bytes:
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=100, height=100)
    for title, page in marks:
        writer.add_outline_item(title=title, page_number=page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_outline_pages_gives_each_bookmark_its_first_page():
    pdf = _pdf_with_bookmarks(("Start", 0), ("Two  words", 2), ("Start", 1))
    assert outline_pages(pdf) == {"Start": 1, "Two words": 3}


def test_a_bookmark_to_no_page_is_left_out():
    """A bookmark with no destination in the file has no page number; it is skipped, not added to."""
    pdf = _pdf_with_bookmarks(("Start", 0), ("Nowhere", None), ("End", 2))
    assert outline_pages(pdf) == {"Start": 1, "End": 3}
