"""A printable leaflet per condition, in every published language, normal and large print, on the
clinic's paper: what it is, how it feels, how it differs from the condition most like it (classic
sciatica for the others), what helps with the research's rating, the exercises that suit it, and
(as every handout) the clinic's header, a QR code to the condition's section, the review dates,
the warning signs and where to get help.

Made from the checked knowledge and clinic files and the built site (its stylesheets, print header
and "Where to get help"), with the handout machinery (sitekit.handouts): the same templates,
printer and layout checks. Written to handouts/leaflets/<condition id>.pdf (large print in
handouts/large/leaflets/).
"""
from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup

from . import handout_layout, pdf_meta
from .handouts import SIZES, Handouts, Printed, PrintSize, SitePage, Workers, write_pdfs
from .leaflet_content import MAX_EXERCISES, leaflet_context
from .model import Condition
from .pdf_print import Printer

FOLDER = "leaflets"
MAX_PAGES = 2  # in normal print: fewer exercises are shown in full until the leaflet fits
# Normal print with narrower side margins (10 mm, as many clinic leaflets): a leaflet keeps all the
# warning signs within two sheets. Large print keeps the handouts' margins.
NORMAL = replace(SIZES[0], margins={**SIZES[0].margins, "left": "10mm", "right": "10mm"})
LEAFLET_SIZES = (NORMAL, *SIZES[1:])


def leaflet_name(condition_id: str) -> str:
    """The leaflet's name under handouts/ (and handouts/large/), without .pdf."""
    return f"{FOLDER}/{condition_id}"


@dataclass
class Leaflets:
    """Lays out, prints and checks every condition's leaflet of one language's built site.
    A leaflet's text ends with one line on booking with the clinic when it is not urgent (in place
    of a page's longer "Where to get help"), then the warning signs (what to do at each level,
    from the clinic file): the signs close the leaflet, so no short line is left to run over."""

    handouts: Handouts

    def content(self, condition: Condition, shown: int = MAX_EXERCISES) -> str:
        h = self.handouts
        return h.env.get_template("leaflet/leaflet.html.j2").render(
            k=h.knowledge, id_prefix="leaflet-", **leaflet_context(h.knowledge, condition, shown))

    def where_to_go(self) -> str:
        """Where to go when it is not urgent (the warning box says where when it is): the clinic."""
        return self.handouts.env.get_template("leaflet/leaflet-where.html.j2").render(**self.handouts._context())

    def page(self, condition: Condition, shown: int = MAX_EXERCISES) -> SitePage:
        """A condition's leaflet, as a page the handout templates lay out: the header,
        stylesheets and "Where to get help" of the page its section is on; ``shown``: how many
        exercises it shows in full."""
        base = self.handouts.page(condition.page.removesuffix(".md"))
        return replace(base, name=leaflet_name(condition.id), title=condition.plain_name,
                       url=f"{base.url}#{condition.anchor}",
                       content=Markup(self.content(condition, shown) + self.where_to_go()),
                       help=Markup(""), has_warning_signs=False)

    def build(self, out: Path) -> dict[str, int]:
        """Write every leaflet in both sizes under ``out`` (the language's handouts/); return each
        file's page count. A broken layout rule raises HandoutError (nothing written)."""
        h = self.handouts
        with Printer(h.site, h.site_url) as printer, Workers(printer) as work:
            made = h.collect(self.start(work))
        return write_pdfs(out, {out / size.folder / FOLDER for size in SIZES}, made)

    def start(self, work: Workers) -> list[Future[dict[str, Printed]]]:
        """Set every condition's leaflet printing, both sizes; ``Handouts.collect`` waits for them."""
        self.handouts.run = work.run
        for condition in self.handouts.knowledge.conditions:  # each page read once, before the threads
            self.handouts.page(condition.page.removesuffix(".md"))
        return [work.pool.submit(self._leaflet, work.printer, c) for c in self.handouts.knowledge.conditions]

    def _leaflet(self, printer: Printer, condition: Condition) -> dict[str, Printed]:
        """One condition's leaflet in both sizes. In normal print a leaflet that runs over
        MAX_PAGES is made again with one exercise fewer shown in full (the others are named);
        large print shows the same. A leaflet that still breaks a rule about looks, or runs over,
        is printed again with the looser page breaks (``data-kb-fit``) and the better one kept."""
        h = self.handouts
        normal, large = LEAFLET_SIZES
        shown = min(MAX_EXERCISES, len(h.knowledge.exercises_for(condition.id)))
        title = f"{condition.plain_name} - {h.clinic['name']}"

        def make(size: PrintSize, fit: bool) -> bytes:
            return h._print(printer, page.name, size, h.document(title, size, [page], fit=fit))
        while True:
            page = self.page(condition, shown)
            pdf = make(normal, False)
            if pdf_meta.page_count(pdf) <= MAX_PAGES or shown == 0:
                break
            shown -= 1
        out = {}
        for size in LEAFLET_SIZES:
            if size is large:
                pdf = make(large, False)
            name = size.folder + page.pdf_name
            most = MAX_PAGES if size is normal else None
            found = self._findings(name, pdf, size, most)
            if found and all(f.looks for f in found):
                fitted = make(size, True)
                again = self._findings(name, fitted, size, most)
                if len(again) < len(found):
                    pdf, found = fitted, again
            out[name] = Printed(h._finish(pdf, title), found)
        return out

    def _findings(self, name: str, pdf: bytes, size: PrintSize, most: int | None) -> list[handout_layout.Finding]:
        """The layout rules a leaflet breaks, running over ``most`` pages counted as one (about looks)."""
        found = self.handouts.run(handout_layout.findings, name, pdf, size.points, size.footer_top)
        pages = pdf_meta.page_count(pdf)
        if most is not None and pages > most:
            found.append(handout_layout.Finding(f"{name}: {pages} pages, more than {most}", looks=True))
        return found
