"""The generation step: every kind of bad input gives a clear error (file, line, key, fix) and
writes nothing; good input gives escaped, linked, byte-identical output."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import generate as generate_script
import pytest
from helpers import ROOT, copy_inputs, edit, edit_key, generation_errors, key_place, scratch_paths, yaml_data
from sitekit.levels import LEVELS
from sitekit.pipeline import MANAGED, generate


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A scratch copy of the inputs the generation step reads."""
    return copy_inputs(tmp_path)


# What each test breaks is found in the knowledge file itself (its first symptom, condition,
# treatment...), never by today's wording, so the tests hold whatever a clinic made of it.
KNOWLEDGE = "data/knowledge.yml"


def knowledge_data(project: Path) -> dict:
    return yaml_data(project / KNOWLEDGE)


def misspelt(word: str) -> str:
    """An id one letter short, as a typing slip makes it."""
    return word[:-1]


def test_yaml_syntax_error_names_the_line(project):
    """A broken indentation is reported with its line."""
    path = project / KNOWLEDGE
    line, _ = key_place(path, ("symptoms", 0, "label"))
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = lines[line - 1][1:] + "\n  - : : :"
    path.write_text("\n".join(lines), encoding="utf-8")
    [error] = generation_errors(project)
    assert "data/knowledge.yml:" in error and "not valid YAML" in error
    assert int(error.split("knowledge.yml:")[1].split(":")[0]) in range(line, line + 3)


def test_schema_error_names_line_and_key(project):
    """A fit that is not typical/possible/unusual: line, key path and the allowed values."""
    symptom = next(iter(knowledge_data(project)["conditions"][0]["features"]))
    line = edit_key(project / KNOWLEDGE, ("conditions", 0, "features", symptom),
                    f'{symptom}: {{fit: typicl, why: "x"}}')
    [error] = generation_errors(project)
    assert f"knowledge.yml:{line}:" in error
    assert f"conditions[0].features.{symptom}.fit" in error
    assert "typical, possible, unusual" in error


def test_duplicate_id(project):
    """Two symptoms with one id: both lines named."""
    data = knowledge_data(project)
    first_id, second_id = data["symptoms"][0]["id"], data["symptoms"][1]["id"]
    first, _ = key_place(project / KNOWLEDGE, ("symptoms", 0, "id"))
    second = edit_key(project / KNOWLEDGE, ("symptoms", 1, "id"), f"id: {first_id}")
    errors = generation_errors(project)
    [twice] = [e for e in errors if "used twice" in e]
    assert f"knowledge.yml:{second}:" in twice and re.search(r"symptoms\[\d+\]\.id", twice) and f"line {first}" in twice
    if any(second_id in c["features"] for c in data["conditions"]):  # its references now dangle
        assert any(f"no symptom with the id '{second_id}'" in e for e in errors)


def test_unknown_reference_suggests_the_right_id(project):
    """A mistyped condition id in a treatment: did you mean."""
    treatment = knowledge_data(project)["treatments"][0]
    index, condition = len(treatment["for"]) - 1, treatment["for"][-1]
    line = edit_key(project / KNOWLEDGE, ("treatments", 0, "for"),
                    lambda rest: re.sub(rf"\b{re.escape(condition)}(?=\s*\])", misspelt(condition), rest))
    [error] = generation_errors(project)
    assert f"knowledge.yml:{line}:" in error and f"treatments[0].for[{index}]" in error
    assert f"Did you mean '{condition}'?" in error


def test_unknown_source_and_symptom_ids(project):
    """References to sources and symptoms are checked too, and all errors come together."""
    path, data = project / KNOWLEDGE, knowledge_data(project)
    source = data["treatments"][0]["evidence"]["sources"][0]
    symptom = next(iter(data["conditions"][0]["features"]))
    text = path.read_text(encoding="utf-8")
    data["treatments"][0]["evidence"]["sources"][0] = misspelt(source)
    data["conditions"][0]["features"] = {(misspelt(k) if k == symptom else k): v
                                         for k, v in data["conditions"][0]["features"].items()}
    import yaml
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert text != path.read_text(encoding="utf-8")
    errors = generation_errors(project)
    # (a distinguishing or against list that names the symptom is named too)
    assert any(f"features.{misspelt(symptom)}" in e and f"Did you mean '{symptom}'?" in e for e in errors)
    assert any("evidence.sources[0]" in e and f"Did you mean '{source}'?" in e for e in errors)


def test_empty_label(project):
    """A label of only spaces is empty."""
    line = edit_key(project / KNOWLEDGE, ("symptoms", 0, "label"), 'label: "  "')
    [error] = generation_errors(project)
    assert f":{line}:" in error and "symptoms[0].label" in error and "is empty" in error


def test_section_that_does_not_exist(project):
    """A condition pointing at a missing heading is caught, with a suggestion."""
    section = knowledge_data(project)["conditions"][1]["section"]
    line = edit_key(project / KNOWLEDGE, ("conditions", 1, "section"), f"section: {misspelt(section)}")
    [error] = generation_errors(project)
    assert f":{line}:" in error and "conditions[1].section" in error
    assert section in error


def test_condition_with_no_features(project):
    """A condition must rate at least one symptom."""
    import yaml
    data = knowledge_data(project)
    data["conditions"][-1]["features"] = {}
    (project / KNOWLEDGE).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    [error] = generation_errors(project)
    assert re.search(r"conditions\[\d+\]\.features", error) and "has no features" in error


def test_the_command_line_exits_non_zero_and_leaves_the_last_good_output(project):
    """`scripts/generate.py` reports to stderr, exits 1, and leaves earlier output unchanged."""
    arguments = ["--knowledge", str(project / "data/knowledge.yml"), "--clinic", str(project / "clinic.yml"),
                 "--docs", str(project / "docs"), "--out", str(project)]
    script = [sys.executable, str(ROOT / "scripts/generate.py"), *arguments]
    assert generate_script.main(arguments) == 0  # the good run in this process: the exit status main gives
    before = (project / "generated/tables/compare-short.html").read_bytes()
    edit_key(project / KNOWLEDGE, ("conditions", 0, "kind"), "kind: kne")
    result = subprocess.run(script, capture_output=True, text=True)
    assert result.returncode == 1
    assert re.search(r"conditions\[\d+\]\.kind", result.stderr)
    assert "Use one of: nerve-root, knee, mimic" in result.stderr
    assert (project / "generated/tables/compare-short.html").read_bytes() == before


NASTY = "Pipe | </script><b>x</b> *stars* [a](b)\nnext line"  # <script> itself is refused (tests/hostile)


def test_labels_are_escaped_in_tables_and_sections(project):
    """Markup in YAML text comes out as literal text, in HTML and Markdown outputs."""
    knowledge = project / "data/knowledge.yml"
    edit_key(knowledge, ("symptoms", 0, "label"), f"label: {NASTY!r}".replace("'", '"').replace("\n", "\\n"))
    edit_key(knowledge, ("treatments", 0, "name"), "name: 'Massage | <b>bold</b> *x* [l](u)'")
    generate(scratch_paths(project))
    table = (project / "generated/tables/symptoms.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in table and "<b>x" not in table
    data = (project / "generated/checker.html").read_text(encoding="utf-8")
    assert "</script><b>x" not in data
    sections = (project / "generated/sections/treatments.md").read_text(encoding="utf-8")
    assert r"Massage \| &lt;b&gt;bold&lt;/b&gt; \*x\* \[l\]\(u\)" in sections


def _managed_files(project: Path) -> dict[Path, bytes]:
    return {p.relative_to(project): p.read_bytes() for f in MANAGED for p in (project / f).rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, list[str], dict[Path, bytes]]:
    """A scratch copy of the inputs generated once, for the tests that only compare or rerun it
    (they change none of its inputs): the project, the files its first run changed, and the
    generated files as that run left them."""
    project = copy_inputs(tmp_path_factory.mktemp("generated"))
    changed = generate(scratch_paths(project))
    return project, changed, _managed_files(project)


@pytest.mark.xdist_group("generated")
def test_two_runs_give_identical_output(generated, project):
    """Generation is deterministic: byte-identical files from the same inputs (a second copy of them)."""
    _, _, first = generated
    generate(scratch_paths(project))
    second = _managed_files(project)
    assert first == second and len(first) > 20


@pytest.mark.xdist_group("generated")
def test_unchanged_inputs_write_nothing(generated):
    """A second run changes no file (so `mkdocs serve` does not reload in a loop)."""
    project, changed, _ = generated
    assert changed
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
    data = knowledge_data(project)  # the new items use a group and a source the file has
    group, source = data["groups"][0]["id"], data["sources"][0]["id"]
    for section, item in NEW_ITEMS.items():
        item = item.replace("group: feel", f"group: {group}").replace("nice-ng59", source)
        text = text.replace(f"\n{section}:\n", f"\n{section}:\n{item}", 1)
    knowledge.write_text(text, encoding="utf-8")
    with (project / "docs/mimics.md").open("a", encoding="utf-8") as page:  # a section of its own, at the end
        page.write("\n## Knee arthritis {#knee-arthritis}\n\nWorn joint surfaces in the knee.\n")
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
    """A symptom has no area key: one written there is refused, not silently ignored."""
    indent = " " * (key_place(project / KNOWLEDGE, ("symptoms", 0, "label"))[1] - 1)
    edit_key(project / KNOWLEDGE, ("symptoms", 0, "label"), lambda rest: f"{rest}\n{indent}area: knee")
    [error] = generation_errors(project)
    assert ".area" in error
