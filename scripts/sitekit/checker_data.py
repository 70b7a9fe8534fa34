"""The data the symptom checker's script reads (written into its page and as checker-data.json):
the knowledge file's questions, signs, conditions and outcomes, with the clinic region's action
and number for each outcome and the built addresses of the pages it links to."""
from __future__ import annotations

from typing import Any

from .addresses import PAGES, href
from .levels import level
from .model import Knowledge
from .regions import levels
from .words import Words


def checker_outcomes(k: Knowledge, clinic: dict[str, Any], words: Words) -> list[dict[str, Any]]:
    """Each outcome level, most serious first, with the clinic's action and number for it, and
    how the checker shows it: ``now`` (no conditions beside it) and ``alert`` (announced at once)."""
    by_level = levels(clinic, words)
    return [{"level": o.level, "heading": o.heading, "advice": o.advice,
             "action": by_level.get(o.level, {}).get("action"),
             "number": by_level.get(o.level, {}).get("number"),
             "now": level(o.level).now, "alert": level(o.level).alert} for o in k.outcomes]


def checker_data(k: Knowledge, clinic: dict[str, Any], page: str, words: Words) -> dict[str, Any]:
    """The data the symptom checker's script reads (also written as checker-data.json). Its
    addresses are built ones: no engine reads JSON."""
    m = k.matching
    return {
        "matching": {"weights": m.weights, "min_typical": m.min_typical, "min_share": m.min_share},
        "outcomes": checker_outcomes(k, clinic, words),
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
                            "url": href(page, PAGES.treatments, f"treatment-{t.id}")}
                           for t in k.treatments_for(c.id)],
        } for c in k.conditions_in_order],
        "helpUrl": href(page, PAGES.help),
    }
