"""Typed, enriched view of the validated knowledge file: what the templates read."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Fit:
    fit: str
    why: str


@dataclass(frozen=True)
class Symptom:
    id: str
    label: str
    area: str
    group: str
    description: str | None = None


@dataclass(frozen=True)
class Condition:
    id: str
    name: str
    short_name: str
    kind: str
    section: str
    summary: str
    features: dict[str, Fit]

    @property
    def page(self) -> str:
        return self.section.split("#", 1)[0]

    @property
    def anchor(self) -> str:
        return self.section.split("#", 1)[1]


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
    level: str


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
class Knowledge:
    """The whole knowledge file, with the lookups the templates need."""

    scoring: dict[str, float]
    groups: list[Group]
    symptoms: list[Symptom]
    conditions: list[Condition]
    treatments: list[Treatment]
    warning_signs: list[WarningSign]
    sources: list[Source]

    @property
    def conditions_in_order(self) -> list[Condition]:
        """Causes first, then mimics, each in file order."""
        return [c for c in self.conditions if c.kind == "cause"] + [
            c for c in self.conditions if c.kind == "mimic"]

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


def build(data: dict[str, Any]) -> Knowledge:
    """Turn validated plain data into the model."""
    symptoms = [Symptom(s["id"], s["label"], s["area"], s["group"], s.get("description"))
                for s in data["symptoms"]]
    groups = [Group(g["id"], g["question"], [s for s in symptoms if s.group == g["id"]])
              for g in data["groups"]]
    conditions = [
        Condition(c["id"], c["name"], c["short_name"], c["kind"], c["section"], c["summary"],
                  {k: Fit(v["fit"], v["why"]) for k, v in c["features"].items()})
        for c in data["conditions"]]
    treatments = [
        Treatment(t["id"], t["name"], t["type"], t["what"], t["who"], list(t["for"]), t["helps"],
                  Evidence(t["evidence"]["rating"], t["evidence"]["text"], list(t["evidence"]["sources"])),
                  t["cautions"])
        for t in data["treatments"]]
    signs = [WarningSign(w["id"], w["label"], w["level"]) for w in data["warning_signs"]]
    sources = [Source(s["id"], s["title"], s["publisher"], s["url"], s.get("year"), s.get("note"),
                      s.get("short_name"))
               for s in data["sources"]]
    return Knowledge(dict(data["scoring"]), groups, symptoms, conditions, treatments, signs, sources)
