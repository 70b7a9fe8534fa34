"""Exercises: the figures drawn from poses (small poses made here), and the shipped exercises in
every published language (each has every text, two panels and a text alternative made from its
steps). Fast tier: no build, no browser."""
from __future__ import annotations

import html
import math
import re

import pytest
from helpers import ROOT
from sitekit import figures
from sitekit.render import Renderer


def _foot_bottom(figure: figures.Figure) -> float:
    return min(p[1] for leg in (figure.near, figure.far) for p in (leg.heel, leg.toe, leg.ankle))


def test_a_standing_figure_stands_on_the_floor():
    figure = figures.pose_figure({"position": "standing"})
    assert _foot_bottom(figure) == pytest.approx(3)  # half the foot's line above the floor
    assert figure.head[1] > figure.shoulder[1] > figure.hip[1] > figure.near.knee[1]


def test_a_raised_figure_stands_on_its_step():
    figure = figures.pose_figure({"position": "standing", "props": ["step"], "raised": True})
    step = figure.props[0]
    assert _foot_bottom(figure) == pytest.approx(step["y"] + 3)
    assert step["x"] < figure.near.heel[0] and step["x"] + step["w"] > figure.near.toe[0]


def test_the_step_goes_under_the_lifted_foot():
    figure = figures.pose_figure({"position": "standing", "props": ["step"], "hip": 60, "knee": 60})
    step = figure.props[0]
    assert min(figure.near.heel[1], figure.near.toe[1]) == pytest.approx(step["y"] + 3)
    assert step["y"] > 5  # the near foot is up: the step has a height


def test_lying_flat_on_the_back():
    figure = figures.pose_figure({"position": "lying"})
    assert figure.hip[1] == pytest.approx(figures.LYING_HIP_Y) and figure.shoulder[1] == pytest.approx(figure.hip[1])
    assert figure.head[0] < figure.shoulder[0] < figure.hip[0] < figure.near.knee[0]  # head to the left


def test_a_straight_knee_keeps_the_leg_in_a_line_and_a_bent_one_does_not():
    straight = figures.pose_figure({"position": "lying", "hip": 30}).near
    bent = figures.pose_figure({"position": "lying", "hip": 30, "knee": 90}).near
    for leg, in_line in ((straight, True), (bent, False)):
        a = math.atan2(leg.knee[1] - leg.hip[1], leg.knee[0] - leg.hip[0])
        b = math.atan2(leg.ankle[1] - leg.knee[1], leg.ankle[0] - leg.knee[0])
        assert (abs(a - b) < 1e-9) is in_line


def test_rolled_knees_come_down_towards_the_floor():
    up = figures.pose_figure({"position": "lying", "hip": 50, "knee": 100})
    rolled = figures.pose_figure({"position": "lying", "hip": 50, "knee": 100, "roll": 60})
    assert rolled.near.knee[1] - rolled.hip[1] == pytest.approx((up.near.knee[1] - up.hip[1]) / 2)


def _hand_off_part(figure: figures.Figure, part: str) -> float:
    """How far the hand is from the part of the near leg it holds."""
    legs = figure.near
    segment = (legs.knee, legs.ankle) if part in ("knee", "shin") else (legs.hip, legs.knee)
    (x1, y1), (x2, y2) = segment
    return abs((x2 - x1) * (figure.hand[1] - y1) - (y2 - y1) * (figure.hand[0] - x1)) / math.dist(*segment)


@pytest.mark.parametrize("pose", [
    {"position": "lying", "hip": 105, "knee": 115, "hands": "knee"},
    {"position": "sitting", "trunk": 55, "hip": 145, "knee": 90, "hands": "shin"},
    {"position": "sitting", "hip": 90, "knee": 90, "hands": "thigh"}], ids=lambda p: p["hands"])
def test_hands_reach_the_part_they_hold(pose):
    figure = figures.pose_figure(pose)
    assert _hand_off_part(figure, pose["hands"]) < 0.5
    assert math.dist(figure.shoulder, figure.elbow) == pytest.approx(figures.UPPER_ARM)


def test_a_hand_that_cannot_reach_stops_at_arms_length():
    figure = figures.pose_figure({"position": "sitting", "hip": 90, "knee": 90, "hands": "shin"})
    assert _hand_off_part(figure, "shin") > 1  # upright, the hands do not reach the shins
    assert math.dist(figure.shoulder, figure.hand) <= figures.UPPER_ARM + figures.FOREARM


def test_every_shipped_hold_reaches(shipped_editions):
    """A pose that says where the hands hold must be one in which they can (else: a hand in the air)."""
    for e in shipped_editions[0].knowledge.exercises:
        for pose in (e.start, e.end):
            if pose.get("hands"):
                assert _hand_off_part(figures.pose_figure(pose), pose["hands"]) < 0.5, (e.id, pose)


def test_sitting_on_the_chair_with_feet_on_the_floor():
    figure = figures.pose_figure({"position": "sitting", "props": ["chair"], "hip": 90, "knee": 90})
    seat = figure.props[0]
    assert seat["x"] < figure.hip[0] < seat["x"] + seat["w"]
    assert 0 < figure.hip[1] - seat["y"] < 8
    assert _foot_bottom(figure) == pytest.approx(3)


def test_both_panels_share_a_size_and_fit_it():
    drawing = figures.drawing({"position": "lying"}, {"position": "standing", "trunk": 30})
    for panel in drawing["panels"]:
        numbers = [float(n) for n in re.findall(r"-?\d+\.?\d*", " ".join(
            v for k, v in panel.items() if k in ("trunk", "near_leg", "far_leg", "arm")))]
        assert min(numbers) >= 0 and max(numbers) <= max(drawing["width"], drawing["height"])


def test_every_exercise_has_every_text_and_its_figure(shipped_editions):
    """In each published language: the words, a link to each condition it suits and each source,
    and a figure of two panels whose text alternatives are made from the steps."""
    for edition in shipped_editions:
        _every_text_and_figure(edition)


def _every_text_and_figure(edition):
    knowledge = edition.knowledge
    assert knowledge.exercises
    renderer = Renderer(knowledge, edition.clinic, edition.pages, lang=edition.language.code)
    page = renderer.render_snippets()["sections/exercises.md"]
    words = renderer.env.globals["ui"]["exercise"]
    for e in knowledge.exercises:
        for text in (e.name, e.dose, e.feel, e.when_to_stop, e.before_you_start, *e.steps):
            assert text.strip() and html.escape(text, quote=False) in page, (edition.language.code, e.id)
        section = page.split(f"{{#exercise-{e.id}}}", 1)[1].split("\n## ", 1)[0]
        titles = [html.unescape(t) for t in re.findall(r"<title[^>]*>(.*?)</title>", section)]
        assert titles == [f"{words['start']}: {e.steps[0]}", f"{words['end']}: {' '.join(e.steps[1:])}"]
        assert section.count("<svg") == 2
        for sid in e.sources:
            assert f"about.md#source-{sid}" in section
        for cid in e.for_:
            assert knowledge.condition(cid).section in section


def test_the_spanish_steps_are_the_spanish_words(shipped_editions):
    """A language's steps replace the English ones, one for one (none left in English)."""
    english, *others = shipped_editions
    for other in others:
        for en, tr in zip(english.knowledge.exercises, other.knowledge.exercises, strict=True):
            assert len(en.steps) == len(tr.steps) and not set(en.steps) & set(tr.steps)


def test_conditions_link_to_the_exercises_that_suit_them(shipped_editions):
    edition = shipped_editions[0]
    snippets = Renderer(edition.knowledge, edition.clinic, edition.pages).render_snippets()
    for condition in edition.knowledge.conditions:
        box = snippets[f"conditions/{condition.id}.html"]
        for e in edition.knowledge.exercises:
            assert (f"exercises.md#exercise-{e.id}" in box) is (condition.id in e.for_)
    assert (ROOT / "docs/exercises.md").is_file()
