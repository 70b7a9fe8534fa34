"""The hardening step allows only the theme's own inline scripts, and stops at any other."""
from __future__ import annotations

from pathlib import Path

import pytest
from sitekit.harden import UnsafePage, harden

# One of Material's inline scripts (partials/javascripts/content.html), as it is built.
THEME = ('<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
         '(target.checked=target.name.startsWith("__tabbed_"))</script>')
SCOPE = ('<script>__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
         '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,'
         'a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}</script>')


def _site(tmp_path: Path, body: str) -> Path:
    page = tmp_path / "a/b/index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f'<!doctype html><html><head><meta charset="utf-8">\n{SCOPE}</head><body>\n{THEME}\n{body}\n'
                    '<script type="application/ld+json">{"a": 1}</script><script src="x.js"></script></body></html>',
                    encoding="utf-8")
    return tmp_path


def test_theme_scripts_are_hashed_and_the_policy_is_added(tmp_path):
    site = _site(tmp_path, "<p>text</p>")
    csp = harden(site)
    assert csp.count("'sha256-") == 2 and "unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert 'http-equiv="Content-Security-Policy"' in (site / "a/b/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("body, words", [
    ("<script>alert(1)</script>", "an inline <script> that is not the theme's (alert(1))"),
    ('<img src="x.png" alt="" onerror="alert(1)">', "the event handler onerror= on <img>"),
    ('<a href=" JavaScript:alert(1)">x</a>', "a javascript: URL in <a href>"),
    ('<script type="module">import("x")</script>', "an inline <script> that is not the theme's"),
    (SCOPE.replace("../..", "https://evil.example/"), "an inline <script> that is not the theme's"),
])
def test_any_other_script_stops_the_build(tmp_path, body, words):
    site = _site(tmp_path, body)
    before = (site / "a/b/index.html").read_bytes()
    with pytest.raises(UnsafePage) as caught:
        harden(site)
    assert "a/b/index.html:4: " + words in str(caught.value)
    assert (site / "a/b/index.html").read_bytes() == before and not (site / "_headers").exists()
