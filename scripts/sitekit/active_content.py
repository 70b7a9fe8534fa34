"""Find script in hand-written input: `<script`, `on...=` event handlers and `javascript:` URLs.

Pages are Markdown, which passes raw HTML through; text in the YAML files is escaped where it
is rendered, but script there is never intended, so both are refused before anything is built.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .problems import Problem
from .yamlsource import Path_, Source

_ACTIVE = re.compile(r"(?P<script><\s*script\b)|(?P<handler><[a-z][^>]*?\s(on[a-z]+)\s*=)"
                     r"|(?P<url>javascript\s*:)", re.I)
FIX = "Remove it: the site runs no script but its own (its security policy blocks any other)."


def find(text: str) -> Iterator[tuple[int, str]]:
    """(offset, what) for each piece of script in ``text``.

    >>> [w for _, w in find('a <SCRIPT>x</script> <img src=x onerror="y"> [l](javascript:z) onset = 1')]
    ['<script>', 'the event handler onerror=', 'a javascript: URL']
    """
    for match in _ACTIVE.finditer(text):
        if match.group("script"):
            yield match.start(), "<script>"
        elif match.group("handler"):
            yield match.start(3), f"the event handler {match.group(3).lower()}="
        else:
            yield match.start(), "a javascript: URL"


def check_source(source: Source) -> list[Problem]:
    """Script in any text value of a YAML file, at its key."""
    return [source.problem(path, f"contains {what}", FIX)
            for path, text in _texts(source.data, ()) for _, what in find(text)]


def _texts(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def check_pages(files: list[Path], label: Any) -> list[Problem]:
    """Script in Markdown pages, at its line and column (``label`` names a file for people)."""
    problems = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for offset, what in find(text):
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            problems.append(Problem(label(path), line, column, "", f"contains {what}", FIX))
    return problems
