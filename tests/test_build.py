"""The whole pipeline: strict, reproducible, dates from the source, and every fault case gives a
clear error and leaves the last good site/ whole."""
from __future__ import annotations

import hashlib
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import copy_project


def _tree_digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _build(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/build_site.py", *args], cwd=project,
                          capture_output=True, text=True, timeout=600,
                          env={**__import__("os").environ, **(env or {})})


@pytest.fixture(scope="module")
def good_project(built_project, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A copy of the full tier's one built project, its good build in site/ (the handouts too), with
    each file's digest: the fault cases break a copy of it and build again."""
    project = copy_project(tmp_path_factory.mktemp("build") / "project", built_project, keep_site=True)
    return project, _tree_digest(project / "site")


def _without_handouts(digest: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in digest.items() if not re.match(r"([a-z]{2}/)?handouts/", name)}


def test_two_builds_are_byte_identical(good_project, tmp_path):
    """A second build of the same sources gives the same bytes in every file, in every language
    (the PDFs, which this second build leaves out: test_handouts.py::test_handout_step_is_reproducible)."""
    project, digest = good_project
    first = _without_handouts(digest)
    result = _build(project, "--out", str(tmp_path / "again"), "--no-handouts")
    assert result.returncode == 0, result.stderr
    second = _tree_digest(tmp_path / "again")
    assert any(name.startswith("es/") for name in first) and len(first) < len(digest)
    assert {k for k in first if first[k] != second.get(k)} == set() and first.keys() == second.keys()


def test_dates_come_from_the_source_not_the_clock(site):
    """The sitemap's dates are the clinic's review date, whatever day the build ran: in each built
    site (the second clinic's frozen date, 2026-10-01, is not the day a test run builds it)."""
    day = str(site.clinic["last_reviewed"])
    sitemap = (site.path / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<lastmod>{day}</lastmod>" in sitemap and sitemap.count("<lastmod>") >= 9
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {day}


def _fault(good_project, tmp_path, break_it, env=None) -> tuple[subprocess.CompletedProcess, bool]:
    """Copy the built project, break it, build again; return the result and whether site/ is intact.
    Every failure ends in a few clear lines: never a traceback."""
    project, digest = good_project
    copy = copy_project(tmp_path / "project", project, keep_site=True)
    break_it(copy)
    result = _build(copy, env=env)
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) <= 8, result.stderr
    return result, _tree_digest(copy / "site") == digest


def test_missing_page_in_the_navigation(good_project, tmp_path):
    """A page named in the nav is gone: the error names it; site/ stays whole."""
    result, intact = _fault(good_project, tmp_path, lambda p: (p / "docs/about.md").unlink())
    assert result.returncode == 1 and intact
    assert "about.md" in result.stderr


def test_broken_snippet_include(good_project, tmp_path):
    """A page includes a snippet that does not exist: the error names it; site/ stays whole."""
    def break_it(p: Path) -> None:
        page = p / "docs/anatomy.md"
        page.write_text(page.read_text(encoding="utf-8") + '\n--8<-- "generated/no-such-table.html"\n',
                        encoding="utf-8")
    result, intact = _fault(good_project, tmp_path, break_it)
    assert result.returncode == 1 and intact
    assert "no-such-table.html" in result.stderr


def test_missing_logo(good_project, tmp_path):
    """The clinic's logo file is gone: the error names clinic.yml, its line and the key."""
    result, intact = _fault(good_project, tmp_path, lambda p: (p / "clinic-assets/logo.svg").unlink())
    assert result.returncode == 1 and intact
    assert "clinic.yml:" in result.stderr and " logo:" in result.stderr and "does not exist" in result.stderr


def test_chromium_that_fails_to_start(good_project, tmp_path):
    """The handout step's browser cannot start: one clear line; site/ stays whole."""
    result, intact = _fault(good_project, tmp_path, lambda p: None, env={"CHROMIUM": "/bin/false"})
    assert result.returncode == 1 and intact
    assert "Chromium failed" in result.stderr and "CHROMIUM" in result.stderr


def test_script_in_a_page(good_project, tmp_path):
    """A page with its own <script>: the error names the page and line; site/ stays whole."""
    def break_it(p: Path) -> None:
        page = p / "docs/anatomy.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    result, intact = _fault(good_project, tmp_path, break_it)
    assert result.returncode == 1 and intact
    assert "docs/anatomy.md:" in result.stderr and "contains <script>" in result.stderr


def test_output_folder_that_cannot_be_written(good_project, tmp_path):
    """The output's folder is not a folder: a clear error; nothing else is touched."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    project, digest = good_project
    result = _build(project, "--out", str(blocker / "site"))
    assert result.returncode == 1
    assert "cannot write" in result.stderr and "Check that the folder exists" in result.stderr
    assert _tree_digest(project / "site") == digest


def test_interrupted_build_leaves_the_last_good_site(good_project, tmp_path):
    """A build killed half-way leaves site/ as it was; the next build succeeds and cleans up."""
    project, digest = good_project
    copy = copy_project(tmp_path / "project", project, keep_site=True)
    process = subprocess.Popen([sys.executable, "scripts/build_site.py"], cwd=copy,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while not any((copy / ".").glob(".site-building-*/index.html")) and time.monotonic() < deadline:
        time.sleep(0.05)
    __import__("os").killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert _tree_digest(copy / "site") == digest
    assert list(copy.glob(".site-building-*")), "the build was not caught half-way"
    result = _build(copy, "--no-handouts")
    assert result.returncode == 0 and not list(copy.glob(".site-building-*"))
