"""Ready for Zensical: the same site built with Zensical (no hooks run) has the same pages,
generated tables and checker data as the MkDocs build, every link resolves, and the checker
works. Differences on purpose are listed in EXPECTED_DIFFERENCES (and in the README)."""
from __future__ import annotations

import functools
import http.server
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers import PAGES, ROOT, page_file
from test_site_links import _broken_links

# Files only one engine writes (theme bundles in assets/ differ too and are not compared):
# MkDocs also gzips the sitemap; Zensical always writes a search index (search is off in MkDocs).
EXPECTED_DIFFERENCES = {
    "mkdocs": {"sitemap.xml.gz"},
    "zensical": {"search.json"},
}
_TABLE = re.compile(r'<div class="kb-table[^"]*" id="[^"]+">.*?</table>', re.S)
_DATA = re.compile(r"<script type=\"application/json\" data-sc-data[^>]*>(.*?)</script>", re.S)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory, built_site) -> Path:
    """The site built by `scripts/build_site.py --engine zensical` (handouts and hardening too)."""
    if not (ROOT / ".venv-zensical/bin/zensical").is_file():
        pytest.fail("Zensical is not installed: run `make test`, which sets up .venv-zensical.")
    out = tmp_path_factory.mktemp("zensical") / "site"
    result = subprocess.run([sys.executable, "scripts/build_site.py", "--engine", "zensical",
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).as_posix().startswith("assets/")}


def test_same_pages_and_files(built_site, zensical_site):
    """Both engines write the same pages, handouts and assets of ours, but for their search index."""
    mkdocs_only = _files(built_site) - _files(zensical_site)
    zensical_only = _files(zensical_site) - _files(built_site)
    assert (mkdocs_only, zensical_only) == (EXPECTED_DIFFERENCES["mkdocs"], EXPECTED_DIFFERENCES["zensical"])


@pytest.mark.parametrize("name", PAGES)
def test_same_generated_tables_and_checker_data(built_site, zensical_site, name):
    """The generated tables and the checker's data are the same, byte for byte."""
    ours = page_file(name, built_site).read_text(encoding="utf-8")
    theirs = page_file(name, zensical_site).read_text(encoding="utf-8")
    assert _TABLE.findall(ours) == _TABLE.findall(theirs)
    assert _DATA.findall(ours) == _DATA.findall(theirs)
    for marker in ("Where to get help", "Page last reviewed", "application/ld+json",
                   "Content-Security-Policy", "generated/clinic.css"):
        assert (marker in ours) == (marker in theirs), marker


def test_generated_tables_are_present(zensical_site):
    """The comparison has something to compare: tables and checker data are in the pages."""
    assert len(_TABLE.findall(page_file("mimics", zensical_site).read_text(encoding="utf-8"))) == 1
    assert _DATA.findall(page_file("symptom-checker", zensical_site).read_text(encoding="utf-8"))


def test_every_link_resolves_in_the_zensical_build(zensical_site):
    """Links and anchors of the Zensical build resolve too."""
    assert _broken_links(zensical_site) == []


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


SCENARIOS = [
    (["knee-front-side", "spreads-from-back", "numbness"], "l4-radiculopathy"),
    (["groin-hip", "front-thigh"], "l3-radiculopathy"),
    (["burning", "around-kneecap", "worse-stairs"], "patellofemoral-pain"),
]


def test_checker_scenarios_in_the_zensical_build(browser, zensical_site):
    """The article's scenarios rank the same first condition, and an emergency sign alerts."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(zensical_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/symptom-checker/")
        for ticks, first in SCENARIOS:
            page.click('[data-module="symptom-checker"] button[type="reset"]')
            for tick in ticks:
                page.check(f'input[value="{tick}"]')
            assert page.locator("[data-condition]").first.get_attribute("data-condition") == first
        page.check('input[value="bladder"]')
        assert page.locator('[data-level="emergency"]').first.is_visible()
        assert errors == []
        page.close()
    finally:
        server.shutdown()
        server.server_close()
