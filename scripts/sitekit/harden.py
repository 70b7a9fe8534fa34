"""Harden the built site in place: a strict Content-Security-Policy that allows only the theme's
own inline scripts (by hash), no-referrer, a `_headers` file for hosts that read one, and valid
HTML. Any other script in a page (an inline script, an `on...=` handler, a `javascript:` URL)
stops the build, naming the page and the script.

The theme's scripts are known in advance: they are the inline scripts of Material's (and
Zensical's) templates, where only the relative base URL ("..", "../..") changes per page. This
runs on the built HTML (site -> site), so it works the same for MkDocs and Zensical.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_JS_TYPES = {"", "text/javascript", "module", "application/javascript"}
_INLINE_IN_TEMPLATE = re.compile(r"<script>(.*?)</script>", re.S)
_JINJA = re.compile(r"\\\{\\\{.*?\\\}\\\}")  # a {{ ... }} in an re.escape()d template
_BASE_URL = r"(?:\.|\.\.(?:/\.\.)*|/[A-Za-z0-9._~%/-]*)"  # base_url: relative, or the site's path (404)
_CHARSET = '<meta charset="utf-8">'
# The theme's drawer and search toggles carry autocomplete="off", which HTML does not allow on
# checkboxes (the Nu HTML Checker reports it). They are outside any block, so the exact tags are
# replaced here.
_TOGGLES = {f'type="checkbox" id="__{name}" autocomplete="off">': f'type="checkbox" id="__{name}">'
            for name in ("drawer", "search")}


class UnsafePage(Exception):
    """A built page has script that is not the theme's own."""


def theme_template_dirs() -> list[Path]:
    """The template folders of the engines this project builds with (the ones installed)."""
    dirs = []
    try:
        import material
        dirs.append(Path(material.__file__).parent / "templates")
    except ImportError:
        pass
    dirs += sorted(ROOT.glob(".venv-zensical/lib/python*/site-packages/zensical/templates"))
    return [d for d in dirs if d.is_dir()]


@functools.lru_cache(maxsize=1)
def theme_scripts() -> tuple[re.Pattern, ...]:
    """A pattern for each inline script in the themes' templates, with base_url left open."""
    patterns = set()
    for folder in theme_template_dirs():
        for template in [folder / "base.html", *sorted((folder / "partials/javascripts").glob("*.html"))]:
            if template.is_file():
                for body in _INLINE_IN_TEMPLATE.findall(template.read_text(encoding="utf-8")):
                    patterns.add(_JINJA.sub(lambda _: _BASE_URL, re.escape(body)))
    return tuple(re.compile(p, re.S) for p in sorted(patterns))


def is_theme_script(body: str) -> bool:
    """True when an inline script is one of the theme's own.

    >>> is_theme_script('var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))')
    True
    >>> is_theme_script("alert(document.domain)")
    False
    """  # noqa: E501 - a doctest or script line that cannot be split
    return any(p.fullmatch(body) for p in theme_scripts())


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
        if tag == "script" and "src" not in values and (values.get("type") or "").lower() in _JS_TYPES:
            self._open = (line, [])

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open:
            self.inline.append((self._open[0], "".join(self._open[1])))
            self._open = None


def check_page(html: str, name: str) -> set[str]:
    """The CSP hashes of a page's inline scripts; UnsafePage when any script is not the theme's."""
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    found = [f"{name}:{line}: {what}" for line, what in parser.other]
    found += [f"{name}:{line}: an inline <script> that is not the theme's ({' '.join(body.split())[:80]})"
              for line, body in parser.inline if not is_theme_script(body)]
    if found:
        raise UnsafePage("script that is not the theme's own (remove it from the page or the YAML "
                         "text it came from):\n  " + "\n  ".join(found))
    return {_hash(body) for _, body in parser.inline}


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def policy(hashes: set[str]) -> str:
    """The site's Content-Security-Policy: only its own files; scripts by file or by hash."""
    scripts = " ".join(["'self'", *sorted(hashes)])
    return ("default-src 'self'; "
            f"script-src {scripts}; "
            "style-src 'self' 'unsafe-inline'; "  # Material sets style attributes
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'")


def harden(site: Path) -> str:
    """Check every page, add the policy to each and write `_headers`; return the policy."""
    pages = sorted(site.rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    for page, text in texts.items():
        for old, new in _TOGGLES.items():
            text = text.replace(old, new)
        texts[page] = text
    hashes: set[str] = set()
    for page, text in texts.items():
        hashes |= check_page(text, page.relative_to(site).as_posix())
    csp = policy(hashes)
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
