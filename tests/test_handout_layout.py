"""The layout rules the handout step reads back from each PDF (sitekit/handout_layout.py): each
rule is shown to catch a small printed fixture that breaks it, and to pass one that keeps it. Type
too small fails the whole step, which then writes no handouts; a rule about looks is a warning
naming the file, page and text (an error with --strict), so an added paragraph never stops a build."""
from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from helpers import ROOT, copy_site_without_handouts
from pypdf import PdfReader
from sitekit.handout_layout import findings, problems
from sitekit.pdf_print import Printer

BASE = "https://example.org/k/"
MARGINS = {"top": "12mm", "bottom": "16mm", "left": "15mm", "right": "15mm"}
FOOTER_TOP = 16 * 72 / 25.4
LINE = "<p>Keep moving: walking and gentle exercise help most people with sciatica.</p>"

pytestmark = pytest.mark.full  # every test here prints with Chromium

FIXTURES = {
    "good": f"<h1>Title</h1>{LINE * 70}",
    "small type": f"<h1>Title</h1>{LINE * 5}<p style='font-size:9pt'>Small print.</p>",
    "heading at the foot": f"<h1>Title</h1>{LINE * 2}<div style='height:205mm'></div>"
                           f"<h2 style='font-size:20pt'>Next part</h2>{LINE * 6}",
    "half-empty page": f"<h1>Title</h1>{LINE * 8}<div style='break-before:page'>{LINE * 30}</div>",
    "lone line": f"<h1>Title</h1>{LINE * 5}<p style='break-before:page'>One line.</p>",
    "figure labels": f"<h1>Title</h1>{LINE * 3}<figure><img alt='Diagram' src='data:image/svg+xml,"
                     "%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%22100%22 height=%2240%22%3E"
                     "%3Ctext x=%220%22 y=%2220%22 font-size=%228%22%3ESacrum%3C/text%3E%3C/svg%3E'></figure>",
}


def print_fixtures(site: Path) -> dict[str, bytes]:
    out = {}
    with Printer(site, BASE) as printer:
        for name, body in FIXTURES.items():
            page = f"<!doctype html><html lang='en'><body style='font:12pt/1.4 sans-serif'>{body}</body></html>"
            out[name] = printer.pdf(f"{BASE}{name.replace(' ', '-')}.html", page, "A4",
                                    "<span style='font-size:12pt'>Footer</span>", MARGINS)
    return out


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, bytes]:
    """Each fixture printed at 12 pt on A4 by the step's own printer (in a thread of its own: the
    browser tests' Playwright may hold an asyncio loop in this one)."""
    with ThreadPoolExecutor(1) as worker:
        return worker.submit(print_fixtures, tmp_path_factory.mktemp("site")).result()


def test_a_handout_that_keeps_the_rules_passes(printed):
    assert problems("good.pdf", printed["good"], 12, FOOTER_TOP) == []


@pytest.mark.parametrize(("fixture", "message"), [
    ("small type", "text at 9 pt, smaller than 12 pt"),
    ("heading at the foot", 'the heading "Next part" is the last line of the page'),
    ("half-empty page", "full before the next page starts"),
    ("lone line", "only 1 line(s) on the page"),
])
def test_each_rule_catches_a_handout_that_breaks_it(printed, fixture: str, message: str):
    found = problems(f"{fixture}.pdf", printed[fixture], 12, FOOTER_TOP)
    assert any(message in p for p in found), found
    assert all(p.startswith(f"{fixture}.pdf page ") for p in found), "each problem names its file and page"


@pytest.mark.parametrize(("fixture", "looks"), [
    ("small type", False), ("heading at the foot", True), ("half-empty page", True), ("lone line", True)])
def test_only_type_size_is_a_rule_about_readability(printed, fixture: str, looks: bool):
    """Type size is readability (always an error); the page-break rules are about looks."""
    found = findings(f"{fixture}.pdf", printed[fixture], 12, FOOTER_TOP)
    assert found and all(f.looks == looks for f in found), found


def test_each_warning_quotes_the_text_where_it_happens(printed):
    """A half-empty page's message quotes where the page ends and where the next one starts."""
    found = problems("half.pdf", printed["half-empty page"], 12, FOOTER_TOP)
    message = next(p for p in found if "full before the next page starts" in p)
    assert message.startswith("half.pdf page 1:") and message.count('"Keep moving: walking') == 2, message


def test_a_diagrams_own_labels_may_be_smaller(printed):
    """Text inside a figure scales with the picture; the page says in words what it shows."""
    assert problems("figure.pdf", printed["figure labels"], 12, FOOTER_TOP) == []


def test_a_broken_rule_fails_the_step_and_writes_nothing(built_site: Path, tmp_path: Path):
    """Small type in one handout stops the step with status 1, a located message, and no handouts."""
    copy = copy_site_without_handouts(built_site, tmp_path / "site")
    css = copy / "generated/site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n@media print { .kb-handout-doc .kb-handout__body p "
                   "{ font-size: 9pt !important; } }\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts/make_handouts.py"), "--site", str(copy)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "index.pdf page 1: text at 9 pt, smaller than 12 pt" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (copy / "handouts").exists()


def make_handouts(site: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts/make_handouts.py"), "--site", str(site), *args],
                          cwd=ROOT, capture_output=True, text=True)


def test_a_rule_about_looks_warns_and_fails_only_when_strict(built_site: Path, tmp_path: Path):
    """A page break forced before every second-level heading (half-empty pages): the step makes
    the handouts and warns, naming file and page; with --strict it fails and writes nothing."""
    copy = copy_site_without_handouts(built_site, tmp_path / "site")
    css = copy / "generated/site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n@media print { .kb-handout-doc .kb-handout__body h2 "
                   "{ break-before: page !important; } }\n", encoding="utf-8")
    warned = make_handouts(copy, "--pages", "index")
    assert warned.returncode == 0, warned.stderr
    assert "handouts: warning:" in warned.stderr and "index.pdf page " in warned.stderr, warned.stderr
    assert (copy / "handouts/index.pdf").is_file() and "Traceback" not in warned.stderr
    shutil.rmtree(copy / "handouts")
    strict = make_handouts(copy, "--pages", "index", "--strict")
    assert strict.returncode == 1 and "index.pdf page " in strict.stderr, strict.stderr
    assert "Traceback" not in strict.stderr and not (copy / "handouts").exists()


def test_two_sentences_added_to_pages_still_make_their_handouts(built_site: Path, tmp_path: Path):
    """Two sentences added after the first paragraph of a page with tables and boxes (everything
    after moves down): the handout step still succeeds, at most with warnings. (One page: each
    page's handout is made by the same step, and the build runs it on every page.)"""
    from sitekit.paper_html import parse

    copy = copy_site_without_handouts(built_site, tmp_path / "site")
    pages = ["treatments"]
    sentences = ("<p>Our clinic added these two sentences to show that an edit never stops the build. "
                 "Ask us at your next visit if anything here is unclear.</p>")
    for name in pages:
        path = copy / name / "index.html"
        tree = parse(path.read_text(encoding="utf-8"))
        content = tree.find(lambda n: n.has("data-kb-page-content"))
        first = content.find(lambda n: n.tag == "p") if content else None
        assert first is not None and first.parent is not None
        first.parent.children.insert(first.parent.children.index(first) + 1, sentences)
        path.write_text(tree.outer_html(), encoding="utf-8")
    result = make_handouts(copy, "--pages", *pages)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    text = "".join(p.extract_text() or "" for p in PdfReader(copy / "handouts/treatments.pdf").pages)
    assert "two sentences" in " ".join(text.split())
