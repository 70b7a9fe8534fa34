"""Hardening: a strict Content-Security-Policy on every page, no violation while reading the
pages and using the checker, and the checker working offline from file://."""
from __future__ import annotations

import re

import pytest
from helpers import PAGES, page_file, page_url, site_languages, watch_page
from sitekit.widgets.checker import answering

REPORT_VIOLATIONS = ("document.addEventListener('securitypolicyviolation', e => "
                     "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")


def pytest_generate_tests(metafunc):
    """Every test in each language the project's clinic publishes (read at collection)."""
    if "lang" in metafunc.fixturenames:
        metafunc.parametrize("lang", list(site_languages()))


def _policy(html: str) -> str:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert match, "no Content-Security-Policy meta"
    return match.group(1)


def test_every_page_has_a_strict_policy(built_site, lang):
    """default-src 'self', no unsafe-inline for scripts, object-src none, base-uri self, no-referrer."""
    for name in PAGES:
        html = page_file(name, built_site, lang).read_text(encoding="utf-8")
        policy = dict(d.strip().split(" ", 1) for d in _policy(html).split(";"))
        assert policy["default-src"] == "'self'"
        assert "unsafe-inline" not in policy["script-src"] and "unsafe-eval" not in policy["script-src"]
        assert policy["script-src"] == "'self'"  # every script is a file: no hashes
        assert policy["object-src"] == "'none'" and policy["base-uri"] == "'self'"
        assert '<meta name="referrer" content="no-referrer">' in html
        assert html.index("Content-Security-Policy") < html.index("<script")
    headers = (built_site / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy: default-src 'self'" in headers and "Referrer-Policy: no-referrer" in headers


def test_no_violation_on_any_page_or_in_the_checker(browser, site_server, lang):
    """Visit every page and use the checker: the browser reports no CSP violation and no error."""
    page = browser.new_page()
    page.add_init_script(REPORT_VIOLATIONS)
    seen = watch_page(page, site_server)
    for name in PAGES:
        page.goto(page_url(site_server, name, lang), wait_until="networkidle")
    page.goto(page_url(site_server, "symptom-checker", lang))
    answering.answer(page, "knee-front-side", "both-legs")
    page.locator('[data-level="emergency"]').first.wait_for()
    answering.see_result(page)
    answering.start_again(page)
    page.close()
    assert seen["errors"] == [] and seen["foreign"] == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_no_violation_on_any_page_with_or_without_javascript(browser, site_server, lang, javascript):
    """Chromium reports (in its console) no CSP violation on any page, with or without script."""
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    seen = watch_page(page, site_server)
    for name in PAGES:
        page.goto(page_url(site_server, name, lang), wait_until="networkidle")
    context.close()
    assert [e for e in seen["errors"] if "Content Security Policy" in e] == []


def test_a_planted_inline_script_is_blocked(browser, site_server):
    """The policy really blocks an inline script added to a page."""
    page = browser.new_page()
    page.add_init_script(REPORT_VIOLATIONS)
    seen = watch_page(page, site_server)
    page.goto(f"{site_server}anatomy/")
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.pwned = 1';"
                  " document.body.appendChild(s); }")
    assert page.evaluate("window.pwned === undefined")
    assert any("CSP violation: script-src" in e for e in seen["errors"])
    assert any("Content Security Policy" in e for e in seen["errors"])  # Chromium's own report
    page.close()


def test_the_checker_works_offline_from_file(browser, built_site, lang):
    """Opened from disk (file://), the checker still names a patient story's condition (expected by its
    source), with no error."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file("symptom-checker", built_site, lang).as_uri())
    story = answering.a_story_that_names_a_condition()
    answering.answer_every_question(page, only=story["ticks"])
    assert page.locator("[data-condition]").first.get_attribute("data-condition") == story["expect"]["first"]
    assert errors == []
    page.close()
