"""Text from the YAML files made safe for the one place it is shown: Markdown (and HTML inside
it), JSON inside a <script> element, mailto: and tel: links; and dates and site names as
readers write them, in the reader's language; and a word file's text with its {placeholders}
filled in (fill, for templates: the ``fill`` filter; fill_text, for plain values). Each value
is escaped once, where it is rendered."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")  # characters Markdown takes a backslash before
_MD_ENTITY = {"~": "&#126;", "^": "&#94;"}  # special to extensions; no backslash escape
# A colon is special to extensions too (a definition list's ": " at the start of a line, an
# emoji's ":name:"), but only at the start or before a non-space; "Sources: x" keeps its colon.
_MD_COLON = re.compile(r"^:|:(?=\S)")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def escape_markdown(text: str) -> str:
    """Text from YAML as literal Markdown: HTML escaped, Markdown punctuation backslashed, and the
    characters that only extensions read (~ ^, and a colon that could start their syntax) as
    entities, since Markdown keeps a backslash before them.

    >>> escape_markdown("a|b <i> *x* [l](u) ~y^: &")
    'a\\\\|b &lt;i&gt; \\\\*x\\\\* \\\\[l\\\\]\\\\(u\\\\) &#126;y&#94;: &amp;'
    >>> escape_markdown(": a :smile: b:")
    '&#58; a &#58;smile: b:'
    """
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = "".join(_MD_ENTITY.get(c, c) for c in text)
    return _MD_COLON.sub("&#58;", text)


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


def long_date(iso: str, date_words: dict[str, Any], tag: str = "") -> str:
    """A date as readers of a language write it (``date_words``: its word file's ``date``); the
    country of the language tag ``tag`` may write it its own way (``date: by_country:``).

    >>> en = {"format": "{day} {month} {year}", "by_country": {"US": "{month} {day}, {year}"},
    ...       "months": ["January", "February", "March", "April", "May", "June", "July", "August",
    ...                  "September", "October", "November", "December"]}
    >>> long_date("2026-11-04", en), long_date("2026-11-24", en, "en-US"), long_date("2026-11-24", en, "en-GB")
    ('4 November 2026', 'November 24, 2026', '24 November 2026')
    """
    day = dt.date.fromisoformat(iso)
    country = tag.partition("-")[2]
    form = (date_words.get("by_country") or {}).get(country, date_words["format"])
    return fill_text(form, day=day.day, month=date_words["months"][day.month - 1], year=day.year)


def fill(text: str, escape: Callable[[str], Any], **values: Any) -> Markup:
    """A word file's text with each ``{name}`` replaced by ``values[name]``, escaped once by
    ``escape`` (the context's: HTML or Markdown): the text and plain values are escaped, values
    that are already Markup (a link built by a template) are kept as they are.

    >>> from markupsafe import escape
    >>> fill("Call {a} <b>{link}</b>", escape, a="R&D", link=Markup("<a href=x>y</a>"))
    Markup('Call R&amp;D &lt;b&gt;<a href=x>y</a>&lt;/b&gt;')
    >>> fill(" {name}: *{x}*", markdown_text, name="a_b", x=Markup("[l](u)"))
    Markup(' a\\\\_b: \\\\*[l](u)\\\\*')
    """
    names: list[str] = []

    def hold(match: re.Match[str]) -> str:  # a mark the escaping leaves alone
        names.append(match[1])
        return f"\0{len(names) - 1}\0"

    def put(match: re.Match[str]) -> str:
        value = _value(text, names[int(match[1])], values)
        return str(value.__html__()) if hasattr(value, "__html__") else str(escape(str(value)))
    text = str(text)
    # A space at either end is part of the text (" or {link}"); Markdown escaping would drop it.
    lead, trail = (" " if text[:1].isspace() else ""), (" " if text[-1:].isspace() else "")
    body = str(escape(_PLACEHOLDER.sub(hold, text.strip())))
    return Markup(lead + re.sub(r"\0(\d+)\0", put, body) + trail)


def fill_text(text: str, **values: Any) -> str:
    """A word file's text with each ``{name}`` filled in as plain text, for a value that is escaped
    later, once, where it is shown (a theme word, a mailto: link's subject and body).

    >>> fill_text("Published by {clinic}.\\n", clinic="A & B")
    'Published by A & B.\\n'
    """
    return _PLACEHOLDER.sub(lambda match: str(_value(text, match[1], values)), str(text))


def _value(text: str, name: str, values: dict[str, Any]) -> Any:
    if name not in values:
        raise ValueError(f"{text!r}: no value given for {{{name}}}")
    return values[name]


def mailto_href(email: str) -> str:
    """A mailto: link with the address URL-encoded.

    >>> mailto_href("a&b+c@example.org")
    'mailto:a%26b%2Bc@example.org'
    """
    return "mailto:" + quote(email, safe="@.")


def report_href(email: str, subject: str, body: str) -> str:
    r"""A mailto: link that opens the reader's own e-mail program with a subject and a body filled in
    (the site itself sends nothing), every part URL-encoded.

    >>> report_href("a@example.org", "A & B", "Page: https://x.org/a/?b=1\nOK")
    'mailto:a@example.org?subject=A%20%26%20B&body=Page%3A%20https%3A%2F%2Fx.org%2Fa%2F%3Fb%3D1%0AOK'
    """
    return f"{mailto_href(email)}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def page_report_href(email: str, words: dict[str, Any], title: str, url: str, reviewed: str) -> str:
    """The "report a problem with this page" link of a page or handout: the page's title, address
    and review date filled in, in the words of its language (``words``: page_review in ui.yml)."""
    return report_href(email, fill_text(words["report_subject"], title=title),
                       fill_text(words["report_body"], url=url, reviewed=reviewed))


def tel_href(phone: str) -> str:
    """A tel: link: the number without spaces, URL-encoded.

    >>> tel_href("+44 (0)100 000")
    'tel:+44%280%29100000'
    """
    return "tel:" + quote(phone.replace(" ", ""), safe="+-")
