"""The levels of urgency, most serious first: the one home of their ids, of what each level does
in the checker, and of their colours. The knowledge file's ``outcomes`` list gives each level its
heading and advice (in this order), the clinic's region its action and number, and the word
files (locales/<lang>/ui.yml) their names; templates, styles, handouts and the checker's script
all take the levels from here (the script from its data: ``outcomes`` in checker-data.json).

The ids are the ``data-level`` values in the page and the keys in the data and clinic files:

- ``emergency``: call the emergency number (an ambulance);
- ``emergency-department``: go to an emergency department (A&E, the emergency room) or an urgent
  treatment centre now;
- ``urgent``: get help the same day;
- ``see-doctor``: see a doctor in the coming days;
- ``self-care``: look after yourself at home, knowing what to watch for.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Colours:
    """A level's colours on one background: text, background, border and link."""

    fg: str
    bg: str
    border: str
    link: str


@dataclass(frozen=True)
class Level:
    id: str
    now: bool  # help is needed now: the checker lists no conditions beside it (nothing may suggest waiting)
    alert: bool  # the checker announces it at once (role="alert") and marks it with a warning icon
    light: Colours | None  # None: the theme's own colours with the primary colour as border
    dark: Colours | None


_PRIMARY = None  # levels that need no colour of their own: the clinic's primary colour frames them
LEVEL_LIST: tuple[Level, ...] = (
    Level("emergency", now=True, alert=True,
          light=Colours("#1f1f1f", "#fdeceb", "#b3261e", "#8c1d18"),
          dark=Colours("#ffd7d7", "#4a1116", "#ff6b6b", "#ffb4ab")),
    Level("emergency-department", now=True, alert=True,
          light=Colours("#1f1f1f", "#fdeee4", "#b24a00", "#8a3300"),
          dark=Colours("#ffdcc8", "#47200c", "#ff8a4c", "#ffb68f")),
    Level("urgent", now=False, alert=True,
          light=Colours("#1f1f1f", "#fff4e0", "#8a5300", "#6b3f00"),
          dark=Colours("#ffe2b8", "#3d2808", "#f0a04b", "#ffc98a")),
    Level("see-doctor", now=False, alert=False, light=_PRIMARY, dark=_PRIMARY),
    Level("self-care", now=False, alert=False, light=_PRIMARY, dark=_PRIMARY),
)

LEVELS: tuple[str, ...] = tuple(level.id for level in LEVEL_LIST)
# The levels a reader is sent somewhere: each has the clinic region's action (and number, where
# there is one), a warning sign may have it, and the page lists its signs.
ACTION_LEVELS: tuple[str, ...] = LEVELS[:-1]
SIGN_LEVELS = ACTION_LEVELS
# An outcome rule (a pattern of symptoms) never gives the first level: that comes only from a
# warning sign, and never self-care, which is what is left when nothing else is met.
RULE_LEVELS: tuple[str, ...] = LEVELS[1:-1]
SELF_CARE = LEVELS[-1]
# The most serious level: call the emergency number (the clinic region's ``emergency``; the help
# page's first section, which the line on top of every page links to).
EMERGENCY = LEVELS[0]


def level(level_id: str) -> Level:
    return next(lv for lv in LEVEL_LIST if lv.id == level_id)


def ranked(level_ids: list[str]) -> list[str]:
    """Level ids, most serious first.

    >>> ranked(["self-care", "urgent", "emergency"])
    ['emergency', 'urgent', 'self-care']
    """
    return sorted(level_ids, key=LEVELS.index)
