"""Harden the built site in place: a strict Content-Security-Policy with hashes of the theme's
inline scripts, no-referrer, a `_headers` file for hosts that read one, and valid HTML.

This runs on the built HTML (site -> site), so it works the same for MkDocs and Zensical.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# Executable inline scripts: <script> with no src and no (or a JavaScript) type.
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"(?!text/javascript|module)[^\"]*\")[^>]*>(.*?)</script>",
    re.S)
_CHARSET = re.compile(r"<meta charset=\"[^\"]*\">")
# Material marks its drawer and search toggles with autocomplete="off", which HTML does not
# allow on checkboxes (the Nu HTML Checker reports it).
_CHECKBOX_AUTOCOMPLETE = re.compile(r"(<input [^>]*type=\"checkbox\"[^>]*?) autocomplete=\"off\"")


def script_hashes(html: str) -> set[str]:
    """CSP source expressions for each inline script of a page.

    >>> sorted(script_hashes('<script>a()</script><script type="application/json">{}</script>'))
    ["'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"]
    """
    return {"'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
            for body in _INLINE_SCRIPT.findall(html)}


def policy(hashes: set[str]) -> str:
    """The site's Content-Security-Policy: only its own files; scripts by file or by hash."""
    scripts = " ".join(["'self'", *sorted(hashes)])
    return ("default-src 'self'; "
            f"script-src {scripts}; "
            "style-src 'self' 'unsafe-inline'; "  # Material sets style attributes
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'")


def harden(site: Path) -> str:
    """Add the policy to every page and write `_headers`; return the policy."""
    pages = sorted(site.rglob("*.html"))
    texts = {page: _CHECKBOX_AUTOCOMPLETE.sub(r"\1", page.read_text(encoding="utf-8")) for page in pages}
    hashes = set().union(*(script_hashes(t) for t in texts.values())) if texts else set()
    csp = policy(hashes)
    meta = (f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            '<meta name="referrer" content="no-referrer">')
    for page, text in texts.items():
        if 'http-equiv="Content-Security-Policy"' not in text:
            text = _CHARSET.sub(lambda m: m.group(0) + meta, text, count=1)
        page.write_text(text, encoding="utf-8")
    (site / "_headers").write_text(
        "/*\n"
        f"  Content-Security-Policy: {csp}; frame-ancestors 'self'\n"
        "  Referrer-Policy: no-referrer\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()\n",
        encoding="utf-8")
    return csp
