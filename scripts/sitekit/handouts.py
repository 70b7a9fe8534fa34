"""Printable PDF handouts from the built site: one per page in the nav, and a booklet of them all,
each in normal print (12 pt) and large print (16 pt, in handouts/large/).

Reads only the built site (each page's marked content and clinic print header, its stylesheets and
canonical address) and the checked clinic and knowledge files; lays them out with the handout
templates, prints them in headless Chromium (``pdf_print``), checks their type and layout
(``handout_layout``) and fixes their metadata (``pdf_meta``). Type smaller than the handout's size
fails the build. A handout that breaks a rule about looks (a heading at the foot of a page, a
half-empty page) is printed again with the stylesheet's looser page breaks (``data-kb-fit``), and
the better of the two kept; what remains is a warning (``Handouts.warnings``), or an error with
``strict`` (the project's own tests).

What reaches paper is decided once, in docs/stylesheets/site.css (its Paper section): anything marked
``kb-print-hide`` (Markdown: ``{ .kb-print-hide }``) is left off, ``kb-print-only`` is shown only
there. The symptom checker prints as a questionnaire (handout-questionnaire.html.j2), made from the
same knowledge file as the checker.
"""
from __future__ import annotations

import multiprocessing
import re
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urljoin

from markupsafe import Markup

from . import handout_layout, pdf_meta, regions
from .addresses import PAGES, page_url
from .escaping import fill_text, page_report_href
from .levels import EMERGENCY
from .model import Knowledge
from .paper_html import Node, absolute_links, parse
from .pdf_print import MissingDependency, Printer
from .render import environment
from .widget_declarations import Widget

PRODUCER = "sitekit make_handouts (Chromium, pypdf)"
T = TypeVar("T")
QUESTIONNAIRE_PAGE = "symptom-checker"  # on paper, the checker is a questionnaire to fill in by pen
HELP_ID = "where-to-get-help"  # generated/help.md: the section every page ends with


@dataclass(frozen=True)
class PrintSize:
    """One size of print: its folder under handouts/, the body type size and the page margins."""

    name: str
    folder: str
    points: int
    margins: dict[str, str]

    @property
    def footer_top(self) -> float:
        """Height in points of the bottom margin, where Chromium draws the footer."""
        return float(self.margins["bottom"].removesuffix("mm")) * 72 / 25.4


NORMAL = PrintSize("normal", "", 12, {"top": "12mm", "bottom": "16mm", "left": "15mm", "right": "15mm"})
LARGE = PrintSize("large", "large/", 16, {"top": "12mm", "bottom": "19mm", "left": "15mm", "right": "15mm"})
SIZES = (NORMAL, LARGE)


class HandoutError(RuntimeError):
    """The built site is not what the handout step expects; the message says what is wrong."""


@dataclass(frozen=True)
class SitePage:
    """One built page, as the handouts need it: ``content`` has no "Where to get help" section
    (``help`` holds it); every address in both is absolute.

    >>> SitePage("anatomy", "How your back...", "https://example.org/anatomy/", "", "", "", [], "", False).pdf_name
    'anatomy.pdf'
    """

    name: str
    title: str
    url: str
    content: str
    help: str
    header: str
    stylesheets: list[str]
    body_attrs: str
    has_warning_signs: bool  # the page lists the emergency signs itself

    @property
    def pdf_name(self) -> str:
        return f"{self.name}.pdf"

    @property
    def translation_notice(self) -> str:
        """The page's note on its translation as printed (who reviewed it, or that nobody has
        yet: overrides/partials/translation-notice.html), or "" on a page in the first language.

        >>> SitePage("x", "", "", '<p class="kb-translation kb-print-only">Not yet reviewed.</p><p>Text</p>',
        ...          "", "", [], "", False).translation_notice
        '<p class="kb-translation kb-print-only">Not yet reviewed.</p>'
        """
        found = re.search(r'<p class="kb-translation[ "].*?</p>', self.content, re.S)
        return found.group(0) if found else ""


def nav_pages(config: dict[str, Any]) -> list[str]:
    """Names of the pages in the nav of an MkDocs config (as data), in order (``index`` for index.md).

    >>> nav_pages({"nav": [{"Home": "index.md"}, {"More": [{"Anatomy": "anatomy.md"}, "https://x.org/a.md"]}]})
    ['index', 'anatomy']
    """
    data = config
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


def _is_permalink(node: Node) -> bool:
    return node.tag == "a" and (node.get("href") or "").startswith("#")


def _warning_box(node: Node) -> bool:
    """A page's own warning-signs box (generated/warning-signs/box.html, marked data-warning-box),
    not a list in the text."""
    return node.tag == "aside" and (bool(node.get("data-warning-box")) or node.get("data-level") == EMERGENCY)


def read_page(site: Path, name: str) -> SitePage:
    """The parts of a built page a handout uses, found by their data- markers with a parser."""
    path = site / page_url(f"{name}.md") / "index.html"
    if not path.is_file():
        raise HandoutError(f"{path} is missing: build the site first (make site).")
    tree = parse(path.read_text(encoding="utf-8"))
    content = tree.find(lambda n: n.has("data-kb-page-content"))  # overrides/main.html
    header = tree.find(lambda n: n.has("data-kb-print-header"))  # overrides/partials/print-header.html
    canonical = tree.find(lambda n: n.tag == "link" and n.get("rel") == "canonical")
    body = tree.find(lambda n: n.tag == "body")
    missing = [what for what, node in (("data-kb-page-content", content), ("data-kb-print-header", header),
                                       ("canonical link", canonical), ("body", body)) if node is None]
    if missing or content is None or header is None or canonical is None or body is None:
        raise HandoutError(f"{path}: no {', '.join(missing)} found; is overrides/main.html including "
                           "partials/print-header.html and marking the content, and is site_url set?")
    url = canonical.get("href") or ""
    absolute_links(content, url)
    absolute_links(header, url)
    heading = content.find(lambda n: n.tag == "h1")
    help_heading = content.find(lambda n: n.get("id") == HELP_ID)
    help_html = ""
    if help_heading is not None:
        help_body = help_heading.next_element()
        help_html = help_heading.outer_html() + (help_body.outer_html() if help_body else "")
        help_heading.remove()
        if help_body is not None:
            help_body.remove()
    return SitePage(
        name=name, title=heading.text(skip=_is_permalink) if heading else name, url=url,
        content=content.inner_html(), help=help_html, header=header.outer_html(),
        stylesheets=[urljoin(url, n.get("href") or "") for n in
                     tree.find_all(lambda n: n.tag == "link" and n.get("rel") == "stylesheet")],
        body_attrs=body.start_tag()[len("<body"):-1],
        has_warning_signs=content.find(lambda n: n.get("data-level") == EMERGENCY) is not None)


def without_warning_box(content: str) -> str:
    """A page's content without its own warning-signs box (the booklet shows the box once).

    >>> without_warning_box('<p>a</p><aside data-level="emergency"><p>b</p></aside>')
    '<p>a</p>'
    >>> without_warning_box('<p>a</p><aside data-warning-box="home"><section data-level="urgent">c</section></aside>')
    '<p>a</p>'
    """
    tree = parse(content)
    for box in tree.find_all(_warning_box):
        box.remove()
    return tree.outer_html()


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


@dataclass(frozen=True)
class Printed:
    """One finished PDF and the layout rules it breaks (reported when the build collects it)."""

    pdf: bytes
    found: list[handout_layout.Finding]


class Workers:
    """One Chromium (``printer``), the threads (``pool``) that lay out, print and check the PDFs
    side by side (enough to keep each of the printer's tabs busy), and worker processes (``run``)
    for the pure-Python work on each PDF (reading back its layout, fixing its metadata), which
    would otherwise hold one core. Leaving the ``with`` block on an error drops the jobs not yet
    started."""

    def __init__(self, printer: Printer):
        self.printer = printer
        self.pool = ThreadPoolExecutor(printer.tabs + 2, thread_name_prefix="handout")
        # Started afresh (spawn), not forked: this process runs threads and the browser's loop.
        self.cpu = ProcessPoolExecutor(printer.tabs, mp_context=multiprocessing.get_context("spawn"))

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.pool.shutdown(wait=True, cancel_futures=kind is not None)
        self.cpu.shutdown(wait=True, cancel_futures=kind is not None)

    def run(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``function(*args, **kwargs)`` in a worker process (a module-level function)."""
        return self.cpu.submit(function, *args, **kwargs).result()


def _here(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    return function(*args, **kwargs)


@dataclass
class Handouts:
    """Lays out, prints and checks every handout of a built site; ``build`` writes the PDFs and
    returns each one's page count.

    ``lang`` chooses the words of the handouts (locales/<lang>/ui.yml) and their language tag;
    ``strict``: a broken rule about looks is an error too, not a warning.
    """

    site: Path
    knowledge: Knowledge
    clinic: dict[str, Any]
    site_name: str
    lang: str = "en"
    strict: bool = False
    warnings: list[str] = field(default_factory=list)  # rules about looks the handouts still break
    _pages: dict[str, SitePage] = field(default_factory=dict, repr=False)
    run: Callable[..., Any] = field(default=_here, repr=False)  # Workers.run once printing started
    widgets: tuple[Widget, ...] | None = None  # the widgets' declarations, as the build read them

    def __post_init__(self) -> None:
        self.words = self.knowledge.words  # the handouts' language's, with the region's service words
        self.env = environment(self.words, self.clinic["language"], self.widgets)
        self.site_url = self.clinic["site_url"].rstrip("/") + "/"
        # The clinic's own tag (en-GB) when the handouts are in its language, else the language's.
        clinic_lang = self.clinic["language"]
        self.language = clinic_lang if clinic_lang.split("-")[0] == self.lang else self.lang

    # ---------------------------------------------------------------- markup
    def _context(self) -> dict[str, Any]:
        actions = {level: info["action"] for level, info in regions.levels(self.clinic, self.words).items()}
        return {"clinic": self.clinic, "k": self.knowledge, "site_name": self.site_name,
                "help_url": urljoin(self.site_url, page_url(PAGES.help)), "actions": actions,
                "language": self.language}

    def section(self, page: SitePage, booklet: bool) -> Markup:
        """One page laid out for paper: clinic header and QR code, the content (the questionnaire
        for the checker: its first part is the warning signs), and for a handout on its own the
        warning box (unless the page has its own) and where to get help."""
        questionnaire = page.name == QUESTIONNAIRE_PAGE
        content = without_warning_box(page.content) if booklet else page.content
        return Markup(self.env.get_template("handout-section.html.j2").render(
            page=page, content=Markup(content), questionnaire=questionnaire,
            warning_box=not booklet and not questionnaire and not page.has_warning_signs,
            help=Markup("" if booklet else page.help),
            qr=qr_svg(page.url, fill_text(self.words.ui["handout"]["qr_label"], url=page.url)),
            report=self._report_link(page), **self._context()))

    def _report_link(self, page: SitePage) -> Markup:
        """The clinic's e-mail address as a link that reports a problem with this handout."""
        email = self.clinic["contact"]["email"]
        href = page_report_href(email, self.words.ui["page_review"], page.title, page.url, self.clinic["last_reviewed"])
        return Markup('<a href="{}">{}</a>').format(href, email)

    def document(self, title: str, size: PrintSize, pages: list[SitePage],
                 contents: list[tuple[SitePage, int]] | None = None, fit: bool = False,
                 booklet: bool | None = None, sections: bool = True) -> str:
        """The whole HTML document Chromium prints: one handout, or (with ``contents``: each page
        and its first page number) the booklet with its cover; ``fit``: with the stylesheet's
        looser page breaks; ``booklet``: the pages laid out as in the booklet (by default, when
        there are contents); ``sections=False``: the cover alone."""
        first = pages[0]
        booklet = contents is not None if booklet is None else booklet
        return self.env.get_template("handout.html.j2").render(
            title=title, stylesheets=first.stylesheets, body_attrs=Markup(first.body_attrs),
            size=size.name, margins=size.margins, fit=fit,
            logo=urljoin(self.site_url, "generated/logo" + Path(self.clinic["logo"]).suffix),
            sections=[self.section(p, booklet=booklet) for p in pages] if sections else [], contents=contents,
            help=Markup(first.help), **self._context())

    def footer(self, size: PrintSize) -> str:
        return self.env.get_template("handout-footer.html.j2").render(points=size.points, margins=size.margins,
                                                                      **self._context())

    # ---------------------------------------------------------------- printing
    def _print(self, printer: Printer, name: str, size: PrintSize, html_text: str) -> bytes:
        return printer.pdf(urljoin(self.site_url, f"handouts/{size.folder}{name}.html"), html_text,
                           self.clinic["paper"], self.footer(size), size.margins)

    def _finish(self, pdf: bytes, title: str) -> bytes:
        info = pdf_meta.DocInfo(title=title, author=self.clinic["name"],
                                language=self.language, date=self.clinic["last_reviewed"])
        return self.run(pdf_meta.finish, pdf, info, PRODUCER)

    def page(self, name: str) -> SitePage:
        """A built page as the handouts need it, read once."""
        if name not in self._pages:
            self._pages[name] = read_page(self.site, name)
        return self._pages[name]

    def build(self, names: list[str], out: Path) -> dict[str, int]:
        """Write every handout and the booklet, in both sizes, into ``out`` (large print in
        ``out/large``); return each file's page count. Type below the handout's size (or, with
        ``strict``, any broken layout rule) raises HandoutError; other broken rules are added to
        ``warnings``."""
        with Printer(self.site, self.site_url) as printer, Workers(printer) as work:
            return write_pdfs(out, {out / size.folder for size in SIZES}, self.collect(self.start(names, work)))

    def start(self, names: list[str], work: Workers) -> list[Future[dict[str, Printed]]]:
        """Set every handout and booklet printing (several at once); ``collect`` waits for them,
        normal print first."""
        self.run = work.run
        pages = [self.page(name) for name in names]
        jobs: dict[str, list[Future[dict[str, Printed]]]] = {}
        for size in reversed(SIZES):  # large print set printing first: its booklet is the longest to print
            handouts = [work.pool.submit(self._handout, work.printer, page, size) for page in pages]
            # Queued after its handouts, so every one of them has started before it waits on them.
            booklet = work.pool.submit(self._whole_booklet, work.printer, size, pages, handouts)
            jobs[size.name] = [*handouts, booklet]
        return [job for size in SIZES for job in jobs[size.name]]

    def collect(self, jobs: list[Future[dict[str, Printed]]]) -> dict[str, bytes]:
        """Each job's PDFs, their broken rules reported in the order the jobs were started (type
        too small, or with ``strict`` any broken rule, raises HandoutError)."""
        made: dict[str, bytes] = {}
        for job in jobs:
            for name, printed in job.result().items():
                self._report(printed.found)
                made[name] = printed.pdf
        return made

    def _handout(self, printer: Printer, page: SitePage, size: PrintSize) -> dict[str, Printed]:
        title = f"{page.title} - {self.clinic['name']}"
        name = size.folder + page.pdf_name
        pdf, found = self._best(name, size, False, lambda fit: self._print(
            printer, page.name, size, self.document(title, size, [page], fit=fit)))
        return {name: Printed(self._finish(pdf, title), found)}

    def _whole_booklet(self, printer: Printer, size: PrintSize, pages: list[SitePage],
                       handouts: list[Future[dict[str, Printed]]]) -> dict[str, Printed]:
        made = [next(iter(job.result().values())).pdf for job in handouts]
        starts = self._booklet_starts(printer, size, pages, made)
        name = size.folder + "booklet.pdf"
        pdf, found = self._best(name, size, True, lambda fit: self._booklet(printer, size, pages, starts, fit))
        return {name: Printed(self._finish(pdf, f"{self.site_name} - {self.clinic['name']}"), found)}

    def _booklet_starts(self, printer: Printer, size: PrintSize, pages: list[SitePage], made: list[bytes]) -> list[int]:
        """Where each page starts in the booklet, so that it is printed once (a guess printed
        again until it matches, _booklet): after the cover, printed alone (a few pages), each
        page's length there. That is read from the page's own handout, which is the booklet's
        section and then what the handout adds at its end (the warning box, where to get help:
        the booklet has them once, on its cover); a page whose booklet section differs (its own
        warning box is left out) is printed alone, laid out as in the booklet."""
        title = f"{self.site_name} - {self.clinic['name']}"
        lengths = [pdf_meta.page_count(pdf) for pdf in made]
        guess = [(page, 3 + sum(lengths[:i])) for i, page in enumerate(pages)]
        cover = self._print(printer, "booklet", size, self.document(title, size, pages, guess, sections=False))
        start, starts = pdf_meta.page_count(cover) + 1, []
        for page, pdf in zip(pages, made, strict=True):
            length = self._section_length(page, pdf, size)
            if length is None:
                alone = self.document(title, size, [page], booklet=True)
                length = pdf_meta.page_count(self._print(printer, f"booklet-{page.name}", size, alone))
            starts.append(start)
            start += length
        return starts

    def _section_length(self, page: SitePage, pdf: bytes, size: PrintSize) -> int | None:
        """A page's length in the booklet, read from its own handout ``pdf``: the pages before the
        first thing the handout adds at its end; None when the booklet also leaves out part of
        the page's own content (its warning box)."""
        questionnaire = page.name == QUESTIONNAIRE_PAGE
        if page.has_warning_signs and not questionnaire:
            return None
        top_margin = float(size.margins["top"].removesuffix("mm")) * 72 / 25.4
        if not questionnaire:  # the handout's warning box (handout-warning.html.j2) comes first
            return self.run(pdf_meta.pages_before, pdf, self.words.ui["handout"]["warning_title"], top_margin)
        heading = parse(page.help).find(lambda n: n.tag in ("h1", "h2", "h3", "h4", "h5", "h6")) if page.help else None
        if heading is None:
            return pdf_meta.page_count(pdf) if not page.help else None
        return self.run(pdf_meta.pages_before, pdf, heading.text(skip=_is_permalink), top_margin)

    def _best(self, name: str, size: PrintSize, booklet: bool,
              make: Callable[[bool], bytes]) -> tuple[bytes, list[handout_layout.Finding]]:
        """The handout ``make(fit)`` prints, and its broken rules: when it breaks a rule about
        looks it is printed again with looser page breaks (``fit``) and the one with fewer broken
        rules kept."""
        pdf = make(False)
        found = self.run(handout_layout.findings, name, pdf, size.points, size.footer_top, booklet=booklet)
        if any(f.looks for f in found) and all(f.looks for f in found):
            fitted = make(True)
            again = self.run(handout_layout.findings, name, fitted, size.points, size.footer_top, booklet=booklet)
            if len(again) < len(found):
                pdf, found = fitted, again
        return pdf, found

    def _report(self, found: list[handout_layout.Finding]) -> None:
        errors = [f.message for f in found if self.strict or not f.looks]
        if errors:
            raise HandoutError("a handout breaks the layout rules (see the Paper section of "
                               "docs/stylesheets/site.css and the page's Markdown):\n  " + "\n  ".join(errors))
        self.warnings += [f.message for f in found]

    def _booklet(self, printer: Printer, size: PrintSize, pages: list[SitePage],
                 starts: list[int], fit: bool = False) -> bytes:
        """Cover, contents, then every page, the contents' numbers first from ``starts``; they are
        read back from the PDF's bookmarks and the booklet printed again until they match where
        each page really starts (``starts`` then holds those)."""
        title = f"{self.site_name} - {self.clinic['name']}"
        for _ in range(5):
            contents = list(zip(pages, starts, strict=True))
            pdf = self._print(printer, "booklet", size, self.document(title, size, pages, contents, fit))
            # Compared without spaces: Chromium drops the space where a heading wraps ("porciática").
            found = {"".join(title.split()): number for title, number in self.run(pdf_meta.outline_pages, pdf).items()}
            missing = [page.title for page in pages if "".join(page.title.split()) not in found]
            if missing:
                raise HandoutError(f"booklet: no bookmark for {', '.join(missing)}; does every page start with an h1?")
            actual = [found["".join(page.title.split())] for page in pages]
            if actual == starts:
                return pdf
            starts[:] = actual
        raise HandoutError("booklet: the contents' page numbers did not settle; check the page breaks "
                           "in the Paper section of docs/stylesheets/site.css.")


def write_pdfs(out: Path, folders: set[Path], made: dict[str, bytes]) -> dict[str, int]:
    """Write the PDFs ``made`` (path under ``out``: bytes), remove the other PDFs of ``folders``
    left from an earlier build, and return each new PDF's page count."""
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.pdf"):
            if str(stale.relative_to(out)) not in made:
                stale.unlink()
    for name, pdf in made.items():
        (out / name).write_bytes(pdf)
    return {name: pdf_meta.page_count(pdf) for name, pdf in made.items()}
