"""Fixtures (a pytest plugin, loaded by the root conftest.py): the site is built once per test
session, in a scratch copy of the project (nothing
is written into the working tree); a local server and Chromium serve the browser tests.

Tests that need a build, Chromium or the shared site are marked `full` (by the fixtures they
use): `make check` runs the others (no browser, no network); `make test` runs all.

Two clinics are built: the project's own clinic.yml (whatever a fork made of it) and a second
clinic (tests/fixtures/us-clinic: US, English only, Letter paper). The content checks take the
`site` fixture and run on both; what they expect comes from each site's own clinic and data.

SITEKIT_TEST_SITE=<folder> (`make test SITE=site`): the tests check that already built site
instead of building one, so a workflow publishes the very folder the tests checked."""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import ROOT, US_CLINIC, copy_project, page_file, read_clinic, serve, site_languages

# A test that uses any of these fixtures belongs to the full tier.
FULL_FIXTURES = {"built_project", "built_site", "browser", "site_server", "zensical_site", "good_project",
                 "us_project", "site", "hostile"}
# The second clinic's build makes the handouts of these pages only (each PDF costs seconds; the
# example's build makes them all): the two that carry the region's actions and numbers.
US_HANDOUT_PAGES = ("when-to-get-help", "symptom-checker")


def pytest_collection_modifyitems(items):
    for item in items:
        if FULL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.full)


def _build(project: Path, *args: str) -> None:
    result = subprocess.run([sys.executable, "scripts/build_site.py", *args], cwd=project, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"


def _once(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A scratch project made once per test run by ``make(project)``: with several workers
    (`make test` runs pytest-xdist), the first to need it makes it while the others wait, and all
    share it (read-only: a test that changes a project copies it first)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, which its workers share
    folder, done = root / name, root / f"{name}.done"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a worker's failed attempt
            make(folder / "project")
            done.touch()
    return folder / "project"


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """A scratch copy of the project, built once with `scripts/build_site.py` (strict, handouts too),
    or given the site SITEKIT_TEST_SITE names (built by `make site` before the tests)."""
    def make(project: Path) -> None:
        copy_project(project)
        given = os.environ.get("SITEKIT_TEST_SITE")
        if given:
            assert (Path(given) / "index.html").is_file(), f"SITEKIT_TEST_SITE={given}: no built site there"
            shutil.copytree(given, project / "site")
        else:
            _build(project)

    return _once(tmp_path_factory, "built", make)


@pytest.fixture(scope="session")
def us_project(tmp_path_factory) -> Path:
    """A scratch copy of the project with the second clinic's file and images, built without
    handouts, then with the handouts of two pages."""
    def make(project: Path) -> None:
        copy_project(project, clinic=US_CLINIC)
        _build(project, "--no-handouts")
        result = subprocess.run([sys.executable, "scripts/make_handouts.py", "--site", "site", "--pages",
                                 *US_HANDOUT_PAGES], cwd=project, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"handouts failed:\n{result.stdout}\n{result.stderr}"

    return _once(tmp_path_factory, "us", make)


@pytest.fixture(scope="session")
def shipped_editions():
    """The project's own editions (its clinic.yml, every published language, the site root's
    first), read and checked once per test process, when a test first needs them (never at
    import). Shared: a test reads them and changes nothing."""
    from sitekit.pipeline import Paths, load_editions

    return load_editions(Paths.of(ROOT))


@dataclass(frozen=True)
class Site:
    """A built site the content checks run on, with what they expect of it: its clinic's data
    and the languages that clinic publishes (code -> "" or "es/")."""

    name: str
    project: Path
    clinic: dict
    languages: dict[str, str]
    all_handouts: bool  # False: the handouts of US_HANDOUT_PAGES only

    @property
    def path(self) -> Path:
        return self.project / "site"

    def page(self, name: str, lang: str | None = None) -> Path:
        """A page's built file, in a language (the first when None)."""
        return page_file(name, self.path, lang, self.languages)


@pytest.fixture(scope="session", params=["example", "us-clinic"])
def site(request) -> Site:
    """Each built site in turn: the project's own clinic, then the second clinic."""
    project = request.getfixturevalue("built_project" if request.param == "example" else "us_project")
    return Site(request.param, project, read_clinic(project), site_languages(project), request.param == "example")


@pytest.fixture(scope="session")
def built_site(built_project: Path) -> Path:
    """The built site (the scratch project's site/)."""
    return built_project / "site"


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """Base URL (ending in /) of the built site, served on 127.0.0.1."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session, found and started by the library's one finder
    (sitekit.browser: Debian's Chromium or $CHROMIUM, never a downloaded browser)."""
    from sitekit.browser import launch

    with launch() as instance:
        yield instance
