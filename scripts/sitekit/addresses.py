"""Page addresses, in one place: the address a page's source file is built at, and links from
one page to another, as Markdown writes them (source files) and as built (directory URLs)."""
from __future__ import annotations


def page_url(file: str) -> str:
    """The built page's address relative to the site root.

    >>> page_url("index.md"), page_url("causes.md")
    ('', 'causes/')
    """
    return "" if file == "index.md" else file[: -len(".md")] + "/"


def source_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link as Markdown writes it: to the page's source file. MkDocs and Zensical both turn it
    into the built page's address in Markdown (raw HTML links they treat differently, so
    generated HTML writes its links as Markdown inside md_in_html elements).

    >>> source_link("index.md", "causes.md", "l4"), source_link("mimics.md", "mimics.md", "x")
    ('causes.md#l4', '#x')
    """
    if from_page == to_page and anchor:
        return f"#{anchor}"
    return f"{to_page}#{anchor}" if anchor else to_page


def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link between two built pages (directory URLs), for data no engine reads (the checker's
    JSON).

    >>> href("index.md", "causes.md", "l4"), href("mimics.md", "causes.md"), href("mimics.md", "mimics.md", "x")
    ('causes/#l4', '../causes/', '#x')
    """
    if from_page == to_page and anchor:
        return f"#{anchor}"
    fragment = f"#{anchor}" if anchor else ""
    prefix = "" if from_page == "index.md" else "../"
    return f"{prefix}{page_url(to_page)}{fragment}" or "./"
