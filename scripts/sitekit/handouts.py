"""Printable PDF handouts from the built site: one per page in the nav, and a booklet of them all.

Reads only the built site (each page's article, clinic print header, stylesheets and canonical
address) and the checked clinic and knowledge files; lays them out with the handout templates and
prints them in headless Chromium (``pdf_print``), then fixes their metadata (``pdf_meta``).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup

from . import pdf_meta, yamlsource
from .html_parts import marked_element
from .model import Knowledge
from .pdf_print import MissingDependency, Printer
from .render import environment

PRODUCER = "sitekit make_handouts (Chromium, pypdf)"
MAX_PAGES = 2  # a topic handout is one sheet of paper, printed on both sides
FIT_LEVELS = 6  # print.css: .kb-handout[data-fit="0".."5"], each a little smaller than the last
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
_BODY = re.compile(r"<body([^>]*)>")
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_URL_ATTR = re.compile(r'\b(href|src)="([^"]*)"')
_HELP = '<h2 id="where-to-get-help"'  # generated/help.md: the section every page ends with


def too_long(counts: dict[str, int]) -> list[str]:
    """The handouts (not the booklet) longer than MAX_PAGES.

    >>> too_long({"a.pdf": 2, "b.pdf": 3, "booklet.pdf": 20})
    ['b.pdf (3 pages)']
    """
    return [f"{name} ({count} pages)" for name, count in counts.items()
            if name != "booklet.pdf" and count > MAX_PAGES]


class HandoutError(RuntimeError):
    """The built site is not what the handout step expects; the message says what is wrong."""


@dataclass(frozen=True)
class SitePage:
    """One built page, as the handouts need it.

    >>> SitePage("anatomy", "How your back...", "https://example.org/anatomy/", "", "", [], "").pdf_name
    'anatomy.pdf'
    """

    name: str
    title: str
    url: str
    article: str
    header: str
    stylesheets: list[str]
    body_attrs: str

    @property
    def pdf_name(self) -> str:
        return f"{self.name}.pdf"


def absolute_links(fragment: str, base: str) -> str:
    """Every href and src made absolute against ``base`` (tel: and mailto: stay as they are).

    >>> absolute_links('<a href="../causes/#l4">x</a> <a href="tel:999">y</a>', "https://e.org/k/anatomy/")
    '<a href="https://e.org/k/causes/#l4">x</a> <a href="tel:999">y</a>'
    """
    return _URL_ATTR.sub(lambda m: f'{m.group(1)}="{urljoin(base, html.unescape(m.group(2)))}"'
                         if not m.group(2).startswith(("data:", "#")) else m.group(0), fragment)


def strip_tags(fragment: str) -> str:
    """Text of an HTML fragment, without the heading's permalink sign.

    >>> strip_tags('Symptoms of <abbr title="x">sciatica</abbr><a class="headerlink" href="#s">&para;</a>')
    'Symptoms of sciatica'
    """
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def nav_pages(config: Path) -> list[str]:
    """Names of the pages in the nav of an MkDocs config, in order (``index`` for index.md).

    >>> nav_pages(Path("mkdocs.yml"))[:2]  # doctest: +SKIP
    ['index', 'anatomy']
    """
    data = yamlsource.load(config, config.name).data
    names: list[str] = []

    def walk(items: Any) -> None:
        for item in items or []:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            elif isinstance(value, str) and value.endswith(".md") and "://" not in value:
                names.append(value[: -len(".md")])

    walk(data.get("nav"))
    return names


def read_page(site: Path, name: str) -> SitePage:
    """The parts of a built page a handout uses, with every link made absolute to the site."""
    path = site / ("index.html" if name == "index" else f"{name}/index.html")
    if not path.is_file():
        raise HandoutError(f"{path} is missing: build the site first (make site).")
    text = path.read_text(encoding="utf-8")
    found: dict[str, Any] = {key: rx.search(text) for key, rx in (("article", _ARTICLE), ("canonical", _CANONICAL),
                                                                 ("body", _BODY))}
    found["header"] = marked_element(text, "data-kb-print-header")  # marked by overrides/partials
    missing = [key for key, match in found.items() if match is None]
    if missing:
        raise HandoutError(f"{path}: no {', '.join(missing)} found; is overrides/main.html "
                           "including partials/print-header.html, and is site_url set?")
    url = found["canonical"].group(1)  # type: ignore[union-attr]
    article = absolute_links(found["article"].group(1), url)  # type: ignore[union-attr]
    title = _H1.search(article)
    return SitePage(
        name=name, title=strip_tags(title.group(1)) if title else name, url=url, article=article,
        header=absolute_links(found["header"], url),
        stylesheets=[urljoin(url, href) for href in _STYLESHEET.findall(text)],
        body_attrs=found["body"].group(1))  # type: ignore[union-attr]


def qr_svg(url: str, label: str) -> Markup:
    """An inline SVG QR code for ``url`` (segno), sized by CSS.

    >>> str(qr_svg("https://example.org/", "Scan")).startswith("<svg")
    True
    """
    try:
        import segno
    except ImportError as err:
        raise MissingDependency(f"Python package missing ({err.name}): run `make setup`.") from err
    svg = segno.make(url, error="m", micro=False).svg_inline(
        scale=1, omitsize=True, border=0, title=label, svgclass="kb-handout__qr-code")
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))


@dataclass
class Handouts:
    """Lays out and prints every handout of a built site.

    >>> Handouts(Path("site"), knowledge, clinic, "Sciatica and knee pain").build(pages)  # doctest: +SKIP
    {'anatomy.pdf': 2, ..., 'booklet.pdf': 20}
    """

    site: Path
    knowledge: Knowledge
    clinic: dict[str, Any]
    site_name: str

    def __post_init__(self) -> None:
        self.env = environment()
        self.site_url = self.clinic["site_url"].rstrip("/") + "/"

    # ---------------------------------------------------------------- markup
    def _context(self) -> dict[str, Any]:
        return {"clinic": self.clinic, "k": self.knowledge, "site_name": self.site_name,
                "help_url": urljoin(self.site_url, "when-to-get-help/")}

    def section(self, page: SitePage, fit: int = 0) -> Markup:
        """One page laid out for paper: clinic header, content, warning signs, review dates, QR."""
        before, marker, after = page.article.partition(_HELP)
        has_box = "kb-care--emergency" in page.article  # the page shows its own emergency box
        return Markup(self.env.get_template("handout-section.html.j2").render(
            page=page, fit=fit, before=Markup(before), after=Markup(marker + after),
            warning_box=not has_box, qr=qr_svg(page.url, page.url), **self._context()))

    def document(self, title: str, pages: list[tuple[SitePage, int]],
                 booklet: list[tuple[SitePage, int]] | None = None) -> str:
        """The whole HTML document Chromium prints: one section per (page, fit level), and for the
        booklet a cover and contents (``booklet`` pairs each page with its first page number)."""
        first = pages[0][0]
        return self.env.get_template("handout.html.j2").render(
            title=title, stylesheets=first.stylesheets, body_attrs=Markup(first.body_attrs),
            logo=urljoin(self.site_url, "generated/logo" + Path(self.clinic["logo"]).suffix),
            sections=[self.section(p, fit) for p, fit in pages], contents=booklet, **self._context())

    def footer(self) -> str:
        return self.env.get_template("handout-footer.html.j2").render(**self._context())

    # ---------------------------------------------------------------- printing
    def _print(self, printer: Printer, name: str, html_text: str) -> bytes:
        return printer.pdf(urljoin(self.site_url, f"handouts/{name}.html"), html_text,
                           self.clinic["paper"], self.footer())

    def _finish(self, pdf: bytes, title: str) -> bytes:
        info = pdf_meta.DocInfo(title=title, author=self.clinic["name"],
                                language=self.clinic["language"], date=self.clinic["last_reviewed"])
        return pdf_meta.finish(pdf, info, PRODUCER)

    def build(self, names: list[str], out: Path) -> dict[str, int]:
        """Write ``<name>.pdf`` for each page and ``booklet.pdf`` into ``out``; return page counts."""
        pages = [read_page(self.site, name) for name in names]
        made: dict[str, bytes] = {}
        fits: list[int] = []
        with Printer(self.site, self.site_url) as printer:
            for page in pages:
                title = f"{page.title} - {self.clinic['name']}"
                fit, pdf = self._fit(printer, page, title)
                made[page.pdf_name] = self._finish(pdf, title)
                fits.append(fit)
            counts = [pdf_meta.page_count(made[p.pdf_name]) for p in pages]
            made["booklet.pdf"] = self._booklet(printer, list(zip(pages, fits)), counts)
        out.mkdir(parents=True, exist_ok=True)
        for stale in out.glob("*.pdf"):
            if stale.name not in made:
                stale.unlink()
        for name, pdf in made.items():
            (out / name).write_bytes(pdf)
        return {name: pdf_meta.page_count(pdf) for name, pdf in made.items()}

    def _fit(self, printer: Printer, page: SitePage, title: str) -> tuple[int, bytes]:
        """The largest type (fit level) that keeps the page within MAX_PAGES; one step smaller
        too when that saves a sheet side (no page with just a line or two on it)."""
        def attempt(fit: int) -> bytes:
            return self._print(printer, page.name, self.document(title, [(page, fit)]))

        fit, pdf = 0, attempt(0)
        while pdf_meta.page_count(pdf) > MAX_PAGES and fit + 1 < FIT_LEVELS:
            fit += 1
            pdf = attempt(fit)
        if fit == 0 and pdf_meta.page_count(pdf) > 1:
            smaller = attempt(1)
            if pdf_meta.page_count(smaller) < pdf_meta.page_count(pdf):
                return 1, smaller
        return fit, pdf

    def _booklet(self, printer: Printer, pages: list[tuple[SitePage, int]], counts: list[int]) -> bytes:
        """Cover, contents, then every page; the contents' numbers are read back from the PDF's
        bookmarks and the booklet printed again until they match where each page really starts."""
        title = f"{self.site_name} - {self.clinic['name']}"
        starts = [2 + sum(counts[:i]) for i in range(len(pages))]  # a guess (a one-page cover): checked below
        for _ in range(4):
            contents = [(page, start) for (page, _fit), start in zip(pages, starts)]
            pdf = self._print(printer, "booklet", self.document(title, pages, contents))
            found = pdf_meta.outline_pages(pdf)
            missing = [page.title for page, _fit in pages if page.title not in found]
            if missing:
                raise HandoutError(f"booklet: no bookmark for {', '.join(missing)}; does every page start with an h1?")
            actual = [found[page.title] for page, _fit in pages]
            if actual == starts:
                return self._finish(pdf, title)
            starts = actual
        raise HandoutError("booklet: the contents' page numbers did not settle; check print.css page breaks.")
