"""The warning signs, rendered from the small fixture (tests/fixtures/widgets/): the Home page's
box and the list for each level on the When to get help page, each the expected file beside this
test, and which sign shows at which level checked one by one. Fast tier: no build, no browser."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitekit import levels
from sitekit.levels import SIGN_LEVELS
from widget_fixture import assert_escaped_once, assert_matches_expected, renderer, snippets

EXPECTED = Path(__file__).with_name("expected")
LEVELS = SIGN_LEVELS  # a list for each level a sign may have


@pytest.mark.parametrize("name", ["box", *LEVELS])
def test_matches_the_expected_file(name):
    assert_matches_expected(snippets()[f"warning-signs/{name}.html"], EXPECTED / f"{name}.html")


@pytest.mark.parametrize("name", ["box", *LEVELS])
def test_every_text_is_escaped_once(name):
    text = snippets()[f"warning-signs/{name}.html"]
    assert_escaped_once(text)
    # the clinic's emergency and emergency-department actions
    assert text.count("A&amp;E") == {"box": 2, "emergency": 1, "emergency-department": 1}.get(name, 0)


def test_each_level_lists_exactly_its_signs_by_group():
    found = {level: re.findall(r'<li id="sign-([a-z0-9-]+)"', snippets()[f"warning-signs/{level}.html"])
             for level in LEVELS}
    assert found == {"emergency": ["bladder"], "emergency-department": ["knee-out-of-shape"],
                     "urgent": ["back-fever", "hot-knee"], "see-doctor": ["calf-walk"]}
    urgent = snippets()["warning-signs/urgent.html"]
    groups = re.findall(r'<p class="kb-care__group"><strong>([^<]+)</strong></p>', urgent)
    assert groups == ["With back pain or sciatica", "Knee"]
    assert ('<li id="sign-hot-knee">A hot, red, swollen knee. '
            '<span class="kb-care__advice">It could be an infection in the joint.</span></li>') in urgent
    assert '<a class="kb-print-hide" href="tel:111">Call 111</a>' in urgent
    assert "tel:" not in snippets()["warning-signs/see-doctor.html"]  # no number for a GP appointment
    assert "tel:" not in snippets()["warning-signs/emergency-department.html"]  # go there, no number


def test_a_level_with_one_group_has_no_group_heading():
    """A group heading only where a level has signs of more than one group: a single heading
    would stand over signs it does not describe (a GP visit under "Back and both legs")."""
    for level in LEVELS:
        text = snippets()[f"warning-signs/{level}.html"]
        groups = re.findall(r'<p class="kb-care__group">', text)
        signs = re.findall(r'<li id="sign-', text)
        assert len(groups) != 1, level
        assert signs


def test_box_groups_every_sign_that_needs_help_now_or_today_by_where_to_go():
    """One group per level announced at once (levels.py: alert), most serious first, each with
    exactly its signs (back signs too), what to do, and one big button: a call where the level
    has a number, else a link to where to go. Nothing for a level that can wait."""
    box = snippets()["warning-signs/box.html"]
    groups = re.findall(r'<section class="kb-care kb-care--([a-z-]+)" data-level="\1"', box)
    alert = [lv for lv in SIGN_LEVELS if levels.level(lv).alert]
    assert groups == alert and "see-doctor" not in groups
    for lv in alert:
        section = box.split(f'data-level="{lv}"')[1].split("</section>")[0]
        listed = re.findall(r"<li>([^<]+)</li>", section)
        assert listed == [w.label for w in renderer().k.signs(lv)], lv
        buttons = re.findall(r'<a class="kb-care__button" href="([^"]+)">', section)
        assert len(buttons) == 1, lv
    assert "Back pain with a fever" in box  # a back sign that needs help today is in the box
    assert '<a class="kb-care__button" href="tel:000">Call 000</a>' in box
    assert '<a class="kb-care__button" href="when-to-get-help/#emergency-department">' in box  # no number: go there
    assert '<a href="when-to-get-help/">' in box  # built address: the box is on Home
