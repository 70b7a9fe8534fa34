"""Hostile strings in every text field of both YAML files, built once and opened in Chromium:
no dialog, no Content-Security-Policy violation, no markup made from text, and each string shown
literally (escaped exactly once) where it belongs, in the pages and in the PDF text."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import strings
import yaml
from helpers import PAGES, ROOT, copy_project, serve
from sitekit.widgets.checker import answering

MARKER = re.compile(r"Zq\d{3}")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict[str, str], dict]:
    """(site, {marker: text placed}, the poisoned clinic data, the markers of the fields the site
    does not show), from one build."""
    project = tmp_path_factory.mktemp("hostile") / "project"
    copy_project(project)
    placed = strings.poison(project)
    unshown = strings.unshown(project)
    # The pages without PDFs (hostile text makes every handout long); one page's are made below.
    result = subprocess.run([sys.executable, "scripts/build_site.py", "--no-handouts"], cwd=project,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    clinic = yaml.safe_load((project / "clinic.yml").read_text(encoding="utf-8"))
    return project / "site", placed, clinic, unshown


class _Texts(HTMLParser):
    """Every text node and attribute value of a page (entities decoded), and its JSON data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.json: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag, attrs):
        self.texts += [value for _, value in attrs if value]
        self._script = dict(attrs).get("type") if tag == "script" else None

    def handle_data(self, data):
        if self._script is None:
            self.texts.append(data)
        elif "json" in self._script:
            self.json.append(data)

    def handle_endtag(self, tag):
        self._script = None


def _json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return []


def _found(site: Path) -> dict[str, list[str]]:
    """Each marker seen in the built pages, with the text that follows it where it is seen."""
    seen: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Texts()
        parser.feed(path.read_text(encoding="utf-8"))
        texts = parser.texts + [s for data in parser.json for s in _json_strings(json.loads(data))]
        for text in texts:
            for match in MARKER.finditer(text):
                seen.setdefault(match.group(0), []).append(text[match.start():])
    return seen


def test_every_string_is_shown_literally(hostile):
    """Every field's string reaches the pages, and wherever it is seen it is the literal text:
    not escaped twice (&amp;amp;), not turned into markup (the text would be cut at a tag)."""
    site, placed, _, unshown = hostile
    seen = _found(site)
    assert set(placed) - unshown - set(seen) == set(), "fields not shown anywhere"
    assert len(set(placed) - unshown) > 150
    wrong = {m: t[:60] for m, texts in seen.items() for t in texts if not t.startswith(placed[m])}
    assert wrong == {}


def test_no_markup_and_no_template_code_ran(hostile):
    site, _, _, _ = hostile
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        assert "<b>bold</b>" not in html and "<img src=x" not in html and "<img src=\"x\"" not in html, path
        assert not re.search(r"Zq\d{3} 49\b", html), f"{path}: template code was run"


@pytest.fixture(scope="module")
def server(hostile):
    with serve(hostile[0]) as url:
        yield url


def _open(browser, url: str):
    page = browser.new_page()
    events: dict[str, list[str]] = {"dialogs": [], "errors": []}
    page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    page.on("console", lambda m: m.type == "error" and events["errors"].append(m.text))
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    page.goto(url)
    return page, events


@pytest.mark.parametrize("name", PAGES)
def test_pages_in_chromium(browser, server, hostile, name):
    """No dialog, no CSP violation, no script error; on the checker, every box ticked too."""
    page, events = _open(browser, server + ("" if name == "index" else f"{name}/"))
    if name == "symptom-checker":
        # Every question, as a reader goes through them: first the answers about the pain only
        # (the result names conditions), then every answer (the warning signs' result).
        for only in (answering.symptom_ids(page), None):
            answering.start_again(page)
            assert answering.answer_every_question(page, only)
            text = page.inner_text("body")
            placed = hostile[1]
            shown = {m: text[i:] for m in placed for i in [text.find(m)] if i >= 0}
            assert shown and all(t.startswith(placed[m]) for m, t in shown.items())
    csp = page.evaluate("window.__csp")
    page.close()
    assert (events["dialogs"], events["errors"], csp) == ([], [], [])


def test_clinic_values_where_they_belong(browser, server, hostile):
    """Each clinic value once, literally, in its place on a page."""
    _, _placed, clinic, _ = hostile
    page, _ = _open(browser, server + "causes/")
    name = clinic["name"]
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    title = next(label for item in nav for label, file in item.items() if file == "causes.md")  # the nav's words
    assert page.title() == f"{title} - Sciatica and knee pain - {name}"
    assert page.get_attribute('meta[name="author"]', "content") == name
    assert page.text_content(".kb-print-header__name") == name
    assert page.inner_text(".md-copyright__highlight") == clinic["footer"]
    notice = page.inner_text(".kb-example-notice")
    assert notice.count(name) == 1
    review = page.inner_text(".kb-page-review")
    assert f"Published by {name}. Medical review by {clinic['reviewer']['name']}, {clinic['reviewer']['role']}." in review  # noqa: E501
    copyright_text = page.inner_text(".md-copyright")
    assert copyright_text.count(clinic["contact"]["address"]) == 1 and copyright_text.count(clinic["legal"]) == 1
    assert page.get_attribute('.md-copyright a[href^="mailto:"]', "href") == "mailto:first.last%2Bknee@example.org"
    data = json.loads(page.text_content('script[type="application/ld+json"]'))
    assert data["publisher"]["name"] == name and data["reviewedBy"]["jobTitle"] == clinic["reviewer"]["role"]
    page.close()


def test_pdf_text_is_literal(hostile):
    """The handouts' text has the clinic's strings as typed: an & stays one &."""
    from pypdf import PdfReader

    site, _, clinic, _ = hostile
    result = subprocess.run([sys.executable, "scripts/make_handouts.py", "--site", "site", "--pages", "causes"],
                            cwd=site.parent, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(site / "handouts/causes.pdf")
    # Lines break anywhere in a PDF: compare without spaces.
    text = "".join("".join((p.extract_text() or "").split()) for p in reader.pages)
    # PDF text comes out in visual order: compare up to the right-to-left override.
    urgent, name = (clinic["region"]["urgent"]["action"].split(" ~ \u202e")[0],
                    clinic["name"].split(" ~ \u202e")[0])
    assert urgent.endswith("Smith & Jones &amp; co") and "".join(urgent.split()) in text
    assert "".join(name.split()) in text and "&amp;amp;" not in text
