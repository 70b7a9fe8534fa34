"""The symptom checker's ranking logic alone (docs/javascripts/symptom-checker.js), run in
Chromium on a blank page with small hand-made data, not the real knowledge file."""
import copy
import pathlib

import pytest

SCRIPT = pathlib.Path(__file__).resolve().parents[1] / "docs" / "javascripts" / "symptom-checker.js"

DATA = {
    "scoring": {"typical": 2, "possible": 1, "unusual": -2},
    "symptoms": {s: {"label": s.upper(), "description": None} for s in ("a", "b", "c", "d")},
    "warningSigns": [
        {"id": "red", "label": "Red flag", "level": "emergency"},
        {"id": "amber", "label": "Amber flag", "level": "urgent"},
    ],
    "levels": {
        "emergency": {"title": "E", "action": "Call 1", "number": "1"},
        "urgent": {"title": "U", "action": "Call 2", "number": "2"},
        "see-doctor": {"title": "S", "action": "Book", "number": None},
    },
    "conditions": [
        {"id": "first", "features": {"a": {"fit": "possible", "why": "first-a"}}},
        {"id": "second", "features": {"a": {"fit": "typical", "why": "second-a"},
                                      "b": {"fit": "unusual", "why": "second-b"}}},
        {"id": "third", "features": {"c": {"fit": "possible", "why": "third-c"}}},
    ],
}


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(SCRIPT))
    yield page
    context.close()


def rank(page, data, ticked):
    return page.evaluate("([d, t]) => SymptomChecker.rank(d, t)", [data, ticked])


def ids(results):
    return [r["id"] for r in results]


def test_typical_beats_possible(page):
    """A typical symptom outranks a possible one."""
    assert ids(rank(page, DATA, ["a"])) == ["second", "first"]


def test_scores_are_sums_of_weights(page):
    """Each ticked symptom adds the weight of its fit."""
    result = rank(page, DATA, ["a", "c"])
    assert {r["id"]: r["score"] for r in result} == {"second": 2, "first": 1, "third": 1}


def test_unusual_counts_against(page):
    """An unusual symptom subtracts its weight and is listed as not fitting."""
    result = rank(page, DATA, ["a", "b", "c"])
    assert ids(result) == ["first", "third"]  # second: 2 - 2 = 0, hidden
    data = copy.deepcopy(DATA)
    data["conditions"][1]["features"]["c"] = {"fit": "typical", "why": "second-c"}
    second = next(r for r in rank(page, data, ["a", "b", "c"]) if r["id"] == "second")
    assert second["score"] == 2
    assert [f["id"] for f in second["fits"]] == ["a", "c"]
    assert [(m["id"], m["why"]) for m in second["misfits"]] == [("b", "second-b")]


def test_unrated_counts_zero(page):
    """A symptom a condition does not rate adds nothing and is listed nowhere."""
    result = {r["id"]: r for r in rank(page, DATA, ["a", "d"])}
    assert result["first"]["score"] == 1
    assert [f["id"] for f in result["first"]["fits"]] == ["a"]
    assert result["first"]["misfits"] == []


def test_ties_keep_data_order(page):
    """Conditions with equal scores stay in the order of the data."""
    assert ids(rank(page, DATA, ["c", "a"]))[1:] == ["first", "third"]
    data = copy.deepcopy(DATA)
    data["conditions"].reverse()
    assert ids(rank(page, data, ["c", "a"]))[1:] == ["third", "first"]


def test_score_zero_or_less_is_hidden(page):
    """Only conditions with a score above 0 are returned; nothing ticked returns nothing."""
    assert ids(rank(page, DATA, ["b"])) == []
    assert ids(rank(page, DATA, ["a", "b"])) == ["first"]
    assert rank(page, DATA, []) == []
    assert rank(page, DATA, ["not-a-symptom", "red"]) == []


def test_weights_come_from_data(page):
    """Changing the weights in the data changes the order."""
    data = copy.deepcopy(DATA)
    data["scoring"] = {"typical": 1, "possible": 3, "unusual": -1}
    assert ids(rank(page, data, ["a"])) == ["first", "second"]
    data["scoring"]["possible"] = 0
    assert ids(rank(page, data, ["a"])) == ["second"]


def test_ticking_twice_counts_once(page):
    """A repeated id in the ticked list is counted once."""
    assert rank(page, DATA, ["a", "a"])[0]["score"] == 2


def test_emergency_detected(page):
    """An emergency sign makes 'emergency' the top level, whatever else is ticked."""
    levels = page.evaluate("([d, t]) => SymptomChecker.levelsFor(d, t)", [DATA, ["amber", "a", "red"]])
    assert levels["top"] == "emergency"
    assert levels["signs"] == {"emergency": ["red"], "urgent": ["amber"]}


def test_urgent_and_no_level(page):
    """An urgent sign alone gives 'urgent'; symptoms alone give no level."""
    levels_for = "([d, t]) => SymptomChecker.levelsFor(d, t)"
    assert page.evaluate(levels_for, [DATA, ["amber"]])["top"] == "urgent"
    assert page.evaluate(levels_for, [DATA, ["a", "b"]]) == {"top": None, "signs": {}}


def test_no_widget_no_error(page):
    """On a page without the widget the script does nothing and does not throw."""
    assert page.evaluate("() => { SymptomChecker.init(); return document.body.innerHTML; }") == ""
