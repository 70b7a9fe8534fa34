"""The hardening step allows script from the site's files only (script-src 'self', no hashes),
keeps JSON data blocks, and stops at any script in a page's HTML."""
from __future__ import annotations

from pathlib import Path

import pytest
from sitekit.harden import UnsafePage, harden

# One of Material's own inline scripts (partials/javascripts/content.html), as it was built before
# overrides/partials/javascripts/ replaced it: script in the HTML, like any other.
THEME = ('<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
         '(target.checked=target.name.startsWith("__tabbed_"))</script>')


def _site(tmp_path: Path, body: str) -> Path:
    page = tmp_path / "a/b/index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f'<!doctype html><html><head><meta charset="utf-8">\n</head><body>\n<p>text</p>\n{body}\n'
                    '<script type="application/ld+json">{"a": 1}</script><script src="x.js"></script>'
                    '<script type="application/json" data-x>{"b": "<\\/p>"}</script></body></html>',
                    encoding="utf-8")
    return tmp_path


def test_the_policy_allows_the_sites_files_only_and_keeps_data_blocks(tmp_path):
    site = _site(tmp_path, "")
    csp = harden(site)
    scripts = csp.split("script-src ")[1].split(";")[0]
    assert scripts == "'self'" and "sha256" not in csp
    html = (site / "a/b/index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="Content-Security-Policy" content="{csp}">' in html
    assert 'type="application/ld+json">{"a": 1}' in html and 'data-x>{"b": "<\\/p>"}' in html
    assert f"Content-Security-Policy: {csp}; frame-ancestors 'self'" in (site / "_headers").read_text(encoding="utf-8")


@pytest.mark.parametrize("body, words", [
    ("<script>alert(1)</script>", "an inline <script> (alert(1))"),
    (THEME, "an inline <script> (var target=document.getElementById"),
    ('<img src="x.png" alt="" onerror="alert(1)">', "the event handler onerror= on <img>"),
    ('<a href=" JavaScript:alert(1)">x</a>', "a javascript: URL in <a href>"),
    ('<script type="module">import("x")</script>', "an inline <script> (import"),
    ('<script type=" text/JavaScript ">alert(1)</script>', "an inline <script> (alert(1))"),
    ('<script type="text/x-unknown">alert(1)</script>', "an inline <script> (alert(1))"),
])
def test_any_script_in_the_html_stops_the_build(tmp_path, body, words):
    site = _site(tmp_path, body)
    before = (site / "a/b/index.html").read_bytes()
    with pytest.raises(UnsafePage) as caught:
        harden(site)
    assert "a/b/index.html:4: " + words in str(caught.value)
    assert (site / "a/b/index.html").read_bytes() == before and not (site / "_headers").exists()
