"""The warning signs, rendered from the small fixture (tests/fixtures/widgets/): the Home page's
box and the list for each level on the When to get help page, each the expected file beside this
test, and which sign shows at which level checked one by one. Fast tier: no build, no browser."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitekit.levels import SIGN_LEVELS
from widget_fixture import assert_escaped_once, assert_matches_expected, snippets

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
    assert text.count("A&amp;E") == (1 if name in ("box", "emergency", "emergency-department") else 0)


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


def test_box_shows_the_emergency_signs_and_the_same_day_knee_and_leg_signs():
    box = snippets()["warning-signs/box.html"]
    assert re.findall(r"<li>([^<]+)</li>", box) == ["You cannot control your bladder or bowels"]
    # Same day: the knee and leg signs only (back pain with a fever is urgent, but a back sign).
    assert "<strong>Get help today</strong> for a hot, red, swollen knee. Call 111 or see a GP today." in box
    assert "fever" not in box
    assert '<a href="when-to-get-help/">When to get help</a>' in box  # built address: the box is on Home
    assert '<a class="kb-print-hide" href="tel:000">Call 000</a>' in box
