"""The project value: the inputs are read afresh at every generation (so `make serve` shows an edit
to any of them, a word file's included), a word file's mistake is located like any input's, and
another clinic is generated and built from its clinic file alone, without copying the project."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ROOT, US_CLINIC, copy_inputs, edit_key, generation_errors, read_clinic, scratch_paths, yaml_data
from sitekit.pipeline import MANAGED, generate, load, write
from sitekit.project import Paths


def _generated(project: Path) -> str:
    """Every generated text file of a scratch project, run together."""
    files = [*project.glob("mkdocs.generated*.yml"), *(project / "generated").rglob("*")]
    return "".join(f.read_text(encoding="utf-8") for f in sorted(files)
                   if f.is_file() and f.suffix in (".yml", ".json", ".html", ".md"))


def test_generating_again_shows_an_edit_to_the_words_the_knowledge_and_the_clinic(tmp_path):
    """What `make serve` does on each change (the hook generates again in the same process): an
    edit to a word file, the knowledge file or the clinic file is in the next generated files."""
    project = copy_inputs(tmp_path)
    paths = scratch_paths(project)
    generate(paths)
    ui, knowledge, clinic = project / "locales/en/ui.yml", project / "data/knowledge.yml", project / "clinic.yml"
    edits = {"Wordedit Zq": (ui, ("site", "site_name")),
             "Knowledgeedit Zq": (knowledge, ("symptoms", 0, "label")),
             "Clinicedit Zq": (clinic, ("name",))}
    before = _generated(project)
    for marker, (path, keys) in edits.items():
        assert marker not in before
        edit_key(path, keys, f"{keys[-1]}: {marker}")
    generate(paths)
    after = _generated(project)
    for marker, (path, _) in edits.items():
        assert marker in after, f"an edit to {path.name} did not reach the generated files"


def test_a_mistake_in_the_english_word_file_is_named_with_its_line(tmp_path):
    """The English word file is read like every input: a YAML mistake is a located error, not a traceback."""
    project = copy_inputs(tmp_path)
    path = project / "locales/en/ui.yml"
    line = edit_key(path, ("site", "site_name"), lambda rest: rest.replace(":", ": [", 1))
    errors = generation_errors(project)
    assert any(e.startswith(f"locales/en/ui.yml:{line + 1}:") or e.startswith(f"locales/en/ui.yml:{line}:")
               for e in errors), errors


def test_another_clinic_is_generated_from_its_clinic_file_alone(tmp_path):
    """Paths.of(project, clinic=...) generates another clinic's files (here into a scratch folder),
    with nothing copied and nothing written into the project."""
    paths = Paths.of(ROOT, clinic=US_CLINIC / "clinic.yml", out=tmp_path)
    project = load(paths)
    clinic = read_clinic(US_CLINIC)
    assert project.root_edition.clinic["name"] == clinic["name"]
    assert [e.language.code for e in project.editions] == (clinic.get("languages") or [clinic["language"][:2]])
    write(project)
    config = yaml_data(tmp_path / project.root_edition.language.config)
    assert config["extra"]["clinic"]["name"] == clinic["name"]
    data = json.loads((tmp_path / "generated/checker-data.json").read_text(encoding="utf-8"))
    number = project.root_edition.clinic["region"]["emergency"]["number"]
    assert any(o["number"] == number for o in data["outcomes"])
    assert all((tmp_path / folder).is_dir() for folder in MANAGED)


def _live_generated() -> dict[Path, bytes]:
    """The project's own generated files (those `make serve` and `make site` write), as they are now."""
    files = [*ROOT.glob("mkdocs.generated*.yml"), *(ROOT / "generated").rglob("*")]
    return {f: f.read_bytes() for f in files if f.is_file()}


def test_building_another_clinic_generates_into_a_scratch_folder(tmp_path, monkeypatch):
    """`build_site.py --clinic OTHER.yml` (the default work folder) generates the other clinic's
    files into a scratch folder, removed afterwards, never into the project; the project's own
    clinic file still generates into the project (the files `make serve` shows)."""
    import build_site

    given: list[Paths] = []
    monkeypatch.setattr(build_site, "build", lambda paths, out, engine, handouts: given.append(paths))
    assert build_site.main(["--clinic", str(US_CLINIC / "clinic.yml"), "--out", str(tmp_path / "site")]) == 0
    [paths] = given
    assert paths.clinic == (US_CLINIC / "clinic.yml").resolve() and paths.root == ROOT
    assert not paths.out.resolve().is_relative_to(ROOT) and not paths.out.exists()
    assert build_site.build_paths(ROOT / "clinic.yml", tmp_path).out == ROOT


@pytest.mark.full
def test_another_clinic_builds_from_its_clinic_file_alone(tmp_path):
    """The second clinic's site is built from its clinic file by the command line, without a
    copy of the project, and the project's own generated files are left as they were."""
    import build_site

    clinic = read_clinic(US_CLINIC)
    site = tmp_path / "site"
    before = _live_generated()
    assert build_site.main(["--clinic", str(US_CLINIC / "clinic.yml"), "--out", str(site), "--no-handouts"]) == 0
    assert _live_generated() == before
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'lang="{clinic["language"]}"' in home
    assert (site / "sitemap.xml").read_text(encoding="utf-8").count("<loc>" + clinic["site_url"]) >= 1
