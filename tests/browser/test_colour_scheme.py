"""The header's colour-scheme switch (overrides/partials/palette.html, javascripts/colour-scheme.js),
in Chromium on a phone: a button the keyboard reaches, whose focus shows, named by what it does;
it follows the system's scheme until the reader chooses, keeps the choice, and is hidden without
JavaScript (the page keeps the theme's first scheme)."""
from __future__ import annotations

from helpers import page_url

PHONE = {"width": 375, "height": 740}
SWITCH = "[data-kb-scheme-switch]"
STATE = """() => { const b = document.querySelector('[data-kb-scheme-switch]');
  const shown = [...b.querySelectorAll('[data-scheme]')].filter(s => !s.hidden);
  return {scheme: document.body.getAttribute('data-md-color-scheme'), name: b.getAttribute('aria-label'),
          shown: shown.map(s => [s.dataset.scheme, s.dataset.name]),
          schemes: [...b.querySelectorAll('[data-scheme]')].map(s => [s.dataset.scheme, s.dataset.media])}; }"""


def _tab_to_switch(page) -> bool:
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('{SWITCH}')"):
            return True
    return False


def _focus_shows(page) -> bool:
    """The area around the focused switch looks different focused and blurred."""
    box = page.locator(SWITCH).bounding_box()
    clip = {"x": box["x"] - 6, "y": box["y"] - 6, "width": box["width"] + 12, "height": box["height"] + 12}
    focused = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("document.activeElement.blur()")
    blurred = page.screenshot(clip=clip, animations="disabled")
    page.locator(SWITCH).focus()
    return focused != blurred


def test_the_switch_is_a_named_button_that_keeps_the_choice(browser, site_server):
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    page = context.new_page()
    page.goto(page_url(site_server, "anatomy"), wait_until="networkidle")
    first = page.evaluate(STATE)
    (light, _), (dark, dark_media) = first["schemes"][0], first["schemes"][1]
    assert "dark" in dark_media and first["scheme"] == light  # the system's light scheme
    assert first["shown"] == [[light, first["name"]]] and first["name"]
    assert _tab_to_switch(page), "the switch is not a Tab stop"
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    assert _focus_shows(page), "the switch shows no keyboard focus"
    page.keyboard.press("Enter")
    chosen = page.evaluate(STATE)
    assert chosen["scheme"] == dark and chosen["shown"] == [[dark, chosen["name"]]] and chosen["name"] != first["name"]
    page.reload(wait_until="networkidle")
    assert page.evaluate(STATE)["scheme"] == dark  # the choice is kept
    context.close()


def test_the_switch_follows_the_system_and_needs_javascript(browser, site_server):
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    page.goto(page_url(site_server, "anatomy"), wait_until="networkidle")
    state = page.evaluate(STATE)
    assert state["scheme"] == state["schemes"][1][0]
    context.close()
    context = browser.new_context(viewport=PHONE, color_scheme="dark", java_script_enabled=False)
    page = context.new_page()
    page.goto(page_url(site_server, "anatomy"))
    assert not page.locator(SWITCH).is_visible()
    assert page.locator("body").get_attribute("data-md-color-scheme") == page.locator(
        f"{SWITCH} [data-scheme]").first.get_attribute("data-scheme")
    context.close()
