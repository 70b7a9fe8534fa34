"""Text from the YAML files made safe for the one place it is shown: Markdown (and HTML inside
it), JSON inside a <script> element, mailto: and tel: links; and dates and site names as
readers write them. Each value is escaped once, where it is rendered."""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")  # characters Markdown takes a backslash before
_MD_ENTITY = {"~": "&#126;", "^": "&#94;", ":": "&#58;"}  # special to extensions; no backslash escape


def escape_markdown(text: str) -> str:
    """Text from YAML as literal Markdown: HTML escaped, Markdown punctuation backslashed, and the
    characters that only extensions read (~ ^ :) as entities, since Markdown keeps a backslash
    before them.

    >>> escape_markdown("a|b <i> *x* [l](u) ~y^: &")
    'a\\\\|b &lt;i&gt; \\\\*x\\\\* \\\\[l\\\\]\\\\(u\\\\) &#126;y&#94;&#58; &amp;'
    """
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return "".join(_MD_ENTITY.get(c, c) for c in text)


def markdown_text(text: str) -> Markup:
    """Text as literal Markdown (escape_markdown), marked safe so an HTML template does not
    escape it a second time: for text inside an element whose content Markdown reads
    (markdown="span" or "block", md_in_html)."""
    return Markup(escape_markdown(text))


def markdown_link(text: str, target: str) -> Markup:
    """A Markdown link: the text escaped once for Markdown, the target a source file
    (``causes.md#l4``), which MkDocs and Zensical both turn into the built page's address.

    >>> markdown_link("A *b*", "causes.md#l4")
    Markup('[A \\\\*b\\\\*](causes.md#l4)')
    """
    return Markup(f"[{escape_markdown(text)}]({target})")


def json_for_script(value: Any) -> str:
    """JSON that is safe inside a <script type="application/json"> element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                      ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, safe)
    return text


def site_name(url: str) -> str:
    """The site a link goes to, as a reader would say it.

    >>> site_name("https://www.nice.org.uk/guidance/ng59"), site_name("http://annals.org/a?b=1")
    ('nice.org.uk', 'annals.org')
    """
    host = re.sub(r"^[a-z]+://", "", url).split("/", 1)[0].split("?", 1)[0]
    return host[4:] if host.startswith("www.") else host


def long_date(iso: str) -> str:
    """A date as readers write it.

    >>> long_date("2026-11-04")
    '4 November 2026'
    """
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B')} {day.year}"


def mailto_href(email: str) -> str:
    """A mailto: link with the address URL-encoded.

    >>> mailto_href("a&b+c@example.org")
    'mailto:a%26b%2Bc@example.org'
    """
    return "mailto:" + quote(email, safe="@.")


def tel_href(phone: str) -> str:
    """A tel: link: the number without spaces, URL-encoded.

    >>> tel_href("+44 (0)100 000")
    'tel:+44%280%29100000'
    """
    return "tel:" + quote(phone.replace(" ", ""), safe="+-")
