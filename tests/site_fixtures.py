"""Fixtures (a pytest plugin, loaded by the root conftest.py): the site is built once per test
session, in a scratch copy of the project (nothing
is written into the working tree); a local server and Chromium serve the browser tests.

Tests that need a build, Chromium or the shared site are marked `full` (by the fixtures they
use): `make check` runs the others (no browser, no network); `make test` runs all."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import copy_project, serve

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# A test that uses any of these fixtures belongs to the full tier.
FULL_FIXTURES = {"built_project", "built_site", "browser", "site_server", "zensical_site", "good_project",
                 "rebranded_site", "hostile"}


def pytest_collection_modifyitems(items):
    for item in items:
        if FULL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.full)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """A scratch copy of the project, built once with `scripts/build_site.py` (strict, handouts too)."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = subprocess.run([sys.executable, "scripts/build_site.py"], cwd=project, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return project


@pytest.fixture(scope="session")
def built_site(built_project: Path) -> Path:
    """The built site (the scratch project's site/)."""
    return built_project / "site"


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """Base URL (ending in /) of the built site, served on 127.0.0.1."""
    with serve(built_site) as url:
        yield url


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium") or "", "/usr/bin/google-chrome"):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.fail("No Chromium found: run `make test` (it installs Debian's chromium as root) "
                "or set CHROMIUM=/path/to/chrome.")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()
