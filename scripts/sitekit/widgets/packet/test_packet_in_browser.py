"""The packet builder on the built Leaflets page, as staff use it (Playwright + Debian's Chromium):
tick two leaflets and two exercises, type a note, print to PDF, and find each of them and the note
in the PDF's text, the warning signs once, and no request to another host. Without JavaScript the
page lists a link to every leaflet PDF. Names and texts come from the knowledge file."""
from __future__ import annotations

import io
from urllib.parse import urlparse

import pytest
from helpers import ROOT
from pypdf import PdfReader
from sitekit.words import ui_for

NOTE = "Do 2 sets a day & come back on 3 March <b>not bold</b>"


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def edition(shipped_editions):
    """The site root's edition of the project the site is built from."""
    return shipped_editions[0]


@pytest.fixture
def leaflets_page(browser, site_server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.add_init_script("window.print = function () { window.__printed = (window.__printed || 0) + 1; };")
    page.goto(site_server + "leaflets/")
    yield page, requests, site_server
    context.close()


def test_two_leaflets_two_exercises_and_a_note_reach_the_pdf(leaflets_page, edition):
    K = edition.knowledge
    page, requests, base = leaflets_page
    conditions, exercises = K.conditions_in_order[-2:], K.exercises[:2]
    for value in [f"leaflet-{c.id}" for c in conditions] + [f"exercise-{e.id}" for e in exercises]:
        page.check(f'input[name=piece][value="{value}"]')
    page.fill("#kb-packet-note", NOTE)
    page.click("form[data-kb-packet] button[type=submit]")
    assert page.evaluate("window.__printed") == 1
    pdf = page.pdf(format=edition.clinic["paper"])
    text = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    for c in conditions:
        assert flat(c.plain_name) in text and flat(c.summary) in text
    for e in exercises:
        assert flat(e.name) in text and flat(e.steps[0]) in text
    assert NOTE in text  # as typed: the note is text, never markup
    warning = ui_for(edition.language.code, ROOT / "locales")["handout"]["warning_title"]
    assert text.count(flat(warning)) == 1
    others = [c for c in K.conditions if c not in conditions]
    assert not any(flat(c.summary) in text for c in others)  # what was not ticked stays off paper
    hosts = {urlparse(u).netloc for u in requests if urlparse(u).scheme in ("http", "https")}
    assert hosts == {urlparse(base).netloc}


def test_printing_with_nothing_ticked_says_so(leaflets_page, edition):
    page, _requests, _base = leaflets_page
    page.click("form[data-kb-packet] button[type=submit]")
    assert page.evaluate("window.__printed") is None
    status = page.locator("[data-kb-packet-status]").inner_text()
    assert status == ui_for(edition.language.code, ROOT / "locales")["packet"]["none_chosen"]


def test_without_javascript_the_page_links_every_leaflet(browser, site_server, edition):
    K = edition.knowledge
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server + "leaflets/")
    assert not page.locator("form[data-kb-packet]").is_visible()
    hrefs = page.eval_on_selector_all("a[type='application/pdf']", "els => els.map(a => a.getAttribute('href'))")
    for c in K.conditions:
        assert any(h.endswith(f"handouts/leaflets/{c.id}.pdf") for h in hrefs), c.id
    context.close()


def test_works_offline_from_a_saved_copy(browser, built_site, edition):
    """Opened from the files (file://, no server, no network), the builder still makes a packet."""
    K = edition.knowledge
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.add_init_script("window.print = function () {};")
    page.goto((built_site / "leaflets" / "index.html").as_uri())
    condition = K.conditions_in_order[0]
    page.check(f'input[name=piece][value="leaflet-{condition.id}"]')
    text = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages))
    assert flat(condition.summary) in text
    context.close()
