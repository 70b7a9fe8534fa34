"""Checks of the clinic file that a JSON Schema cannot make: files, treatment ids, contrast."""
from __future__ import annotations

import difflib
from pathlib import Path

from . import colors
from .clinic_images import ImageProblem, read_image
from .problems import Problem
from .yamlsource import Source


def check(source: Source, clinic_dir: Path, treatment_ids: list[str] | None) -> list[Problem]:
    """Every problem in a clinic file that already passed the schema (``treatment_ids=None``:
    the knowledge file is broken, so the offered treatments cannot be checked yet)."""
    data = source.data
    problems: list[Problem] = []
    for key in ("logo", "favicon"):
        try:
            read_image(clinic_dir, data[key])
        except ImageProblem as err:
            problems.append(source.problem((key,), str(err), err.fix))
    for i, offer in enumerate(data["offers"] if treatment_ids is not None else []):
        assert treatment_ids is not None
        if offer not in treatment_ids:
            close = difflib.get_close_matches(offer, treatment_ids, n=1)
            fix = f"Did you mean '{close[0]}'?" if close else "Use a treatment id from data/knowledge.yml."
            problems.append(source.problem(("offers", i), f"there is no treatment with the id '{offer}'", fix))
    for key in ("primary", "accent"):
        problems += _contrast(source, ("colors", key), data["colors"][key])
    if data["next_review"] <= data["last_reviewed"]:
        problems.append(source.problem(("next_review",), "is not after last_reviewed",
                                       "Set the next review after the last one (the NHS uses 3 years)."))
    return problems


def _contrast(source: Source, path: tuple, colour: str) -> list[Problem]:
    ratio = colors.contrast(colour, colors.WHITE)
    if ratio >= 4.5:
        return []
    better = colors.nearest_passing(colour, colors.WHITE)
    return [source.problem(path, f"{colour} on white has a contrast of {ratio:.2f}:1, below the 4.5:1 "
                           "that WCAG AA needs for text (links and the header use this colour)",
                           f"Use a darker colour; the nearest that passes is {better}.")]
