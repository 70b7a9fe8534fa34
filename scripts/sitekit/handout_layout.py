"""The rules every printed handout must keep, read back from the PDF itself (pypdf), so they hold
whatever the stylesheet or the content does. The build fails when one is broken.

- No text smaller than the handout's type size (12 pt, or 16 pt for large print); headings larger.
  Only the labels inside a picture (which scale with it; the page says in words what it shows)
  are let off.
- No heading as the last line of a page (it belongs with the text under it).
- No page, before the last of a handout, left less than half full (a block that would not split
  was pushed over), and no page holding only a line or two (a spilled table row or a widow).
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass

from pypdf import PdfReader

FILL_MIN = 0.7  # a page before the end must be filled at least this far down its text area
LINES_MIN = 3  # a page must hold at least this many lines
HEADING_RATIO = 1.15  # text this much larger than the type size is a heading


@dataclass(frozen=True)
class Span:
    """One run of text: its page (0-based), baseline height from the page's foot, size in points."""

    page: int
    y: float
    size: float
    text: str


def _mult(a: list[float], b: list[float]) -> list[float]:
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def spans(pdf: bytes) -> tuple[list[Span], float]:
    """Every visible text run of the PDF, with its effective size (font size x text matrix x CTM:
    Chromium scales its drawing with the CTM); and the page height in points."""
    reader = PdfReader(io.BytesIO(pdf))
    found: list[Span] = []
    for number, page in enumerate(reader.pages):
        def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float,
                  number: int = number) -> None:
            if text.strip():
                m = _mult(list(tm), list(cm))
                found.append(Span(number, round(m[5], 1), round(size * math.hypot(m[2], m[3]), 2), text.strip()))
        page.extract_text(visitor_text=visit)
    height = float(reader.pages[0].mediabox.height) if reader.pages else 0.0
    return found, height


def lines_by_page(found: list[Span], footer_top: float) -> dict[int, list[list[Span]]]:
    """The body's lines on each page, top to bottom (spans on one baseline, give or take 2 pt);
    the footer, drawn below ``footer_top``, is left out."""
    pages: dict[int, list[list[Span]]] = {}
    for span in sorted((s for s in found if s.y > footer_top), key=lambda s: (s.page, -s.y)):
        lines = pages.setdefault(span.page, [])
        if lines and abs(lines[-1][0].y - span.y) <= 2:
            lines[-1].append(span)
        else:
            lines.append([span])
    return pages


def problems(name: str, pdf: bytes, points: int, footer_top: float, picture_words: frozenset[str] = frozenset(),
             booklet: bool = False) -> list[str]:
    """Every broken rule in one printed handout, each as a located message (file, page, text);
    ``footer_top``: the height (points from the page's foot) below which only the footer is drawn;
    ``picture_words``: labels inside pictures, which scale with the picture (the size rule skips them).

    >>> problems("x.pdf", small_type_pdf, 12, 45)  # doctest: +SKIP
    ['x.pdf page 1: text at 9.0 pt, smaller than 12 pt: "Sources"']
    """
    found, height = spans(pdf)
    out: list[str] = []
    for span in found:
        if span.size < points - 0.05 and not any(span.text in words for words in picture_words):
            out.append(f'{name} page {span.page + 1}: text at {span.size:g} pt, smaller than {points} pt: "{span.text[:50]}"')
            break  # one is enough to point at the rule in print.css
    pages = lines_by_page(found, footer_top)
    count = max(pages) + 1 if pages else 0
    text_top = max((line[0].y for lines in pages.values() for line in lines), default=height)
    for number in range(count):
        lines = pages.get(number, [])
        where = f"{name} page {number + 1}"
        if len(lines) < LINES_MIN and not (booklet and number == count - 1 and lines):
            out.append(f"{where}: only {len(lines)} line(s) on the page (a spilled table row or a widow)")
            continue
        if number == count - 1:
            continue
        last = lines[-1]
        if max(s.size for s in last) >= points * HEADING_RATIO:
            out.append(f'{where}: the heading "{" ".join(s.text for s in last)[:50]}" is the last line of the page')
        filled = (text_top - last[0].y) / (text_top - footer_top)
        if not booklet and filled < FILL_MIN:
            out.append(f"{where}: the page is only {filled:.0%} full before the next page starts")
    return out
