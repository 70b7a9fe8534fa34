"""Compare two problems on the built Other causes page, as a reader on a phone uses it
(Playwright + Debian's Chromium, 375 x 812), in every published language: pick two and see both
side by side, and only those; reach and change the choice by keyboard, with a visible focus ring
and text of at least 16 px; a box on another page leads to its problem; without JavaScript every
problem's signs are listed. The names, signs and words come from the knowledge and word files."""
from __future__ import annotations

import pytest
from helpers import ROOT, page_url, site_languages
from sitekit.pipeline import Paths, load_editions
from sitekit.words import ui_for

PHONE = {"width": 375, "height": 812}
FITTING = ("typical", "possible")
RESULT = "[data-kb-compare-result]"


@pytest.fixture(scope="module")
def editions():
    """Each published language's knowledge, in its words."""
    return {e.language.code: e for e in load_editions(Paths.of(ROOT))}


def pytest_generate_tests(metafunc):
    """Each test that takes ``lang`` runs once per language the clinic publishes (read when the
    tests are collected, not at import)."""
    if "lang" in metafunc.fixturenames:
        metafunc.parametrize("lang", list(site_languages()))


def open_page(browser, url: str, javascript: bool = True):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return context, page, errors


def expected_table(knowledge, fit_words, a, b):
    """From the data: the rows (sign, fit for a, fit for b) of the signs that fit either and
    differ, in the file's order, and the signs that fit both the same way."""
    def fit(c, s):
        return c.features[s.id].fit if s.id in c.features else "none"
    fitting = [s for s in knowledge.symptoms if fit(a, s) in FITTING or fit(b, s) in FITTING]
    rows = [[s.label, fit_words[fit(a, s)], fit_words[fit(b, s)]] for s in fitting if fit(a, s) != fit(b, s)]
    same = [s.label for s in fitting if fit(a, s) == fit(b, s)]
    return rows, same


def shown_table(page):
    head = page.eval_on_selector_all(f"{RESULT} thead th", "ths => ths.map(th => th.textContent.trim())")
    # Each cell as a screen reader says it: without what is hidden from it (the dash for "no information").
    rows = page.eval_on_selector_all(f"{RESULT} tbody tr", """trs => trs.map(tr => [...tr.children].map(c =>
        [...c.childNodes].filter(n => !(n.getAttribute && n.getAttribute('aria-hidden') === 'true'))
          .map(n => n.textContent).join('').trim()))""")
    return head, rows


def test_picking_two_shows_both_and_only_those(browser, site_server, editions, lang):
    knowledge = editions[lang].knowledge
    ui = ui_for(lang, ROOT / "locales")
    fit_words = ui["fit"]
    # Two the page does not start with: the last problem and the first (a nerve root).
    a, b = knowledge.conditions_in_order[-1], knowledge.conditions_in_order[0]
    context, page, errors = open_page(browser, page_url(site_server, "mimics", lang))
    assert page.is_visible("[data-kb-compare-form]") and not page.is_visible("[data-kb-compare-all]")
    page.select_option("#kb-compare-first", a.id)
    page.select_option("#kb-compare-second", b.id)
    head, rows = shown_table(page)
    assert head == [ui["compare"]["sign"], a.short_name, b.short_name]
    others = [c.short_name for c in knowledge.conditions if c not in (a, b)]
    assert not any(name in head for name in others)  # only those two
    expected_rows, same = expected_table(knowledge, fit_words, a, b)
    assert rows == expected_rows and rows
    line = page.text_content(f"{RESULT} .kb-compare-two__same-fit") if same else ""
    assert all(label[1:] in line for label in same)  # the first letter is lower case in the sentence
    assert page.text_content("[data-kb-compare-status]").startswith(a.short_name)  # said to a screen reader
    page.select_option("#kb-compare-second", a.id)  # the same problem twice
    assert page.text_content(RESULT).strip() == ui["compare"]["choose_different"]
    assert errors == []
    context.close()


def test_by_keyboard_with_visible_focus_and_16px_text(browser, site_server, editions, lang):
    knowledge = editions[lang].knowledge
    context, page, _errors = open_page(browser, page_url(site_server, "mimics", lang))
    for _ in range(200):  # Tab until the first select has focus: it is reachable by keyboard
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "kb-compare-first":
            break
    else:
        pytest.fail("Tab never reached the first select")
    before, second = page.input_value("#kb-compare-first"), page.input_value("#kb-compare-second")
    page.keyboard.press("ArrowDown")
    if page.input_value("#kb-compare-first") == second:  # the next one down was the second choice
        page.keyboard.press("ArrowDown")
    chosen = page.input_value("#kb-compare-first")
    assert chosen not in (before, second)
    name = next(c.short_name for c in knowledge.conditions if c.id == chosen)
    assert shown_table(page)[0][1] == name  # the table follows the keyboard's choice
    ring = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        const r = document.activeElement.getBoundingClientRect();
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), left: r.left, right: r.right}; }""")
    assert ring["style"] != "none" and ring["width"] >= 2 and ring["left"] >= 0 and ring["right"] <= PHONE["width"]
    sizes = page.eval_on_selector_all(
        "[data-kb-compare] :is(label, select, th, td, p):not(.kb-sr-only)",
        "els => els.filter(e => e.getClientRects().length).map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= 16
    context.close()


def test_a_box_on_another_page_leads_to_its_problem(browser, site_server, editions):
    """A nerve-root box (Causes page): its link opens the comparison with that problem first."""
    lang = next(iter(site_languages()))
    ui = ui_for(lang, ROOT / "locales")
    condition = next(c for c in editions[lang].knowledge.conditions_in_order if c.page != "mimics.md")
    context, page, _errors = open_page(browser, page_url(site_server, "causes", lang))
    page.click(f'#glance-{condition.id} a:text-is("{ui["compare"]["compare_other"]}")')
    page.wait_for_load_state("networkidle")
    assert page.input_value("#kb-compare-first") == condition.id
    assert page.evaluate("document.activeElement.id") == "kb-compare-first"
    context.close()


def test_without_javascript_every_problem_is_listed(browser, site_server, editions, lang):
    knowledge = editions[lang].knowledge
    context, page, _errors = open_page(browser, page_url(site_server, "mimics", lang), javascript=False)
    assert not page.is_visible("[data-kb-compare-form]")
    for c in knowledge.conditions:
        card = f'[data-kb-compare-card="{c.id}"]'
        assert page.is_visible(card), c.id
        assert " ".join(page.text_content(f"{card} .kb-compare-two__name").split()) == " ".join(c.plain_name.split())
        for s_id, feature in c.features.items():
            assert page.get_attribute(f'{card} [data-sign="{s_id}"]', "data-fit") == feature.fit
    context.close()
