"""Compare two problems (compare-two widget), rendered from the small fixture
(tests/fixtures/widgets/): without JavaScript the full list, each problem with its signs by fit;
the two selects (shown by the script) list every problem, with a first pair chosen; each text
escaped once. Fast tier: no build, no browser (the browser test is beside this file)."""
from __future__ import annotations

import re

from widget_fixture import SPECIAL_MD, assert_escaped_once, fixture_inputs, snippets

SNIPPET = "sections/compare-two.html"
FITS = ("typical", "possible", "unusual")


def widget() -> str:
    return snippets()[SNIPPET]


def test_every_text_is_escaped_once():
    assert_escaped_once(widget())
    assert SPECIAL_MD in widget()  # the fixture's label with Markdown and HTML specials, escaped once for each


def test_without_javascript_it_lists_every_problem_with_its_signs_by_fit():
    """The list is shown (the script hides it); each problem once, nerve roots first, each sign
    under the fit the knowledge file gives it, for that problem only."""
    knowledge, _clinic = fixture_inputs()
    html = widget()
    assert "hidden" not in re.search(r'<div class="kb-compare-two__all" data-kb-compare-all[^>]*>', html).group(0)
    cards = re.findall(r'<li id="compare-two-([a-z0-9-]+)" data-kb-compare-card="\1".*?</li>', html, re.S)
    assert cards == ["l4-nerve", "kneecap", "hip"]  # kind order: the fixture lists the knee first
    for card in re.findall(r'<li id="compare-two-.*?</li>', html, re.S):
        cid = re.search(r'data-kb-compare-card="([^"]+)"', card).group(1)
        condition = next(c for c in knowledge.conditions if c.id == cid)
        found = dict(re.findall(r'data-sign="([^"]+)" data-fit="([^"]+)"', card))
        assert found == {s: f.fit for s, f in condition.features.items()}
        for fit in FITS:  # each fit's signs in one paragraph, named by the fit's word
            in_para = re.search(rf'kb-compare-two__fit--{fit}".*?</p>', card, re.S)
            assert bool(in_para) == (fit in found.values())


def test_the_selects_list_every_problem_and_start_with_a_close_pair():
    """Two labelled selects (hidden until the script shows them), every problem in each, grouped
    by kind. At first: the first problem on the comparison's page (the hip, on mimics.md) and the
    one that shares most fitting signs with it: the hip shares one with each, so the first in the
    file (the kneecap) wins."""
    html = widget()
    assert re.search(r'<form class="kb-compare-two__form" data-kb-compare-form hidden>', html)
    for which, chosen in (("first", "hip"), ("second", "kneecap")):
        assert f'<label for="kb-compare-{which}">' in html
        select = re.search(rf'<select id="kb-compare-{which}" name="{which}">.*?</select>', html, re.S).group(0)
        assert re.findall(r'<option value="([^"]+)"', select) == ["l4-nerve", "kneecap", "hip"]
        assert re.findall(r'<option value="([^"]+)" selected>', select) == [chosen]
        assert select.count("<optgroup") == 3


def test_every_word_the_script_shows_is_in_the_page():
    """The script holds no wording: the table's words come from the status line's data-*."""
    status = re.search(r'<p class="kb-sr-only" role="status" data-kb-compare-status[^>]*>', widget()).group(0)
    for key in ("same", "caption", "sign-heading", "same-for-both", *FITS, "none"):
        assert re.search(rf' data-{key}="[^"{{]*(\{{first\}}[^"]*)?"', status), key


def test_a_box_on_another_page_links_to_its_problem_in_the_comparison():
    """Boxes on other pages lead to the comparison (with their problem chosen first); on the
    comparison's own page the widget is above, so the box has no such link."""
    nerve, hip = snippets()["conditions/l4-nerve.html"], snippets()["conditions/hip.html"]
    assert "](mimics.md#compare-two-l4-nerve)" in nerve
    assert "#compare-two-" not in hip
