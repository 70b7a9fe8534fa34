"""Every internal link and #anchor in the built site resolves (nav, footer and 404 included)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("canonical", "alternate")):
                self.links.append(a[key])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _broken_links(site: Path, site_url: str) -> list[str]:
    base_path = urlparse(site_url).path
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        # Pages are checked as published, under the path of site_url, so that a link that
        # climbs out of the site (../../) is caught.
        page_url = base_path + page.relative_to(site).as_posix()
        for link in parsed.links:
            url = urlparse(link)
            if url.scheme in ("mailto", "tel", "data", "javascript") or (url.scheme and url.netloc):
                continue
            target = urlparse(urljoin(page_url, link))
            path = unquote(target.path)
            if not path.startswith(base_path):
                broken.append(f"{page_url}: {link} (outside the site)")
                continue
            file = site / path[len(base_path):]
            if file.is_dir() or path.endswith("/"):
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{page_url}: {link} (no file {file.relative_to(site)})")
                continue
            if target.fragment and file.suffix == ".html":
                ids = pages[file].ids if file in pages else _parse(file).ids
                if unquote(target.fragment) not in ids:
                    broken.append(f"{page_url}: {link} (no #{target.fragment})")
    return broken


def test_every_internal_link_and_anchor_resolves(site):
    """Links, images and scripts point at files that exist, and at anchors that exist (each site
    checked under the path of its own site_url)."""
    assert list(site.path.rglob("*.html")), "no pages were built"
    broken = _broken_links(site.path, site.clinic["site_url"])
    if not site.all_handouts:  # a build that made one page's handouts: the others' links go nowhere
        broken = [b for b in broken if not re.search(r"\(no file (\w+/)?handouts/[\w/-]+\.pdf\)$", b)]
    assert broken == []


def test_link_checker_catches_a_broken_anchor(tmp_path):
    """The checker itself fails on a missing anchor (so the test above can fail)."""
    (tmp_path / "index.html").write_text('<a href="other/#nowhere">x</a>', encoding="utf-8")
    (tmp_path / "other").mkdir()
    (tmp_path / "other/index.html").write_text('<h1 id="here">y</h1><a href="../../up/">z</a>', encoding="utf-8")
    problems = _broken_links(tmp_path, "https://example.org/knee/")
    assert any("other/#nowhere (no #nowhere)" in p for p in problems)
    assert any("../../up/ (outside the site)" in p for p in problems)
