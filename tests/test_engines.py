"""Ready for Zensical: the same site built with Zensical (no hooks run) has the same pages,
generated tables and checker data as the MkDocs build, every link resolves, and the checker
works. Differences on purpose are listed in expected_differences (and in the README)."""
from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from helpers import PAGES, copy_project, page_file, read_clinic, serve, site_languages
from sitekit.widgets.checker import answering
from test_site_links import _broken_links


# Files only one engine writes (theme bundles in assets/ differ too and are not compared):
# Zensical always writes a search index, in each language (search is off in MkDocs). The
# sitemap (and its .gz) is the build's own, for every language, whichever the engine.
def expected_differences(engine: str) -> set[str]:
    translations = [code for code, prefix in site_languages().items() if prefix]
    return {"mkdocs": set(), "zensical": {"search.json", *(f"{code}/search.json" for code in translations)}}[engine]
# A page's content: from its title to the review block the theme adds after it (both engines'
# themes differ around it: skip link, handout link). Blank lines are not compared.
_CONTENT = re.compile(r"<h1.*?(?=<aside class=\"kb-page-review)", re.S)
_ADDRESS = re.compile(r'(href|src)="([^"]*)"')


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory, built_project) -> Path:
    """The site built by `scripts/build_site.py --engine zensical --no-handouts` (hardened), from a
    copy of the MkDocs build's scratch project (Zensical writes inside its project, and the MkDocs
    one is shared by the tests). The handouts are made from the built pages by the same step for
    either engine; test_handouts.py checks them on the MkDocs build."""
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project", built_project)
    if not (project / ".venv-zensical/bin/zensical").is_file():
        pytest.fail("Zensical is not installed: run `make test`, which sets up .venv-zensical.")
    out = project.parent / "site"
    result = subprocess.run([sys.executable, "scripts/build_site.py", "--engine", "zensical",
                             "--out", str(out), "--no-handouts"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*")
            if p.is_file() and not re.match(r"([a-z]{2}/)?(assets|handouts)/", p.relative_to(site).as_posix())}


def test_same_pages_and_files(built_site, zensical_site):
    """Both engines write the same pages and assets of ours, but for their search index."""
    assert "symptom-checker/index.html" in _files(built_site)
    mkdocs_only = _files(built_site) - _files(zensical_site)
    zensical_only = _files(zensical_site) - _files(built_site)
    assert (mkdocs_only, zensical_only) == (expected_differences("mkdocs"), expected_differences("zensical"))


def _content(site: Path, name: str) -> list[str]:
    """The page's content lines, each link and source written as the address it resolves to (the
    engines may write one link two ways: ./#x and ../when-to-get-help/#x on that page; and their
    autoescape writes a / in an attribute as / or as &#x2f;, which a browser reads alike)."""
    page = page_file(name, site)
    found = _CONTENT.search(page.read_text(encoding="utf-8"))
    assert found, f"{name}: no <h1> followed by the review block"
    here = "/" + page.relative_to(site).as_posix()
    resolve = lambda m: f'{m.group(1)}="' + urljoin(here, html.unescape(m.group(2))) + '"'  # noqa: E731
    return [_ADDRESS.sub(resolve, line) for line in found.group(0).splitlines() if line.strip()]


@pytest.mark.parametrize("name", PAGES)
def test_same_page_content(built_site, zensical_site, name):
    """Each page's content (generated tables, boxes, checker data and links included) is the
    same in both builds, line for line."""
    assert _content(built_site, name) == _content(zensical_site, name)


def test_page_content_comparison_can_fail(built_site, tmp_path):
    """A changed link target or a missing line is seen (so the test above can fail)."""
    copy = tmp_path / "site"
    page = page_file("causes", copy)
    page.parent.mkdir(parents=True)
    text = page_file("causes", built_site).read_text(encoding="utf-8")
    assert 'href="../treatments/#' in text
    page.write_text(text.replace('href="../treatments/#', 'href="../about/#', 1), encoding="utf-8")
    assert _content(built_site, "causes") != _content(copy, "causes")


def test_every_link_resolves_in_the_zensical_build(zensical_site):
    """Links and anchors of the Zensical build resolve too (but the handout PDFs, which this build
    leaves out in every language: the MkDocs build's link test covers them)."""
    left_out = re.compile(r"\(no file ([a-z]{2}/)?handouts/[^)]*\.pdf\)$")
    assert [b for b in _broken_links(zensical_site, read_clinic()["site_url"]) if not left_out.search(b)] == []


def test_checker_scenarios_in_the_zensical_build(browser, zensical_site):
    """Patient stories name the condition their sources expect, and an emergency sign alerts."""
    with serve(zensical_site) as url:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{url}symptom-checker/")
        for story in answering.stories_that_name_a_condition(3):
            answering.start_again(page)
            answering.answer_every_question(page, only=story["ticks"])
            assert page.locator("[data-condition]").first.get_attribute("data-condition") == story["expect"]["first"]
        answering.start_again(page)
        answering.answer(page, answering.an_emergency_sign(page))
        assert page.locator('[data-level="emergency"]').first.is_visible()
        assert errors == []
        page.close()
