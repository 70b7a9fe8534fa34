"""The layout rules the handout step reads back from each PDF (sitekit/handout_layout.py): each
rule is shown to catch a small printed fixture that breaks it, and to pass one that keeps it; and a
handout that breaks a rule fails the whole step, which then writes no handouts."""
from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from helpers import ROOT
from sitekit.handout_layout import problems
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


def test_a_diagrams_own_labels_may_be_smaller(printed):
    """Text inside a figure scales with the picture; the page says in words what it shows."""
    assert problems("figure.pdf", printed["figure labels"], 12, FOOTER_TOP) == []


def test_a_broken_rule_fails_the_step_and_writes_nothing(built_site: Path, tmp_path: Path):
    """Small type in one handout stops the step with status 1, a located message, and no handouts."""
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy, ignore=shutil.ignore_patterns("handouts"))
    css = copy / "generated/site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n@media print { .kb-handout-doc .kb-handout__body p "
                   "{ font-size: 9pt !important; } }\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts/make_handouts.py"), "--site", str(copy)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "index.pdf page 1: text at 9 pt, smaller than 12 pt" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (copy / "handouts").exists()
