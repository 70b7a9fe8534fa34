"""The example clinic's built site (its region, in every language it publishes): each level's
action and number on every page, in the checker's data and in the handouts."""
from __future__ import annotations

from pathlib import Path

from helpers import ROOT, site_languages
from region_checks import level_actions, missing_levels


def pytest_generate_tests(metafunc):
    """Each language the project's clinic publishes (read at collection, not at import)."""
    if "lang" in metafunc.fixturenames:
        metafunc.parametrize("lang", list(site_languages()))


def test_each_level_shows_in_pages_checker_and_handouts(built_site: Path, lang: str):
    actions = level_actions(ROOT / "clinic.yml", ROOT / "regions", lang)
    assert missing_levels(built_site, actions, site_languages()[lang]) == []
