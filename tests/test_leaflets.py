"""The condition leaflets in handouts/leaflets/ (12 pt) and handouts/large/leaflets/ (16 pt), in
every published language: one per condition of the knowledge file, at most two pages in normal
print, passing the handouts' own layout checks (type size, headings, fill), holding the condition,
its exercises and the warning signs; and each condition's section links its leaflet. Built once
by the `built_site` fixture."""
from __future__ import annotations

import functools
from pathlib import Path

from helpers import ROOT, page_file, site_languages
from pypdf import PdfReader
from sitekit import handout_layout
from sitekit.handouts import SIZES
from sitekit.leaflets import MAX_PAGES, leaflet_name
from sitekit.pipeline import Paths, load_editions
from sitekit.words import ui_for


@functools.cache
def editions() -> dict:
    """The project's editions, one per published language, validated once for these tests."""
    return {e.language.code: e for e in load_editions(Paths.of(ROOT))}


def pytest_generate_tests(metafunc):
    """Each test that takes ``lang`` runs once per language the clinic publishes (read when the
    tests are collected, not at import)."""
    if "lang" in metafunc.fixturenames:
        metafunc.parametrize("lang", list(site_languages()), scope="module")


def flat(text: str) -> str:
    return " ".join(text.split())


def leaflet(site: Path, lang: str, folder: str, condition_id: str) -> Path:
    prefix = editions()[lang].language.prefix
    return site / prefix / "handouts" / folder / f"{leaflet_name(condition_id)}.pdf"


def test_every_condition_has_a_leaflet_that_passes_the_layout_checks(built_site: Path, lang: str):
    """Normal print: at most two pages; both sizes: the handouts' layout rules (type at 12 or
    16 pt, no heading at a page's foot, no half-empty page, no stray line)."""
    edition = editions()[lang]
    for condition in edition.knowledge.conditions:
        for size in SIZES:
            path = leaflet(built_site, lang, size.folder, condition.id)
            data = path.read_bytes()
            assert handout_layout.problems(path.name, data, size.points, size.footer_top) == []
            if size.name == "normal":
                assert len(PdfReader(path).pages) <= MAX_PAGES, f"{path} runs over {MAX_PAGES} pages"


def test_a_leaflet_holds_its_condition_exercises_and_warning_signs(built_site: Path, lang: str):
    edition = editions()[lang]
    ui = ui_for(lang, ROOT / "locales")
    k = edition.knowledge
    for condition in k.conditions:
        text = flat(" ".join(p.extract_text() for p in PdfReader(leaflet(built_site, lang, "", condition.id)).pages))
        assert flat(condition.plain_name) in text and flat(condition.summary) in text
        exercises = k.exercises_for(condition.id)
        for e in exercises:
            assert flat(e.name) in text, f"{condition.id}: {e.name} missing"
        assert flat(ui["handout"]["warning_title"]) in text
        for sign in k.signs("emergency"):
            assert flat(sign.label) in text


def test_each_condition_section_links_its_leaflets(built_site: Path, lang: str):
    edition = editions()[lang]
    for condition in edition.knowledge.conditions:
        html = page_file(condition.page.removesuffix(".md"), built_site, lang).read_text(encoding="utf-8")
        for folder in ("", "large/"):
            assert f"handouts/{folder}leaflets/{condition.id}.pdf" in html
