"""The patient stories of vignettes.yml (beside this file), each run twice through the symptom checker:
(a) its pure functions under Node, with the checker data the generation step makes (in
    memory: fast tier);
(b) the real checker page in Chromium (one page load, cleared between stories), in every
    published language: the ticks and the expectations are ids, the same in every language.

Each story gives the ticks and, from its source, the expected outcome level and the condition the
checker must name first (alone in first place), or null: nothing named. `not_named` lists
conditions that must not be named. An emergency story must show no condition or treatment.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from helpers import page_url, site_languages

HERE = Path(__file__).parent
VIGNETTES = yaml.safe_load((HERE / "vignettes.yml").read_text(encoding="utf-8"))
SCRIPT = HERE / "symptom-checker.js"
WIDGET = '[data-module="symptom-checker"]'

# Stories the checker cannot pass with today's contract, and why. Each must still fail (so the
# entry goes when the contract or the data changes); every other story must pass.
KNOWN_DISAGREEMENTS: set[str] = set()  # stories the data is known to get wrong (none)

# Reads {data, stories} on stdin; prints, per story, the outcome level and the named conditions.
NODE_RUNNER = """
const { outcome, match } = require(process.argv[1]);
let input = "";
process.stdin.on("data", (c) => { input += c; });
process.stdin.on("end", () => {
  const { data, stories } = JSON.parse(input);
  const out = stories.map((s) => {
    const level = outcome(data, s.ticks).level;
    const named = level === "emergency" ? [] : match(data, s.ticks);
    return { id: s.id, level, named: named.map((r) => r.id), tiedFirst: named.length > 0 && named[0].tied };
  });
  process.stdout.write(JSON.stringify(out));
});
"""


def problems_with(result: dict, story: dict) -> list[str]:
    """What differs from the story's expectation (empty when it passes)."""
    expect = story["expect"]
    found = []
    if result["level"] != expect["outcome"]:
        found.append(f"outcome {result['level']}, expected {expect['outcome']}")
    first = expect.get("first")
    named = result["named"]
    if first is None and named:
        found.append(f"named {named}, expected nothing named")
    if first is not None and (not named or named[0] != first or result["tiedFirst"]):
        found.append(f"named {named}{' (first place tied)' if result['tiedFirst'] else ''}, expected {first} first")
    wrongly = sorted(set(expect.get("not_named") or []) & set(named))
    if wrongly:
        found.append(f"named {wrongly}, which must not be named")
    return found


def check_all(results: list[dict]) -> None:
    """Every story passes, except the known disagreements, which must still fail."""
    by_id = {s["id"]: s for s in VIGNETTES}
    failing = {r["id"]: problems_with(r, by_id[r["id"]]) for r in results}
    failing = {k: v for k, v in failing.items() if v}
    unexpected = {k: v for k, v in failing.items() if k not in KNOWN_DISAGREEMENTS}
    lines = [f"{k}: {'; '.join(v)}" for k, v in unexpected.items()]
    assert not unexpected, f"{len(unexpected)} of {len(results)} stories fail:\n" + "\n".join(lines)
    assert set(failing) == KNOWN_DISAGREEMENTS & set(by_id), "a known disagreement now passes: remove it"


def test_the_runner_sees_a_wrong_answer():
    """The comparison fails on a wrong level, a wrong or tied first, and a forbidden name."""
    story = {"expect": {"outcome": "urgent", "first": "a", "not_named": ["b"]}}
    assert problems_with({"level": "urgent", "named": ["a"], "tiedFirst": False}, story) == []
    assert len(problems_with({"level": "self-care", "named": ["a"], "tiedFirst": False}, story)) == 1
    assert len(problems_with({"level": "urgent", "named": ["a"], "tiedFirst": True}, story)) == 1
    assert len(problems_with({"level": "urgent", "named": ["a", "b"], "tiedFirst": False}, story)) == 1
    assert len(problems_with({"level": "urgent", "named": ["c"], "tiedFirst": False},
                             {"expect": {"outcome": "urgent", "first": None}})) == 1


def _checker_data() -> dict:
    """The checker data generation writes for this project, made in memory (nothing written)."""
    from sitekit.pipeline import Paths, load_all
    from sitekit.render import Renderer

    knowledge, clinic, pages = load_all(Paths())
    return Renderer(knowledge, clinic, pages).checker_data("symptom-checker.md")


def test_vignettes_through_the_pure_functions():
    """Every story gives its expected outcome and first named condition (Node, generated data)."""
    node = shutil.which("node")
    assert node, "Node.js is needed (node --test runs the checker's own tests too)"
    data = _checker_data()
    stories = [{"id": s["id"], "ticks": s["ticks"]} for s in VIGNETTES]
    run = subprocess.run([node, "-e", NODE_RUNNER, str(SCRIPT)], input=json.dumps({"data": data, "stories": stories}),
                         capture_output=True, text=True, check=True)
    results = json.loads(run.stdout)
    assert len(results) == len(VIGNETTES) > 0
    check_all(results)


def pytest_generate_tests(metafunc):
    """The checker page in each language the project's clinic publishes (read at collection)."""
    if "checker" in metafunc.fixturenames:
        metafunc.parametrize("checker", list(site_languages()), indirect=True, scope="module")


@pytest.fixture(scope="module")
def checker(browser, site_server, request):
    """The checker page in one published language, loaded once."""
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(page_url(site_server, "symptom-checker", request.param))
    assert page.evaluate("document.documentElement.lang.split('-')[0]") == request.param
    page.wait_for_selector(f'{WIDGET}[data-checker-ready="true"]')
    yield page
    page.close()


def _run_on_page(page, story: dict) -> dict:
    page.locator(f"{WIDGET} button[type=reset]").click()
    page.wait_for_function("() => !document.querySelector('[data-module=\"symptom-checker\"] input:checked')"
                           " && !document.querySelector('[data-module=\"symptom-checker\"] .sc-results [data-level]')")
    for tick in story["ticks"]:
        page.check(f"{WIDGET} #sc-{tick}")
    return page.locator(f"{WIDGET} .sc-results").evaluate("""(results) => {
        const level = results.querySelector('[data-level]');
        const cards = [...results.querySelectorAll('[data-condition]')];
        const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
        return {level: level ? level.dataset.level : null,
                named: cards.map((c) => c.dataset.condition),
                tiedFirst: cards.length > 0 && !!cards[0].querySelector('.sc-result__tie'),
                treatmentsShown: [...results.querySelectorAll('.sc-treatments, [data-condition]')].some(visible)};
    }""")


def test_vignettes_on_the_checker_page(checker):
    """Every story gives its expected outcome and first named condition on the real page; an
    emergency shows no condition and no treatment."""
    results, emergencies_with_a_list = [], []
    for story in VIGNETTES:
        result = {"id": story["id"], **_run_on_page(checker, story)}
        results.append(result)
        if result["level"] == "emergency" and result["treatmentsShown"]:
            emergencies_with_a_list.append(story["id"])
    assert any(s["expect"]["outcome"] == "emergency" for s in VIGNETTES)
    assert emergencies_with_a_list == []
    check_all(results)
