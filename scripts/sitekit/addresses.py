"""Page addresses, in one place: the address a page's source file is built at, and links from
one page to another, as Markdown writes them (source files) and as built (directory URLs), and the
pages the build links to by what they are for (PAGES)."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class SitePages:
    """The pages the build itself links to or fills, by what they are for: the one place their
    source files are named (a condition's page is in the knowledge file: ``Condition.page``).
    Templates read them as ``pages`` (``md_link(text, pages.about, "source-x")``); the nav
    (mkdocs.yml) lists every page a reader sees, these among them.
    """

    home: str = "index.md"
    help: str = "when-to-get-help.md"          # where to get help: the line on top of every page leads here
    symptoms: str = "symptoms.md"
    mimics: str = "mimics.md"                  # other causes, and how to tell two of them apart (compare-two)
    treatments: str = "treatments.md"
    exercises: str = "exercises.md"
    leaflets: str = "leaflets.md"              # the leaflets and the packet builder
    checker: str = "symptom-checker.md"
    checker_report: str = "checker-tested.md"  # how the checker was tested (its report)
    about: str = "about.md"                    # who wrote it, and every source

    def files(self) -> list[str]:
        """Every page named here, by its source file.

        >>> "index.md" in PAGES.files()
        True
        """
        return list(asdict(self).values())


PAGES = SitePages()


def page_url(file: str) -> str:
    """The built page's address relative to the site root.

    >>> page_url("index.md"), page_url("causes.md")
    ('', 'causes/')
    """
    return "" if file == PAGES.home else file[: -len(".md")] + "/"


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
    prefix = "" if from_page == PAGES.home else "../"
    return f"{prefix}{page_url(to_page)}{fragment}" or "./"
