"""Turn links to Markdown source files (`causes.md#x`) in built HTML into the built pages'
addresses (`../causes/#x`).

Generated HTML snippets link to source files, as Markdown does. Zensical rewrites such links
everywhere; MkDocs only in Markdown, not in raw HTML. Running this on every built page makes
both engines give the same result (for Zensical there is nothing left to change).
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

_SOURCE_HREF = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"#?]*?)\.md(#[^"]*)?"')


def built_url(source: str) -> str:
    """The address of the page built from a source file, with directory URLs.

    >>> built_url("index.md"), built_url("causes.md"), built_url("guide/index.md")
    ('', 'causes/', 'guide/')
    """
    stem = source[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def rewrite(html: str, source: str) -> str:
    """Rewrite the source-file links of one page built from ``source``.

    >>> rewrite('<a href="causes.md#l4">x</a> <a href="https://a.md">y</a>', "symptoms.md")
    '<a href="../causes/#l4">x</a> <a href="https://a.md">y</a>'
    >>> rewrite('<a href="causes.md">x</a>', "index.md")
    '<a href="causes/">x</a>'
    """
    here = built_url(source)

    def _one(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), match.group(1) + ".md"))
        relative = posixpath.relpath(built_url(target) or ".", here or ".")
        relative = "" if relative == "." else relative.rstrip("/") + "/"
        return f'href="{relative or "./"}{match.group(2) or ""}"'

    return _SOURCE_HREF.sub(_one, html)


def rewrite_site(site: Path) -> None:
    """Rewrite every page of a built site (each page's source is worked out from its path)."""
    for page in site.rglob("index.html"):
        folder = page.parent.relative_to(site).as_posix()
        source = "index.md" if folder == "." else f"{folder}.md"
        text = page.read_text(encoding="utf-8")
        new = rewrite(text, source)
        if new != text:
            page.write_text(new, encoding="utf-8")
