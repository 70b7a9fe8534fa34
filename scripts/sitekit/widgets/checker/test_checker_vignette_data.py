"""The vignette file is well formed: every id it uses exists in the knowledge file (pure Python,
no build). The checker branch runs the stories through the page; this only guards the data."""
from __future__ import annotations

from pathlib import Path

import yaml
from helpers import ROOT
from sitekit.levels import LEVELS

VIGNETTES = Path(__file__).with_name("vignettes.yml")


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def problems(vignettes: list[dict], knowledge: dict) -> list[str]:
    """Every unknown id or malformed field, as readable lines."""
    ids = {name: {item["id"] for item in knowledge[name]}
           for name in ("symptoms", "warning_signs", "conditions", "sources")}
    tickable = ids["symptoms"] | ids["warning_signs"]
    found, seen = [], set()
    for v in vignettes:
        name = v.get("id", "?")
        if name in seen:
            found.append(f"{name}: id used twice")
        seen.add(name)
        if not v.get("story"):
            found.append(f"{name}: no story")
        if v.get("source") not in ids["sources"]:
            found.append(f"{name}: unknown source {v.get('source')!r}")
        found += [f"{name}: unknown tick {t!r}" for t in v.get("ticks") or [] if t not in tickable]
        if not v.get("ticks"):
            found.append(f"{name}: ticks nothing")
        expect = v.get("expect") or {}
        if expect.get("outcome") not in LEVELS:
            found.append(f"{name}: outcome {expect.get('outcome')!r} is not a level")
        if "first" not in expect:
            found.append(f"{name}: expect.first is missing (use null for nothing named)")
        elif expect["first"] is not None and expect["first"] not in ids["conditions"]:
            found.append(f"{name}: unknown condition {expect['first']!r}")
        found += [f"{name}: unknown condition {c!r} in not_named"
                  for c in expect.get("not_named") or [] if c not in ids["conditions"]]
    return found


def test_every_vignette_id_exists_in_the_knowledge_file():
    vignettes = load(VIGNETTES)
    assert problems(vignettes, load(ROOT / "data/knowledge.yml")) == []
    assert len(vignettes) >= 20


def test_the_check_catches_unknown_and_missing_ids():
    """A small fixture with one mistake of each kind: each is reported."""
    knowledge = {"symptoms": [{"id": "a"}], "warning_signs": [{"id": "w"}],
                 "conditions": [{"id": "c"}], "sources": [{"id": "s"}]}
    good = {"id": "ok", "story": "x", "source": "s", "ticks": ["a", "w"],
            "expect": {"outcome": "urgent", "first": "c", "not_named": ["c"]}}
    bad = {"id": "ok", "story": "", "source": "t", "ticks": ["b"],
           "expect": {"outcome": "soon", "not_named": ["d"]}}
    assert problems([good], knowledge) == []
    found = problems([good, bad], knowledge)
    for text in ("id used twice", "no story", "unknown source 't'", "unknown tick 'b'",
                 "'soon' is not a level", "expect.first is missing", "unknown condition 'd'"):
        assert any(text in line for line in found), text


def test_the_stories_the_issue_asks_for_are_there():
    """At least one story for each case issue 15 lists, with the expected level."""
    by_first = {}
    outcomes = {}
    for v in load(VIGNETTES):
        by_first.setdefault(v["expect"]["first"], []).append(v)
        outcomes.setdefault(v["expect"]["outcome"], set()).update(v["ticks"])
    for condition in ("l5-s1-radiculopathy", "knee-osteoarthritis", "hip-osteoarthritis", "spinal-stenosis",
                      "claudication", "meniscus-ligament-injury", "patellofemoral-pain", "bakers-cyst"):
        assert condition in by_first, condition
    assert {"calf-clot"} <= outcomes["urgent"] and {"hot-swollen-joint"} <= outcomes["urgent"]
    assert {"clot-breathless", "saddle-numbness"} <= outcomes["emergency"]
    assert any(v["ticks"] == ["one-leg"] and v["expect"]["first"] is None for v in by_first[None])
