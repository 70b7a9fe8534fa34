"""Reading a PDF's bookmarks back: each heading's first page."""
from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from sitekit.pdf_meta import DocInfo, _rewritten, _rewritten_by_pypdf, finish, outline_pages


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


def _chromium_shaped_pdf() -> bytes:
    """A one-page PDF laid out as Chromium's (Skia's) are: the information dictionary first, with
    clock dates, one cross-reference table, a catalog with /Lang and viewer preferences."""
    objects = [b"<</Title (x)\n/Producer (Skia/PDF m1)\n/CreationDate (D:20991231235959+00'00')>>",
               b"<</Type /Catalog\n/Pages 3 0 R\n/ViewerPreferences <</Type /ViewerPreferences\n"
               b"/DisplayDocTitle true>>\n/Lang (en-US)>>",
               b"<</Type /Pages\n/Count 1\n/Kids [4 0 R]>>",
               b"<</Type /Page\n/Parent 3 0 R\n/MediaBox [0 0 100 100]\n/StructParents 0\n"
               b"/Tabs /S /ID (node00000090)>>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size 5\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def test_finish_rewrites_a_chromium_pdf_in_place_with_the_metadata_pypdf_would_write():
    info = DocInfo("Ciática “1” (a) - Clínica", "Clínica & Co", "es", "2026-11-24")
    raw = _chromium_shaped_pdf()
    assert _rewritten(raw, info, "maker") is not None  # the quick way was taken
    done = finish(raw, info, "maker")
    assert done == finish(raw, info, "maker")
    assert b"2099" not in done and b"Skia" not in done  # Chromium's clock and name are gone
    fast, slow = PdfReader(io.BytesIO(done)), PdfReader(io.BytesIO(_rewritten_by_pypdf(raw, info, "maker")))
    assert fast.metadata == slow.metadata
    assert fast.metadata is not None and fast.metadata.title == info.title
    for key in ("/Lang", "/ViewerPreferences"):
        assert fast.trailer["/Root"][key] == slow.trailer["/Root"][key]
    assert fast.trailer["/Root"]["/Lang"] == "es"
    digest = fast.trailer["/ID"][0]
    assert len(digest) == 16 and digest != b"\x00" * 16
    assert b"(node00000001)" in done  # Chromium's node numbers are renumbered


def test_finish_falls_back_to_pypdf_for_a_pdf_not_shaped_as_chromiums():
    info = DocInfo("T", "A", "en-GB", "2026-11-24")
    raw = _pdf_with_bookmarks(("Start", 0))
    assert _rewritten(raw, info, "maker") is None
    reader = PdfReader(io.BytesIO(finish(raw, info, "maker")))
    assert reader.metadata is not None and reader.metadata.title == "T"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert outline_pages(finish(raw, info, "maker")) == {"Start": 1}
