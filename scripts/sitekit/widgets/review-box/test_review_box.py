"""The review box (About page), rendered from the small fixture clinic
(tests/fixtures/widgets/clinic.yml): the expected file beside this test, and its key facts.
Fast tier: no build, no browser."""
from __future__ import annotations

import re
from pathlib import Path

from widget_fixture import assert_escaped_once, assert_matches_expected, snippets

EXPECTED = Path(__file__).with_name("expected")


def test_matches_the_expected_file():
    assert_matches_expected(snippets()["review.html"], EXPECTED / "review.html")


def test_names_the_clinic_and_reviewer_escaped_once():
    review = snippets()["review.html"]
    assert_escaped_once(review)
    assert "<dd>Example Knee &amp; Back Clinic</dd>" in review
    assert "<dd>Dr A. Example, Knee &amp; spine doctor</dd>" in review


def test_dates_are_the_clinic_files_in_words():
    """The clinic file's dates, written out as the page's readers write them (datetime: as written)."""
    review = snippets()["review.html"]
    assert re.findall(r'<time datetime="([\d-]+)">([^<]+)</time>', review) == [
        ("2026-11-24", "24 November 2026"), ("2029-11-24", "24 November 2029")]  # last reviewed, then next review
