"""The printable PDF handouts in site/handouts/: present, short, complete, linked, labelled and
reproducible. The site (with its handouts) is built once by the `built_site` fixture."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import PAGES, ROOT, page_file
from sitekit.pipeline import Paths, load_inputs

PAPER_POINTS = {"A4": (595, 842), "Letter": (612, 792)}
_HEADING = re.compile(r"<h([12])\b[^>]*>(.*?)</h\1>", re.S)


@lru_cache(maxsize=1)
def inputs():
    return load_inputs(Paths())


def clinic() -> dict:
    return inputs()[1]


def text_of(html_fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", html_fragment)).split())


def flat(text: str) -> str:
    """Text with all whitespace folded, so line and column breaks do not matter."""
    return " ".join(text.split())


def page_url(name: str) -> str:
    base = clinic()["site_url"].rstrip("/") + "/"
    return base if name == "index" else f"{base}{name}/"


def section_headings(name: str, site: Path) -> list[str]:
    """The page's h1 and h2 section headings (those with a permalink) from the built HTML."""
    source = page_file(name, site).read_text(encoding="utf-8")
    return [text_of(m.group(2).split('<a class="headerlink"')[0]) for m in _HEADING.finditer(source)
            if 'class="headerlink"' in m.group(2)]


def reader(site: Path, name: str) -> PdfReader:
    return PdfReader(site / "handouts" / f"{name}.pdf")


def pdf_text(pdf: PdfReader, page: int | None = None) -> str:
    pages = pdf.pages if page is None else [pdf.pages[page]]
    return flat(" ".join(p.extract_text() or "" for p in pages))


def link_targets(pdf: PdfReader) -> list[str]:
    found = []
    for page in pdf.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action.get_object():
                found.append(str(action.get_object()["/URI"]))
    return found


def test_every_page_has_a_handout_and_the_site_a_booklet(built_site: Path):
    """Every page of the site has a PDF handout named after it, and there is one booklet; all open."""
    for name in [*PAGES, "booklet"]:
        path = built_site / "handouts" / f"{name}.pdf"
        assert path.is_file(), f"missing {path}"
        assert len(PdfReader(path).pages) >= 1


@pytest.mark.parametrize("name", PAGES)
def test_handout_fits_two_pages_at_the_clinic_paper_size(built_site: Path, name: str):
    """A page's handout is at most two pages, each the clinic's paper size."""
    pdf = reader(built_site, name)
    assert 1 <= len(pdf.pages) <= 2, f"{name}.pdf has {len(pdf.pages)} pages"
    width, height = PAPER_POINTS[clinic()["paper"]]
    for page in pdf.pages:
        box = page.mediabox
        assert abs(float(box.width) - width) < 2 and abs(float(box.height) - height) < 2, \
            f"{name}.pdf is {box.width} x {box.height} pt, not {clinic()['paper']}"


@pytest.mark.parametrize("name", PAGES)
def test_handout_holds_the_page_its_warning_signs_and_its_clinic(built_site: Path, name: str):
    """The handout's text has the page's headings, every emergency sign, the clinic and the page's address."""
    knowledge, info = inputs()
    text = pdf_text(reader(built_site, name))
    for heading in section_headings(name, built_site):
        assert heading in text, f"{name}.pdf lacks the heading {heading!r}"
    for sign in knowledge.signs("emergency"):
        assert flat(sign.label) in text, f"{name}.pdf lacks the warning sign {sign.label!r}"
    assert flat(info["region"]["emergency"]["action"]) in text
    assert info["name"] in text
    assert page_url(name) in text.replace(" ", ""), f"{name}.pdf does not show {page_url(name)}"
    assert info["last_reviewed"] in text and info["next_review"] in text
    assert re.search(r"Page 1 of [12]\b", text), f"{name}.pdf has no page numbers"


@pytest.mark.parametrize("name", [*PAGES, "booklet"])
def test_handout_links_point_at_the_site_or_the_clinic(built_site: Path, name: str):
    """Every link in a PDF goes to the published site, a phone number, an email, or a URL the data files name."""
    knowledge, info = inputs()
    declared = {info["contact"]["booking_url"], *(s.url for s in knowledge.sources)}
    links = link_targets(reader(built_site, name))
    assert links, f"{name}.pdf has no links"
    for url in links:
        assert (url.startswith((info["site_url"], "tel:", "mailto:")) or url in declared), \
            f"{name}.pdf links to {url}"


def test_booklet_contents_match_where_each_page_starts(built_site: Path):
    """Each contents entry's page number is the booklet page where that page's title and address appear."""
    booklet = reader(built_site, "booklet")
    front = pdf_text(booklet, 0)
    counts = {name: len(reader(built_site, name).pages) for name in PAGES}
    numbers = {}
    for name in PAGES:
        title = section_headings(name, built_site)[0]
        match = re.search(re.escape(title) + r" Page (\d+)", front)
        assert match, f"the contents do not list {title!r}"
        numbers[name] = int(match.group(1))
        start = pdf_text(booklet, numbers[name] - 1)
        assert title in start and page_url(name) in start.replace(" ", ""), \
            f"{title!r} is not on booklet page {numbers[name]}"
    first = min(numbers.values())
    assert 2 <= first <= 3, "the cover and contents should take one or two pages"
    assert len(booklet.pages) == first - 1 + sum(counts.values())
    assert sorted(numbers.values()) == [numbers[n] for n in PAGES], "contents out of order"


@pytest.mark.parametrize("name", [*PAGES, "booklet"])
def test_pdf_metadata_names_the_page_clinic_and_language(built_site: Path, name: str):
    """Title (page and clinic), author, language, review-date timestamps and tags are set."""
    info = clinic()
    pdf = reader(built_site, name)
    meta = pdf.metadata
    assert info["name"] in meta.title
    if name != "booklet":
        assert section_headings(name, built_site)[0] in meta.title
    assert meta.author == info["name"]
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == info["language"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root, "not a tagged PDF"
    day = info["last_reviewed"].replace("-", "")
    assert meta["/CreationDate"].startswith(f"D:{day}") and meta["/ModDate"].startswith(f"D:{day}")


@pytest.mark.parametrize("name", [*PAGES, "booklet"])
def test_pdf_fonts_are_embedded(built_site: Path, name: str):
    """Every font the PDF uses is embedded (so it prints the same everywhere)."""
    for page in reader(built_site, name).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for key, ref in fonts.items():
            font = ref.get_object()
            if font["/Subtype"] == "/Type3":
                continue  # glyphs drawn in the PDF itself
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                f"{name}.pdf: font {font.get('/BaseFont', key)} is not embedded"


def test_every_page_links_its_handout_and_home_the_booklet(built_site: Path):
    """Each built page links its own handout, and Home links the booklet."""
    for name in PAGES:
        source = page_file(name, built_site).read_text(encoding="utf-8")
        prefix = "" if name == "index" else "../"
        assert f'href="{prefix}handouts/{name}.pdf"' in source, f"{name} does not link its handout"
    assert 'href="handouts/booklet.pdf"' in page_file("index", built_site).read_text(encoding="utf-8")


def test_handout_step_is_reproducible(built_site: Path, tmp_path: Path):
    """Running the handout step again on the same site gives byte-identical PDFs."""
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy, ignore=shutil.ignore_patterns("handouts"))
    result = subprocess.run([sys.executable, str(ROOT / "scripts/make_handouts.py"), "--site", str(copy)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    first = sorted(p.name for p in (built_site / "handouts").glob("*.pdf"))
    assert first == sorted(p.name for p in (copy / "handouts").glob("*.pdf"))
    for name in first:
        assert (built_site / "handouts" / name).read_bytes() == (copy / "handouts" / name).read_bytes(), \
            f"{name} differs between two runs"
