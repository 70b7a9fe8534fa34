"""Print HTML to PDF in Debian's headless Chromium (driven by Playwright), fully offline.

One Chromium prints every PDF of a build, in several tabs at once (``tabs``, two by default: one
per core of a small build machine), so the handouts of every language and size print side by side
while Python checks the ones already printed. Playwright's asyncio side runs in a thread of its
own; ``Printer.submit`` hands it a document and returns a Future, ``Printer.pdf`` waits for it.

Every request a page makes under the site's address is answered from the built site folder;
any other request is refused, so a handout never depends on the network.
"""
from __future__ import annotations

import asyncio
import os
import threading
from concurrent.futures import Future
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlsplit

from .browser import CHROMIUM_ARGS, MissingDependency, find_chromium

__all__ = ["MissingDependency", "Printer", "default_tabs"]


def default_tabs() -> int:
    """How many documents print at once: $SITEKIT_PDF_TABS, else two (more only adds memory on
    two cores; Chromium lays out each tab in a process of its own)."""
    value = os.environ.get("SITEKIT_PDF_TABS", "")
    return max(1, int(value)) if value.isdigit() else 2


class Printer:
    """One headless Chromium for many documents; use it as a context manager. Safe to call from
    several threads at once: inside ``with Printer(site_dir, site_url) as printer:``, each
    ``printer.pdf(...)`` prints one page's HTML (served as if from its address) to PDF bytes."""

    def __init__(self, site: Path, site_url: str, tabs: int | None = None):
        self.site = site.resolve()
        self.site_url = site_url
        self.tabs = tabs or default_tabs()
        self._documents: dict[str, str] = {}

    def __enter__(self) -> Printer:
        try:
            from playwright.async_api import async_playwright
        except ImportError as err:
            raise MissingDependency(f"Python package missing ({err.name}): run `make setup`.") from err
        chromium = find_chromium()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pdf-printer", daemon=True)
        self._thread.start()
        self._playwright: Any = None
        try:
            self._call(self._start(async_playwright, chromium)).result()
        except BaseException:
            self._close()
            raise
        return self

    async def _start(self, async_playwright: Any, chromium: str) -> None:
        self._playwright = await async_playwright().start()
        self._browser = await self._playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        # No JavaScript: handouts are the pages' static content (the checker shows its table).
        context = await self._browser.new_context(java_script_enabled=False, locale="en-GB", timezone_id="UTC")
        await context.route("**/*", self._answer)
        self._free: asyncio.Queue[Any] = asyncio.Queue()
        for _ in range(self.tabs):
            page = await context.new_page()
            await page.emulate_media(media="print")
            self._free.put_nowait(page)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._close()

    def _close(self) -> None:
        async def stop() -> None:  # whatever was started: Chromium may have failed to launch
            if self._playwright is not None:
                try:
                    browser = getattr(self, "_browser", None)
                    if browser is not None:
                        await browser.close()
                finally:
                    await self._playwright.stop()
        try:
            self._call(stop()).result(timeout=60)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            self._loop.close()

    def _call(self, coroutine: Any) -> Future[Any]:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    async def _answer(self, route: Any) -> None:
        url = route.request.url.split("#", 1)[0]
        if url in self._documents:
            await route.fulfill(body=self._documents[url], content_type="text/html; charset=utf-8")
            return
        if not url.startswith(self.site_url):
            await route.abort()
            return
        relative = unquote(urlsplit(url).path[len(urlsplit(self.site_url).path):])
        target = (self.site / relative).resolve()
        if target.is_dir():
            target = target / "index.html"
        if self.site not in target.parents or not target.is_file():
            await route.fulfill(status=404, body="")
            return
        await route.fulfill(path=str(target))

    def submit(self, url: str, html: str, paper: str, footer: str, margins: dict[str, str]) -> Future[bytes]:
        """Start printing ``html`` as if it were served at ``url`` (one document per address at a
        time); ``footer`` is Chromium's footer template, drawn in the bottom margin."""
        if url in self._documents:
            raise ValueError(f"{url} is already being printed")
        self._documents[url] = html
        future = self._call(self._print(url, paper, footer, margins))
        future.add_done_callback(lambda _: self._documents.pop(url, None))
        return future

    async def _print(self, url: str, paper: str, footer: str, margins: dict[str, str]) -> bytes:
        page = await self._free.get()
        try:
            await page.goto(url, wait_until="load")
            return await page.pdf(format=paper, margin=margins, print_background=True,
                                  display_header_footer=True, header_template="<span></span>",
                                  footer_template=footer, tagged=True, outline=True)
        finally:
            self._free.put_nowait(page)

    def pdf(self, url: str, html: str, paper: str, footer: str, margins: dict[str, str]) -> bytes:
        """Print ``html`` as if it were served at ``url`` and wait for the PDF."""
        return self.submit(url, html, paper, footer, margins).result()
