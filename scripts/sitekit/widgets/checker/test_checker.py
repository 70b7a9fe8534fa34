"""The symptom checker, rendered from the small fixture (tests/fixtures/widgets/): its data
(Renderer.checker_data, also written as checker-data.json) is the expected file beside this test,
and its markup has one checkbox per symptom and per warning sign, in the right groups, with the
ids the script and the labels rely on. Fast tier: no build, no browser."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from widget_fixture import SPECIAL, SPECIAL_HTML, assert_escaped_once, assert_matches_expected, renderer, snippets

EXPECTED = Path(__file__).with_name("expected")
PAGE = "symptom-checker.md"


def test_data_matches_the_expected_file():
    assert_matches_expected(snippets()["checker-data.json"], EXPECTED / "checker-data.json")
    expected = json.loads((EXPECTED / "checker-data.json").read_text(encoding="utf-8"))
    assert renderer().checker_data(PAGE) == expected


def test_data_facts():
    data = renderer().checker_data(PAGE)
    # Conditions in kind order, though the file lists the knee first; addresses from the checker's page.
    assert [(c["id"], c["url"]) for c in data["conditions"]] == [
        ("l4-nerve", "../causes/#l4-nerve"), ("kneecap", "../causes/#kneecap-pain"), ("hip", "../mimics/#hip-joint")]
    assert [t["id"] for t in data["conditions"][0]["treatments"]] == ["exercise", "nerve-injection"]
    assert data["conditions"][2]["treatments"] == []
    assert data["groups"] == [
        {"id": "where", "question": "Where does it hurt?",
         "symptoms": ["knee-front", "back-to-knee", "stairs", "groin", "one-leg"]},
        {"id": "feel", "question": "What else do you notice?", "symptoms": ["numbness", "swelling"]}]
    assert [w["id"] for w in data["warningSigns"] if w["hidesConditions"]] == ["hot-knee"]
    assert [(o["level"], o["number"]) for o in data["outcomes"]] == [
        ("emergency", "000"), ("emergency-department", None), ("urgent", "111"), ("see-doctor", None),
        ("self-care", None)]
    # How the script shows each level comes with the data (sitekit.levels), not from the script.
    assert [o["level"] for o in data["outcomes"] if o["now"]] == ["emergency", "emergency-department"]
    assert data["symptoms"]["stairs"]["label"] == SPECIAL  # JSON holds the text itself, unescaped


class _Form(HTMLParser):
    """The checkboxes (with the fieldset they are in), labels, element ids and the data script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.boxes: list[dict[str, str]] = []
        self.labels: dict[str, str] = {}
        self.ids: list[str] = []
        self.fieldsets: list[str] = []
        self.data_json: str | None = None
        self._label: str | None = None
        self._in_data = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "fieldset":
            self.fieldsets.append(a.get("data-sc-sign-group") or a.get("data-sc-group") or "")
        elif tag == "input" and a.get("type") == "checkbox":
            self.boxes.append({**a, "fieldset": self.fieldsets[-1]})
        elif tag == "label":
            self._label = a["for"]
            self.labels[self._label] = ""
        elif tag == "script" and "data-sc-data" in a:
            self._in_data, self.data_json = True, ""

    def handle_endtag(self, tag):
        if tag == "fieldset":
            self.fieldsets.pop()
        elif tag == "label":
            self._label = None
        elif tag == "script":
            self._in_data = False

    def handle_data(self, data):
        if self._label:
            self.labels[self._label] += data
        if self._in_data:
            self.data_json += data


def _form() -> _Form:
    form = _Form()
    form.feed(snippets()["checker.html"])
    return form


def test_one_checkbox_per_sign_and_symptom_in_its_group():
    boxes = _form().boxes
    assert [(b["name"], b["value"], b["fieldset"], b.get("data-sc-sign-level")) for b in boxes] == [
        ("warning", "bladder", "back", "emergency"), ("warning", "back-fever", "back", "urgent"),
        ("warning", "knee-out-of-shape", "knee", "emergency-department"),
        ("warning", "hot-knee", "knee", "urgent"), ("warning", "calf-walk", "leg", "see-doctor"),
        ("symptom", "knee-front", "where", None), ("symptom", "back-to-knee", "where", None),
        ("symptom", "stairs", "where", None), ("symptom", "groin", "where", None),
        ("symptom", "one-leg", "where", None),
        ("symptom", "numbness", "feel", None), ("symptom", "swelling", "feel", None)]
    assert all(b["id"] == f"sc-{b['value']}" for b in boxes)


def test_ids_are_unique_and_every_label_and_hint_points_at_something():
    form = _form()
    assert len(form.ids) == len(set(form.ids)), "an id used twice"
    assert set(form.labels) == {b["id"] for b in form.boxes}
    described = {b["value"]: b.get("aria-describedby") for b in form.boxes}
    assert all(d in form.ids for d in described.values() if d)
    # Only the symptoms with a description have a hint; every sign has its level tag.
    assert {v: d for v, d in described.items() if d and d.endswith("-hint")} == {
        "knee-front": "sc-knee-front-hint", "numbness": "sc-numbness-hint"}
    assert all(described[s] == f"sc-{s}-tag" for s in ("bladder", "back-fever", "hot-knee", "calf-walk"))


def test_labels_are_the_texts_escaped_once():
    form = _form()
    assert form.labels["sc-stairs"] == SPECIAL
    assert form.labels["sc-hot-knee"] == "A hot, red, swollen knee"
    html = snippets()["checker.html"]
    assert f'<label for="sc-stairs">{SPECIAL_HTML}</label>' in html
    assert_escaped_once(html)


def test_the_page_carries_the_same_data_safe_inside_its_script():
    form = _form()
    assert json.loads(form.data_json) == renderer().checker_data(PAGE)
    assert not set("<>&") & set(form.data_json)  # as \u003c, \u003e, \u0026: nothing can end the script
