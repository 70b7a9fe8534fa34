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
from sitekit.levels import LEVELS
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
    assert f"knowledge.yml:{second}:" in twice and re.search(r"symptoms\[\d+\]\.id", twice) and f"line {first}" in twice
    assert any("no symptom with the id 'burning'" in e for e in errors)  # its references now dangle


def test_unknown_reference_suggests_the_right_id(project):
    """A mistyped condition id in a treatment: did you mean."""
    line = edit(project / "data/knowledge.yml", "for: [l5-s1-radiculopathy, l4-radiculopathy, tight-hamstrings,",
                 "for: [l5-s1-radiculopathy, l4-radiculopathy, tight-hamstring,")
    [error] = generation_errors(project)
    assert f"knowledge.yml:{line}:" in error and "treatments[0].for[2]" in error
    assert "Did you mean 'tight-hamstrings'?" in error


def test_unknown_source_and_symptom_ids(project):
    """References to sources and symptoms are checked too, and all errors come together."""
    knowledge = project / "data/knowledge.yml"
    edit(knowledge, "sources: [nice-ng59, cochrane-traction]", "sources: [nice-ng95, cochrane-traction]")
    edit(knowledge, "      burning: {fit: possible, why: \"Nerve pain can burn.\"}", "      burnin: {fit: possible, why: \"Nerve pain can burn.\"}")  # noqa: E501
    errors = generation_errors(project)
    assert len(errors) == 2
    assert any("features.burnin" in e and "Did you mean 'burning'?" in e for e in errors)
    assert any("evidence.sources[0]" in e and "Did you mean 'nice-ng59'?" in e for e in errors)


def test_empty_label(project):
    """A label of only spaces is empty."""
    line = edit(project / "data/knowledge.yml", "label: Burning pain", 'label: "  "')
    [error] = generation_errors(project)
    assert f":{line}:" in error and ".label" in error and "is empty" in error


def test_section_that_does_not_exist(project):
    """A condition pointing at a missing heading is caught, with a suggestion."""
    line = edit(project / "data/knowledge.yml", "section: causes.md#l4-radiculopathy",
                 "section: causes.md#l4-radiculopaty")
    [error] = generation_errors(project)
    assert f":{line}:" in error and "conditions[1].section" in error
    assert "causes.md#l4-radiculopathy" in error


def test_condition_with_no_features(project):
    """A condition must rate at least one symptom."""
    text = (project / "data/knowledge.yml").read_text(encoding="utf-8")
    block = re.search(r"(  - id: tight-hamstrings\n(?:.*\n)*?    features:\n)((?:      .*\n)+)", text)
    (project / "data/knowledge.yml").write_text(
        text.replace(block.group(0), block.group(1).replace("features:", "features: {}")), encoding="utf-8")
    [error] = generation_errors(project)
    assert re.search(r"conditions\[\d+\]\.features", error) and "has no features" in error


def test_the_command_line_exits_non_zero_and_leaves_the_last_good_output(project):
    """`scripts/generate.py` reports to stderr, exits 1, and leaves earlier output unchanged."""
    script = [sys.executable, str(ROOT / "scripts/generate.py"), "--knowledge",
              str(project / "data/knowledge.yml"), "--clinic", str(project / "clinic.yml"),
              "--docs", str(project / "docs"), "--out", str(project)]
    assert subprocess.run(script, capture_output=True).returncode == 0
    before = (project / "generated/tables/compare-short.html").read_bytes()
    edit(project / "data/knowledge.yml", "kind: knee\n", "kind: kne\n")
    result = subprocess.run(script, capture_output=True, text=True)
    assert result.returncode == 1
    assert re.search(r"conditions\[\d+\]\.kind", result.stderr)
    assert "Use one of: nerve-root, knee, mimic" in result.stderr
    assert (project / "generated/tables/compare-short.html").read_bytes() == before


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
    group: feel
""",
    "conditions": """  - id: knee-arthritis
    name: Knee arthritis
    plain_name: Worn knee
    short_name: Arthritis
    kind: knee
    section: mimics.md#knee-arthritis
    summary: Worn joint surfaces in the knee.
    helps: Test helps.
    sources: [nice-ng59]
    distinguishing: [night-pain]
    features:
      night-pain: {fit: typical, why: "Test reason."}
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
    edit(project / "docs/mimics.md", "## How to tell them apart", "## Knee arthritis {#knee-arthritis}\n\n## How to tell them apart")  # noqa: E501
    # The clinic publishes Spanish too: each new text the Spanish words lack is named, by id.
    errors = generation_errors(project)
    assert all("locales/es/knowledge.yml:" in e for e in errors), errors
    for key in ("symptoms.night-pain.label", "conditions.knee-arthritis.summary", "treatments.knee-brace.evidence",
                "conditions.knee-arthritis.features.night-pain"):
        assert any(f" {key}: has no text in this language" in e for e in errors), key
    edit(project / "clinic.yml", "languages: [en, es]", "languages: [en]")  # English alone
    generate(scratch_paths(project))
    out = project / "generated"
    glance = (out / "tables/compare-short.html").read_text(encoding="utf-8")
    line = glance.split('id="glance-knee-arthritis"', 1)[1].split("</li>\n", 1)[0]
    # Links are Markdown links to source files (md_in_html): both engines turn them into addresses.
    assert "](mimics.md#knee-arthritis)" in line and "pain that wakes you at night" in line
    assert 'id="symptom-night-pain"' in (out / "sections/symptoms.html").read_text(encoding="utf-8")
    assert "](treatments.md#treatment-knee-brace) (unclear)" in (out / "conditions/knee-arthritis.html").read_text(
        encoding="utf-8")
    symptoms = (out / "tables/symptoms.html").read_text(encoding="utf-8")
    assert 'id="symptom-row-night-pain"' in symptoms and "](mimics.md#knee-arthritis)" in symptoms
    treatments = (out / "tables/treatments.html").read_text(encoding="utf-8")
    assert 'id="treatment-row-knee-brace"' in treatments and "](mimics.md#knee-arthritis)" in treatments
    assert "{#treatment-knee-brace}" in (out / "sections/treatments.md").read_text(encoding="utf-8")
    checker = (out / "checker.html").read_text(encoding="utf-8")
    assert 'value="night-pain"' in checker and '"id":"knee-arthritis"' in checker
    assert (out / "conditions/knee-arthritis.html").is_file()


# The knowledge contract (v2): outcomes, outcome rules, and the new required fields.

def test_outcome_levels_out_of_order_are_named(project):
    """The outcomes must come most serious first: a swap names both places and the order."""
    knowledge = project / "data/knowledge.yml"
    text = knowledge.read_text(encoding="utf-8")
    text = text.replace("  - level: urgent\n", "  - level: tmp\n", 1).replace(
        "  - level: emergency\n", "  - level: urgent\n", 1).replace("  - level: tmp\n", "  - level: emergency\n", 1)
    knowledge.write_text(text, encoding="utf-8")
    errors = generation_errors(project)
    assert len(errors) == 2
    assert any("outcomes[0].level" in e and "must be 'emergency'" in e for e in errors)
    at = LEVELS.index("urgent")
    assert any(f"outcomes[{at}].level" in e and ", ".join(LEVELS) in e for e in errors)


def test_a_missing_outcome_level_is_caught(project):
    """One outcome too few is a schema error on the list."""
    knowledge = project / "data/knowledge.yml"
    text = knowledge.read_text(encoding="utf-8")
    start = text.index("  - level: see-doctor\n")
    end = text.index("  - level: self-care\n")
    knowledge.write_text(text[:start] + text[end:], encoding="utf-8")
    [error] = generation_errors(project)
    assert "outcomes" in error


def test_outcome_rule_with_unknown_symptom_is_located(project):
    """A rule naming a symptom that does not exist: the exact place, when.all[1], and a suggestion."""
    line = edit(project / "data/knowledge.yml", "when: {all: [after-twist, numbness]}",
                "when: {all: [after-twist, numbnes]}")
    [error] = generation_errors(project)
    assert f"knowledge.yml:{line}:" in error and re.search(r"outcome_rules\[\d+\]\.when\.all\[1\]", error)
    assert "no symptom with the id 'numbnes'" in error and "Did you mean 'numbness'?" in error


def test_outcome_rule_needs_exactly_one_of_all_or_any(project):
    """Both all: and any: in one rule is a schema error on its when."""
    edit(project / "data/knowledge.yml", "when: {all: [after-twist, numbness]}",
         "when: {all: [after-twist], any: [numbness]}")
    [error] = generation_errors(project)
    assert re.search(r"outcome_rules\[\d+\]\.when", error)


def test_emergency_is_not_an_outcome_rule_level(project):
    """Emergency comes only from warning signs."""
    edit(project / "data/knowledge.yml", "    level: see-doctor\n    when:", "    level: emergency\n    when:")
    [error] = generation_errors(project)
    assert re.search(r"outcome_rules\[\d+\]\.level", error) and "urgent, see-doctor" in error


def test_condition_and_warning_sign_sources_are_checked(project):
    """Unknown source ids in a condition, a warning sign and an outcome are each located."""
    knowledge = project / "data/knowledge.yml"
    text = knowledge.read_text(encoding="utf-8")
    cond = re.search(r"  - id: l3-radiculopathy\n(?:    .*\n)*?    sources: \[nice-ng59", text).group(0)
    text = text.replace(cond, cond.replace("[nice-ng59", "[nice-ng95"))
    sign = re.search(r"  - id: both-legs\n(?:    .*\n)*?    sources: \[(.*)\]", text)
    text = text.replace(sign.group(0), sign.group(0).replace(f"[{sign.group(1)}]", "[nhs-sciatic]"))
    knowledge.write_text(text, encoding="utf-8")
    errors = generation_errors(project)
    assert any(re.search(r"conditions\[\d+\]\.sources\[0\]", e) and "Did you mean 'nice-ng59'?" in e for e in errors)
    assert any(re.search(r"warning_signs\[0\]\.sources\[0\]", e) and "Did you mean 'nhs-sciatica'?" in e for e in errors)  # noqa: E501


def test_warning_sign_without_group_or_sources(project):
    """group and sources are required on a warning sign; a wrong group lists the allowed ones."""
    knowledge = project / "data/knowledge.yml"
    text = knowledge.read_text(encoding="utf-8")
    sign = re.search(r"  - id: both-legs\n(?:    .*\n)*?    group: back\n", text).group(0)
    knowledge.write_text(text.replace(sign, sign.replace("group: back", "group: belly")), encoding="utf-8")
    [error] = generation_errors(project)
    assert "warning_signs[0].group" in error and "back, knee, leg" in error


def test_symptom_area_is_gone(project):
    """The unused area key is no longer allowed (the contract removed it)."""
    edit(project / "data/knowledge.yml", "    label: Burning pain\n", "    label: Burning pain\n    area: knee\n")
    [error] = generation_errors(project)
    assert ".area" in error
