"""Which conditions the pages show together: the conditions grouped by kind, and for each one the
condition most like it (the pages and leaflets compare two at a time: a phone cannot show them all)."""
from __future__ import annotations

from typing import Any

from .model import Condition, Knowledge
from .words import Words


def conditions_by_kind(k: Knowledge, words: Words) -> list[dict[str, Any]]:
    """The kinds that have conditions, in the vocabulary's order, each with its conditions and its
    heading and line in the language of ``words``."""
    groups = []
    for kind, (heading, line) in words.kinds().items():
        members = [c for c in k.conditions if c.kind == kind]
        if members:
            groups.append({"id": kind, "heading": heading, "line": line, "conditions": members})
    return groups


def closest_condition(k: Knowledge, condition: Condition) -> Condition | None:
    """The other condition that shares the most fitting symptoms (typical or possible) with this
    one; the first in file order wins a tie. None when no other shares any."""
    def fitting(c: Condition) -> set[str]:
        return {s for s, f in c.features.items() if f.fit != "unusual"}
    mine = fitting(condition)
    best, best_count = None, 0
    for other in k.conditions:
        count = len(mine & fitting(other)) if other.id != condition.id else 0
        if count > best_count:
            best, best_count = other, count
    return best

