"""Service words in texts: ``((gp))`` in a page, a knowledge text or a word file stands for the
clinic region's name for that service in the text's language ("GP", "primary care doctor");
``((Gp))`` gives it with a capital first letter, to start a sentence. The names are
regions.WORDS.

The form is one no Markdown, attribute list (``{#id}``), Jinja (``{{ }}``) or word-file
``{placeholder}`` uses, so each text is read by one engine only. Placeholders are put in once,
on the raw text, before it is escaped where it is shown: a knowledge or word-file text is then
escaped by its template like any other text, and in a Markdown page the word is written as
literal Markdown (sitekit.escaping.escape_markdown), so "A&E" reaches the page as "A&amp;E" once.

Every placeholder is checked before anything is written: a name that is not a service word, or
a word the clinic's region does not have, is named with its file, line and key, and the fix.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .problems import Problem
from .regions import WORDS
from .yamlsource import Source

PLACEHOLDER = re.compile(r"\(\(([A-Za-z][A-Za-z0-9-]*)\)\)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*\r?\n", re.S)


def _key(name: str) -> str | None:
    """The service word a placeholder's name stands for, or None.

    >>> _key("gp"), _key("Gp"), _key("GP"), _key("Emergency-department"), _key("nurse")
    ('gp', 'gp', None, 'emergency-department', None)
    """
    key = name.lower()
    return key if key in WORDS and name in (key, key[:1].upper() + key[1:]) else None


def resolve(text: str, words: dict[str, str], escape: Callable[[str], str] = str) -> str:
    """``text`` with each placeholder replaced by its word (escaped by ``escape``); a text that was
    checked (problems) has no unknown ones.

    >>> resolve("See a ((gp)). ((Physio))s help.", {"gp": "GP", "physio": "physical therapist"})
    'See a GP. Physical therapists help.'
    """
    def put(match: re.Match[str]) -> str:
        name = match[1]
        word = words[name.lower()]
        return escape(word[:1].upper() + word[1:] if name[:1].isupper() else word)
    return PLACEHOLDER.sub(put, text)


def resolve_data(data: Any, words: dict[str, str]) -> Any:
    """Every text in plain data (maps, lists) with its placeholders replaced; the rest as it is."""
    if isinstance(data, str):
        return resolve(data, words) if "((" in data else data
    if isinstance(data, dict):
        return {k: resolve_data(v, words) for k, v in data.items()}
    if isinstance(data, list):
        return [resolve_data(v, words) for v in data]
    return data


def _problem(name: str, words: dict[str, str], lang: str, file: str, line: int, column: int,
             key: str) -> Problem | None:
    """What is wrong with one placeholder, or None."""
    word = _key(name)
    if word is None:
        close = difflib.get_close_matches(name.lower(), list(WORDS), n=1)
        hint = f"Did you mean (({close[0]}))? " if close else ""
        return Problem(file, line, column, key, f"(({name})) is not a service word",
                       f"{hint}Service words: {', '.join(f'(({w}))' for w in WORDS)} (a capital first "
                       "letter, ((Gp)), starts a sentence); write (( )) around nothing else")
    if word not in words:
        return Problem(file, line, column, key, f"the clinic's region has no word for (({word})) in '{lang}'",
                       f"Add it to clinic.yml under region: words: {word}: {{{lang}: ...}}, "
                       "or write this text without it")
    return None


def _texts(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _texts(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _texts(v, (*path, i))


def source_problems(source: Source, words: dict[str, str], lang: str) -> list[Problem]:
    """Each bad placeholder in the texts of a YAML file."""
    problems = []
    for path, text in _texts(source.data):
        for match in PLACEHOLDER.finditer(text):
            where = source.problem(path, "", "")
            found = _problem(match[1], words, lang, where.file, where.line, where.column, where.key)
            if found:
                problems.append(found)
    return problems


def page_problems(path: Path, label: str, words: dict[str, str], lang: str) -> list[Problem]:
    """Each bad placeholder in a Markdown page, by line and column (none may be in front matter:
    page titles are read before the words are put in)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    head = _FRONT_MATTER.match(text)
    head_lines = head.group(0).count("\n") if head else 0
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        for match in PLACEHOLDER.finditer(line):
            if number <= head_lines:
                problems.append(Problem(label, number, match.start() + 1, "front matter",
                                        f"(({match[1]})) is in the front matter",
                                        "Write the service's name itself here, or leave it out of the title"))
                continue
            found = _problem(match[1], words, lang, label, number, match.start() + 1, f"(({match[1]}))")
            if found:
                problems.append(found)
    return problems


def resolve_page(text: str, words: dict[str, str], escape: Callable[[str], str]) -> str:
    """A page's Markdown with each placeholder of its body replaced by its word as literal
    Markdown (``escape``); the front matter is left as written."""
    head = _FRONT_MATTER.match(text)
    start = head.end() if head else 0
    return text[:start] + resolve(text[start:], words, escape)
