"""The levels of urgency and the clinic's region: one home for the levels, service words put in
once and escaped once, and the region's mistakes named with file, line and key. Fast tier: small
fixtures (tests/fixtures/widgets/, a region file written here) and generation only, no build."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml
from helpers import REGION_SCHEMA, ROOT, copy_inputs, edit
from sitekit import placeholders, regions
from sitekit.colors import contrast
from sitekit.escaping import escape_markdown
from sitekit.languages import SOURCE
from sitekit.levels import ACTION_LEVELS, LEVEL_LIST, LEVELS, RULE_LEVELS, SIGN_LEVELS
from sitekit.pipeline import Paths, load_inputs
from sitekit.problems import InputError
from sitekit.render import Renderer
from widget_fixture import FIXTURE, fixture_inputs

UK_WORDS = re.compile(r"\b(GPs?|A&(amp;)?E|NHS 111|111|physiotherap(ist|ists|y)|physio|urgent treatment centres?)\b",
                      re.I)


# ---------------------------------------------------------------- the levels, defined once

def _schema(name: str) -> dict:
    return json.loads((ROOT / "data" / name).read_text(encoding="utf-8"))


def test_the_schemas_list_the_levels_and_words_of_sitekit():
    """The schemas describe the files for editors; their lists are sitekit.levels' and regions.WORDS."""
    knowledge = _schema("knowledge.schema.json")
    assert knowledge["$defs"]["level"]["enum"] == list(LEVELS)
    assert knowledge["properties"]["outcomes"]["minItems"] == len(LEVELS)
    rule_level = knowledge["properties"]["outcome_rules"]["items"]["properties"]["level"]["enum"]
    sign_level = knowledge["properties"]["warning_signs"]["items"]["properties"]["level"]["enum"]
    assert rule_level == list(RULE_LEVELS) and sign_level == list(SIGN_LEVELS)
    clinic_region = _schema("clinic.schema.json")["properties"]["region"]["properties"]
    assert list(clinic_region) == ["use", "name", *ACTION_LEVELS, "words"]
    assert list(clinic_region["words"]["properties"]) == list(regions.WORDS)
    region = _schema("region.schema.json")
    assert region["required"] == ["name", *ACTION_LEVELS, "words"]
    assert list(region["properties"]["words"]["properties"]) == list(regions.WORDS)


@pytest.mark.parametrize("lang", sorted(p.name for p in (ROOT / "locales").iterdir() if (p / "ui.yml").is_file()))
def test_every_word_list_by_level_has_exactly_the_levels(lang):
    ui = yaml.safe_load((ROOT / "locales" / lang / "ui.yml").read_text(encoding="utf-8"))
    assert list(ui["levels"]) == list(ACTION_LEVELS)
    assert list(ui["help"]["levels"]) == list(ACTION_LEVELS)
    for words in (ui["questionnaire"]["level_questions"], ui["questionnaire"]["level_steps"],
                  ui["checker"]["level_tags"]):
        assert list(words) == list(SIGN_LEVELS)


def test_the_checker_script_names_no_level():
    """Its levels, their order and how each is shown come from its data (outcomes)."""
    script = (ROOT / "scripts/sitekit/widgets/checker/symptom-checker.js").read_text(encoding="utf-8")
    assert not [level for level in LEVELS if f'"{level}"' in script or f"'{level}'" in script]


def _theme_files() -> list[Path]:
    """The stylesheets, scripts and templates of the widgets, the site and the theme."""
    folders = [ROOT / "scripts/sitekit", ROOT / "docs/stylesheets", ROOT / "overrides"]
    return sorted(path for folder in folders for pattern in ("*.css", "*.js", "*.j2", "*.html")
                  for path in folder.rglob(pattern) if ".test." not in path.name)


def test_every_level_a_stylesheet_script_or_template_spells_is_a_level():
    """A level id spelled out (a class the templates build from a level, kb-care--{{ lv }}; a
    level's colour, --kb-<id>-border; a data-level value) is one of sitekit.levels': a level
    renamed there shows up here with every file that still spells its old name."""
    files = _theme_files()
    built = set()  # the classes the templates build from a level id
    for path in files:
        text = path.read_text(encoding="utf-8")
        built |= set(re.findall(r"([\w-]+)--\{\{ ?(?:\w+\.)?(?:level|lv)(?:\.id)? ?\}\}", text))
    assert {"kb-care", "kb-level", "kb-q-level"} <= built  # it sees the templates' classes
    spelled = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(built)))})--([a-z][\w-]*)"
                         r"|--kb-([a-z][\w-]*?)-(?:fg|bg|border|link)\b|data-level=[\"']?([a-z][\w-]*)")
    unknown = [f"{path.relative_to(ROOT)}: {match[0]}" for path in files
               for match in spelled.finditer(path.read_text(encoding="utf-8"))
               if next(group for group in match.groups() if group) not in (*LEVELS, "level")]
    assert unknown == []
    assert spelled.search(".kb-q-level--see_doctor{} var(--kb-urgent-border)")[1] == "see_doctor"  # can fail


@pytest.mark.parametrize("level", [lv for lv in LEVEL_LIST if lv.light], ids=lambda lv: lv.id)
def test_each_level_colour_is_readable(level):
    for colours in (level.light, level.dark):
        assert contrast(colours.fg, colours.bg) >= 4.5 and contrast(colours.link, colours.bg) >= 4.5


def test_the_generated_stylesheet_has_each_levels_colours():
    css = Renderer(*fixture_inputs()).render_outputs()["docs/generated/clinic.css"]
    for level in (lv for lv in LEVEL_LIST if lv.light):
        assert f'[data-level="{level.id}"]' in css and level.light.border in css and level.dark.border in css


# ---------------------------------------------------------------- service words

def test_a_word_with_an_ampersand_is_escaped_once_in_html_and_json():
    """The fixture region calls a physiotherapist 'physio & rehab therapist'."""
    knowledge, clinic = fixture_inputs()
    assert knowledge.outcome("see-doctor").heading == "See a GP or physio & rehab therapist soon"
    out = Renderer(knowledge, clinic).render_snippets()
    assert out["checker.html"].count("See a GP or physio &amp; rehab therapist soon") == 1
    assert "&amp;amp;" not in out["checker.html"]
    data = json.loads(out["checker-data.json"])
    assert data["outcomes"][LEVELS.index("see-doctor")]["heading"] == "See a GP or physio & rehab therapist soon"


def test_a_word_in_a_page_is_literal_markdown_and_escaped_once():
    text = placeholders.resolve_page("---\ntitle: X\n---\n((Physio)) or a *((gp))*.\n",
                                     {"physio": "physio & rehab", "gp": "GP_[1]"}, escape_markdown)
    assert text.startswith("---\ntitle: X\n---\n")
    html = markdown.markdown(text.split("---\n", 2)[2])
    assert html == "<p>Physio &amp; rehab or a <em>GP_[1]</em>.</p>"


def test_placeholders_do_not_touch_attribute_lists_jinja_or_word_file_placeholders():
    text = "## Title {#gp} {{ gp }} {gp} (gp) ((gp))"
    assert placeholders.resolve(text, {"gp": "GP"}) == "## Title {#gp} {{ gp }} {gp} (gp) GP"


def test_an_unknown_placeholder_in_a_knowledge_text_is_located(tmp_path):
    copy = shutil.copytree(FIXTURE, tmp_path / "fixture")
    line = edit(copy / "knowledge.yml", "heading: Get help today", "heading: Get help from a ((nurse)) today")
    with pytest.raises(InputError) as caught:
        load_inputs(Paths.of(ROOT, knowledge=copy / "knowledge.yml", clinic=copy / "clinic.yml", docs=copy / "docs"))
    [problem] = caught.value.problems
    assert problem.file.endswith("knowledge.yml") and problem.line == line
    assert problem.key == f"outcomes[{LEVELS.index('urgent')}].heading"
    assert "((nurse)) is not a service word" in str(problem)


def test_a_word_the_region_lacks_is_named_where_a_page_uses_it(tmp_path):
    copy = shutil.copytree(FIXTURE, tmp_path / "fixture")
    edit(copy / "clinic.yml", "    urgent-line: the 111 line\n", "")
    page = next(iter(sorted((copy / "docs").glob("*.md"))))
    page.write_text(page.read_text(encoding="utf-8") + "\nCall ((urgent-line)).\n", encoding="utf-8")
    line = len(page.read_text(encoding="utf-8").splitlines())
    with pytest.raises(InputError) as caught:
        load_inputs(Paths.of(ROOT, knowledge=copy / "knowledge.yml", clinic=copy / "clinic.yml", docs=copy / "docs"))
    [problem] = caught.value.problems
    assert (problem.file.endswith(page.name), problem.line, problem.column) == (True, line, 6)
    assert "no word for ((urgent-line)) in 'en'" in problem.message and "region: words: urgent-line" in problem.fix


# ---------------------------------------------------------------- numbers in every language

REGION = """name: {en: Testland, es: Tierra}
emergency:
  number: "999"
  action:
    en: Call 999 now.
    es: Llame al 112 ahora.
emergency-department: {action: {en: Go to hospital., es: Vaya al hospital.}}
urgent: {number: "0300 123", action: {en: Call 0300 123 today., es: Llame hoy al 0300 123.}}
see-doctor: {action: {en: See a doctor., es: Vea a un médico.}}
words: {gp: {en: GP, es: médico}}
"""


def _clinic_using(tmp_path: Path, region: str, override: str = "") -> Path:
    (tmp_path / "regions").mkdir()
    (tmp_path / "regions/testland.yml").write_text(region, encoding="utf-8")
    clinic = tmp_path / "clinic.yml"
    clinic.write_text(f"region:\n  use: testland\n{override}", encoding="utf-8")
    return clinic


def test_a_translated_emergency_number_is_named_with_file_line_and_key(tmp_path):
    from sitekit import yamlsource
    clinic = _clinic_using(tmp_path, REGION)
    with pytest.raises(InputError) as caught:
        regions.whole_region(yamlsource.load(clinic, "clinic.yml"), tmp_path / "regions", REGION_SCHEMA)
    [problem] = caught.value.problems
    assert problem.file.endswith("regions/testland.yml")
    assert (problem.line, problem.key) == (6, "emergency.action.es")
    assert "does not contain its number 999" in problem.message and "112" in problem.message


def test_a_clinic_can_change_one_language_of_an_action_and_keep_the_others(tmp_path):
    from sitekit import yamlsource
    clinic = _clinic_using(tmp_path, REGION,
                           "  emergency: {action: {es: Llame al 999 ahora.}}\n  words: {gp: {en: doctor}}\n")
    region = regions.whole_region(yamlsource.load(clinic, "clinic.yml"), tmp_path / "regions", REGION_SCHEMA)
    assert region["emergency"] == {"number": "999", "action": {"en": "Call 999 now.", "es": "Llame al 999 ahora."}}
    assert region["urgent"]["number"] == "0300 123" and region["words"]["gp"] == {"en": "doctor", "es": "médico"}


# ---------------------------------------------------------------- the ready regions

@pytest.mark.parametrize("name", ["uk", "us"])
def test_each_ready_region_gives_every_level_and_word_in_every_language(name):
    data = yaml.safe_load((ROOT / "regions" / f"{name}.yml").read_text(encoding="utf-8"))
    languages = set(data["name"])
    assert SOURCE in languages
    for level in ACTION_LEVELS:
        assert set(data[level]["action"]) == languages
        if data[level].get("number"):  # the number in every language
            assert all(data[level]["number"] in text for text in data[level]["action"].values())
    for word, texts in data["words"].items():
        assert word in regions.WORDS and set(texts) == languages


def test_a_us_clinic_gets_us_words_dates_and_phone_wording(tmp_path):
    """The example content generated for a clinic that names the US region and writes en-US."""
    project = copy_inputs(tmp_path)
    edit(project / "clinic.yml", "  use: uk", "  use: us")
    edit(project / "clinic.yml", "language: en-GB", "language: en-US")
    from helpers import scratch_paths
    from sitekit.pipeline import generate
    generate(scratch_paths(project))
    texts = {p.relative_to(project).as_posix(): p.read_text(encoding="utf-8")
             for p in [*(project / "generated").glob("*.*"), *(project / "generated").glob("*/*.*"),
                       *(project / "generated/en/docs").glob("*.md")]}
    knowledge = yaml.safe_load((project / "data/knowledge.yml").read_text(encoding="utf-8"))
    fields = ("title", "publisher", "short_name", "url")
    cited = sorted({s[k] for s in knowledge["sources"] for k in fields if s.get(k)}, key=len, reverse=True)
    found = {}
    for name, text in texts.items():
        if name == "generated/sources.html":  # the list of sources
            continue
        for citation in cited:  # sources keep their own names
            text = text.replace(citation, "").replace(escape_markdown(citation), "")
        hits = UK_WORDS.findall(text)
        if hits:
            found[name] = sorted({h[0] for h in hits})
    assert found == {}
    us = yaml.safe_load((ROOT / "regions/us.yml").read_text(encoding="utf-8"))
    assert "Call Example Clinic at " in texts["generated/help.md"]
    assert us["words"]["physio"]["en"] in texts["generated/en/docs/treatments.md"]
    assert "November 24, 2026" in texts["generated/review.html"]


@pytest.mark.parametrize("name", ["uk", "us"])
def test_each_ready_region_says_how_to_find_an_emergency_department(name):
    """The emergency-department level has no number: the region gives its service finder (a
    link), or words that say how to find one, in every language; a link is https and not the
    site's own page."""
    data = yaml.safe_load((ROOT / "regions" / f"{name}.yml").read_text(encoding="utf-8"))
    for level in ACTION_LEVELS:
        finder = data[level].get("finder")
        if finder:
            assert set(finder["label"]) == set(data["name"]), level
            assert finder.get("url", "https://").startswith("https://"), level
    assert data["emergency-department"].get("finder"), "a reader needs a way to find where to go"


def _snippets_with(finder: dict | None) -> dict[str, str]:
    """The fixture's warning-sign snippets, with the emergency-department finder given (or none)."""
    import copy

    knowledge, clinic = fixture_inputs()
    clinic = copy.deepcopy(clinic)
    if finder is not None:
        clinic["region"]["emergency-department"]["finder"] = finder
    return Renderer(knowledge, clinic).render_snippets()


def _box_with(finder: dict | None) -> str:
    section = _snippets_with(finder)["warning-signs/box.html"]
    return section.split('data-level="emergency-department"')[1].split("</section>")[0]


def test_the_when_to_get_help_list_gives_the_finder_beside_the_action():
    linked = _snippets_with({"url": "https://finder.example/a-e", "label": "Find an A&E"})
    assert ('Go to A&amp;E now. <a class="kb-print-hide" href="https://finder.example/a-e">Find an A&amp;E</a></p>'
            in linked["warning-signs/emergency-department.html"])
    words = _snippets_with({"label": "Search a map."})["warning-signs/emergency-department.html"]
    assert "Go to A&amp;E now. Search a map.</p>" in words


def test_the_box_goes_to_the_regions_finder_or_says_how_to_find_the_place():
    linked = _box_with({"url": "https://finder.example/a-e?near=me&x=1", "label": "Find an A&E"})
    assert re.findall(r'<a class="kb-care__button" href="([^"]+)">([^<]+)</a>', linked) == [
        ("https://finder.example/a-e?near=me&amp;x=1", "Find an A&amp;E")]  # escaped once
    words = _box_with({"label": 'Search a map for "A&E".'})
    assert "kb-care__button" not in words  # no button that goes nowhere useful
    assert '<p class="kb-care__finder">Search a map for &#34;A&amp;E&#34;.</p>' in words
    assert "when-to-get-help" in _box_with(None)  # no finder: the site's own section


def test_a_clinic_can_give_its_own_finder_and_a_bad_address_is_named(tmp_path):
    from sitekit import schema_check, yamlsource
    region = REGION.replace("emergency-department: {action: {en: Go to hospital., es: Vaya al hospital.}}",
                            "emergency-department:\n  action: {en: Go to hospital., es: Vaya al hospital.}\n"
                            "  finder: {url: https://a.example/find, label: {en: Find one, es: Buscar}}")
    region = region.replace("es: Llame al 112 ahora.", "es: Llame al 999 ahora.")
    clinic = _clinic_using(tmp_path, region, "  emergency-department: {finder: {url: https://b.example/}}\n")
    whole = regions.whole_region(yamlsource.load(clinic, "clinic.yml"), tmp_path / "regions", REGION_SCHEMA)
    assert whole["emergency-department"]["finder"] == {"url": "https://b.example/",
                                                       "label": {"en": "Find one", "es": "Buscar"}}
    clinic.write_text("region:\n  use: uk\n  emergency-department: {finder: {url: http://b.example/, label: X}}\n",
                      encoding="utf-8")
    problems = schema_check.check(yamlsource.load(clinic, "clinic.yml"), ROOT / "data/clinic.schema.json")
    assert [p.key for p in problems if "http://" in str(p)] == ["region.emergency-department.finder.url"]
