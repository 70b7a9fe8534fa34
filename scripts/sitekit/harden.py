"""Harden the built site in place: a strict Content-Security-Policy (script from the site's own
files only: script-src 'self', no hashes, no inline script), no-referrer, a `_headers` file for
hosts that read one, and valid HTML. Any script in a page's HTML (an inline script, an `on...=`
handler, a `javascript:` URL) stops the build, naming the page and the script; the theme's own
inline scripts are replaced by overrides/partials/javascripts/. JSON data blocks (<script
type="application/json">) are data, not script, and stay.

This runs on the built HTML (site -> site), so it works the same for MkDocs and Zensical.
"""
from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

# A <script> of one of these types is a data block (JSON the page's scripts read, JSON-LD for search
# engines): the browser never runs it. Any other type may run, so it counts as script.
_DATA_TYPES = {"application/json", "application/ld+json"}
_CHARSET = '<meta charset="utf-8">'
# The theme's drawer and search toggles carry autocomplete="off", which HTML does not allow on
# checkboxes (the Nu HTML Checker reports it). They are outside any block, so the exact tags are
# replaced here.
_TOGGLES = {f'type="checkbox" id="__{name}" autocomplete="off">': f'type="checkbox" id="__{name}">'
            for name in ("drawer", "search")}
POLICY = ("default-src 'self'; "
          "script-src 'self'; "
          "style-src 'self' 'unsafe-inline'; "  # Material sets style attributes
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
          "object-src 'none'; base-uri 'self'; form-action 'self'")


class UnsafePage(Exception):
    """A built page has script in its HTML, where only files may hold script."""


class _Scripts(HTMLParser):
    """Collects a page's executable inline scripts and anything else that would run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inline: list[tuple[int, str]] = []
        self.other: list[tuple[int, str]] = []
        self._open: tuple[int, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        line = self.getpos()[0]
        for name, value in attrs:
            if name.startswith("on"):
                self.other.append((line, f"the event handler {name}= on <{tag}>"))
            if value and name in ("href", "src", "action", "formaction", "xlink:href") \
                    and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("javascript:"):
                self.other.append((line, f"a javascript: URL in <{tag} {name}>"))
        if tag == "script" and "src" not in values and (values.get("type") or "").strip().lower() not in _DATA_TYPES:
            self._open = (line, [])

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open:
            self.inline.append((self._open[0], "".join(self._open[1])))
            self._open = None


def check_page(html: str, name: str) -> None:
    """UnsafePage when a page has script in its HTML (the policy would block it: the site would
    break without a word at build time)."""
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    found = [f"{name}:{line}: {what}" for line, what in parser.other]
    found += [f"{name}:{line}: an inline <script> ({' '.join(body.split())[:80]})" for line, body in parser.inline]
    if found:
        raise UnsafePage("script in the page's HTML, which the security policy blocks (move it to a "
                         "file, or remove it from the page or the YAML text it came from):\n  "
                         + "\n  ".join(found))


def harden(site: Path) -> str:
    """Check every page, add the policy to each and write `_headers`; return the policy."""
    pages = sorted(site.rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    for page, text in texts.items():
        for old, new in _TOGGLES.items():
            text = text.replace(old, new)
        texts[page] = text
    for page, text in texts.items():
        check_page(text, page.relative_to(site).as_posix())
    csp = POLICY
    meta = (f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            '<meta name="referrer" content="no-referrer">')
    for page, text in texts.items():
        if 'http-equiv="Content-Security-Policy"' not in text:
            text = text.replace(_CHARSET, _CHARSET + meta, 1)
        page.write_text(text, encoding="utf-8")
    (site / "_headers").write_text(
        "/*\n"
        f"  Content-Security-Policy: {csp}; frame-ancestors 'self'\n"
        "  Referrer-Policy: no-referrer\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()\n",
        encoding="utf-8")
    return csp


if __name__ == "__main__":  # python -m sitekit.harden SITE: check a built site
    print(harden(Path(sys.argv[1])))
