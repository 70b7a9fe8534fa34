"""Typed, enriched view of the validated knowledge file: what the templates read."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .words import Words


@dataclass(frozen=True)
class Fit:
    fit: str
    why: str


@dataclass(frozen=True)
class Symptom:
    id: str
    label: str
    group: str
    description: str | None = None


@dataclass(frozen=True)
class Condition:
    id: str
    name: str  # the medical name, shown second
    plain_name: str  # the reader's words, shown first
    short_name: str
    kind: str  # one of Knowledge.kind_order (words: locales/<lang>/ui.yml kinds)
    section: str
    summary: str
    helps: str
    sources: list[str]
    features: dict[str, Fit]
    # What sets it apart (from its sources): each entry is a list of symptom ids that must all be
    # ticked; the checker names the condition only when one entry is met. Empty: never named.
    distinguishing: tuple[tuple[str, ...], ...] = ()
    against: tuple[str, ...] = ()  # ticked, any of these keeps the checker from naming it

    def symptoms_rated(self, fit: str) -> list[str]:
        """Ids of the symptoms this condition rates as ``fit``, in the file's order."""
        return [s for s, f in self.features.items() if f.fit == fit]

    @property
    def page(self) -> str:
        return self.section.split("#", 1)[0]

    @property
    def anchor(self) -> str:
        return self.section.split("#", 1)[1]


def distinguishing_entries(items: list) -> list[tuple[str, ...]]:
    """The knowledge file's ``distinguishing`` items as lists of ids (a lone id is a list of one).

    >>> distinguishing_entries(["lump", ["walk", "age"]])
    [('lump',), ('walk', 'age')]
    """
    return [(item,) if isinstance(item, str) else tuple(item) for item in items]


@dataclass(frozen=True)
class Evidence:
    rating: str
    text: str
    sources: list[str]


@dataclass(frozen=True)
class Treatment:
    id: str
    name: str
    type: str
    what: str
    who: str
    for_: list[str]
    helps: str
    evidence: Evidence
    cautions: str


@dataclass(frozen=True)
class WarningSign:
    id: str
    label: str
    level: str  # one of levels.SIGN_LEVELS
    group: str  # back | knee | leg
    sources: list[str]
    advice: str | None = None
    hides_conditions: bool = False  # ticked, the checker names no condition (a clot is not nerve pain)


@dataclass(frozen=True)
class Matching:
    """When the checker may name a condition (see the comment in data/knowledge.yml)."""

    weights: dict[str, float]
    min_typical: int
    min_share: float


@dataclass(frozen=True)
class Outcome:
    level: str
    heading: str
    advice: str
    sources: list[str]


@dataclass(frozen=True)
class OutcomeRule:
    id: str
    level: str
    mode: str  # "all" or "any"
    symptoms: list[str]
    why: str
    sources: list[str]
    hides_conditions: bool = False  # met, the checker names no condition (a clot is not on its list)

    def met(self, ticked: set[str]) -> bool:
        """Whether a set of ticked ids meets the rule.

        >>> OutcomeRule("r", "see-doctor", "all", ["a", "b"], "", []).met({"a"})
        False
        >>> OutcomeRule("r", "see-doctor", "any", ["a", "b"], "", []).met({"a"})
        True
        """
        hits = [s in ticked for s in self.symptoms]
        return all(hits) if self.mode == "all" else any(hits)


@dataclass(frozen=True)
class SelfCareAdvice:
    """Home care that fits a problem, shown instead of the self-care outcome's advice."""

    id: str
    mode: str  # "all" or "any" (of symptoms), or "condition": the checker names it first, on its own
    symptoms: list[str]  # the symptom ids; for "condition", the one condition id
    advice: str
    sources: list[str]


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str
    year: int | None = None
    note: str | None = None
    short_name: str | None = None

    @property
    def citation(self) -> str:
        """A short in-text citation, e.g. "NICE, 2016"."""
        name = self.short_name or self.publisher
        return f"{name}, {self.year}" if self.year else name


@dataclass(frozen=True)
class Group:
    id: str
    question: str
    symptoms: list[Symptom] = field(default_factory=list)


@dataclass(frozen=True)
class Exercise:
    """An exercise: its words (from its sources) and the start and end positions of its figure
    (poses: joint angles by part, as in the knowledge file; sitekit.figures draws them)."""

    id: str
    name: str
    for_: list[str]
    treatments: list[str]
    sources: list[str]
    steps: list[str]
    dose: str
    feel: str
    when_to_stop: str
    before_you_start: str
    start: dict[str, Any]
    end: dict[str, Any]


@dataclass(frozen=True)
class Knowledge:
    """The whole knowledge file in one language, with the lookups the templates need and the
    language's words (its word file: the words for the file's values, and every fixed word)."""

    words: Words
    matching: Matching
    outcomes: list[Outcome]
    outcome_rules: list[OutcomeRule]
    groups: list[Group]
    symptoms: list[Symptom]
    conditions: list[Condition]
    treatments: list[Treatment]
    warning_signs: list[WarningSign]
    sources: list[Source]
    self_care_advice: list[SelfCareAdvice] = field(default_factory=list)
    exercises: list[Exercise] = field(default_factory=list)
    kind_order: tuple[str, ...] = ()  # the kinds of condition in the order pages list them (ui.yml kinds)
    sign_group_order: tuple[str, ...] = ()  # the groups of warning signs, in order (ui.yml sign_groups)

    def exercises_for(self, condition_id: str) -> list[Exercise]:
        return [e for e in self.exercises if condition_id in e.for_]

    def exercises_in(self, treatment_id: str) -> list[Exercise]:
        return [e for e in self.exercises if treatment_id in e.treatments]

    @property
    def conditions_in_order(self) -> list[Condition]:
        """Grouped by kind (nerve root, knee, elsewhere), each in file order."""
        return [c for kind in self.kind_order for c in self.conditions if c.kind == kind]

    @property
    def scoring(self) -> dict[str, float]:
        """The fit weights (the old name, still read by the first checker)."""
        return self.matching.weights

    def outcome(self, level: str) -> Outcome:
        return next(o for o in self.outcomes if o.level == level)

    def signs_in(self, group: str, level: str | None = None) -> list[WarningSign]:
        return [w for w in self.warning_signs if w.group == group and level in (None, w.level)]

    def symptom(self, symptom_id: str) -> Symptom:
        return next(s for s in self.symptoms if s.id == symptom_id)

    def condition(self, condition_id: str) -> Condition:
        return next(c for c in self.conditions if c.id == condition_id)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def treatments_for(self, condition_id: str) -> list[Treatment]:
        return [t for t in self.treatments if condition_id in t.for_]

    def signs(self, level: str) -> list[WarningSign]:
        return [w for w in self.warning_signs if w.level == level]

    def conditions_fitting(self, symptom_id: str, fit: str) -> list[Condition]:
        return [c for c in self.conditions_in_order
                if symptom_id in c.features and c.features[symptom_id].fit == fit]


def build(data: dict[str, Any], words: Words, kind_order: tuple[str, ...],
          sign_group_order: tuple[str, ...]) -> Knowledge:
    """Turn validated plain data into the model, in the language of ``words``; ``kind_order`` and
    ``sign_group_order``: the kinds of condition and the groups of warning signs in the order
    pages list them (the source language's word file gives it, the same in every language)."""
    symptoms = [Symptom(s["id"], s["label"], s["group"], s.get("description"))
                for s in data["symptoms"]]
    groups = [Group(g["id"], g["question"], [s for s in symptoms if s.group == g["id"]])
              for g in data["groups"]]
    conditions = [
        Condition(c["id"], c["name"], c["plain_name"], c["short_name"], c["kind"], c["section"],
                  c["summary"], c["helps"], list(c["sources"]),
                  {k: Fit(v["fit"], v["why"]) for k, v in c["features"].items()},
                  tuple(distinguishing_entries(c.get("distinguishing") or [])), tuple(c.get("against") or []))
        for c in data["conditions"]]
    treatments = [
        Treatment(t["id"], t["name"], t["type"], t["what"], t["who"], list(t["for"]), t["helps"],
                  Evidence(t["evidence"]["rating"], t["evidence"]["text"], list(t["evidence"]["sources"])),
                  t["cautions"])
        for t in data["treatments"]]
    signs = [WarningSign(w["id"], w["label"], w["level"], w["group"], list(w["sources"]), w.get("advice"),
                         bool(w.get("hides_conditions")))
             for w in data["warning_signs"]]
    m = data["matching"]
    matching = Matching(dict(m["weights"]), m["min_typical"], m["min_share"])
    outcomes = [Outcome(o["level"], o["heading"], o["advice"], list(o["sources"])) for o in data["outcomes"]]
    rules = [OutcomeRule(r["id"], r["level"], mode, list(ids), r["why"], list(r["sources"]),
                         bool(r.get("hides_conditions")))
             for r in data["outcome_rules"] for mode, ids in [next(iter(r["when"].items()))]]
    sources = [Source(s["id"], s["title"], s["publisher"], s["url"], s.get("year"), s.get("note"),
                      s.get("short_name"))
               for s in data["sources"]]
    self_care = [SelfCareAdvice(a["id"], mode, [ids] if isinstance(ids, str) else list(ids), a["advice"],
                                list(a["sources"]))
                 for a in data.get("self_care_advice") or [] for mode, ids in [next(iter(a["when"].items()))]]
    exercises = [Exercise(e["id"], e["name"], list(e["for"]), list(e["treatments"]), list(e["sources"]),
                          list(e["steps"]), e["dose"], e["feel"], e["when_to_stop"], e["before_you_start"],
                          dict(e["figure"]["start"]), dict(e["figure"]["end"]))
                 for e in data.get("exercises") or []]
    return Knowledge(words, matching, outcomes, rules, groups, symptoms, conditions, treatments, signs, sources,
                     self_care, exercises, kind_order, sign_group_order)
