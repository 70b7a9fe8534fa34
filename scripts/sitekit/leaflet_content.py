"""What a condition's leaflet says, worked out from the knowledge file: the condition it is told
apart from, the symptoms that tell them apart, and its exercises (the leaflet PDFs, sitekit.leaflets,
and the packet builder on the Leaflets page both show it with widgets/leaflet/leaflet.html.j2)."""
from __future__ import annotations

from typing import Any

from . import comparisons, figures
from .model import Condition, Knowledge, Symptom

SCIATICA = "l5-s1-radiculopathy"  # the condition every other one is told apart from, when it exists
MAX_EXERCISES = 2  # shown in full at most; the rest are named


def partner_of(k: Knowledge, condition: Condition) -> Condition | None:
    """Classic sciatica, or for sciatica itself the condition most like it."""
    if any(c.id == SCIATICA for c in k.conditions) and condition.id != SCIATICA:
        return k.condition(SCIATICA)
    return comparisons.closest_condition(k, condition)


def typical_only(k: Knowledge, first: Condition, second: Condition) -> list[Symptom]:
    """Symptoms typical of ``first`` that ``second`` rates unusual: what tells them apart."""
    return [k.symptom(s) for s in first.symptoms_rated("typical")
            if s in second.features and second.features[s].fit == "unusual"]


def leaflet_context(k: Knowledge, condition: Condition, shown: int = MAX_EXERCISES) -> dict[str, Any]:
    """The template's values for one condition's leaflet, ``shown`` exercises in full."""
    partner = partner_of(k, condition)
    exercises = k.exercises_for(condition.id)
    return {"condition": condition, "partner": partner,
            "only_here": typical_only(k, condition, partner) if partner else [],
            "only_partner": typical_only(k, partner, condition) if partner else [],
            "exercises": exercises[:shown], "more_exercises": exercises[shown:],
            "drawings": {e.id: figures.drawing(e.start, e.end) for e in exercises}}
