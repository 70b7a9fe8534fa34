"""The pages the build links to, named once by what each is for (sitekit.addresses.PAGES), are
pages a reader reaches: each is in mkdocs.yml's nav and has its Markdown in docs/. Fast tier."""
from __future__ import annotations

import yaml
from helpers import ROOT
from sitekit.addresses import PAGES


def test_every_page_the_build_links_to_is_in_the_nav_and_in_docs():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = [file for item in config["nav"] for file in item.values()]  # as the generated configs read it
    missing = [file for file in PAGES.files() if file not in nav or not (ROOT / "docs" / file).is_file()]
    assert PAGES.files() and missing == []


def test_the_tests_check_every_page_in_the_nav_in_its_order():
    """The tests' list of pages (helpers.PAGES, which parametrizes the page checks) is the nav's:
    a page added to mkdocs.yml and docs/ without it would go unchecked, so this names it."""
    from helpers import PAGES as TESTED

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = [file.removesuffix(".md") for item in config["nav"] for file in item.values()]
    assert nav == TESTED, "add the page to PAGES in tests/helpers.py (or take it out), in the nav's order"
