"""Each page as a reader in pain meets it on a phone (375 x 812), in every published language, in
Chromium: short enough (a budget of phone screens, in the tallest state its choices can put it
in), reading text at least 16 px, the way out
(the emergency number and a link to when to get help) on the first screen, no heading said
twice, no word split over two lines. Each check is also run on a planted page, so it can fail."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import PAGES, ROOT, page_path, page_url, site_languages

PHONE = {"width": 375, "height": 812}
SCREEN_BUDGET = 12  # phone screens per page, at most
SMALLEST_TEXT_PX = 16
HELP_PAGE = "when-to-get-help"
# Reading text: what a reader reads, wherever it is on the page (key points, glossary pop-ups,
# the checker's "why it fits" are p, li, dd or summary elements inside the content).
READING = "p, li, td, dd, dt, summary, caption, blockquote, label, legend, figcaption, .md-tooltip2__inner"

# One pass over a page: its height, its smallest reading text, what its first screen holds, its
# headings, and any word the browser broke over two lines.
MEASURE = """([reading, screen]) => {
  const shown = el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0 &&
           !el.closest('.kb-sr-only, [hidden], details:not([open]) > :not(summary)'); };
  const ownText = el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const content = document.querySelector('.md-content') || document.body;
  let smallest = null;
  for (const el of content.querySelectorAll('*')) {
    if (!ownText(el) || !shown(el) || !(el.matches(reading) || el.closest(reading))) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (!smallest || size < smallest.px)
      smallest = {px: size, where: el.tagName.toLowerCase() + '.' + el.className + ': ' + el.textContent.trim().slice(0, 40)};
  }
  const top = el => el.getBoundingClientRect().top + scrollY;
  const first = [...document.querySelectorAll('body *')].filter(el => ownText(el) && shown(el) && top(el) < screen);
  const links = [...document.querySelectorAll('.md-content a[href], .md-main a[href]')]
    .filter(a => shown(a) && top(a) < screen).map(a => a.href);
  const headings = [...content.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(shown).map(h =>
    [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))
      .map(n => n.textContent).join('').trim());
  const split = [];
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !/\\S{2}/.test(node.textContent)) continue;
    if (parent.closest('code, pre')) continue;  // a path or name in code may break where it must
    // A word can only break inside where the style lets it; the others need no measuring.
    const style = getComputedStyle(parent);
    if (style.wordBreak !== 'break-all' && !['anywhere', 'break-word'].includes(style.overflowWrap) &&
        style.hyphens !== 'auto') continue;
    if (!shown(parent)) continue;
    for (const m of node.textContent.matchAll(/[\\p{L}\\p{N}]{2,18}/gu)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (lines.size > 1) split.push(m[0]);
    }
  }
  const marked = [...content.querySelectorAll('abbr')].map(a =>
    a.hasAttribute('aria-controls') ? (document.getElementById(a.getAttribute('aria-controls')) || {}).textContent
                                    : a.getAttribute('title'));
  const markedInHeadings = content.querySelectorAll('h1 abbr, h2 abbr, h3 abbr, h4 abbr, h5 abbr, h6 abbr').length;
  return {height: document.documentElement.scrollHeight, smallest, marked, markedInHeadings,
          firstText: first.map(el => [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join(' ')).join(' '),
          links, headings, split};
}"""  # noqa: E501 - a script line that cannot be split


# The tallest the page's choices make it: every combination of the options of the pickers (selects,
# such as "compare two problems") in its content, each set as a reader would (a change event), the
# page measured after each. The states come from the page, so a new picker or option is measured
# too. Folded parts (details) stay as they are: what a reader opens is theirs to scroll.
TALLEST_STATE = """(limit) => {
  const selects = [...document.querySelectorAll('.md-content select')].filter(s => s.options.length > 1);
  let states = [[]];
  for (const s of selects) states = states.flatMap(st => [...s.options].map(o => [...st, o.value]));
  if (states.length > limit) return {error: states.length + ' states, more than ' + limit};
  let tallest = {height: document.documentElement.scrollHeight, state: 'as loaded'};
  for (const state of states) {
    if (!selects.length) break;
    selects.forEach((s, i) => { s.value = state[i]; s.dispatchEvent(new Event('change', {bubbles: true})); });
    const height = document.documentElement.scrollHeight;
    if (height > tallest.height) tallest = {height, state: selects.map(s => s.id + '=' + s.value).join(' ')};
  }
  return tallest;
}"""
STATE_LIMIT = 5000  # combinations of choices a page may offer before measuring them all is too slow


def emergency_number() -> str:
    """The number to call in an emergency, from the clinic's region (as the build loads it)."""
    from sitekit.pipeline import Paths, load_inputs
    from sitekit.site_config import emergency_number as number
    return number(load_inputs(Paths.of(ROOT))[1])


def measure(page, url: str) -> dict:
    """The page as loaded, and the tallest state its choices can put it in ("tallest")."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    found = page.evaluate(MEASURE, [READING, PHONE["height"]])
    found["tallest"] = page.evaluate(TALLEST_STATE, STATE_LIMIT)
    return found


@pytest.fixture(scope="module")
def phone(browser, site_server):
    """Every page in every language, measured once at 375 x 812."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    found = {(lang, name): measure(page, page_url(site_server, name, lang))
             for lang in site_languages() for name in PAGES}
    context.close()
    return found


def _label(key) -> str:
    lang, name = key
    return "/" + page_path(name, lang)


# Pages known to be over the budget, each with what must change: the test fails when one of them
# fits again (remove it here then), and for every other page over the budget. None today.
KNOWN_LONG: dict[str, str] = {}


def test_every_page_fits_the_screen_budget(phone):
    """No page, in any language, in any state its choices can put it in (such as the pair of
    problems compared), is longer than the budget of phone screens (but the known ones, which must
    still be long: an exception that no longer applies is removed)."""
    assert {_label(k): v["tallest"]["error"] for k, v in phone.items() if "error" in v["tallest"]} == {}
    long = {k: (round(v["tallest"]["height"] / PHONE["height"], 1), v["tallest"]["state"]) for k, v in phone.items()
            if v["tallest"]["height"] / PHONE["height"] > SCREEN_BUDGET}
    assert {_label(k): screens for k, screens in long.items() if k[1] not in KNOWN_LONG} == {}
    assert {name for _, name in long} == set(KNOWN_LONG) & set(PAGES)


def test_reading_text_is_never_under_16px(phone):
    """The smallest reading text on each page (key points, tables, pop-ups) is at least 16 px."""
    small = {_label(k): v["smallest"] for k, v in phone.items() if v["smallest"]["px"] < SMALLEST_TEXT_PX}
    assert small == {}


def test_the_first_screen_shows_the_way_out(phone, site_server):
    """Each page's first phone screen holds the emergency number and a link to when to get help."""
    number = emergency_number()
    missing = {}
    for (lang, name), found in phone.items():
        help_path = "/" + page_path(HELP_PAGE, lang)
        wanted = [] if number in found["firstText"] else ["the emergency number"]
        if not any(urlsplit(link).path == help_path for link in found["links"]):
            wanted.append("a link to " + help_path)
        if wanted:
            missing[_label((lang, name))] = wanted
    assert missing == {}


def test_no_heading_is_said_twice(phone):
    """No heading's text appears twice on a page."""
    repeated = {_label(k): sorted({h for h in v["headings"] if v["headings"].count(h) > 1})
                for k, v in phone.items()}
    assert {k: v for k, v in repeated.items() if v} == {}


def test_a_term_is_marked_on_its_first_use_only(phone):
    """Each glossary meaning is marked once per page (its first use in the text), never in a heading."""
    twice = {_label(k): sorted({m for m in v["marked"] if v["marked"].count(m) > 1}) for k, v in phone.items()}
    twice = {k: v for k, v in twice.items() if v}
    in_headings = {_label(k): v["markedInHeadings"] for k, v in phone.items() if v["markedInHeadings"]}
    assert (twice, in_headings) == ({}, {})


def test_no_word_is_split_over_two_lines(phone):
    """A word (in a table, a card or a sentence) wraps whole, never broken in two ("informati / on")."""
    split = {_label(k): v["split"][:5] for k, v in phone.items() if v["split"]}
    assert split == {}


PLANTED = """<!doctype html><html lang="en"><head><title>t</title></head><body><div class="md-content">
<h1>Same</h1><h2>Same</h2><h3>A <abbr title="A meaning.">term</abbr></h3>
<p><abbr title="A meaning.">term</abbr> and <abbr title="A meaning.">term</abbr></p>
<p>Call <a href="/elsewhere/">us</a>.</p>
<div style="height: 30000px"></div>
<form><select id="pick"><option value="short">short</option><option value="long">long</option></select></form>
<div id="grows"></div>
<script>document.getElementById('pick').addEventListener('change', e =>
  document.getElementById('grows').style.height = e.target.value === 'long' ? '5000px' : '0');</script>
<table style="width: 60px"><tr><td style="word-break: break-all">information information</td></tr></table>
<div class="admonition"><p style="font-size: 12px">Key point in small print</p></div>
</div></body></html>"""


def test_the_checks_find_planted_problems(browser, tmp_path: Path):
    """On a planted page that breaks every rule, each check finds its problem."""
    (tmp_path / "index.html").write_text(PLANTED, encoding="utf-8")
    page = browser.new_page(viewport=PHONE)
    page.goto(tmp_path.joinpath("index.html").as_uri())
    found = page.evaluate(MEASURE, [READING, PHONE["height"]])
    tallest = page.evaluate(TALLEST_STATE, STATE_LIMIT)
    page.close()
    assert found["height"] / PHONE["height"] > SCREEN_BUDGET
    assert tallest["state"] == "pick=long" and tallest["height"] >= found["height"] + 5000
    assert found["smallest"]["px"] == 12
    assert "999" not in found["firstText"] and not any("when-to-get-help" in link for link in found["links"])
    assert found["headings"] == ["Same", "Same", "A term"]
    assert "information" in found["split"]
    assert found["marked"].count("A meaning.") == 3 and found["markedInHeadings"] == 1


def test_a_glossary_meaning_opens_in_place_by_keyboard_and_touch(browser, site_server):
    """In every language, a marked term's meaning opens right after it, at body size, covering
    nothing: from the keyboard (focus, Enter) and by a tap; Escape closes it."""
    problems = []
    for lang in site_languages():
        page = browser.new_page(viewport=PHONE, has_touch=True)
        page.goto(page_url(site_server, "anatomy", lang))
        page.wait_for_load_state("networkidle")
        terms = page.locator(".md-content abbr[aria-controls]")
        term = terms.first
        term.focus()
        page.keyboard.press("Enter")
        note = page.locator("#" + term.get_attribute("aria-controls"))
        if not note.is_visible() or term.get_attribute("aria-expanded") != "true":
            problems.append(f"{lang}: Enter does not open the meaning")
            page.close()
            continue
        size = note.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-content p')).fontSize)")
        at = term.evaluate("el => document.elementFromPoint(el.getBoundingClientRect().left + 2,"
                           " el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2) === el")
        if size < max(SMALLEST_TEXT_PX, body) or not at or len(note.inner_text()) < 10:
            problems.append(f"{lang}: meaning at {size} px (body {body}), term still visible: {at}")
        page.keyboard.press("Escape")
        if note.is_visible():
            problems.append(f"{lang}: Escape does not close the meaning")
        second = terms.nth(1)
        second.tap()
        if not page.locator("#" + second.get_attribute("aria-controls")).is_visible():
            problems.append(f"{lang}: a tap does not open the meaning")
        page.close()
    assert problems == []
