"""First-visit weight of a built page: the gzipped bytes of the page and of every file of the
site it loads (stylesheets, scripts, icons, images), read from the built HTML.

Static, so it is the same on every run; it counts what the HTML asks for (the site loads
nothing from script, and nothing from other hosts). The budgets are in bench/budgets.json,
which bench/run.py reads.
"""
from __future__ import annotations

import gzip
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

BUDGETS = json.loads((Path(__file__).with_name("budgets.json")).read_text(encoding="utf-8"))


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href") and {"stylesheet", "icon", "preload"} & set((a.get("rel") or "").split()):
            self.urls.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])


def gzip_size(data: bytes) -> int:
    """Bytes after gzip at level 9 (what a static host sends)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def first_visit(site: Path, page: Path) -> dict[str, int]:
    """Gzipped bytes of ``page`` and of each local file it loads, keyed by path in the site.

    >>> import tempfile; d = Path(tempfile.mkdtemp()); (d / "a.css").write_text("b{}")
    3
    >>> _ = (d / "index.html").write_text('<link rel="stylesheet" href="a.css">')
    >>> sorted(first_visit(d, d / "index.html"))
    ['a.css', 'index.html']
    """
    html = page.read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    base = page.relative_to(site).as_posix()
    sizes = {base: gzip_size(html)}
    for url in parser.urls:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith("data:"):
            continue  # nothing from other hosts is allowed; tests/browser checks that separately
        local = urlsplit(urljoin(base, parts.path)).path.lstrip("/")
        path = site / local
        if path.is_file():
            sizes[local] = gzip_size(path.read_bytes())
    return sizes


def page_weights(site: Path) -> dict[str, int]:
    """Total first-visit gzipped bytes of every built page, keyed by its address ("" = home)."""
    out = {}
    for page in sorted(site.rglob("index.html")):
        address = page.parent.relative_to(site).as_posix()
        out["" if address == "." else address + "/"] = sum(first_visit(site, page).values())
    return out


def budget_for(address: str, budgets: dict = BUDGETS) -> int:
    """The page's first-visit budget in gzipped bytes: the checker page (in every language) has its own.

    >>> [budget_for(a, {"checker_page_gzip_bytes": 2, "page_gzip_bytes": 1}) for a in ("", "symptom-checker/", "es/symptom-checker/")]
    [1, 2, 2]
    """  # noqa: E501 - a doctest line
    return budgets["checker_page_gzip_bytes" if address.rsplit("/", 2)[-2:] == ["symptom-checker", ""]
                   else "page_gzip_bytes"]


def over_budget(site: Path, budgets: dict = BUDGETS) -> list[str]:
    """One line per built page whose first-visit weight is over its budget (none: all within)."""
    return [f"{address or '/'}: {size:,} bytes gzip, budget {budget_for(address, budgets):,}"
            for address, size in page_weights(site).items() if size > budget_for(address, budgets)]
