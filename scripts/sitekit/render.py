"""Render the model and the clinic file into the generated snippets (Markdown, HTML, JSON).

Python collects the data and works out links; the markup is in templates/.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import colors
from .model import KINDS, SIGN_GROUPS, Condition, Knowledge
from .pages import Page

TEMPLATES = Path(__file__).parent / "templates"
SITE_CONFIG = "mkdocs.generated.yml"  # the config the build uses: mkdocs.yml plus the clinic
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


def source_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link as Markdown writes it: to the page's source file (both engines turn it into the
    built page's address; see sitekit.links for the HTML that MkDocs leaves alone).

    >>> source_link("index.md", "causes.md", "l4"), source_link("mimics.md", "mimics.md", "x")
    ('causes.md#l4', '#x')
    """
    if from_page == to_page and anchor:
        return f"#{anchor}"
    return f"{to_page}#{anchor}" if anchor else to_page


def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """Link between two pages of docs/ as built with directory URLs.

    >>> href("index.md", "causes.md", "l4"), href("mimics.md", "causes.md"), href("mimics.md", "mimics.md", "x")
    ('causes/#l4', '../causes/', '#x')
    """
    fragment = f"#{anchor}" if anchor else ""
    if from_page == to_page and anchor:
        return fragment
    target = "" if to_page == "index.md" else to_page[: -len(".md")] + "/"
    prefix = "" if from_page == "index.md" else "../"
    return f"{prefix}{target}{fragment}" or "./"


def environment() -> Environment:
    """Jinja2 set-up: HTML templates autoescape; Markdown templates escape each value with |md."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html.j2"]), trim_blocks=True,
                      lstrip_blocks=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["md"] = escape_markdown
    env.filters["long_date"] = long_date
    env.filters["site_name"] = site_name
    env.globals["kind_words"] = {kind: words[0] for kind, words in KINDS.items()}
    env.globals["kind_lines"] = {kind: words[1] for kind, words in KINDS.items()}
    return env


class Renderer:
    """Renders every generated file; each method returns the text of one file."""

    def __init__(self, knowledge: Knowledge, clinic: dict[str, Any], pages: list[Page] | None = None):
        self.k = knowledge
        self.clinic = clinic
        self.pages = pages or []
        self.env = environment()

    def _render(self, template: str, page: str, **context: Any) -> str:
        link = lambda to_page, anchor="": source_link(page, to_page, anchor)  # noqa: E731
        return self.env.get_template(template).render(
            k=self.k, clinic=self.clinic, link=link, page=page, **context)

    def condition_link(self, page: str, condition: Condition) -> str:
        return href(page, condition.page, condition.anchor)

    def render_comparison_table(self, page: str, short: bool) -> str:
        """How to tell them apart: cards grouped by kind (full), or a short list for the Home page.

        A phone cannot show 15 columns, so each condition gets a card with its key signs and the
        signs that do not fit, and a small two-column comparison with the condition it is most
        often confused with (a <details> element: no script needed).
        """
        template = "comparison-glance.html.j2" if short else "comparison-cards.html.j2"
        return self._render(template, page, kinds=self.conditions_by_kind(), partner=self.closest_condition,
                            pair_rows=self.pair_rows)

    def conditions_by_kind(self) -> list[dict[str, Any]]:
        """The kinds that have conditions, in the vocabulary's order, each with its conditions."""
        groups = []
        for kind, (heading, line) in KINDS.items():
            members = [c for c in self.k.conditions if c.kind == kind]
            if members:
                groups.append({"id": kind, "heading": heading, "line": line, "conditions": members})
        return groups

    def closest_condition(self, condition: Condition) -> Condition | None:
        """The other condition that shares the most fitting symptoms (typical or possible) with
        this one; the first in file order wins a tie. None when no other shares any."""
        def fitting(c: Condition) -> set[str]:
            return {s for s, f in c.features.items() if f.fit != "unusual"}
        mine = fitting(condition)
        best, best_count = None, 0
        for other in self.k.conditions:
            count = len(mine & fitting(other)) if other.id != condition.id else 0
            if count > best_count:
                best, best_count = other, count
        return best

    def pair_rows(self, first: Condition, second: Condition) -> list[Any]:
        """The symptoms either condition rates, in the file's order."""
        return [s for s in self.k.symptoms if s.id in first.features or s.id in second.features]

    def render_symptom_table(self, page: str) -> str:
        return self._render("symptom-table.html.j2", page)

    def render_treatment_table(self, page: str) -> str:
        return self._render("treatment-table.html.j2", page)

    def render_outputs(self, base_config: dict[str, Any]) -> dict[str, str]:
        """Every generated file, keyed by its path in the project."""
        return {**{f"generated/{k}": v for k, v in self.render_snippets().items()},
                **self.render_theme_files(),
                SITE_CONFIG: self.render_site_config(base_config)}

    def render_site_config(self, base: dict[str, Any]) -> str:
        """mkdocs.yml with the clinic filled in: address, language, logo and favicon, and under
        ``extra`` the clinic's values and each page's review data and JSON-LD, as plain data.

        MkDocs and Zensical both build from this file; overrides/ reads ``config.extra`` and
        escapes each value once, where it is shown. No generated template, no hook.
        """
        config = json.loads(json.dumps(base))  # a deep copy of plain data
        config["site_url"] = self.clinic["site_url"]
        theme = config.setdefault("theme", {})
        theme["language"] = self.clinic["language"].split("-")[0]
        theme["logo"] = "generated/logo" + Path(self.clinic["logo"]).suffix
        theme["favicon"] = "generated/favicon" + Path(self.clinic["favicon"]).suffix
        extra = config.setdefault("extra", {})
        extra["clinic"] = self.theme_clinic(theme["logo"])
        extra["pages"] = {"/" + page.url: self.theme_page(page) for page in self.pages}
        header = ("# Generated by scripts/generate.py from mkdocs.yml and clinic.yml: do not edit.\n"
                  "# Build with: mkdocs build -f " + SITE_CONFIG + "\n")
        return header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)

    def theme_clinic(self, logo: str) -> dict[str, Any]:
        """The clinic's values the theme shows (overrides/ reads them as config.extra.clinic)."""
        c, contact = self.clinic, self.clinic["contact"]
        return {
            "name": c["name"], "short_name": c["short_name"], "example": c["example"],
            "footer": c["footer"], "legal": c["legal"], "logo": logo,
            "reviewer": {"name": c["reviewer"]["name"], "role": c["reviewer"]["role"]},
            "contact": {"phone": contact["phone"], "email": contact["email"], "address": contact["address"],
                        "hours": contact["hours"], "phone_href": tel_href(contact["phone"]),
                        "email_href": mailto_href(contact["email"])},
        }

    def theme_page(self, page: Page) -> dict[str, Any]:
        """One page's review dates and JSON-LD (config.extra.pages["/" + page URL])."""
        return {"last_reviewed": page.last_reviewed, "last_reviewed_text": long_date(page.last_reviewed),
                "next_review": page.next_review, "next_review_text": long_date(page.next_review),
                "structured_data": self.structured_data(page)}

    def render_snippets(self) -> dict[str, str]:
        """The files pages include, keyed by their path inside generated/."""
        out = {
            "tables/compare-full.html": self.render_comparison_table("mimics.md", short=False),
            "tables/compare-short.html": self.render_comparison_table("index.md", short=True),
            "tables/symptoms.html": self.render_symptom_table("symptoms.md"),
            "tables/treatments.html": self.render_treatment_table("treatments.md"),
            "sections/symptoms.html": self._render("symptom-list.html.j2", "symptoms.md"),
            "sections/treatments.md": self._render("treatment-sections.md.j2", "treatments.md"),
            "warning-signs/box.html": self._render("warning-box.html.j2", "index.md"),
            "sources.html": self._render("sources.html.j2", "about.md"),
            "review.html": self._render("review.html.j2", "about.md"),
            "help.md": self._render("help.md.j2", ""),
            "checker.html": self._render("checker.html.j2", "symptom-checker.md",
                                         checker=self.checker_context("symptom-checker.md")),
            "checker-data.json": json.dumps(self.checker_data("symptom-checker.md"), indent=1,
                                            ensure_ascii=False) + "\n",
        }
        for level in ("emergency", "urgent", "see-doctor"):
            out[f"warning-signs/{level}.html"] = self._render(
                "warning-signs.html.j2", "when-to-get-help.md", level=level, info=self.levels()[level],
                signs=self.k.signs(level), sign_groups=SIGN_GROUPS)
        for condition in self.k.conditions:
            out[f"conditions/{condition.id}.html"] = self._render(
                "condition-box.html.j2", condition.page, condition=condition)
        return out

    def render_theme_files(self) -> dict[str, str]:
        """The clinic's colours as CSS, under docs/generated/."""
        return {"docs/generated/clinic.css": self._render("clinic.css.j2", "", colors=self.brand_colours())}

    def structured_data(self, page: Page) -> dict[str, Any]:
        """schema.org MedicalWebPage data for one page (JSON-LD)."""
        base = self.clinic["site_url"]
        data: dict[str, Any] = {
            "@context": "https://schema.org", "@type": "MedicalWebPage",
            "name": page.title, "url": base + page.url, "inLanguage": self.clinic["language"],
            "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
            "lastReviewed": page.last_reviewed,
            "reviewedBy": {"@type": "Person", "name": self.clinic["reviewer"]["name"],
                           "jobTitle": self.clinic["reviewer"]["role"]},
            "publisher": {"@type": "MedicalOrganization", "name": self.clinic["name"], "url": base,
                          "telephone": self.clinic["contact"]["phone"],
                          "email": self.clinic["contact"]["email"]},
        }
        if page.description:
            data["description"] = page.description
        conditions = [c for c in self.k.conditions_in_order if c.page == page.file]
        if conditions:
            data["about"] = [{
                "@type": "MedicalCondition", "name": c.name, "url": f"{base}{page.url}#{c.anchor}",
                "description": c.summary,
                "signOrSymptom": [{"@type": "MedicalSignOrSymptom", "name": s.label}
                                  for s in self.k.symptoms if c.features.get(s.id) and c.features[s.id].fit == "typical"],
                "possibleTreatment": [{"@type": "MedicalTherapy", "name": t.name}
                                      for t in self.k.treatments_for(c.id)],
            } for c in conditions]
        return data

    def brand_colours(self) -> dict[str, str]:
        primary, accent = self.clinic["colors"]["primary"], self.clinic["colors"]["accent"]
        dark_bg = "#1e2129"  # Material's slate background
        return {
            "primary": primary, "accent": accent,
            "primary_light": colors.mix(primary, "#ffffff", 0.2),
            "primary_dark": colors.mix(primary, "#000000", 0.2),
            "primary_on_dark": colors.nearest_passing(primary, dark_bg, 7.0),  # room for tinted cells
            "accent_on_dark": colors.nearest_passing(accent, dark_bg, 7.0),
        }

    def levels(self) -> dict[str, dict[str, Any]]:
        region = self.clinic["region"]
        return {
            "emergency": {"title": "Emergency", "action": region["emergency"]["action"],
                          "number": region["emergency"]["number"]},
            "urgent": {"title": "Urgent", "action": region["urgent"]["action"],
                       "number": region["urgent"].get("number")},
            "see-doctor": {"title": "See a doctor", "action": region["see_doctor"]["action"], "number": None},
        }

    def checker_outcomes(self) -> list[dict[str, Any]]:
        """Each outcome level, most serious first, with the clinic's action and number for it."""
        levels = self.levels()
        return [{"level": o.level, "heading": o.heading, "advice": o.advice,
                 "action": levels.get(o.level, {}).get("action"),
                 "number": levels.get(o.level, {}).get("number")} for o in self.k.outcomes]

    def checker_data(self, page: str) -> dict[str, Any]:
        """The data the symptom checker's script reads (also written as checker-data.json)."""
        k = self.k
        m = k.matching
        return {
            "matching": {"weights": m.weights, "min_typical": m.min_typical, "min_share": m.min_share},
            "outcomes": self.checker_outcomes(),
            "outcomeRules": [{"id": r.id, "level": r.level, "when": {r.mode: r.symptoms}, "why": r.why}
                             for r in k.outcome_rules],
            "groups": [{"id": g.id, "question": g.question, "symptoms": [s.id for s in g.symptoms]}
                       for g in k.groups],
            "symptoms": {s.id: {"label": s.label, "description": s.description} for s in k.symptoms},
            "warningSigns": [{"id": w.id, "label": w.label, "level": w.level, "group": w.group,
                              "advice": w.advice, "hidesConditions": w.hides_conditions} for w in k.warning_signs],
            "conditions": [{
                "id": c.id, "name": c.name, "plainName": c.plain_name, "kind": c.kind,
                "summary": c.summary, "helps": c.helps, "url": self.condition_link(page, c),
                "features": {s: {"fit": f.fit, "why": f.why} for s, f in c.features.items()},
                "treatments": [{"id": t.id, "name": t.name, "rating": t.evidence.rating,
                                "url": href(page, "treatments.md", f"treatment-{t.id}")}
                               for t in k.treatments_for(c.id)],
            } for c in k.conditions_in_order],
            "helpUrl": href(page, "when-to-get-help.md"),
        }

    def checker_context(self, page: str) -> dict[str, Any]:
        groups = [g for g in SIGN_GROUPS if self.k.signs_in(g)]
        return {
            "data_json": json_for_script(self.checker_data(page)),
            "groups": [{"id": g.id, "question": g.question,
                        "symptoms": [{"id": s.id, "label": s.label, "description": s.description}
                                     for s in g.symptoms]} for g in self.k.groups],
            "sign_groups": [{"id": g, "legend": SIGN_GROUPS[g], "signs": self.k.signs_in(g)} for g in groups],
            "outcomes": self.checker_outcomes(),
            "fallback_html": self.render_symptom_table(page),
        }
