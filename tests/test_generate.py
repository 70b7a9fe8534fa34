"""The generation step: every kind of bad input gives a clear error (file, line, key, fix) and
writes nothing; good input gives escaped, linked, byte-identical output."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, copy_inputs, edit, generation_errors, scratch_paths
from sitekit.pipeline import MANAGED, generate


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A scratch copy of the inputs the generation step reads."""
    return copy_inputs(tmp_path)


def test_yaml_syntax_error_names_the_line(project):
    """A broken indentation is reported with its line."""
    line = edit(project / "data/knowledge.yml", "    label: Pain at the back of the knee",
                 "   label: Pain at the back of the knee\n  - : : :")
    [error] = generation_errors(project)
    assert "data/knowledge.yml:" in error and "not valid YAML" in error
    assert int(error.split("knowledge.yml:")[1].split(":")[0]) in range(line, line + 3)


def test_schema_error_names_line_and_key(project):
    """A fit that is not typical/possible/unusual: line, key path and the allowed values."""
    line = edit(project / "data/knowledge.yml", "numbness: {fit: typical,", "numbness: {fit: typicl,")
    [error] = generation_errors(project)
    assert f"knowledge.yml:{line}:" in error
    assert "conditions[0].features.numbness.fit" in error
    assert "typical, possible, unusual" in error


def test_duplicate_id(project):
    """Two symptoms with one id: both lines named."""
    second = edit(project / "data/knowledge.yml", "  - id: burning\n", "  - id: aching-sharp\n")
    errors = generation_errors(project)
    [twice] = [e for e in errors if "used twice" in e]
    first = (ROOT / "data/knowledge.yml").read_text().split("\n").index("  - id: aching-sharp") + 1
    assert f"knowledge.yml:{second}:" in twice and "symptoms[10].id" in twice and f"line {first}" in twice
    assert any("no symptom with the id 'burning'" in e for e in errors)  # its references now dangle


def test_unknown_reference_suggests_the_right_id(project):
    """A mistyped condition id in a treatment: did you mean."""
    line = edit(project / "data/knowledge.yml", "for: [l4-radiculopathy, tight-hamstrings]\n",
                 "for: [l4-radiculopathy, tight-hamstring]\n")
    [error] = generation_errors(project)
    assert f"knowledge.yml:{line}:" in error and "treatments[0].for[1]" in error
    assert "Did you mean 'tight-hamstrings'?" in error


def test_unknown_source_and_symptom_ids(project):
    """References to sources and symptoms are checked too, and all errors come together."""
    knowledge = project / "data/knowledge.yml"
    edit(knowledge, "sources: [nice-ng59, cochrane-traction]", "sources: [nice-ng95, cochrane-traction]")
    edit(knowledge, "      warmth: {fit: possible", "      warmt: {fit: possible")
    errors = generation_errors(project)
    assert len(errors) == 2
    assert any("features.warmt" in e and "Did you mean 'warmth'?" in e for e in errors)
    assert any("evidence.sources[0]" in e and "Did you mean 'nice-ng59'?" in e for e in errors)


def test_empty_label(project):
    """A label of only spaces is empty."""
    line = edit(project / "data/knowledge.yml", "label: Burning pain", 'label: "  "')
    [error] = generation_errors(project)
    assert f":{line}:" in error and ".label" in error and "is empty" in error


def test_section_that_does_not_exist(project):
    """A condition pointing at a missing heading is caught, with a suggestion."""
    line = edit(project / "data/knowledge.yml", "section: causes.md#tight-hamstrings",
                 "section: causes.md#tight-hamstring")
    [error] = generation_errors(project)
    assert f":{line}:" in error and "conditions[1].section" in error
    assert "causes.md#tight-hamstrings" in error


def test_condition_with_no_features(project):
    """A condition must rate at least one symptom."""
    text = (project / "data/knowledge.yml").read_text(encoding="utf-8")
    block = re.search(r"(  - id: tight-hamstrings\n(?:.*\n)*?    features:\n)((?:      .*\n)+)", text)
    (project / "data/knowledge.yml").write_text(
        text.replace(block.group(0), block.group(1).replace("features:", "features: {}")), encoding="utf-8")
    [error] = generation_errors(project)
    assert "conditions[1].features" in error and "has no features" in error


def test_the_command_line_exits_non_zero_and_leaves_the_last_good_output(project):
    """`scripts/generate.py` reports to stderr, exits 1, and leaves earlier output unchanged."""
    script = [sys.executable, str(ROOT / "scripts/generate.py"), "--knowledge",
              str(project / "data/knowledge.yml"), "--clinic", str(project / "clinic.yml"),
              "--docs", str(project / "docs"), "--out", str(project)]
    assert subprocess.run(script, capture_output=True).returncode == 0
    before = (project / "generated/tables/compare-full.html").read_bytes()
    edit(project / "data/knowledge.yml", "kind: mimic", "kind: mimik")
    result = subprocess.run(script, capture_output=True, text=True)
    assert result.returncode == 1
    assert "conditions[2].kind" in result.stderr and "Use one of: cause, mimic" in result.stderr
    assert (project / "generated/tables/compare-full.html").read_bytes() == before


NASTY = "Pipe | </script><b>x</b> *stars* [a](b)\nnext line"  # <script> itself is refused (tests/hostile)


def test_labels_are_escaped_in_tables_and_sections(project):
    """Markup in YAML text comes out as literal text, in HTML and Markdown outputs."""
    knowledge = project / "data/knowledge.yml"
    edit(knowledge, "label: Burning pain", f"label: {NASTY!r}".replace("'", '"').replace("\n", "\\n"))
    edit(knowledge, "name: Massage therapy", "name: 'Massage | <b>bold</b> *x* [l](u)'")
    generate(scratch_paths(project))
    table = (project / "generated/tables/symptoms.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in table and "<b>x" not in table
    data = (project / "generated/checker.html").read_text(encoding="utf-8")
    assert "</script><b>x" not in data
    sections = (project / "generated/sections/treatments.md").read_text(encoding="utf-8")
    assert r"Massage \| &lt;b&gt;bold&lt;/b&gt; \*x\* \[l\]\(u\)" in sections


def test_two_runs_give_identical_output(project, tmp_path_factory):
    """Generation is deterministic: byte-identical files from the same inputs."""
    generate(scratch_paths(project))
    first = {p.relative_to(project): p.read_bytes() for f in MANAGED for p in (project / f).rglob("*") if p.is_file()}
    for folder in MANAGED:
        shutil.rmtree(project / folder)
    generate(scratch_paths(project))
    second = {p.relative_to(project): p.read_bytes() for f in MANAGED for p in (project / f).rglob("*") if p.is_file()}
    assert first == second and len(first) > 20


def test_unchanged_inputs_write_nothing(project):
    """A second run changes no file (so `mkdocs serve` does not reload in a loop)."""
    assert generate(scratch_paths(project))
    assert generate(scratch_paths(project)) == []


NEW_ITEMS = {
    "symptoms": """  - id: night-pain
    label: Pain that wakes you at night
    area: knee
    group: feel
""",
    "conditions": """  - id: knee-arthritis
    name: Knee arthritis
    short_name: Arthritis
    kind: mimic
    section: mimics.md#knee-arthritis
    summary: Worn joint surfaces in the knee.
    features:
      night-pain: {fit: possible, why: "Test reason."}
      around-kneecap: {fit: typical, why: "Test reason."}
""",
    "treatments": """  - id: knee-brace
    name: Knee brace
    type: self-care
    what: A support worn on the knee.
    who: You.
    for: [knee-arthritis]
    helps: It supports the knee.
    evidence: {rating: unclear, text: Test evidence., sources: [nice-ng59]}
    cautions: None known.
""",
}


def test_a_new_condition_symptom_and_treatment_appear_everywhere(project):
    """Added to a copy of the YAML, they appear in every table and the checker, with links."""
    knowledge = project / "data/knowledge.yml"
    text = knowledge.read_text(encoding="utf-8")
    for section, item in NEW_ITEMS.items():
        text = text.replace(f"\n{section}:\n", f"\n{section}:\n{item}", 1)
    knowledge.write_text(text, encoding="utf-8")
    edit(project / "docs/mimics.md", "## How to tell them apart", "## Knee arthritis {#knee-arthritis}\n\n## How to tell them apart")
    generate(scratch_paths(project))
    out = project / "generated"
    compare = (out / "tables/compare-full.html").read_text(encoding="utf-8")
    assert 'id="compare-knee-arthritis"' in compare and 'href="#knee-arthritis"' in compare
    assert 'id="compare-row-night-pain"' in compare
    symptoms = (out / "tables/symptoms.html").read_text(encoding="utf-8")
    assert 'id="symptom-row-night-pain"' in symptoms and 'href="mimics.md#knee-arthritis"' in symptoms
    treatments = (out / "tables/treatments.html").read_text(encoding="utf-8")
    assert 'id="treatment-row-knee-brace"' in treatments and 'href="mimics.md#knee-arthritis"' in treatments
    assert "{#treatment-knee-brace}" in (out / "sections/treatments.md").read_text(encoding="utf-8")
    checker = (out / "checker.html").read_text(encoding="utf-8")
    assert 'value="night-pain"' in checker and '"id":"knee-arthritis"' in checker
    assert (out / "conditions/knee-arthritis.html").is_file()
