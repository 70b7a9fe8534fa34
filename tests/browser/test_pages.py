"""Every page in real Chromium, at phone and desktop widths, in light and dark schemes:
no console error, no request to another host, and no axe-core WCAG 2.2 A/AA violation."""
from __future__ import annotations

import pytest

from helpers import PAGES, axe_violations, watch_page

VIEWS = [(375, 740, "light"), (375, 740, "dark"), (1280, 900, "light"), (1280, 900, "dark")]


def _url(base: str, name: str) -> str:
    return base if name == "index" else f"{base}{name}/"


@pytest.mark.parametrize("width,height,scheme", VIEWS, ids=[f"{w}px-{s}" for w, _, s in VIEWS])
def test_every_page_is_clean_in_the_browser(browser, site_server, width, height, scheme):
    """Per page: no console error, nothing fetched from elsewhere, no axe violation."""
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    problems = {}
    for name in PAGES:
        page = context.new_page()
        seen = watch_page(page, site_server)
        page.goto(_url(site_server, name), wait_until="networkidle")
        found = axe_violations(page) + [f"console: {e}" for e in seen["errors"]]
        found += [f"foreign request: {u}" for u in seen["foreign"]]
        if found:
            problems[name] = found
        page.close()
    context.close()
    assert problems == {}


def test_no_page_is_wider_than_a_phone(browser, site_server):
    """At 375 px nothing makes the page scroll sideways (tables stack instead of clipping)."""
    page = browser.new_page(viewport={"width": 375, "height": 740})
    wide = {}
    for name in PAGES:
        page.goto(_url(site_server, name))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            wide[name] = width
    page.close()
    assert wide == {}


def test_axe_finds_a_planted_problem(browser):
    """The axe runner reports a real violation (an image with no text alternative)."""
    page = browser.new_page()
    page.set_content('<html lang="en"><title>t</title><main><img src="data:,"></main></html>')
    assert any(v.startswith("image-alt") for v in axe_violations(page))
    page.close()
