"""Careless edits of the exercises in the knowledge file and their Spanish words: each gives a
located error (file, line, key, a fix) and nothing is written. Fast: no build, no browser.

The expected line is where the edit was made, never read from the code's own output."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import copy_inputs, edit
from helpers import generation_errors as _generation_errors


@dataclass(frozen=True)
class Case:
    name: str
    old: str
    new: str
    file: str
    key: str     # the key the error names
    words: str   # words the message must contain
    fix: str     # words the fix must contain
    line_shift: int = 0


CASES = [
    Case("unknown condition", "for: [l5-s1-radiculopathy, l4-radiculopathy, l3-radiculopathy, spinal-stenosis]\n"
         "    treatments: [stretching]\n    sources: [nhsinform-back-exercises",
         "for: [l5-s1-radiculopathy, l4-radiculopathy, l3-radiculopathy, spinal-stenosys]\n"
         "    treatments: [stretching]\n    sources: [nhsinform-back-exercises",
         "data/knowledge.yml", "exercises[0].for[3]", "no condition with the id 'spinal-stenosys'",
         "Did you mean 'spinal-stenosis'?"),
    Case("unknown source", "sources: [nhsinform-back-exercises, ahp-suffolk-stenosis]",
         "sources: [nhsinform-back-exercises, ahp-sufolk-stenosis]", "data/knowledge.yml", "exercises[0].sources[1]",
         "no source with the id 'ahp-sufolk-stenosis'", "Did you mean 'ahp-suffolk-stenosis'?"),
    Case("unknown treatment", "    treatments: [stretching]\n    sources: [nhsinform-back-exercises, ahp",
         "    treatments: [streching]\n    sources: [nhsinform-back-exercises, ahp", "data/knowledge.yml",
         "exercises[0].treatments[0]", "no treatment with the id 'streching'", "Did you mean 'stretching'?"),
    Case("missing when to stop", "    when_to_stop: Stop if it makes your symptoms worse or gives you a new pain. If",
         "    when_ti_stop: Stop if it makes your symptoms worse or gives you a new pain. If", "data/knowledge.yml",
         "exercises[0]", "the key 'when_to_stop' is missing", "Add 'when_to_stop:'", line_shift=-12),
    Case("unknown pose part", "start: {position: lying, hip: 50, knee: 100, far_hip: 50, far_knee: 100}",
         "start: {position: lying, hip: 50, knee: 100, far_hip: 50, far_knee: 100, elbw: 20}",
         "data/knowledge.yml", "exercises[0].figure.start.elbw", "unknown key 'elbw'", "elbow"),
    Case("unknown position", "start: {position: lying, hip: 50, knee: 100, far_hip: 50, far_knee: 100}",
         "start: {position: kneeling, hip: 50, knee: 100, far_hip: 50, far_knee: 100}",
         "data/knowledge.yml", "exercises[0].figure.start.position", "'kneeling' is not allowed", "lying"),
    Case("unknown prop", "props: [chair], hip: 90, knee: 90, far_hip: 90, far_knee: 90, hands: thigh}\n      end",
         "props: [sofa], hip: 90, knee: 90, far_hip: 90, far_knee: 90, hands: thigh}\n      end",
         "data/knowledge.yml", "exercises[4].figure.start.props[0]", "'sofa' is not allowed", "chair"),
    Case("exercise id used twice", "  - id: pelvic-tilt\n    name: Pelvic tilt",
         "  - id: knee-rolls\n    name: Pelvic tilt",
         "data/knowledge.yml", "exercises[1].id", "used twice", "its own id"),
    Case("a step without Spanish words",
         '      - "Vuelva al centro."\n', "", "locales/es/knowledge.yml", "exercises.knee-rolls.steps.4",
         "has no text in this language", "Slowly roll your knees to the left", line_shift=-3),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_edit_gives_a_located_error(tmp_path: Path, case: Case):
    project = copy_inputs(tmp_path)
    line = edit(project / case.file, case.old, case.new) + case.line_shift
    errors = [e.replace(f"{project}/", "") for e in _generation_errors(project)]
    where = f"{case.file}:{line}:"
    assert any(e.startswith(where) and f" {case.key}:" in e and case.words in e and case.fix in e
               for e in errors), errors
