"""The patient stories of vignettes.yml (beside this file), each run through the symptom checker:
(a) every story through its pure functions under Node, with the checker data the generation step
    makes (in memory: fast tier), by sitekit.checker_report, which also writes the report page;
(b) a sample on the real checker page in Chromium (one page load, cleared between stories), in
    every published language: the ticks and the expectations are ids, the same in every language.

Each story gives the ticks and, from its source, the expected outcome level and the condition the
checker must name first (alone in first place), or null: nothing named; `top3`: conditions that
must all be in the first three; `not_named`: conditions that must not be named. An emergency
story must show no condition or treatment. A story with `known_miss` must still fail (so the entry
goes when the checker or the data changes); every other story must pass.
"""
from __future__ import annotations

import pytest
from helpers import page_url, site_languages
from sitekit import checker_report
from sitekit.checker_report import problems_with
from sitekit.widgets.checker import answering

WIDGET = '[data-module="symptom-checker"]'
# The stories the browser runs: every kind of story, every level, and the known misses.
SAMPLE_SIZE = 24


@pytest.fixture(scope="module")
def vignettes() -> list[dict]:
    """The patient stories, read when a test first needs them (never at import)."""
    return checker_report.load_stories()


def known_misses(stories: list[dict]) -> set[str]:
    return {s["id"] for s in stories if s.get("known_miss")}


def check_all(results: list[dict], stories: list[dict]) -> None:
    """Every story passes, except the known misses, which must still fail."""
    by_id = {s["id"]: s for s in stories}
    misses = known_misses(stories)
    failing = {r["id"]: problems_with(r, by_id[r["id"]]) for r in results}
    failing = {k: v for k, v in failing.items() if v}
    unexpected = {k: v for k, v in failing.items() if k not in misses}
    lines = [f"{k}: {'; '.join(v)}" for k, v in unexpected.items()]
    assert not unexpected, f"{len(unexpected)} of {len(results)} stories fail:\n" + "\n".join(lines)
    fixed = (misses & {r["id"] for r in results}) - set(failing)
    assert not fixed, f"known misses that now pass (take out their known_miss): {sorted(fixed)}"


def test_the_runner_sees_a_wrong_answer():
    """The comparison fails on a wrong level, a wrong or tied first, a forbidden name, and a
    missing one of the first three."""
    story = {"expect": {"outcome": "urgent", "first": "a", "not_named": ["b"]}}
    assert problems_with({"level": "urgent", "named": ["a"], "tiedFirst": False}, story) == []
    assert len(problems_with({"level": "self-care", "named": ["a"], "tiedFirst": False}, story)) == 1
    assert len(problems_with({"level": "urgent", "named": ["a"], "tiedFirst": True}, story)) == 1
    assert len(problems_with({"level": "urgent", "named": ["a", "b"], "tiedFirst": False}, story)) == 1
    assert len(problems_with({"level": "urgent", "named": ["c"], "tiedFirst": False},
                             {"expect": {"outcome": "urgent", "first": None}})) == 1
    both = {"expect": {"outcome": "urgent", "top3": ["a", "b"]}}
    assert problems_with({"level": "urgent", "named": ["b", "c", "a"], "tiedFirst": False}, both) == []
    assert len(problems_with({"level": "urgent", "named": ["b", "c", "d", "a"], "tiedFirst": False}, both)) == 1


def _checker_data(edition) -> tuple[dict, object]:
    """The checker data generation writes for this project (the site root's edition), made in
    memory (nothing written)."""
    from sitekit.render import Renderer

    knowledge = edition.knowledge
    return Renderer(knowledge, edition.clinic, edition.pages).checker_data("symptom-checker.md"), knowledge


def test_vignettes_through_the_pure_functions(shipped_editions, vignettes):
    """Every story gives its expected outcome and first named condition (Node, generated data)."""
    stories = vignettes
    data, _ = _checker_data(shipped_editions[0])
    results = checker_report.run(data, stories)
    assert len(results) == len(stories) > 0
    check_all(results, stories)


def test_the_report_counts_what_the_stories_give(shipped_editions, vignettes):
    """The figures add up: every story counted once per level, as right, too high or too low."""
    stories, misses = vignettes, known_misses(vignettes)
    data, knowledge = _checker_data(shipped_editions[0])
    figures = checker_report.report(data, stories, knowledge)
    assert figures["total"] == len(stories)
    assert sum(row["count"] for row in figures["levels"]) == len(stories)
    assert all(row["correct"] + row["over"] + row["under"] == row["count"] for row in figures["levels"])
    assert {r["id"] for r in figures["failing"]} == misses
    assert figures["emergencies"]["count"] > 0
    missed = set(figures["emergencies"]["missed"]) - misses
    assert not missed, f"stories that need help now, not sent for help now: {sorted(missed)}"


def _sample(stories: list[dict]) -> list[dict]:
    """Stories for the browser: the first of each kind and of each expected level, every known
    miss, then the rest in file order, up to SAMPLE_SIZE."""
    misses = known_misses(stories)
    chosen: dict[str, dict] = {}
    for s in stories:
        kinds = {c["kind"] for c in chosen.values()}
        levels = {c["expect"]["outcome"] for c in chosen.values()}
        if s["kind"] not in kinds or s["expect"]["outcome"] not in levels or s["id"] in misses:
            chosen[s["id"]] = s
    for s in stories:
        if len(chosen) >= SAMPLE_SIZE:
            break
        chosen.setdefault(s["id"], s)
    return [s for s in stories if s["id"] in chosen]


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
    """A story answered as a reader goes through the questions, first to last: a question the
    answers so far make needless is skipped, so the result also shows that skipping it loses
    nothing (the pure functions had every tick)."""
    answering.start_again(page)
    answering.answer_every_question(page, only=story["ticks"])
    return page.locator(f"{WIDGET} .sc-results").evaluate("""(results) => {
        const level = results.querySelector('[data-level]');
        const cards = [...results.querySelectorAll('[data-condition]')];
        const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
        return {level: level ? level.dataset.level : null,
                named: cards.map((c) => c.dataset.condition),
                tiedFirst: cards.length > 0 && !!cards[0].querySelector('.sc-result__tie'),
                treatmentsShown: [...results.querySelectorAll('.sc-treatments, [data-condition]')].some(visible)};
    }""")


def test_vignettes_on_the_checker_page(checker, vignettes):
    """Every story gives its expected outcome and first named condition on the real page; an
    emergency shows no condition and no treatment."""
    results, emergencies_with_a_list = [], []
    for story in _sample(vignettes):
        result = {"id": story["id"], **_run_on_page(checker, story)}
        results.append(result)
        if result["level"] == "emergency" and result["treatmentsShown"]:
            emergencies_with_a_list.append(story["id"])
    assert any(s["expect"]["outcome"] == "emergency" for s in _sample(vignettes))
    assert emergencies_with_a_list == []
    check_all(results, vignettes)
