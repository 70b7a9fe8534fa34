"""Computed fields: what the templates and the theme show that is worked out from the model and
the clinic file, not written in them (groupings, the closest condition, urgency levels with the
clinic's numbers, brand colours, the checker's data, JSON-LD). Plain data in, plain data out;
the markup is in templates/."""
from __future__ import annotations

from typing import Any

from . import colors
from .addresses import href
from .levels import ACTION_LEVELS, LEVEL_LIST, level
from .model import Condition, Knowledge
from .pages import Page
from .words import kinds, words_for


def conditions_by_kind(k: Knowledge, lang: str = "en") -> list[dict[str, Any]]:
    """The kinds that have conditions, in the vocabulary's order, each with its conditions and its
    heading and line in the language."""
    groups = []
    for kind, (heading, line) in kinds(lang).items():
        members = [c for c in k.conditions if c.kind == kind]
        if members:
            groups.append({"id": kind, "heading": heading, "line": line, "conditions": members})
    return groups


def closest_condition(k: Knowledge, condition: Condition) -> Condition | None:
    """The other condition that shares the most fitting symptoms (typical or possible) with this
    one; the first in file order wins a tie. None when no other shares any."""
    def fitting(c: Condition) -> set[str]:
        return {s for s, f in c.features.items() if f.fit != "unusual"}
    mine = fitting(condition)
    best, best_count = None, 0
    for other in k.conditions:
        count = len(mine & fitting(other)) if other.id != condition.id else 0
        if count > best_count:
            best, best_count = other, count
    return best


def pair_rows(k: Knowledge, first: Condition, second: Condition) -> list[Any]:
    """The symptoms either condition rates, in the file's order."""
    return [s for s in k.symptoms if s.id in first.features or s.id in second.features]


def levels(clinic: dict[str, Any], lang: str = "en") -> dict[str, dict[str, Any]]:
    """Each level a reader is sent somewhere (levels.ACTION_LEVELS, most serious first) with its
    word (in the language) and the clinic region's action, number and finder (label, and url
    where the region has one service finder), each None where it has none."""
    region = clinic["region"]
    title = words_for(lang)["level"]
    return {level: {"title": title[level], "action": region[level]["action"], "number": region[level].get("number"),
                    "finder": _finder(region[level].get("finder"))}
            for level in ACTION_LEVELS}


def _finder(finder: dict[str, Any] | None) -> dict[str, Any] | None:
    return {"label": finder["label"], "url": finder.get("url")} if finder else None


def brand_colours(clinic: dict[str, Any]) -> dict[str, str]:
    """The clinic's colours and the shades worked out from them (lighter, darker, for the dark scheme)."""
    primary, accent = clinic["colors"]["primary"], clinic["colors"]["accent"]
    dark_bg = "#1e2129"  # Material's slate background
    return {
        "primary": primary, "accent": accent,
        "primary_light": colors.mix(primary, "#ffffff", 0.2),
        "primary_dark": colors.mix(primary, "#000000", 0.2),
        "primary_on_dark": colors.nearest_passing(primary, dark_bg, 7.0),  # room for tinted cells
        "accent_on_dark": colors.nearest_passing(accent, dark_bg, 7.0),
    }


def checker_outcomes(k: Knowledge, clinic: dict[str, Any], lang: str = "en") -> list[dict[str, Any]]:
    """Each outcome level, most serious first, with the clinic's action and number for it, and
    how the checker shows it: ``now`` (no conditions beside it) and ``alert`` (announced at once)."""
    by_level = levels(clinic, lang)
    return [{"level": o.level, "heading": o.heading, "advice": o.advice,
             "action": by_level.get(o.level, {}).get("action"),
             "number": by_level.get(o.level, {}).get("number"),
             "now": level(o.level).now, "alert": level(o.level).alert} for o in k.outcomes]


def level_colours() -> list[dict[str, Any]]:
    """The levels that have colours of their own, with them (light and dark scheme), for the
    generated stylesheet."""
    return [{"id": lv.id, "light": lv.light, "dark": lv.dark} for lv in LEVEL_LIST if lv.light]


def checker_data(k: Knowledge, clinic: dict[str, Any], page: str, lang: str = "en") -> dict[str, Any]:
    """The data the symptom checker's script reads (also written as checker-data.json). Its
    addresses are built ones: no engine reads JSON."""
    m = k.matching
    return {
        "matching": {"weights": m.weights, "min_typical": m.min_typical, "min_share": m.min_share},
        "outcomes": checker_outcomes(k, clinic, lang),
        "outcomeRules": [{"id": r.id, "level": r.level, "when": {r.mode: r.symptoms}, "why": r.why,
                          "hidesConditions": r.hides_conditions}
                         for r in k.outcome_rules],
        "selfCareAdvice": [{"id": a.id, "when": {a.mode: a.symptoms[0] if a.mode == "condition" else a.symptoms},
                            "advice": a.advice}
                           for a in k.self_care_advice],
        "groups": [{"id": g.id, "question": g.question, "symptoms": [s.id for s in g.symptoms]}
                   for g in k.groups],
        "symptoms": {s.id: {"label": s.label, "description": s.description} for s in k.symptoms},
        "warningSigns": [{"id": w.id, "label": w.label, "level": w.level, "group": w.group,
                          "advice": w.advice, "hidesConditions": w.hides_conditions} for w in k.warning_signs],
        "conditions": [{
            "id": c.id, "name": c.name, "plainName": c.plain_name, "kind": c.kind,
            "summary": c.summary, "helps": c.helps, "url": href(page, c.page, c.anchor),
            "features": {s: {"fit": f.fit, "why": f.why} for s, f in c.features.items()},
            "distinguishing": [list(entry) for entry in c.distinguishing], "against": list(c.against),
            "treatments": [{"id": t.id, "name": t.name, "rating": t.evidence.rating,
                            "url": href(page, "treatments.md", f"treatment-{t.id}")}
                           for t in k.treatments_for(c.id)],
        } for c in k.conditions_in_order],
        "helpUrl": href(page, "when-to-get-help.md"),
    }


def structured_data(k: Knowledge, clinic: dict[str, Any], page: Page) -> dict[str, Any]:
    """schema.org MedicalWebPage data for one page (JSON-LD)."""
    base = clinic["site_url"]
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "MedicalWebPage",
        "name": page.title, "url": base + page.url, "inLanguage": clinic["language"],
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "lastReviewed": page.last_reviewed,
        "reviewedBy": {"@type": "Person", "name": clinic["reviewer"]["name"],
                       "jobTitle": clinic["reviewer"]["role"]},
        "publisher": {"@type": "MedicalOrganization", "name": clinic["name"], "url": base,
                      "telephone": clinic["contact"]["phone"], "email": clinic["contact"]["email"]},
    }
    if page.description:
        data["description"] = page.description
    conditions = [c for c in k.conditions_in_order if c.page == page.file]
    if conditions:
        data["about"] = [{
            "@type": "MedicalCondition", "name": c.name, "url": f"{base}{page.url}#{c.anchor}",
            "description": c.summary,
            "signOrSymptom": [{"@type": "MedicalSignOrSymptom", "name": s.label}
                              for s in k.symptoms if c.features.get(s.id) and c.features[s.id].fit == "typical"],
            "possibleTreatment": [{"@type": "MedicalTherapy", "name": t.name} for t in k.treatments_for(c.id)],
        } for c in conditions]
    return data
