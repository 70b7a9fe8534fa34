"""Colour arithmetic for brand colours (WCAG contrast, and the nearest colour that passes), and
the colours the generated stylesheet sets: the clinic's and the urgency levels'."""
from __future__ import annotations

from typing import Any

from .levels import LEVEL_LIST

WHITE, SLATE = "#ffffff", "#1e2129"  # Material's light background and its dark (slate) one


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def to_hex(colour: tuple[float, ...]) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in colour)


def luminance(hex_colour: str) -> float:
    r, g, b = (_channel(c) for c in rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours.

    >>> round(contrast("#000000", "#ffffff"), 1)
    21.0
    """
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: str, b: str, share_of_b: float) -> str:
    ra, rb = rgb(a), rgb(b)
    r, g, b_ = (x + (y - x) * share_of_b for x, y in zip(ra, rb, strict=True))
    return to_hex((r, g, b_))


def nearest_passing(colour: str, against: str, ratio: float = 4.5) -> str:
    """The colour closest to ``colour`` (mixed toward black or white) with enough contrast.

    >>> nearest_passing("#777777", "#ffffff")
    '#767676'
    """
    target = "#000000" if luminance(against) > 0.18 else "#ffffff"
    for step in range(0, 101):
        candidate = mix(colour, target, step / 100)
        if contrast(candidate, against) >= ratio:
            return candidate
    return target


def brand_colours(clinic: dict[str, Any]) -> dict[str, str]:
    """The clinic's colours and the shades worked out from them (lighter, darker, for the dark scheme)."""
    primary, accent = clinic["colors"]["primary"], clinic["colors"]["accent"]
    return {
        "primary": primary, "accent": accent,
        "primary_light": mix(primary, "#ffffff", 0.2),
        "primary_dark": mix(primary, "#000000", 0.2),
        "primary_on_dark": nearest_passing(primary, SLATE, 7.0),  # room for tinted cells
        "accent_on_dark": nearest_passing(accent, SLATE, 7.0),
    }


def level_colours() -> list[dict[str, Any]]:
    """The levels that have colours of their own, with them (light and dark scheme), for the
    generated stylesheet."""
    return [{"id": lv.id, "light": lv.light, "dark": lv.dark} for lv in LEVEL_LIST if lv.light]
