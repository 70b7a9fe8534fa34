"""One problem found in an input file, said so a person can find it and fix it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A problem at a place in a file.

    >>> str(Problem("data/knowledge.yml", 3, 5, "symptoms[0].label", "is empty", "Write a label."))
    'data/knowledge.yml:3:5: symptoms[0].label: is empty. Fix: Write a label.'
    """

    file: str
    line: int
    column: int
    key: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        key = f" {self.key}:" if self.key else ""
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{where}:{key} {self.message}.{fix}"


class InputError(Exception):
    """Raised once, with every problem found, before anything is written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        lines = "\n".join(f"  {p}" for p in problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} found; nothing was written:\n{lines}")
