"""The one place that finds and starts the headless Chromium the handouts, tests and bench use.

Debian's Chromium (or $CHROMIUM), driven by Playwright; never a browser Playwright downloads.
"""
from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Without the networking flags Chromium keeps calling hosts a closed network cannot reach.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--font-render-hinting=none"]


class MissingDependency(RuntimeError):
    """A program or package the step needs is not installed; the message says how to get it."""


def find_chromium() -> str:
    """Path of a Chromium or Chrome: $CHROMIUM first, then the usual Debian and Google places."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium") or "", "/usr/bin/google-chrome"):
        if candidate and Path(candidate).is_file():
            return candidate
    raise MissingDependency(
        "no Chromium found: run `make test` (it installs Debian's chromium as root), or "
        "`apt-get install chromium`, or set CHROMIUM=/path/to/chrome.")


def sync_playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright as start
    except ImportError as err:
        raise MissingDependency(f"Python package missing ({err.name}): run `make setup`.") from err
    return start


@contextlib.contextmanager
def launch() -> Iterator[Any]:
    """A headless Chromium (Playwright Browser) for the length of a ``with`` block."""
    with sync_playwright()() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
