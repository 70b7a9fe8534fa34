"""The help block appended to every page, rendered from the small fixture clinic
(tests/fixtures/widgets/clinic.yml): the expected file beside this test, and its key facts.
Fast tier: no build, no browser."""
from __future__ import annotations

from pathlib import Path

from widget_fixture import assert_escaped_once, assert_matches_expected, snippets

EXPECTED = Path(__file__).with_name("expected")


def test_matches_the_expected_file():
    assert_matches_expected(snippets()["help.md"], EXPECTED / "help.md")


def test_the_clinics_words_are_escaped_once_for_markdown():
    help_md = snippets()["help.md"]
    assert_escaped_once(help_md)
    assert "- **Emergency:** Call 000 or go to A&amp;E now. " in help_md
    assert "Call Knee &amp; Back Clinic on " in help_md
    assert "- **Now, in person:** Go to A&amp;E now." in help_md
    assert help_md.count("&amp;") == 3


def test_it_links_the_clinics_phone_and_booking_page():
    help_md = snippets()["help.md"]
    assert '<a href="tel:01000000000">0100 000 0000</a>' in help_md  # no spaces in the tel: link
    assert "[book online](<https://example.org/book>)" in help_md
    assert "[warning signs](when-to-get-help.md#emergency)" in help_md
    assert help_md.startswith("## Where to get help {#where-to-get-help}\n")
