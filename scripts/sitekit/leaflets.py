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

from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup

from . import pdf_meta
from .handouts import SIZES, Handouts, PrintSize, SitePage, read_page, write_pdfs
from .leaflet_content import MAX_EXERCISES, leaflet_context
from .model import Condition
from .pdf_print import Printer

FOLDER = "leaflets"
MAX_PAGES = 2  # in normal print: fewer exercises are shown in full until the leaflet fits


def leaflet_name(condition_id: str) -> str:
    """The leaflet's name under handouts/ (and handouts/large/), without .pdf."""
    return f"{FOLDER}/{condition_id}"


@dataclass
class Leaflets:
    """Lays out, prints and checks every condition's leaflet of one language's built site.
    A leaflet ends with the warning signs (what to do at each level, from the clinic file) and one
    line on booking with the clinic, in place of a page's longer "Where to get help"."""

    handouts: Handouts

    def content(self, condition: Condition, shown: int = MAX_EXERCISES) -> str:
        h = self.handouts
        return h.env.get_template("leaflet.html.j2").render(
            k=h.knowledge, id_prefix="leaflet-", **leaflet_context(h.knowledge, condition, shown))

    def where_to_go(self) -> str:
        """Where to go when it is not urgent (the warning box says where when it is): the clinic."""
        return self.handouts.env.get_template("leaflet-where.html.j2").render(**self.handouts._context())

    def pages(self, shown: dict[str, int] | None = None) -> list[SitePage]:
        """Each condition's leaflet, as a page the handout templates lay out: the header,
        stylesheets and "Where to get help" of the page its section is on. ``shown``: how many
        exercises each condition's leaflet shows in full (MAX_EXERCISES when not given)."""
        site_pages: dict[str, SitePage] = {}
        out = []
        for condition in self.handouts.knowledge.conditions:
            name = condition.page.removesuffix(".md")
            base = site_pages.setdefault(name, read_page(self.handouts.site, name))
            count = (shown or {}).get(condition.id, MAX_EXERCISES)
            out.append(replace(base, name=leaflet_name(condition.id), title=condition.plain_name,
                               url=f"{base.url}#{condition.anchor}",
                               content=Markup(self.content(condition, count)),
                               help=Markup(self.where_to_go()), has_warning_signs=False))
        return out

    def build(self, out: Path) -> dict[str, int]:
        """Write every leaflet in both sizes under ``out`` (the language's handouts/); return each
        file's page count. In normal print a leaflet that runs over MAX_PAGES is made again with
        one exercise fewer shown in full (the others are named); large print shows the same. A
        broken layout rule raises HandoutError (nothing written)."""
        h = self.handouts
        conditions = h.knowledge.conditions
        shown = {c.id: min(MAX_EXERCISES, len(h.knowledge.exercises_for(c.id))) for c in conditions}
        made: dict[str, bytes] = {}
        with Printer(h.site, h.site_url) as printer:
            def printed(page: SitePage, size: PrintSize) -> tuple[str, str, bytes]:
                title = f"{page.title} - {h.clinic['name']}"
                return size.folder + page.pdf_name, title, h._print(printer, page.name, size,
                                                                     h.document(title, size, [page]))
            normal, large = SIZES
            todo = list(conditions)
            while todo:
                pages = dict(zip((c.id for c in conditions), self.pages(shown), strict=True))
                again = []
                for condition in todo:
                    name, title, pdf = printed(pages[condition.id], normal)
                    if pdf_meta.page_count(pdf) > MAX_PAGES and shown[condition.id] > 0:
                        shown[condition.id] -= 1
                        again.append(condition)
                        continue
                    h._check(name, pdf, normal)
                    made[name] = h._finish(pdf, title)
                todo = again
            for page in self.pages(shown):
                name, title, pdf = printed(page, large)
                h._check(name, pdf, large)
                made[name] = h._finish(pdf, title)
        return write_pdfs(out, {out / size.folder / FOLDER for size in SIZES}, made)
