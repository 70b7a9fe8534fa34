"""The table of red flags and symptom patterns (red_flags.yml, beside this file), each with the
level it must reach and the source that says so:

- fast tier: every row through the symptom checker's pure functions (Node), with the checker data
  the generation step makes, in every published language; the table itself is checked (known ids,
  known levels, a source the knowledge file cites); every warning sign above "see a doctor" has a
  row, and has its words in every language;
- full tier: a sample of rows on the built checker page, in every published language.

A row passes when the checker's level is the expected one or more serious: it may send a reader
somewhere sooner than the source, never later.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, page_url, site_languages
from sitekit.widgets.checker import answering

TABLE_FILE = Path(__file__).with_name("red_flags.yml")
SCRIPT = ROOT / "scripts/sitekit/widgets/checker/symptom-checker.js"
WIDGET = '[data-module="symptom-checker"]'

NODE_RUNNER = """
const { outcome } = require(process.argv[1]);
let input = "";
process.stdin.on("data", (c) => { input += c; });
process.stdin.on("end", () => {
  const { data, rows } = JSON.parse(input);
  process.stdout.write(JSON.stringify(rows.map((r) => ({ id: r.id, level: outcome(data, r.ticks).level }))));
});
"""


def pytest_generate_tests(metafunc):
    """Each test that takes ``lang`` runs once per language the clinic publishes (read when the
    tests are collected, not at import)."""
    if "lang" in metafunc.fixturenames:
        metafunc.parametrize("lang", list(site_languages()), scope="module")


@pytest.fixture(scope="module")
def table() -> list[dict]:
    """The rows of red_flags.yml, read when a test first needs them (never at import)."""
    return yaml.safe_load(TABLE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def checker_data(shipped_editions) -> dict[str, dict]:
    """The checker data of each published language, made in memory, by language code."""
    from sitekit.render import Renderer

    return {e.language.code: Renderer(e.knowledge, e.clinic, e.pages, e.language.code).checker_data(
        "symptom-checker.md") for e in shipped_editions}


@pytest.fixture()
def checker_for(checker_data):
    """A language's checker data and its levels, most serious first: checker_for(lang)."""
    def data_and_levels(lang: str) -> tuple[dict, list[str]]:
        data = checker_data[lang]
        return data, [o["level"] for o in data["outcomes"]]
    return data_and_levels


def too_low(found: str | None, expected: str, order: list[str]) -> bool:
    """Whether the level found is less serious than the expected one (no level at all is)."""
    return found is None or found not in order or order.index(found) > order.index(expected)


def test_too_low_sees_a_level_below_the_source():
    order = ["emergency", "emergency-department", "urgent", "see-doctor", "self-care"]
    assert not too_low("emergency", "emergency-department", order)  # sooner than the source: fine
    assert not too_low("urgent", "urgent", order)
    assert too_low("urgent", "emergency-department", order)
    assert too_low("self-care", "see-doctor", order)
    assert too_low(None, "see-doctor", order)


def test_the_table_is_well_formed(table):
    data = yaml.safe_load((ROOT / "data/knowledge.yml").read_text(encoding="utf-8"))
    tickable = {s["id"] for s in data["symptoms"]} | {w["id"] for w in data["warning_signs"]}
    sources = {s["id"] for s in data["sources"]}
    levels = [o["level"] for o in data["outcomes"]]
    ids = [row["id"] for row in table]
    assert len(ids) == len(set(ids)), "a row id is used twice"
    for row in table:
        assert row["ticks"] and set(row["ticks"]) <= tickable, row["id"]
        assert row["level"] in levels[:-1], row["id"]  # a red flag is never self-care
        assert row["source"] in sources, row["id"]
        assert row["says"].strip(), row["id"]


def test_every_sign_that_needs_help_soon_has_a_row(table):
    """Each warning sign of a level above "see a doctor" is the first tick of some row."""
    data = yaml.safe_load((ROOT / "data/knowledge.yml").read_text(encoding="utf-8"))
    levels = [o["level"] for o in data["outcomes"]]
    soon = {w["id"] for w in data["warning_signs"] if levels.index(w["level"]) < levels.index("see-doctor")}
    covered = {t for row in table for t in row["ticks"]}
    assert soon - covered == set()


def test_every_row_reaches_its_level_through_the_pure_functions(lang, table, checker_for):
    node = shutil.which("node")
    assert node, "Node.js is needed (node --test runs the checker's own tests too)"
    data, order = checker_for(lang)
    rows = [{"id": r["id"], "ticks": r["ticks"]} for r in table]
    run = subprocess.run([node, "-e", NODE_RUNNER, str(SCRIPT)], input=json.dumps({"data": data, "rows": rows}),
                         capture_output=True, text=True, check=True)
    found = {r["id"]: r["level"] for r in json.loads(run.stdout)}
    low = [f"{r['id']}: {found[r['id']]}, must reach {r['level']} ({r['source']}: {r['says']})"
           for r in table if too_low(found[r["id"]], r["level"], order)]
    assert not low, "\n".join(low)


def test_every_warning_sign_has_its_words_in_every_language(lang, checker_for):
    data, _ = checker_for(lang)
    english, _ = checker_for(next(iter(site_languages())))
    assert [w["id"] for w in data["warningSigns"]] == [w["id"] for w in english["warningSigns"]]
    for sign in data["warningSigns"]:
        assert sign["label"].strip(), sign["id"]
    if lang != next(iter(site_languages())):
        same = [w["id"] for w, e in zip(data["warningSigns"], english["warningSigns"], strict=True)
                if w["label"] == e["label"] or (e["advice"] and w["advice"] == e["advice"])]
        assert same == [], f"not translated: {same}"


HOME_CARE_RUNNER = """
const { outcome, selfCareAdvice } = require(process.argv[1]);
let input = "";
process.stdin.on("data", (c) => { input += c; });
process.stdin.on("end", () => {
  const { data, tries } = JSON.parse(input);
  process.stdout.write(JSON.stringify(tries.map((ticks) => {
    const advice = selfCareAdvice(data, ticks);
    return { level: outcome(data, ticks).level, advice: advice && advice.id };
  })));
});
"""


def test_each_conditions_home_care_is_shown_when_the_answers_point_to_it(lang, checker_for):
    """For each condition with home care of its own (when: condition), ticking one of the
    answers that set the condition apart, and nothing else, reaches the self-care outcome with
    that home care, in every language (no advice that no reader can ever see)."""
    data, order = checker_for(lang)
    by_id = {c["id"]: c for c in data["conditions"]}
    own = [a for a in data["selfCareAdvice"] if "condition" in a["when"]]
    assert own, "no condition has home care of its own"
    tries = [(a["id"], [e] if isinstance(e, str) else list(e))
             for a in own for e in by_id[a["when"]["condition"]]["distinguishing"]]
    run = subprocess.run([shutil.which("node"), "-e", HOME_CARE_RUNNER, str(SCRIPT)],
                         input=json.dumps({"data": data, "tries": [t for _, t in tries]}),
                         capture_output=True, text=True, check=True)
    reached = {advice_id for (advice_id, _), found in zip(tries, json.loads(run.stdout), strict=True)
               if found["level"] == order[-1] and found["advice"] == advice_id}
    assert reached == {a["id"] for a in own}


def test_home_care_for_a_condition_comes_from_its_sources(tmp_path):
    """Home care for a condition cites only the condition's own sources (shown with it): a source
    that is not one of them is named with file, line and key, and how to fix it."""
    from helpers import copy_inputs, edit_key, generation_errors, yaml_data
    project = copy_inputs(tmp_path)
    data = yaml_data(project / "data/knowledge.yml")
    [(index, advice)] = [(i, a) for i, a in enumerate(data["self_care_advice"]) if "condition" in a["when"]][:1]
    condition = next(c for c in data["conditions"] if c["id"] == advice["when"]["condition"])
    stranger = next(s["id"] for s in data["sources"] if s["id"] not in condition["sources"])
    line = edit_key(project / "data/knowledge.yml", ("self_care_advice", index, "sources"),
                    f"sources: [{condition['sources'][0]}, {stranger}]")
    [error] = generation_errors(project)
    assert f"knowledge.yml:{line}:" in error and f"self_care_advice[{index}].sources" in error
    assert stranger in error and condition["id"] in error


# A sample for the browser: the most serious row of each level, and the knee-injury patterns.
SAMPLE = {"cancer-and-new-weakness-or-walking", "knee-numb-below-injury", "twist-numb-swollen-pattern",
          "clot-signs-thigh-or-calf", "weakness-alone", "numb-when-wiping"}


@pytest.fixture(scope="module")
def checker(browser, site_server, lang):
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(page_url(site_server, "symptom-checker", lang))
    page.wait_for_selector(f'{WIDGET}[data-checker-ready="true"]')
    yield page
    page.close()


def _reset(page) -> None:
    """Clear every answer, as a reader does, and wait until the page shows no outcome."""
    answering.start_again(page)
    page.wait_for_function("() => !document.querySelector('[data-module=\"symptom-checker\"] input:checked')"
                           " && !document.querySelector('[data-module=\"symptom-checker\"] .sc-results [data-level]')")


def test_a_sample_reaches_its_level_on_the_checker_page(checker, table):
    data = json.loads(checker.locator(f"{WIDGET} script[data-sc-data]").text_content())
    order = [o["level"] for o in data["outcomes"]]
    sample = [r for r in table if r["id"] in SAMPLE]
    assert sample
    for row in sample:
        row_id = row["id"]
        _reset(checker)
        # As a reader: question by question, with the checker's own buttons, ticking the row's
        # answers where they are asked (a question its answers so far make needless is skipped).
        answering.answer_every_question(checker, only=row["ticks"])
        level = checker.locator(f"{WIDGET} .sc-results [data-level]").first.get_attribute("data-level")
        assert not too_low(level, row["level"], order), f"{row_id}: {level}, must reach {row['level']}"


def test_a_fresh_knee_injury_gets_its_own_home_care(checker):
    """Only a twist ticked: the self-care outcome shows the knee-injury advice (rest and ice, from
    its source), not the general advice to keep moving and stretch."""
    data = json.loads(checker.locator(f"{WIDGET} script[data-sc-data]").text_content())
    [advice] = [a for a in data["selfCareAdvice"] if a["id"] == "new-knee-injury"]
    [tick] = advice["when"]["any"]
    _reset(checker)
    answering.answer(checker, tick)
    shown = checker.locator(f"{WIDGET} .sc-results .sc-outcome__advice").first.text_content()
    assert shown == advice["advice"]
