"""Colour arithmetic for brand colours: WCAG contrast, and the nearest colour that passes."""
from __future__ import annotations


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
    return to_hex(tuple(x + (y - x) * share_of_b for x, y in zip(ra, rb, strict=True)))


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
