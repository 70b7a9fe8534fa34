"""The story file is well formed: every id it uses exists in the knowledge file, every story
cites a source, and the stories cover what the report needs (pure Python, no build)."""
from __future__ import annotations

import yaml
from helpers import ROOT
from sitekit.checker_report import KINDS, load_stories, story_problems


def knowledge() -> dict:
    return yaml.safe_load((ROOT / "data/knowledge.yml").read_text(encoding="utf-8"))


def test_every_story_id_exists_in_the_knowledge_file():
    assert story_problems(load_stories(), knowledge()) == []


def test_the_check_catches_unknown_and_missing_ids():
    """A small fixture with one mistake of each kind: each is reported."""
    data = {"symptoms": [{"id": "a"}], "warning_signs": [{"id": "w"}], "conditions": [{"id": "c"}],
            "sources": [{"id": "s"}], "outcomes": [{"level": "urgent"}, {"level": "self-care"}]}
    good = {"id": "ok", "kind": "typical", "story": "x", "source": "s", "ticks": ["a", "w"],
            "expect": {"outcome": "urgent", "first": "c", "not_named": ["c"]}}
    web = {"id": "web", "kind": "unknown", "story": "x", "source_url": "https://example.org/", "source_title": "T",
           "ticks": ["a"], "expect": {"outcome": "self-care", "top3": ["c"]}}
    bad = {"id": "ok", "kind": "odd", "story": "", "source": "t", "ticks": ["b"],
           "expect": {"outcome": "soon", "not_named": ["d"]}}
    unsourced = {"id": "u", "kind": "vague", "story": "x", "ticks": ["a"],
                 "expect": {"outcome": "urgent", "first": None}}
    assert story_problems([good, web], data) == []
    found = story_problems([good, bad, unsourced], data)
    for text in ("id used twice", "no story", "kind 'odd'", "unknown source 't'", "unknown tick 'b'",
                 "'soon' is not a level", "expect.first is missing", "unknown condition 'd'", "u: no source"):
        assert any(text in line for line in found), text


def test_the_stories_cover_what_the_report_needs():
    """At least 60 stories; every level, every condition and every kind of story is there."""
    stories, k = load_stories(), knowledge()
    assert len(stories) >= 60
    expected_levels = {s["expect"]["outcome"] for s in stories}
    missing = {o["level"] for o in k["outcomes"]} - expected_levels
    assert not missing, f"no story expects {sorted(missing)}: write one from a source"
    mentioned = {c for s in stories for c in [s["expect"].get("first"), *(s["expect"].get("top3") or []),
                                               *(s["expect"].get("not_named") or [])] if c}
    assert {c["id"] for c in k["conditions"]} <= mentioned, "a condition no story is about"
    assert {s["kind"] for s in stories} == set(KINDS)
    assert any(s["ticks"] == ["one-leg"] and s["expect"]["first"] is None for s in stories)



def test_a_broken_story_stops_the_report():
    """A story with an unknown tick is an error naming the story file and the story, before the
    checker's script runs (the stories come from the load step: the report reads no file)."""
    import pytest
    from sitekit.checker_report import load, report
    from sitekit.pipeline import Paths, load_all
    from sitekit.problems import InputError

    knowledge_model, _, _ = load_all(Paths.of(ROOT))
    broken = [{**load_stories()[0], "ticks": ["no-such-answer"]}]
    with pytest.raises(InputError) as caught:
        report({}, broken, knowledge_model)
    assert any("unknown tick 'no-such-answer'" in str(p) and "vignettes.yml" in str(p) for p in caught.value.problems)
    assert load().published and load().stories
