"""The rules every printed handout keeps, read back from the PDF itself (pypdf), so they hold
whatever the stylesheet or the content does.

A rule about readability fails the build wherever it is broken:

- No text smaller than the handout's type size (12 pt, or 16 pt for large print); headings larger.
  Only text inside a figure (a diagram's labels scale with it; the page says in words what it
  shows) is let off: the tagged PDF marks it /Figure.

Rules about looks are warnings in a clinic's build (a paragraph added to a page must not stop it)
and errors in the project's own tests of its shipped content (``problems``, strict):

- No heading as the last line of a page (it belongs with the text under it).
- No page, before the last of a handout, left less than 60% full (a block that would not split
  was pushed over), and no page holding only a line or two (a spilled table row or a widow).
"""
from __future__ import annotations

import io
import math
import re
import struct
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader

FILL_MIN = 0.6  # a page before the end must be filled at least this far down its text area
LINES_MIN = 3  # a page must hold at least this many lines
HEADING_RATIO = 1.15  # text this much larger than the type size is a heading


@dataclass(frozen=True)
class Span:
    """One run of text: its page (0-based), baseline height from the page's foot, size in points,
    and whether it is drawn inside a figure (a picture's labels scale with the picture)."""

    page: int
    y: float
    size: float
    text: str
    in_figure: bool = False


_TOKEN = re.compile(rb"<<|>>|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|/[^\s/\[\]<>()]+|\[|\]|"
                    rb"[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z*'\"]+")
_OPERAND = rb"<<|>>|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|/[^\s/\[\]<>()]+|\[|\]|[-+]?(?:\d+\.?\d*|\.\d+)"
# One operator with the operands before it: the stream is cut at its operators in one pass of the
# regular expression engine, and only the few operators that place text are looked at in Python.
_OPERATION = re.compile(rb"((?:\s*(?:" + _OPERAND + rb"))*)\s*([A-Za-z*'\"]+)")
_HEX_STRING = re.compile(rb"\s*<([0-9A-Fa-f\s]*)>\s*")  # Chromium's usual Tj operand, decoded without the tokenizer
_TWO_NUMBERS = re.compile(rb"\s*([-+]?(?:\d+\.?\d*|\.\d+))\s+([-+]?(?:\d+\.?\d*|\.\d+))\s*")
_TEXT_OPERATORS = frozenset((b"q", b"Q", b"cm", b"BT", b"Tf", b"Tm", b"Td", b"TD", b"TL", b"T*", b"'", b'"',
                             b"BDC", b"BMC", b"EMC", b"Tj", b"TJ"))
_CMAP_CHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_CMAP_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def _mult(a: list[float], b: list[float]) -> list[float]:
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


class _Codes(dict[int, str]):
    """A font's code to text map; a code it does not map gives no text."""

    def __missing__(self, code: int) -> str:
        return ""


def _to_unicode(font: Any) -> tuple[int, dict[int, str]]:
    """A font's code width in bytes (2 for Chromium's Identity-H fonts) and its ToUnicode map."""
    width = 2 if font.get("/Encoding") == "/Identity-H" else 1
    table = _Codes()
    if "/ToUnicode" in font:
        data = font["/ToUnicode"].get_object().get_data()
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
            for code, text in _CMAP_CHAR.findall(block):
                table[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
            for low, high, first in _CMAP_RANGE.findall(block):
                base = bytes.fromhex(first.decode()).decode("utf-16-be", "replace")
                for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                    table[code] = base[:-1] + chr(ord(base[-1]) + offset)
    return width, table


def _string_bytes(token: bytes) -> bytes:
    if token.startswith(b"<"):
        return bytes.fromhex(re.sub(rb"\s", b"", token[1:-1]).decode())
    body, out, i = token[1:-1], bytearray(), 0
    while i < len(body):
        if body[i:i + 1] == b"\\" and i + 1 < len(body):
            escape = body[i + 1:i + 2]
            out += {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}.get(escape, escape)
            i += 2
        else:
            out.append(body[i])
            i += 1
    return bytes(out)


def _operands(text: bytes) -> list[Any]:
    """An operator's operands: numbers as floats, names and strings as their bytes, arrays as lists."""
    operands: list[Any] = []
    arrays: list[list[Any]] = []
    for token in _TOKEN.findall(text):
        head = token[:1]
        if token == b"[":
            arrays.append([])
        elif token == b"]":
            done = arrays.pop() if arrays else []
            (arrays[-1] if arrays else operands).append(done)
        elif token in (b"<<", b">>") or head in b"/(<" or head in b"+-.0123456789":
            value: Any = token if head in b"/(<" or token in (b"<<", b">>") else float(token)
            (arrays[-1] if arrays else operands).append(value)
    return operands


def _page_spans(number: int, data: bytes, fonts: dict[str, tuple[int, dict[int, str]]]) -> list[Span]:
    """The text runs of one page's content stream: a small interpreter of the operators that place
    and size text (q Q cm BT Tf Tm Td TD TL T* Tj TJ ' and marked content), fast where a full parser
    is slow. Forms drawn with Do are not entered (Chromium draws its text in the page itself)."""
    found: list[Span] = []
    ctm: list[float] = [1.0, 0, 0, 1.0, 0, 0]
    stack: list[list[float]] = []
    tm = tlm = [1.0, 0, 0, 1.0, 0, 0]
    font: tuple[int, dict[int, str]] = (1, _Codes())
    size, leading = 0.0, 0.0
    marks: list[bytes] = []
    for operation in _OPERATION.finditer(data):
        op = operation.group(2)
        if op not in _TEXT_OPERATORS:
            continue
        given = operation.group(1)
        if op == b"Td" and (numbers := _TWO_NUMBERS.fullmatch(given)):  # the commonest two, quickly
            x, y = float(numbers.group(1)), float(numbers.group(2))
            tm = tlm = [tlm[0], tlm[1], tlm[2], tlm[3],
                        x * tlm[0] + y * tlm[2] + tlm[4], x * tlm[1] + y * tlm[3] + tlm[5]]
            continue
        if op == b"Tj" and (hexed := _HEX_STRING.fullmatch(given)):
            strings = [bytes.fromhex(hexed.group(1).decode())]
        else:
            args = _operands(given) if given else []
            strings = []
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop() if stack else ctm
            elif op == b"cm" and len(args) >= 6:
                ctm = _mult([float(a) for a in args[-6:]], ctm)
            elif op == b"BT":
                tm = tlm = [1.0, 0, 0, 1.0, 0, 0]
            elif op == b"Tf" and len(args) >= 2:
                font, size = fonts.get(args[-2].decode(), (1, _Codes())), float(args[-1])
            elif op == b"Tm" and len(args) >= 6:
                tm = tlm = [float(a) for a in args[-6:]]
            elif op in (b"Td", b"TD") and len(args) >= 2:
                tm = tlm = _mult([1.0, 0, 0, 1.0, float(args[-2]), float(args[-1])], tlm)
                leading = -float(args[-1]) if op == b"TD" else leading
            elif op == b"TL" and args:
                leading = float(args[-1])
            elif op in (b"T*", b"'", b'"'):
                tm = tlm = _mult([1.0, 0, 0, 1.0, 0, -leading], tlm)
            elif op in (b"BDC", b"BMC"):
                marks.append(next((a for a in args if isinstance(a, bytes) and a.startswith(b"/")), b""))
            elif op == b"EMC":
                marks = marks[:-1]
            if op in (b"Tj", b"TJ", b"'", b'"') and args:
                pieces = args[-1] if isinstance(args[-1], list) else [args[-1]]
                strings = [_string_bytes(p) for p in pieces if isinstance(p, bytes) and p[:1] in b"(<"]
        if not strings:
            continue
        width, table = font
        text = ""
        for raw in strings:
            codes = (struct.unpack(f">{len(raw) // 2}H", raw) if width == 2 and len(raw) % 2 == 0 else
                     [int.from_bytes(raw[i:i + width], "big") for i in range(0, len(raw), width)])
            text += "".join(map(table.__getitem__, codes))
        if text:  # where the run starts and its size: font size x text matrix x CTM, as _mult would give
            y = tm[4] * ctm[1] + tm[5] * ctm[3] + ctm[5]
            scale = math.hypot(tm[2] * ctm[0] + tm[3] * ctm[2], tm[2] * ctm[1] + tm[3] * ctm[3])
            found.append(Span(number, round(y, 1), round(size * scale, 2), " ".join(text.split()) or " ",
                              b"/Figure" in marks))
    return found


def spans(pdf: bytes) -> tuple[list[Span], float]:
    """Every visible text run of the PDF, with its effective size (font size x text matrix x CTM:
    Chromium scales its drawing with the CTM); and the page height in points."""
    reader = PdfReader(io.BytesIO(pdf))
    found: list[Span] = []
    maps: dict[Any, tuple[int, dict[int, str]]] = {}  # the pages share their fonts: each read once
    for number, page in enumerate(reader.pages):
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources is not None else None
        fonts = {}
        for key, value in (font_dict.get_object() if font_dict else {}).items():
            ref = getattr(value, "idnum", None)
            if ref is None or ref not in maps:
                maps[ref] = _to_unicode(value.get_object())
            fonts[str(key)] = maps[ref]
        contents = page.get_contents()
        if contents is not None:
            found += _page_spans(number, contents.get_data(), fonts)
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
    return {page: [line for line in lines if line_text(line).strip()] for page, lines in pages.items()}


def line_text(line: list[Span]) -> str:
    """A line's words: runs joined by spaces, or run together when each run is one letter (then
    the spaces are runs of their own).

    >>> line_text([Span(0, 1, 12, "Next"), Span(0, 1, 12, "part")]), line_text([Span(0, 1, 12, c) for c in "A b"])
    ('Next part', 'A b')
    """
    joiner = "" if all(len(s.text) == 1 for s in line) else " "
    return " ".join(joiner.join(s.text for s in line).split())


@dataclass(frozen=True)
class Finding:
    """One broken rule, as a located message (file, page, text); ``looks``: a rule about looks
    (a warning in a clinic's build), not about readability (always an error)."""

    message: str
    looks: bool


def _quote(line: list[Span] | None) -> str:
    return f'"{line_text(line)[:50]}"' if line else "nothing"


def findings(name: str, pdf: bytes, points: int, footer_top: float, booklet: bool = False) -> list[Finding]:
    """Every broken rule in one printed handout; ``footer_top``: the height (points from the
    page's foot) below which only the footer is drawn."""
    found, height = spans(pdf)
    out: list[Finding] = []
    for span in found:
        if span.text.strip() and span.size < points - 0.05 and not span.in_figure:
            out.append(Finding(f"{name} page {span.page + 1}: text at {span.size:g} pt, smaller than {points} pt: "
                               f'"{span.text[:50]}"', looks=False))
            break  # one is enough to point at the rule in site.css
    pages = lines_by_page(found, footer_top)
    count = max(pages) + 1 if pages else 0
    text_top = max((line[0].y for lines in pages.values() for line in lines), default=height)
    for number in range(count):
        lines = pages.get(number, [])
        where = f"{name} page {number + 1}"
        if len(lines) < LINES_MIN and not (booklet and number == count - 1 and lines):
            words = "; ".join(_quote(line) for line in lines) or "nothing"
            out.append(Finding(f"{where}: only {len(lines)} line(s) on the page (a spilled table row or a "
                               f"widow): {words}", looks=True))
            continue
        if number == count - 1:
            continue
        last = lines[-1]
        if max(s.size for s in last if s.text.strip()) >= points * HEADING_RATIO:
            out.append(Finding(f"{where}: the heading {_quote(last)} is the last line of the page", looks=True))
        filled = (text_top - last[0].y) / (text_top - footer_top)
        if not booklet and filled < FILL_MIN:
            following = next(iter(pages.get(number + 1) or []), None)
            out.append(Finding(f"{where}: the page is only {filled:.0%} full before the next page starts "
                               f"(it ends at {_quote(last)}; the next page starts at {_quote(following)})",
                               looks=True))
    return out


def problems(name: str, pdf: bytes, points: int, footer_top: float, booklet: bool = False) -> list[str]:
    """Every broken rule in one printed handout, looks and readability alike (the strict check the
    project's tests make of its own content), each as a located message: the file and page, the
    rule, and the text that breaks it (``x.pdf page 1: text at 9.0 pt, smaller than 12 pt: "Sources"``).
    """
    return [f.message for f in findings(name, pdf, points, footer_top, booklet)]
