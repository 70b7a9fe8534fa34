"""The words for the values in data/knowledge.yml (urgency levels, evidence ratings, kinds of
condition and treatment, fit), read once from data/words.yml: one file of words feeding the
templates, the checker's data and text, and the check that the prose uses them."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

WORDS_FILE = Path(__file__).resolve().parents[2] / "data/words.yml"


def _load(path: Path = WORDS_FILE) -> dict[str, dict[str, Any]]:
    words = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = {"fit", "kind", "type", "rating", "level", "sign_group"} - set(words)
    if missing:  # a project file, not user input: a plain error is enough
        raise ValueError(f"{path}: missing word lists: {', '.join(sorted(missing))}")
    return words


WORDS = _load()
KINDS: dict[str, tuple[str, str]] = {kind: (w["heading"], w["line"]) for kind, w in WORDS["kind"].items()}
SIGN_GROUPS: dict[str, str] = WORDS["sign_group"]
