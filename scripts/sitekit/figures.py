"""Exercise figures drawn from a pose: joint angles of a side-on figure facing right, placed on
the floor, a chair, a step or next to a table. One style and one scale for every exercise, so a
new exercise needs a pose in the knowledge file, never a drawing.

Angles are in degrees (data/knowledge.schema.json, $defs/pose). The geometry works with y up;
the SVG flips it. Everything here is numbers: the template (widgets/exercise) writes the SVG.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

# Lengths of the body's parts and props, in drawing units (1 unit = 1 px at the widget's size).
TRUNK, NECK, HEAD_R = 50, 5, 9
THIGH, SHIN, FOOT, HEEL = 41, 40, 12, 3
UPPER_ARM, FOREARM = 30, 33  # the forearm with the hand
LYING_HIP_Y = 6  # the trunk's centre line above the floor when lying
SEAT_DEPTH, CHAIR_BACK = 36, 38
STEP_HEIGHT = 18
WIDTH, MARGIN, FLOOR_PAD = 200, 6, 8
HAND_ON = {"knee": ("shin", 0.18), "shin": ("shin", 0.75), "thigh": ("thigh", 0.6)}

Point = tuple[float, float]


def _at(origin: Point, angle: float, length: float) -> Point:
    rad = math.radians(angle)
    return origin[0] + length * math.cos(rad), origin[1] + length * math.sin(rad)


@dataclass
class Leg:
    hip: Point
    knee: Point
    ankle: Point
    heel: Point
    toe: Point


@dataclass
class Figure:
    """One pose's points (y up), before placing."""

    hip: Point
    back_bend: Point  # the control point of the trunk's curve
    shoulder: Point
    head: Point
    near: Leg
    far: Leg
    elbow: Point
    hand: Point
    props: list[dict[str, Any]] = field(default_factory=list)
    holds: bool = False  # the hand holds the near leg: the arm is drawn in front of the body

    def points(self) -> list[Point]:
        legs = [p for leg in (self.near, self.far) for p in (leg.hip, leg.knee, leg.ankle, leg.heel, leg.toe)]
        return [self.hip, self.shoulder, self.head, self.elbow, self.hand, *legs]

    def moved(self, dx: float, dy: float) -> Figure:
        def m(p: Point) -> Point:
            return p[0] + dx, p[1] + dy

        def leg(g: Leg) -> Leg:
            return Leg(m(g.hip), m(g.knee), m(g.ankle), m(g.heel), m(g.toe))
        props = [{**s, "x": s["x"] + dx, "y": s["y"] + dy} for s in self.props]
        return Figure(m(self.hip), m(self.back_bend), m(self.shoulder), m(self.head), leg(self.near),
                      leg(self.far), m(self.elbow), m(self.hand), props, self.holds)


def _leg(hip: Point, thigh_dir: float, knee_bend: float, ankle: float, roll: float) -> Leg:
    knee = _at(hip, thigh_dir, THIGH)
    shin_dir = thigh_dir - knee_bend
    ankle_pt = _at(knee, shin_dir, SHIN)
    foot_dir = shin_dir + 90 + ankle
    toe, heel = _at(ankle_pt, foot_dir, FOOT), _at(ankle_pt, foot_dir + 180, HEEL)
    squash = math.cos(math.radians(roll))  # knees rolled to one side, seen from the side
    return Leg(*[(p[0], hip[1] + (p[1] - hip[1]) * squash) for p in (hip, knee, ankle_pt, heel, toe)])


def _arm(shoulder: Point, target: Point, lying: bool) -> tuple[Point, Point]:
    """Elbow and hand of an arm reaching ``target`` (as near as it reaches): the elbow low when
    lying (out to the side, seen from the side), else behind the hand."""
    dx, dy = target[0] - shoulder[0], target[1] - shoulder[1]
    d = min(math.hypot(dx, dy), UPPER_ARM + FOREARM - 0.5)
    base = math.degrees(math.atan2(dy, dx))
    cos_a = (UPPER_ARM ** 2 + d ** 2 - FOREARM ** 2) / (2 * UPPER_ARM * d)
    bend = math.degrees(math.acos(max(-1.0, min(1.0, cos_a))))
    elbows = [_at(shoulder, base + s * bend, UPPER_ARM) for s in (1, -1)]
    elbow = min(elbows, key=lambda e: e[1] if lying else e[0])
    return elbow, _at(shoulder, base, d)


def pose_figure(pose: dict[str, Any]) -> Figure:
    """The figure of one pose, placed: feet, back or seat on the floor or its prop (y up, floor 0)."""
    position, g = pose["position"], pose.get
    base = 180 if position == "lying" else 90  # the trunk's direction: head to the left when lying
    trunk_dir = base - g("trunk", 0)
    hip: Point = (0.0, 0.0)
    shoulder = _at(hip, trunk_dir, TRUNK)
    head = _at(shoulder, trunk_dir, NECK + HEAD_R)
    bend = _at(_at(hip, trunk_dir, TRUNK * 0.35), trunk_dir - 90, g("back", 0))
    roll = g("roll", 0) if position == "lying" else 0
    near = _leg(hip, trunk_dir + 180 + g("hip", 0), g("knee", 0), g("ankle", 0), roll)
    far = _leg(hip, trunk_dir + 180 + g("far_hip", 0), g("far_knee", 0), g("far_ankle", 0), roll)
    if hands := g("hands"):
        part, share = HAND_ON[hands]
        a, b = (near.knee, near.ankle) if part == "shin" else (near.hip, near.knee)
        target = (a[0] + (b[0] - a[0]) * share, a[1] + (b[1] - a[1]) * share)
        elbow, hand = _arm(shoulder, target, position == "lying")
    else:
        arm_dir = trunk_dir + 180 + g("shoulder", 0)
        elbow = _at(shoulder, arm_dir, UPPER_ARM)
        hand = _at(elbow, arm_dir + g("elbow", 0), FOREARM)
    figure = Figure(hip, bend, shoulder, head, near, far, elbow, hand, holds=bool(g("hands")))
    return _place(figure, pose)


def _lowest_foot(figure: Figure) -> float:
    return min(p[1] for leg in (figure.near, figure.far) for p in (leg.heel, leg.toe, leg.ankle))


def _place(figure: Figure, pose: dict[str, Any]) -> Figure:
    props = pose.get("props", [])
    if pose["position"] == "lying":
        return figure.moved(0, LYING_HIP_Y)
    lift = STEP_HEIGHT if pose.get("raised") else 0
    placed = figure.moved(0, lift + 3 - _lowest_foot(figure))  # 3: half the foot's line
    shapes: list[dict[str, Any]] = []
    legs = (placed.near, placed.far)
    xs = [p[0] for leg in legs for p in (leg.knee, leg.ankle, leg.heel, leg.toe)]
    if "chair" in props:
        if pose["position"] == "sitting":
            seat_y, front = placed.hip[1] - 5, placed.hip[0] + SEAT_DEPTH * 0.6
        else:  # standing up from it: the chair just behind the legs
            seat_y, front = 40.0, min(xs) - 3
        shapes.append({"kind": "chair", "x": front - SEAT_DEPTH, "w": SEAT_DEPTH, "y": seat_y, "back": CHAIR_BACK})
    if "step" in props:
        if pose.get("raised"):
            x0, x1 = min(xs) - 8, max(xs) + 20
            shapes.append({"kind": "box", "x": x0, "w": x1 - x0, "y": STEP_HEIGHT})
        else:
            foot = placed.near
            top = min(foot.heel[1], foot.toe[1]) - 3
            shapes.append({"kind": "box", "x": foot.heel[0] - 6, "w": foot.toe[0] - foot.heel[0] + 30, "y": top})
    if "table" in props:
        heel = placed.near.heel
        shapes.append({"kind": "table", "x": heel[0] - 14, "w": 46, "y": heel[1] - 5})
    placed.props = shapes
    return placed


def _bounds(figures: list[Figure]) -> tuple[float, float, float]:
    pts = [p for f in figures for p in f.points()]
    xs = [p[0] for p in pts] + [x for f in figures for s in f.props for x in (s["x"], s["x"] + s["w"])]
    top = max([p[1] for p in pts] + [s["y"] + s.get("back", 0) for f in figures for s in f.props])
    return min(xs), max(xs), top


def drawing(start: dict[str, Any], end: dict[str, Any]) -> dict[str, Any]:
    """What the template draws: one panel per pose, in SVG coordinates (y down), the same
    height for both panels, each figure centred in its panel."""
    figures = [pose_figure(start), pose_figure(end)]
    height = round(max(_bounds([f])[2] for f in figures) + HEAD_R + MARGIN + FLOOR_PAD)
    panels = []
    for f in figures:
        x0, x1, _ = _bounds([f])
        placed = f.moved(WIDTH / 2 - (x0 + x1) / 2, 0)
        panels.append(_svg(placed, height))
    return {"width": WIDTH, "height": height, "floor": height - FLOOR_PAD, "panels": panels}


def _svg(f: Figure, height: float) -> dict[str, Any]:
    def p(pt: Point) -> str:
        return f"{pt[0]:.1f},{height - FLOOR_PAD - pt[1]:.1f}"

    def y(v: float) -> float:
        return round(height - FLOOR_PAD - v, 1)

    def leg(g: Leg) -> str:
        return f"M{p(g.hip)} L{p(g.knee)} L{p(g.ankle)} M{p(g.heel)} L{p(g.toe)}"
    props = [{**s, "x": round(s["x"], 1), "w": round(s["w"], 1), "top": y(s["y"]),
              "bottom": y(0), "back_top": y(s["y"] + s.get("back", 0))} for s in f.props]
    return {"trunk": f"M{p(f.hip)} Q{p(f.back_bend)} {p(f.shoulder)}",
            "head": p(f.head).split(","), "head_r": HEAD_R,
            "near_leg": leg(f.near), "far_leg": leg(f.far),
            "arm": f"M{p(f.shoulder)} L{p(f.elbow)} L{p(f.hand)}", "arm_in_front": f.holds, "props": props}
