"""Every page, in every published language, in real Chromium, at phone and desktop widths, in
light and dark schemes: no console error, no request to another host, and no axe-core WCAG 2.2
A/AA violation. The keyboard reaches every page's language switch, and it leads to the same page
in the other language and back."""
from __future__ import annotations

import contextlib

from helpers import PAGES, axe_violations, page_path, page_url, site_languages, watch_page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

VIEWS = [(375, 740, "light"), (1280, 900, "dark")]
# A translation shares the first language's templates and styles: what differs is its words (their
# length, the lang attribute). So the first language is swept at a phone in light and a desktop in
# dark, and each translation at the other two (a phone in dark, a desktop in light): every view
# and every language once, at half the time of all four views in each.
TRANSLATION_VIEWS = [(375, 740, "dark"), (1280, 900, "light")]


def pytest_generate_tests(metafunc):
    """Each test's runs, from the languages the project's clinic publishes (read when the tests
    are collected, never at import): the first language, then each translation."""
    first, *translations = site_languages()
    test = metafunc.function.__name__
    if test == "test_every_page_is_clean_in_the_browser":
        sweeps = [(first, *view) for view in VIEWS] + [(lang, *view) for lang in translations
                                                       for view in TRANSLATION_VIEWS]
        metafunc.parametrize("lang,width,height,scheme", sweeps, ids=[f"{lang}-{w}px-{s}" for lang, w, _, s in sweeps])
    elif test == "test_keyboard_walk_every_page":
        walks = [(first, *view) for view in WALK_VIEWS] + [(lang, *WALK_VIEWS[0]) for lang in translations]
        metafunc.parametrize("lang,width,height", walks, ids=[f"{lang}-{w}px" for lang, w, _ in walks])
    elif test == "test_the_language_switch_leads_to_the_same_page_and_back":
        metafunc.parametrize("lang", translations)


def test_every_page_is_clean_in_the_browser(browser, site_server, lang, width, height, scheme):
    """Per page: no console error, nothing fetched from elsewhere, no axe violation."""
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    problems = {}
    for name in PAGES:
        page = context.new_page()
        seen = watch_page(page, site_server)
        page.goto(page_url(site_server, name, lang), wait_until="networkidle")
        found = axe_violations(page) + [f"console: {e}" for e in seen["errors"]]
        found += [f"foreign request: {u}" for u in seen["foreign"]]
        if found:
            problems[name] = found
        page.close()
    context.close()
    assert problems == {}


def test_no_page_is_wider_than_a_phone(browser, site_server):
    """At 375 px nothing makes a page, in any language, scroll sideways (tables stack instead of
    clipping; longer words in a translation wrap)."""
    page = browser.new_page(viewport={"width": 375, "height": 740})
    wide = {}
    for path in [page_path(name, lang) for lang in site_languages() for name in PAGES]:
        page.goto(site_server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            wide[path or "/"] = width
    page.close()
    assert wide == {}


def test_axe_finds_a_planted_problem(browser):
    """The axe runner reports a real violation (an image with no text alternative)."""
    page = browser.new_page()
    page.set_content('<html lang="en"><title>t</title><main><img src="data:,"></main></html>')
    assert any(v.startswith("image-alt") for v in axe_violations(page))
    page.close()


# Where the focused element is, and whether it is what the reader sees at that spot. A hidden
# input (Material's colour-scheme switch) shows its focus on its label, so the label counts.
_FOCUS_INFO = """(switchSelector) => {
  const a = document.activeElement;
  if (!a || a === document.body) return null;
  // Material's hidden radio shows its focus on the label right after it (the visible switch).
  const hiddenInput = a.tagName === 'INPUT' && a.getBoundingClientRect().height < 2;
  const next = a.nextElementSibling;
  const seen = hiddenInput && next && next.tagName === 'LABEL' && !next.hidden ? next
             : hiddenInput && a.labels && a.labels.length ? a.labels[0] : a;
  const r = seen.getBoundingClientRect();
  const s = getComputedStyle(seen);
  const x = Math.min(Math.max(r.left + Math.min(r.width / 2, 8), 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {what: a.tagName + '.' + (a.className || '').toString().split(' ')[0] + ' "' +
                (a.getAttribute('aria-label') || a.textContent || a.id || '').trim().slice(0, 40) + '"',
          inDrawer: !!a.closest('.md-sidebar--primary') && !document.getElementById('__drawer').checked,
          inside: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 &&
                  r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1,
          isSwitch: !!switchSelector && a.matches(switchSelector),
          shown: s.visibility === 'visible' && s.opacity !== '0',
          onTop: !!top && (seen.contains(top) || top.contains(seen) || (a.labels && [...a.labels].some(l => l.contains(top))))};
}"""  # noqa: E501 - a doctest or script line that cannot be split
TABS_PER_PAGE = 45  # enough to pass the header, the drawer and well into each page's content
WALK_VIEWS = [(375, 740), (640, 450)]  # a phone, and a 1280 x 900 window at 200% zoom
# Every language's pages on a phone; the first language's also zoomed (same templates and styles):
# the runs are made in pytest_generate_tests.
SWITCH = "nav.kb-language a"


def _focus_changes_pixels(page) -> bool:
    """Whether the focused element looks different focused and not (a focus ring, or a change of
    colour): the area around it, shot focused and then blurred. Tab goes on from it."""
    left, top, right, bottom = page.evaluate(
        "() => { const r = document.activeElement.getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; }")
    view = page.viewport_size
    x, y = max(left - 8, 0), max(top - 8, 0)
    clip = {"x": x, "y": y, "width": min(right + 8, view["width"]) - x, "height": min(bottom + 8, view["height"]) - y}
    focused = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("document.activeElement.blur()")
    return page.screenshot(clip=clip, animations="disabled") != focused


def _settle(page, most_ms: int = 1000) -> None:
    """Wait until the focused element is in view, shown and on top, or ``most_ms`` have passed
    (a smooth scroll or a fade-in takes a few frames, more on a busy machine running two test
    workers; a stop that stays hidden costs the time, and a passing walk has none)."""
    ready = f"() => {{ const i = ({_FOCUS_INFO})({SWITCH!r}); return !i || (i.shown && i.inside && i.onTop); }}"
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(ready, timeout=most_ms, polling="raf")


def _walk(page, url: str, label: str) -> list[str]:
    """Tab through one page: each stop's problems, and a problem if the language switch is not a
    stop or shows no change when focused."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    problems, switch_seen = [], False
    for step in range(TABS_PER_PAGE):
        page.keyboard.press("Tab")
        info = page.evaluate(_FOCUS_INFO, SWITCH)  # one round trip per stop: the walks are long
        if info is None:
            break  # past the last stop: focus left the page
        if not (info["shown"] and info["inside"] and info["onTop"]):
            _settle(page)  # let a fade-in or smooth scroll finish, then look again
            info = page.evaluate(_FOCUS_INFO, SWITCH)
        bad = [k for k in ("inside", "shown", "onTop") if not info[k]] + (["in closed drawer"] if info["inDrawer"] else [])  # noqa: E501
        if bad:
            problems.append(f"{label} tab {step + 1}: {info['what']}: {', '.join(bad)}")
        if not switch_seen and info["isSwitch"]:
            switch_seen = True
            if not _focus_changes_pixels(page):
                problems.append(f"{label} tab {step + 1}: the language switch shows no focus")
    if not switch_seen and len(site_languages()) > 1:
        problems.append(f"{label}: the language switch is not reached in {TABS_PER_PAGE} tabs")
    return problems


def test_keyboard_walk_every_page(browser, site_server, lang, width, height):
    """Tab through every page: each stop is visible, inside the viewport, not under the sticky
    header or another layer, and never inside the closed navigation drawer; the language switch
    is a stop, and its focus shows."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    problems = []
    for name in PAGES:
        problems += _walk(page, page_url(site_server, name, lang), page_path(name, lang) or "/")
    context.close()
    assert not problems, "\n".join(problems)


def test_the_language_switch_leads_to_the_same_page_and_back(browser, site_server, lang):
    """From every page of the first language, the switch's link to ``lang`` (named in it: lang and
    hreflang) lands on the same page in that language (HTTP 200, <html lang>), and that page's
    switch leads back to the page it came from."""
    page = browser.new_page(viewport={"width": 375, "height": 740})
    problems = []

    def follow(to: str) -> tuple:
        link = page.locator(f'{SWITCH}[hreflang="{to}"]')
        if link.count() != 1 or link.get_attribute("lang") != to or not link.inner_text().strip():
            return ("no link in", to, "with lang and a name")
        with page.expect_navigation() as went:
            link.click()
        return went.value.status, page.url, page.evaluate("document.documentElement.lang.split('-')[0]")

    for name in PAGES:
        page.goto(page_url(site_server, name))
        there = follow(lang)
        if there != (200, page_url(site_server, name, lang), lang):
            problems.append(f"{page_path(name) or '/'} -> {there}")
            continue
        first = next(iter(site_languages()))
        back = follow(first)
        if back != (200, page_url(site_server, name), first):
            problems.append(f"{page_path(name, lang)} -> {back}")
    page.close()
    assert not problems, "\n".join(problems)


def test_keyboard_walk_sees_a_planted_problem(browser, site_server):
    """The walk's check reports a link scrolled under the sticky header and one off screen."""
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(page_url(site_server, "anatomy"))
    page.evaluate("""() => { const a = document.createElement('a'); a.href = '#'; a.textContent = 'off';
        a.style.cssText = 'position:absolute;left:-999px'; document.body.prepend(a); a.focus(); }""")
    assert not page.evaluate(_FOCUS_INFO)["inside"]
    page.goto(page_url(site_server, "causes"))
    page.evaluate("""() => { const links = document.querySelectorAll('.md-content a[href]:not(.headerlink)');
        const a = links[Math.floor(links.length / 2)];
        a.focus();
        const header = document.querySelector('.md-header').getBoundingClientRect();
        window.scrollBy({top: a.getBoundingClientRect().top - (header.top + header.bottom) / 2, behavior: 'instant'}); }""")  # noqa: E501 - a doctest or script line that cannot be split
    assert not page.evaluate(_FOCUS_INFO)["onTop"]
    page.close()


def test_glossary_and_permalinks_speak_plainly(browser, site_server):
    """A glossary term takes focus, says it can open, and opens its meaning; a permalink is named
    after its heading."""
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(page_url(site_server, "anatomy"))
    term = page.locator(".md-content abbr[aria-controls]").first
    term.focus()
    assert term.get_attribute("role") == "button" and term.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert len(page.locator("#" + term.get_attribute("aria-controls")).inner_text()) > 20
    link = page.locator(".md-content h2 a.headerlink").first
    heading = link.evaluate("a => a.parentNode.textContent.replace(a.textContent, '').trim()")
    assert heading and heading in link.get_attribute("aria-label")
    assert "¶" not in link.get_attribute("aria-label")
    page.close()


def test_navigation_drawer_works_from_the_keyboard(browser, site_server):
    """At 375 px the menu button takes focus, opens the drawer on Enter (focus goes into it, on a
    visible link) and Escape closes it again, back on the button."""
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(page_url(site_server, "anatomy"))
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    button = page.locator('label.md-header__button[for="__drawer"]')
    assert page.evaluate("document.activeElement.getAttribute('for')") == "__drawer"
    assert button.get_attribute("role") == "button" and button.get_attribute("aria-label")
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert button.get_attribute("aria-expanded") == "true"
    info = page.evaluate(_FOCUS_INFO)
    assert info["inside"] and info["shown"] and page.evaluate(
        "!!document.activeElement.closest('.md-sidebar--primary')")
    page.keyboard.press("Escape")
    page.wait_for_timeout(400)
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.getAttribute('for')") == "__drawer"
    page.close()
