"""Print HTML to PDF in Debian's headless Chromium (driven by Playwright), fully offline.

Every request the page makes under the site's address is answered from the built site folder;
any other request is refused, so a handout never depends on the network.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--font-render-hinting=none"]


class MissingDependency(RuntimeError):
    """A program or package the PDF step needs is not installed; the message says how to get it."""


def find_chromium() -> str:
    """Path of a Chromium or Chrome: $CHROMIUM first, then the usual Debian and Google places.

    For example: find_chromium().startswith("/")
    True
    """
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium") or "", "/usr/bin/google-chrome"):
        if candidate and Path(candidate).is_file():
            return candidate
    raise MissingDependency(
        "no Chromium found: run `make test` (it installs Debian's chromium as root), or "
        "`apt-get install chromium`, or set CHROMIUM=/path/to/chrome.")


def _playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        raise MissingDependency(f"Python package missing ({err.name}): run `make setup`.") from err
    return sync_playwright


class Printer:
    """One headless Chromium for many documents; use it as a context manager.

    For example: with Printer(Path("site"), "https://example.org/") as p:
    ...     pdf = p.pdf("https://example.org/handouts/x.html", "<h1>Hi</h1>", "A4", "<span></span>", {})
    """

    def __init__(self, site: Path, site_url: str):
        self.site = site.resolve()
        self.site_url = site_url
        self._documents: dict[str, str] = {}

    def __enter__(self) -> Printer:
        chromium = find_chromium()
        self._manager = _playwright()()
        playwright = self._manager.__enter__()
        try:
            self._browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        except Exception:
            self._manager.__exit__(None, None, None)
            raise
        # No JavaScript: handouts are the pages' static content (the checker shows its table).
        self._context = self._browser.new_context(java_script_enabled=False, locale="en-GB",
                                                  timezone_id="UTC")
        self._context.route("**/*", self._answer)
        self._page = self._context.new_page()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._context.close()
        self._browser.close()
        self._manager.__exit__(kind, error, trace)

    def _answer(self, route: Any) -> None:
        url = route.request.url.split("#", 1)[0]
        if url in self._documents:
            route.fulfill(body=self._documents[url], content_type="text/html; charset=utf-8")
            return
        if not url.startswith(self.site_url):
            route.abort()
            return
        relative = unquote(urlsplit(url).path[len(urlsplit(self.site_url).path):])
        target = (self.site / relative).resolve()
        if target.is_dir():
            target = target / "index.html"
        if self.site not in target.parents or not target.is_file():
            route.fulfill(status=404, body="")
            return
        route.fulfill(path=str(target))

    def pdf(self, url: str, html: str, paper: str, footer: str, margins: dict[str, str]) -> bytes:
        """Print ``html`` as if it were served at ``url``; ``footer`` is Chromium's footer template,
        drawn in the bottom margin."""
        self._documents[url] = html
        try:
            self._page.goto(url, wait_until="load")
            self._page.emulate_media(media="print")
            return self._page.pdf(format=paper, margin=margins, print_background=True,
                                  display_header_footer=True, header_template="<span></span>",
                                  footer_template=footer, tagged=True, outline=True)
        finally:
            del self._documents[url]
