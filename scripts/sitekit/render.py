"""Render the model and the clinic file into the generated snippets (Markdown, HTML, JSON) and
the generated site config. The data comes worked out from enrich; the markup is in templates/;
each text is escaped once, by the template's context (escaping)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import enrich
from .addresses import href, source_link
from .escaping import json_for_script, long_date, markdown_link, markdown_text, site_name
from .model import Knowledge
from .pages import Page
from .site_config import SITE_CONFIG, render_site_config
from .words import SIGN_GROUPS, WORDS

TEMPLATES = Path(__file__).parent / "templates"
# A folder per visible widget: its template(s), style, script and tests together.
WIDGETS = Path(__file__).parent / "widgets"


# Widgets whose style and script load only on the pages that name them (front matter
# widgets: [checker]; overrides/main.html). Every other widget's style is part of the site stylesheet.
PAGE_WIDGETS = ("checker",)
SITE_CSS = Path(__file__).parents[2] / "docs/stylesheets/site.css"


def site_stylesheet(base: Path = SITE_CSS, widgets: Path = WIDGETS) -> bytes:
    """The one site stylesheet (docs/generated/site.css): each visible widget's style, widget by
    widget, then the base (docs/stylesheets/site.css), whose Paper section's print rules come last
    so that they win on paper. The per-page widgets' styles are not in it.

    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> for name, css in [("b-box", ".b{}"), ("a-box", ".a{}"), ("checker", ".c{}")]:
    ...     (d / name).mkdir(); _ = (d / name / f"{name}.css").write_text(css)
    >>> _ = (d / "site.css").write_text("@media print{.p{}}")
    >>> print(site_stylesheet(d / "site.css", d).decode())
    /* a-box: widgets/a-box/a-box.css */
    .a{}
    /* b-box: widgets/b-box/b-box.css */
    .b{}
    /* The site: docs/stylesheets/site.css */
    @media print{.p{}}
    """
    parts = [f"/* {path.parent.name}: widgets/{path.parent.name}/{path.name} */\n".encode()
             + path.read_bytes().rstrip() + b"\n"
             for path in sorted(widgets.glob("*/*.css")) if path.parent.name not in PAGE_WIDGETS]
    return b"".join(parts) + b"/* The site: docs/stylesheets/site.css */\n" + base.read_bytes()


def widget_assets() -> dict[str, bytes]:
    """The site stylesheet (docs/generated/site.css, see site_stylesheet), and each per-page
    widget's style and script, as the generated files MkDocs serves
    (docs/generated/widgets/<widget>/<file>); overrides/main.html loads those on the pages that
    name the widget in their front matter."""
    return {"docs/generated/site.css": site_stylesheet(),
            **{f"docs/generated/widgets/{path.parent.name}/{path.name}": path.read_bytes()
               for path in sorted(WIDGETS.glob("*/*")) if path.parent.name in PAGE_WIDGETS
               and path.suffix in (".css", ".js") and ".test." not in path.name}}


def environment() -> Environment:
    """Jinja2 set-up: HTML templates autoescape; Markdown templates escape each value with |md
    (as do HTML templates inside an element whose content Markdown reads: markdown="span")."""
    folders = [TEMPLATES, *sorted(p for p in WIDGETS.iterdir() if p.is_dir())]
    env = Environment(loader=FileSystemLoader(folders), autoescape=select_autoescape(["html.j2"]), trim_blocks=True,
                      lstrip_blocks=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["md"] = markdown_text
    env.filters["long_date"] = long_date
    env.filters["site_name"] = site_name
    env.globals["words"] = {**WORDS, "kind": {kind: w["heading"] for kind, w in WORDS["kind"].items()}}
    return env


class Renderer:
    """Renders every generated file; each method returns the text of one file."""

    def __init__(self, knowledge: Knowledge, clinic: dict[str, Any], pages: list[Page] | None = None):
        self.k = knowledge
        self.clinic = clinic
        self.pages = pages or []
        self.env = environment()

    def _render(self, template: str, page: str, **context: Any) -> str:
        def md_link(text: str, to_page: str, anchor: str = "") -> Markup:
            return markdown_link(text, source_link(page, to_page, anchor))

        def home_link(to_page: str, anchor: str = "") -> str:
            # A final address in raw HTML: right in both engines only on the home page, whose
            # source and built page share a folder (Zensical reads raw links as relative to the
            # source file; MkDocs leaves them alone). Elsewhere, md_link.
            if page != "index.md":
                raise ValueError(f"{template}: home_link is for the home page only, not {page}")
            return href(page, to_page, anchor)
        return self.env.get_template(template).render(
            k=self.k, clinic=self.clinic, md_link=md_link, home_link=home_link, page=page, **context)

    def render_outputs(self, base_config: dict[str, Any]) -> dict[str, str]:
        """Every generated file, keyed by its path in the project."""
        colours = enrich.brand_colours(self.clinic)
        return {**{f"generated/{k}": v for k, v in self.render_snippets().items()},
                "docs/generated/clinic.css": self._render("clinic.css.j2", "", colors=colours),
                SITE_CONFIG: render_site_config(base_config, self.k, self.clinic, self.pages)}

    def render_comparison_table(self, page: str, short: bool) -> str:
        """How to tell them apart: cards grouped by kind (full), or a short list for the Home page.

        A phone cannot show 15 columns, so each condition gets a card with its key signs and the
        signs that do not fit, and a small two-column comparison with the condition it is most
        often confused with (a <details> element: no script needed).
        """
        template = "comparison-glance.html.j2" if short else "comparison-cards.html.j2"
        return self._render(template, page, kinds=enrich.conditions_by_kind(self.k),
                            partner=lambda c: enrich.closest_condition(self.k, c),
                            pair_rows=lambda a, b: enrich.pair_rows(self.k, a, b))

    def render_snippets(self) -> dict[str, str]:
        """The files pages include, keyed by their path inside generated/."""
        checker_page = "symptom-checker.md"
        out = {
            "tables/compare-full.html": self.render_comparison_table("mimics.md", short=False),
            "tables/compare-short.html": self.render_comparison_table("index.md", short=True),
            "tables/symptoms.html": self._render("symptom-table.html.j2", "symptoms.md"),
            "tables/treatments.html": self._render("treatment-table.html.j2", "treatments.md"),
            "sections/symptoms.html": self._render("symptom-list.html.j2", "symptoms.md"),
            "sections/treatments.md": self._render("treatment-sections.md.j2", "treatments.md"),
            "warning-signs/box.html": self._render("warning-box.html.j2", "index.md"),
            "sources.html": self._render("sources.html.j2", "about.md"),
            "review.html": self._render("review.html.j2", "about.md"),
            "help.md": self._render("help.md.j2", ""),
            "checker.html": self._render("checker.html.j2", checker_page, checker=self.checker_context(checker_page)),
            "checker-data.json": json.dumps(self.checker_data(checker_page), indent=1, ensure_ascii=False) + "\n",
        }
        levels = enrich.levels(self.clinic)
        for level in ("emergency", "urgent", "see-doctor"):
            out[f"warning-signs/{level}.html"] = self._render(
                "warning-signs.html.j2", "when-to-get-help.md", level=level, info=levels[level],
                signs=self.k.signs(level), sign_groups=SIGN_GROUPS)
        for condition in self.k.conditions:
            out[f"conditions/{condition.id}.html"] = self._render(
                "condition-box.html.j2", condition.page, condition=condition)
        return out

    def checker_data(self, page: str) -> dict[str, Any]:
        """The data the symptom checker's script reads (see enrich.checker_data)."""
        return enrich.checker_data(self.k, self.clinic, page)

    def checker_context(self, page: str) -> dict[str, Any]:
        """What the checker's template shows: its data as JSON, the questions, the warning signs by
        group, the outcomes, and the no-JavaScript fallback table."""
        groups = [g for g in SIGN_GROUPS if self.k.signs_in(g)]
        return {
            "data_json": json_for_script(self.checker_data(page)),
            "groups": [{"id": g.id, "question": g.question,
                        "symptoms": [{"id": s.id, "label": s.label, "description": s.description}
                                     for s in g.symptoms]} for g in self.k.groups],
            "sign_groups": [{"id": g, "legend": SIGN_GROUPS[g], "signs": self.k.signs_in(g)} for g in groups],
            "outcomes": enrich.checker_outcomes(self.k, self.clinic),
            "fallback_html": self._render("symptom-table.html.j2", page),
        }
