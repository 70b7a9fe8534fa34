"""Render the model and the clinic file into the generated snippets (Markdown, HTML, JSON) and
the generated site config. The data comes worked out from the model (comparisons, regions,
checker_data, colors); the markup is in templates/;
each text is escaped once, by the template's context (escaping)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jinja2 import (
    BaseLoader,
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    pass_eval_context,
    select_autoescape,
)
from jinja2.nodes import EvalContext
from markupsafe import Markup, escape

from . import checker_report, colors, comparisons, figures, regions
from .addresses import PAGES, href, source_link
from .checker_data import checker_data, checker_outcomes
from .escaping import fill, json_for_script, long_date, markdown_link, markdown_text, site_name, tel_href
from .languages import SOURCE
from .leaflet_content import leaflet_context
from .levels import ACTION_LEVELS, EMERGENCY, SIGN_LEVELS
from .levels import level as level_info
from .model import Knowledge
from .pages import Page
from .widget_declarations import Widget, read_widgets
from .words import Words

TEMPLATES = Path(__file__).parent / "templates"  # the templates no single widget owns


def site_stylesheet(base: Path, widgets: tuple[Widget, ...]) -> bytes:
    r"""The one site stylesheet (docs/generated/site.css): each widget's style that is not per page
    (widget.yml), widget by widget, then the base (docs/stylesheets/site.css), whose Paper
    section's print rules come last so that they win on paper.

    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> for name, css, per_page in [("b-box", ".b{}", "false"), ("a-box", ".a{}", "false"),
    ...                             ("checker", ".c{}", "true")]:
    ...     (d / name).mkdir(); _ = (d / name / f"{name}.css").write_text(css)
    ...     _ = (d / name / "widget.yml").write_text(f"renders: r\nfrom: f\ntemplates: []\n"
    ...                                             f"styles: [{name}.css]\nscripts: []\nper_page: {per_page}\n")
    >>> _ = (d / "site.css").write_text("@media print{.p{}}")
    >>> print(site_stylesheet(d / "site.css", read_widgets(d)).decode())
    /* a-box: widgets/a-box/a-box.css */
    .a{}
    /* b-box: widgets/b-box/b-box.css */
    .b{}
    /* The site: docs/stylesheets/site.css */
    @media print{.p{}}
    """
    parts = [f"/* {w.name}: widgets/{w.name}/{name} */\n".encode() + (w.folder / name).read_bytes().rstrip() + b"\n"
             for w in widgets if not w.per_page for name in sorted(w.styles)]
    return b"".join(parts) + b"/* The site: docs/stylesheets/site.css */\n" + base.read_bytes()


def widget_assets(docs: Path, declared: tuple[Widget, ...]) -> dict[str, bytes]:
    """The site stylesheet (docs/generated/site.css, see site_stylesheet), each per-page widget's
    style and every widget's script, as their folders declare them (widget.yml), as the generated
    files MkDocs serves (docs/generated/widgets/<widget>/<file>); overrides/main.html loads a
    per-page widget's on the pages that name it in their front matter (config.extra.widgets),
    overrides/partials/page-review.html the review date's."""
    return {"docs/generated/site.css": site_stylesheet(docs / "stylesheets/site.css", declared),
            **{f"docs/generated/widgets/{w.name}/{name}": (w.folder / name).read_bytes()
               for w in declared for name in sorted((*w.scripts, *(w.styles if w.per_page else ())))}}


def template_loader(widgets: tuple[Widget, ...]) -> BaseLoader:
    """Templates by widget ("checker/checker.html.j2", from the widget's folder, as its widget.yml
    names them), and the shared ones (templates/) by their own name."""
    return ChoiceLoader([FileSystemLoader(TEMPLATES),
                         PrefixLoader({w.name: FileSystemLoader(w.folder) for w in widgets})])


class _Words(dict):
    """A map of a word file, knowing where it is (file > key), so a word a template asks for and
    the file lacks is named with its file and key."""

    def __init__(self, words: dict[str, Any], where: str):
        super().__init__({k: _Words(v, f"{where} > {k}") if isinstance(v, dict) else v for k, v in words.items()})
        self.where = where


class _Undefined(StrictUndefined):
    """StrictUndefined, naming the word file and key when a template asks for a word that is not there."""

    @property
    def _undefined_message(self) -> str:
        if isinstance(self._undefined_obj, _Words) and self._undefined_name is not None:
            return (f"{self._undefined_obj.where} > {self._undefined_name}: no such word "
                    "(add it to locales/en/ui.yml and every other language's ui.yml)")
        return super()._undefined_message


@pass_eval_context
def _fill(context: EvalContext, text: str, **values: Any) -> Markup:
    """``{{ ui.x|fill(name=value) }}``: a word file's text with its {placeholders} filled in, escaped
    once for the template: HTML in HTML templates, Markdown (as |md) in Markdown ones; values that
    are already Markup (md_link, a link the template builds) are kept."""
    return fill(text, escape if context.autoescape else markdown_text, **values)


class _CompiledTemplates(BytecodeCache):
    """Templates compiled once per process: a generation compiles some 46 templates per language,
    about half its time. Jinja keys each by the template's name and file and checks the checksum of
    its source before using it, so an edited template is compiled again (make serve shows it).
    Every environment comes from ``environment`` below, with the same settings, so one compiled
    form fits them all."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Any) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Any) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def environment(words: Words, tag: str | None = None, widgets: tuple[Widget, ...] | None = None) -> Environment:
    """Jinja2 set-up for one language: HTML and SVG templates autoescape; Markdown templates escape
    each value with |md (as do HTML templates inside an element whose content Markdown reads:
    markdown="span"). Every word a template shows comes from the language's word file
    (``words``, with the clinic region's service words put in): ``ui`` (all of
    locales/<lang>/ui.yml), ``words`` (the words for the knowledge file's values), the ``fill``
    filter for a text with {placeholders}, and ``long_date`` in the language's form (or its
    country's: ``tag``, the clinic's language tag, e.g. en-US). ``widgets``: their declarations,
    as the build read them once (read here when not given: a template rendered on its own)."""
    lang = words.lang
    loader = template_loader(read_widgets() if widgets is None else widgets)
    env = Environment(loader=loader, autoescape=select_autoescape(["html.j2", "svg.j2"]),
                      trim_blocks=True, lstrip_blocks=True, undefined=_Undefined, keep_trailing_newline=True,
                      bytecode_cache=_COMPILED)
    env.filters["md"] = markdown_text
    env.filters["fill"] = _fill
    env.filters["long_date"] = lambda iso: long_date(iso, words.ui["date"], tag or lang)
    env.filters["site_name"] = site_name
    env.filters["tel"] = tel_href  # a tel: link, URL-encoded: the one way every template writes one
    lists = words.lists
    env.globals["ui"] = _Words(words.ui, f"locales/{lang}/ui.yml")
    env.globals["words"] = {**lists, "kind": {kind: w["heading"] for kind, w in lists["kind"].items()}}
    # Words that stay in the knowledge file's language (English) on a page in another language:
    # a source's title and publisher. They are marked with lang (WCAG 3.1.2, Language of Parts)
    # so that a screen reader says them in English: ``english`` is the attribute for an HTML
    # element (" lang=\"en\"", or nothing on an English page).
    # The levels of urgency (sitekit.levels): the ones a reader is sent somewhere, the ones a
    # warning sign may have, and each one's behaviour (``level(id).alert``).
    env.globals["action_levels"] = ACTION_LEVELS
    env.globals["sign_levels"] = SIGN_LEVELS
    env.globals["level"] = level_info
    env.globals["pages"] = PAGES  # the pages the templates link to, by what they are for
    env.globals["english"] = Markup(f' lang="{SOURCE}"') if lang != SOURCE else ""
    return env


class Renderer:
    """Renders every generated file; each method returns the text of one file."""

    def __init__(self, knowledge: Knowledge, clinic: dict[str, Any], pages: list[Page] | None = None,
                 lang: str | None = None, checker_tests: checker_report.CheckerTests | None = None,
                 widgets: tuple[Widget, ...] | None = None):
        """``knowledge`` in one language (its words with it); ``lang``, when given, must be that
        language; ``widgets``, their declarations as the build read them (see environment)."""
        if lang is not None and lang != knowledge.words.lang:
            raise ValueError(f"Renderer: the knowledge is in '{knowledge.words.lang}', not '{lang}'")
        self.k = knowledge
        self.words = knowledge.words
        self.checker_tests = checker_tests
        self.clinic = clinic
        self.pages = pages or []
        self.lang = knowledge.words.lang
        self.env = environment(self.words, clinic["language"], widgets)
        self.sign_groups = {g: self.words.lists["sign_group"][g] for g in knowledge.sign_group_order}

    def _render(self, template: str, page: str, **context: Any) -> str:
        def md_link(text: str, to_page: str, anchor: str = "") -> Markup:
            return markdown_link(text, source_link(page, to_page, anchor))

        def home_link(to_page: str, anchor: str = "") -> str:
            # A final address in raw HTML: right in both engines only on the home page, whose
            # source and built page share a folder (Zensical reads raw links as relative to the
            # source file; MkDocs leaves them alone). Elsewhere, md_link.
            if page != PAGES.home:
                raise ValueError(f"{template}: home_link is for the home page only, not {page}")
            return href(page, to_page, anchor)
        return self.env.get_template(template).render(
            k=self.k, clinic=self.clinic, md_link=md_link, home_link=home_link, page=page,
            site_path=urlparse(self.clinic["site_url"]).path, **context)

    def render_outputs(self) -> dict[str, str]:
        """Every generated file but the site config, keyed by its path in the project."""
        colours = colors.brand_colours(self.clinic)
        return {**{f"generated/{k}": v for k, v in self.render_snippets().items()},
                "docs/generated/clinic.css": self._render("clinic.css.j2", "", colors=colours,
                                                          levels=colors.level_colours()),
                "docs/generated/anatomy-diagram.svg": self._render("anatomy-diagram.svg.j2", "")}

    def render_glance(self, page: str) -> str:
        """The Home page's short list of the conditions, grouped by kind, with their key signs."""
        return self._render("comparison-table/comparison-glance.html.j2", page,
                            kinds=comparisons.conditions_by_kind(self.k, self.words))

    def render_condition_box(self, condition) -> str:
        """A condition's key facts under its section, with a link to compare it with another."""
        return self._render("condition-box.html.j2", condition.page, condition=condition)

    def render_compare_two(self, page: str = PAGES.mimics) -> str:
        """Two problems of the reader's choice side by side (a phone cannot show 15 columns); at
        first the first problem on the page and the one most like it."""
        on_page = [c for c in self.k.conditions_in_order if c.page == page] or self.k.conditions_in_order
        first = on_page[0]
        others = (c for c in self.k.conditions_in_order if c != first)
        second = comparisons.closest_condition(self.k, first) or next(others)
        return self._render("compare-two/compare-two.html.j2", page,
                            kinds=comparisons.conditions_by_kind(self.k, self.words), first=first, second=second)

    def render_snippets(self) -> dict[str, str]:
        """The files pages include, keyed by their path inside generated/."""
        checker_page = PAGES.checker
        out = {
            "tables/compare-short.html": self.render_glance(PAGES.home),
            "tables/symptoms.html": self._render("comparison-table/symptom-table.html.j2", PAGES.symptoms),
            "tables/treatments.html": self._render("comparison-table/treatment-table.html.j2", PAGES.treatments),
            "sections/compare-two.html": self.render_compare_two(),
            "sections/symptoms.html": self._render("symptom-list.html.j2", PAGES.symptoms, **self.symptom_kinds()),
            "sections/treatments.md": self._render("treatment-sections.md.j2", PAGES.treatments),
            "sections/leaflets.html": self._render(
                "leaflet/leaflet-list.html.j2", PAGES.leaflets,
                kinds=[(self.words.lists["kind"][kind]["heading"], [c for c in self.k.conditions_in_order
                                                                     if c.kind == kind])
                       for kind in self.k.kind_order if any(c.kind == kind for c in self.k.conditions)]),
            "sections/packet.html": self.render_packet(PAGES.leaflets),
            "sections/exercises.md": self._render("exercise/exercise-sections.md.j2", PAGES.exercises,
                                                  drawings=self.exercise_drawings()),
            "warning-signs/box.html": self._render("warning-box/warning-box.html.j2", PAGES.home,
                                                   levels=regions.levels(self.clinic, self.words)),
            "sources.html": self._render("sources.html.j2", PAGES.about),
            "review.html": self._render("review-box/review.html.j2", PAGES.about),
            "help.md": self._render("help-block/help.md.j2", ""),
            "checker.html": self._render("checker/checker.html.j2", checker_page,
                                         checker=self.checker_context(checker_page)),
            "checker-data.json": json.dumps(self.checker_data(checker_page), indent=1, ensure_ascii=False) + "\n",
        }
        # The report is made for the page that shows it, from the stories the load step read.
        if self.checker_tests and any(p.file == PAGES.checker_report for p in self.pages):
            out["checker-report.html"] = self.render_checker_report(checker_page)
        levels = regions.levels(self.clinic, self.words)
        for level in SIGN_LEVELS:
            out[f"warning-signs/{level}.html"] = self._render(
                "warning-box/warning-signs.html.j2", PAGES.help, level=level, info=levels[level],
                signs=self.k.signs(level), sign_groups=self.sign_groups)
        for condition in self.k.conditions:
            out[f"conditions/{condition.id}.html"] = self.render_condition_box(condition)
        return out

    def render_packet(self, page: str) -> str:
        """The packet builder: every leaflet and exercise in the page, shown when ticked (widgets/packet)."""
        leaflets = {c.id: Markup(self._render("leaflet/leaflet.html.j2", page, top=2, id_prefix=f"packet-{c.id}-",
                                              **leaflet_context(self.k, c)))
                    for c in self.k.conditions}
        actions = {level: info["action"] for level, info in regions.levels(self.clinic, self.words).items()}
        # The warning signs, for the packet's paper only: without the data-level mark by which the
        # handout step knows a page that shows them itself (this page's handout adds its own).
        warning = Markup(self._render("handout-warning.html.j2", page, actions=actions).replace(
            f' data-level="{EMERGENCY}"', ""))
        return self._render("packet/packet.html.j2", page, conditions=self.k.conditions_in_order,
                            exercises=self.k.exercises, leaflets=leaflets, drawings=self.exercise_drawings(),
                            warning=warning)

    def exercise_drawings(self) -> dict[str, dict[str, Any]]:
        """Each exercise's figure (start and end panels), by exercise id."""
        return {e.id: figures.drawing(e.start, e.end) for e in self.k.exercises}

    def render_checker_report(self, checker_page: str) -> str:
        """The checker's test report: its patient stories run through its own script (Node) at
        this build, beside a published evaluation of symptom checkers (sitekit.checker_report)."""
        tests = self.checker_tests
        if tests is None:  # a Renderer made without the stories cannot write their report
            raise ValueError("the checker's test report needs the checker's stories (checker_tests)")
        figures = checker_report.report(self.checker_data(checker_page), tests.stories, self.k)
        labels = {**{s.id: s.label for s in self.k.symptoms}, **{w.id: w.label for w in self.k.warning_signs}}
        return self._render("checker-report/checker-report.html.j2", PAGES.checker_report, report=figures,
                            published=tests.published, percent=checker_report.percent, answer_labels=labels,
                            condition_names={c.id: c.plain_name for c in self.k.conditions})

    def symptom_kinds(self) -> dict[str, list]:
        """The symptoms a pressed nerve root can cause (typical or possible for a nerve-root
        condition), and the signs only other problems cause; a symptom no condition rates is in
        neither."""
        def rated(s, kinds) -> bool:
            return any(c.features.get(s.id) and c.features[s.id].fit in ("typical", "possible")
                       for c in self.k.conditions if c.kind in kinds)
        nerve = [s for s in self.k.symptoms if rated(s, {"nerve-root"})]
        other_kinds = {c.kind for c in self.k.conditions} - {"nerve-root"}
        return {"nerve_signs": nerve,
                "other_signs": [s for s in self.k.symptoms if s not in nerve and rated(s, other_kinds)]}

    def checker_data(self, page: str) -> dict[str, Any]:
        """The data the symptom checker's script reads (see checker_data)."""
        return checker_data(self.k, self.clinic, page, self.words)

    def checker_context(self, page: str) -> dict[str, Any]:
        """What the checker's template shows: its data as JSON, the questions, the warning signs by
        group, the outcomes, and the no-JavaScript fallback table."""
        groups = [g for g in self.sign_groups if self.k.signs_in(g)]
        return {
            "data_json": json_for_script(self.checker_data(page)),
            "groups": [{"id": g.id, "question": g.question,
                        "symptoms": [{"id": s.id, "label": s.label, "description": s.description}
                                     for s in g.symptoms]} for g in self.k.groups],
            "sign_groups": [{"id": g, "legend": self.sign_groups[g], "signs": self.k.signs_in(g)} for g in groups],
            "outcomes": checker_outcomes(self.k, self.clinic, self.words),
            "fallback_html": self._render("comparison-table/symptom-table.html.j2", page),
        }
