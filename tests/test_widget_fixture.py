"""The widgets' small fixture (tests/fixtures/widgets/) passes the build's own validation, and that
validation really runs on it: a copy with one broken reference is refused."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import ROOT
from sitekit.levels import SIGN_LEVELS
from sitekit.pipeline import Paths, load_inputs
from sitekit.problems import InputError
from widget_fixture import FIXTURE, SPECIAL, fixture_inputs


def test_the_fixture_is_valid_and_small():
    knowledge, clinic = fixture_inputs()
    assert [c.kind for c in knowledge.conditions] == ["knee", "nerve-root", "mimic"]
    assert {w.level for w in knowledge.warning_signs} == set(SIGN_LEVELS)  # a sign at every level
    assert len(knowledge.symptoms) <= 10 and len(knowledge.treatments) == 2
    assert knowledge.symptom("stairs").label == SPECIAL
    assert clinic["offers"] == ["exercise"]


def test_a_broken_copy_is_refused(tmp_path: Path):
    copy = Path(shutil.copytree(FIXTURE, tmp_path / "fixture"))
    knowledge = copy / "knowledge.yml"
    knowledge.write_text(knowledge.read_text(encoding="utf-8").replace("for: [l4-nerve]", "for: [l4-nerf]"),
                         encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_inputs(Paths.of(ROOT, knowledge=knowledge, clinic=copy / "clinic.yml", docs=copy / "docs"))
    assert ["there is no condition with the id 'l4-nerf'" in str(p) for p in caught.value.problems] == [True]
