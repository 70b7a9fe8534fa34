"""The comparison tables, rendered from the small fixture (tests/fixtures/widgets/): each
condition's box, the short list (Home page), the symptom table and the treatment table, each the
expected file beside this test, and the facts that matter checked one by one. Fast tier: no
build, no browser. The fixture lists its conditions knee first; pages group them by kind."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from widget_fixture import SPECIAL_MD, assert_escaped_once, assert_matches_expected, snippets

EXPECTED = Path(__file__).with_name("expected")
FILES = {"tables/compare-short.html": "compare-short.html",
         "tables/symptoms.html": "symptom-table.html", "tables/treatments.html": "treatment-table.html"}


@pytest.mark.parametrize("snippet", FILES)
def test_matches_the_expected_file(snippet):
    assert_matches_expected(snippets()[snippet], EXPECTED / FILES[snippet])


@pytest.mark.parametrize("snippet", FILES)
def test_every_text_is_escaped_once(snippet):
    assert_escaped_once(snippets()[snippet])


def test_condition_box_names_each_treatment_with_its_rating():
    """Wherever a treatment is named, its research rating is named with it."""
    box = snippets()["conditions/l4-nerve.html"]
    line = re.search(r"<strong>Treatments:</strong>(.*)</li>", box).group(1)
    named = re.findall(r"\]\(treatments\.md#treatment-([a-z-]+)\) \(([^)]+)\)", line)
    assert named and all(rating for _, rating in named)
    assert len(named) == line.count("](treatments.md#treatment-")  # no treatment without its rating


def test_glance_shows_at_most_three_typical_signs_and_links_from_home():
    glance = snippets()["tables/compare-short.html"]
    l4 = re.search(r'<li id="glance-l4-nerve".*</li>', glance).group(0)
    assert l4.endswith("): pain at the front of the knee; pain that spreads from the lower back to the knee; "
                       "numb skin on the shin.</li>")  # its fourth typical sign (one leg) does not fit
    assert "[A worn hip joint](mimics.md#hip-joint)" in glance  # from Home, the page is named
    assert SPECIAL_MD[0].lower() + SPECIAL_MD[1:] in glance  # lower case, then escaped once for Markdown


def test_symptom_table_puts_each_condition_under_its_fit():
    table = snippets()["tables/symptoms.html"]
    row = re.search(r'<tr id="symptom-row-stairs".*?</tr>', table, re.S).group(0)
    cells = dict(re.findall(r'<span class="kb-label">([^<]+): </span>(.*?)</td>', row))
    links = {fit: re.findall(r"\[([^\]]+)\]\(", cell) for fit, cell in cells.items()}
    # Each condition by its plain name, as everywhere else on the site.
    assert links == {"Often part of": ["Kneecap pain"], "Sometimes part of": ["A pressed L4 nerve"],
                     "Not usually part of": ["A worn hip joint"]}
    assert f"[{SPECIAL_MD}](#symptom-stairs)" in row
    # Conditions in kind order (the nerve root before the knee), though the file lists the knee first.
    front = re.search(r'<tr id="symptom-row-knee-front".*?</tr>', table, re.S).group(0)
    assert "<li>[A pressed L4 nerve](causes.md#l4-nerve)</li><li>[Kneecap pain](causes.md#kneecap-pain)</li>" in front
    assert len(re.findall(r'<tr id="symptom-row-', table)) == 7  # one row per symptom


def test_treatment_table_marks_what_the_clinic_offers():
    table = snippets()["tables/treatments.html"]
    exercise = re.search(r'<tr id="treatment-row-exercise".*?</tr>', table, re.S).group(0)
    injection = re.search(r'<tr id="treatment-row-nerve-injection".*?</tr>', table, re.S).group(0)
    assert '<span class="kb-offered">Offered at Knee &amp; Back Clinic</span>' in exercise
    assert "kb-offered" not in injection  # the clinic offers only exercise
    assert "<strong>Short-term help.</strong> It may ease leg pain for a few weeks." in injection
    assert re.findall(r"<li>\[([^\]]+)\]\(about\.md#source-([a-z-]+)\)</li>", injection) == [
        ("Example Reviews &amp; Co", "src-review"), ("Guide, 2024", "src-guide")]  # no year: publisher alone
