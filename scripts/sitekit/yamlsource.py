"""Read a YAML file into plain data, remembering the line and column of every key and item.

Hand-edited files are read strictly: UTF-8 only (a BOM is fine), no aliases (`*name`: they can
expand without bound), no repeated keys, keys are text.
"""
from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import InputError, Problem

Path_ = tuple[str | int, ...]
_STR = "tag:yaml.org,2002:str"

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when PyYAML has it


class _PlainLoader(_Base):  # type: ignore[valid-type, misc]
    """SafeLoader that keeps dates as text, so "2026-11-24" stays what the author wrote."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


def key_path(path: Path_) -> str:
    """Write a data path the way an editor reads it.

    >>> key_path(("conditions", 2, "features", "numbness"))
    'conditions[2].features.numbness'
    """
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class Source:
    """Parsed data of one YAML file and where each part of it was written."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)  # the text, for hints on a line's raw form
    line_offset: int = 0  # front matter: the YAML starts this many lines into the file

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column (1-based) of a path, or of its nearest written parent."""
        while path not in self.marks and path:
            path = path[:-1]
        line, column = self.marks.get(path, (1, 1))
        return line + self.line_offset, column

    def raw_line(self, path: Path_) -> str:
        line = self.where(path)[0] - self.line_offset
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def problem(self, path: Path_, message: str, fix: str = "") -> Problem:
        line, column = self.where(path)
        return Problem(self.file, line, column, key_path(path), message, fix)


def decode(raw: bytes, name: str, line_offset: int = 0) -> str:
    """UTF-8 text of a file (a leading BOM dropped), or an InputError at the first bad byte.

    >>> decode(b"\\xef\\xbb\\xbfa: 1", "x")
    'a: 1'
    >>> decode(b"a: 1\\nb: caf\\xe9\\n", "x")
    Traceback (most recent call last):
    sitekit.problems.InputError: 1 problem found; nothing was written:
      x:2:7: is not UTF-8 text (byte 0xe9 cannot be read). Fix: Save the file as UTF-8 (in most editors: Save with encoding, UTF-8).
    """  # noqa: E501 - a doctest or script line that cannot be split
    fix = "Save the file as UTF-8 (in most editors: Save with encoding, UTF-8)."
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        raise InputError([Problem(name, 1 + line_offset, 1, "", "is UTF-16 text, not UTF-8", fix)])
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise InputError([Problem(name, line + line_offset, column, "",
                                  f"is not UTF-8 text (byte 0x{raw[err.start]:02x} cannot be read)", fix)]) from None


def load(path: Path, label: str | None = None) -> Source:
    """Read and parse ``path``; any problem becomes an InputError that names the line."""
    name = label or str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError([Problem(name, 1, 1, "", f"cannot be read ({err.strerror})",
                                  "Check that the file exists and can be read.")]) from err
    return parse(decode(raw, name), name)


def parse(text: str, name: str, line_offset: int = 0) -> Source:
    """Parse YAML text (``line_offset``: lines before it in its file, for front matter)."""
    known = _READ.get(text)
    if known is None:
        source = _parse(text, name, line_offset)  # a text with a problem raises: it is not remembered
        if len(_READ) >= 256:
            del _READ[next(iter(_READ))]
        _READ[text] = (pickle.dumps(source.data), dict(source.marks))
        return source
    data, marks = known
    return Source(name, pickle.loads(data), dict(marks), text.splitlines(), line_offset)


# A text's data and marks depend on the text alone (its name and line offset only enter the
# messages, and a text with a problem is never remembered), so an edited file is a new key and
# nothing read here goes stale. A process that reads the same files again and again (make serve
# after each edit, the tests) parses each unchanged text once; each reader gets its own copy.
_READ: dict[str, tuple[bytes, dict[Path_, tuple[int, int]]]] = {}


def _parse(text: str, name: str, line_offset: int) -> Source:
    def located(mark: Any, message: str, fix: str) -> InputError:
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return InputError([Problem(name, line + line_offset, column, "", message, fix)])

    try:
        for event in yaml.parse(text, Loader=_PlainLoader):  # events: aliases are not expanded
            if isinstance(event, yaml.AliasEvent):
                raise located(event.start_mark, f"uses the alias '*{event.anchor}'",
                              "Write the value out in full: aliases (*name) and anchors (&name) are not read here.")
        node = yaml.compose(text, Loader=_PlainLoader)
    except yaml.reader.ReaderError as err:  # a control character in the file itself
        # The reader's position is not a character index once the text holds non-ASCII letters:
        # find the character itself (the reader stops at its first one).
        found = text.find(chr(err.character)) if isinstance(err.character, int) else -1
        position = found if found >= 0 else err.position
        before = text[:position]
        line, column = before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1
        raise InputError([Problem(name, line + line_offset, column, "",
                                  f"contains the control character U+{err.character:04X}",
                                  "Delete it (it is invisible in most editors: retype the line).")]) from None
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, text, name, line_offset) from None
    source = Source(name, None, lines=text.splitlines(), line_offset=line_offset)
    if node is None:
        return source
    problems: list[Problem] = []
    _collect_marks(node, (), source, problems)
    if problems:
        raise InputError(problems)
    try:
        source.data = _PlainLoader(text).construct_document(node)
    except yaml.MarkedYAMLError as err:  # e.g. an unknown !tag
        raise located(err.problem_mark or err.context_mark, f"is not valid YAML ({err.problem or err.context})",
                      "Remove the tag (a word starting with !) on this line.") from None
    return source


def _syntax_error(err: yaml.MarkedYAMLError, text: str, name: str, line_offset: int) -> InputError:
    """A YAML syntax error as an editor needs it: the parser finds most mistakes a line or more
    after them, so the error names the line the mistake is most likely on, and its likely fix.

    >>> def first(text):
    ...     try:
    ...         parse(text, "f.yml")
    ...     except InputError as err:
    ...         return str(err.problems[0])
    >>> print(first("a: 1\\nb 2\\nc: 3\\n"))
    f.yml:2:1: is not valid YAML: a colon is missing on line 2? (the parser stopped on line 3: could not find expected ':'). Fix: Write the key, a colon and a space, then the value (label: Pain); if the line goes on with the text above it, put that whole text in quotes.
    >>> print(first("a: 1\\nb: Note: this\\n").split(". Fix")[0])
    f.yml:2:8: is not valid YAML: a second colon on line 2? (mapping values are not allowed in this context)
    """  # noqa: E501 - a doctest or script line that cannot be split
    mark, context = err.problem_mark or err.context_mark, err.context_mark
    problem = err.problem or err.context or "not valid"
    at = mark or context
    line = (at.line + 1) if at else 1
    start = (context.line + 1) if context else line
    lines = text.splitlines()
    said = f"the parser stopped on line {line + line_offset}: {problem}"
    hint, fix, where = "", "Check the indentation and the quotes on this line and the one above it.", at
    if "could not find expected ':'" in problem and context:
        hint, where = f"a colon is missing on line {start + line_offset}?", context
        fix = ("Write the key, a colon and a space, then the value (label: Pain); if the line goes on with the "
               "text above it, put that whole text in quotes.")
    elif "mapping values are not allowed" in problem:
        hint, said = f"a second colon on line {line + line_offset}?", problem
        fix = ('Put a text with ": " in it in quotes (title: "Note: this"); or, if this line belongs to the key '
               "above it, indent it like the lines around it.")
    elif "quoted scalar" in (err.context or "") and context:
        hint, where = f"a quote opened on line {start + line_offset} is not closed?", context
        fix = "Close the quote on the same line, or remove it (a text needs quotes only for # : \" at its start)."
    elif "cannot start any token" in problem and at and "\t" in (lines[at.line] if at.line < len(lines) else ""):
        hint, said = f"a tab on line {line + line_offset}?", problem
        fix = "Indent with spaces, never tabs (most editors can show tabs and turn them into spaces)."
    elif "flow sequence" in (err.context or "") and context:
        hint, where = f"a ] or a comma is missing in the list that starts on line {start + line_offset}?", context
        fix = "Close the list with ] on the line it starts on, with a comma between items: [a, b]."
    elif "expected key" in problem or "'-' indicator" in problem or "block end" in problem:
        hint, said = f"line {line + line_offset} is indented differently from the lines above it?", problem
        fix = "Indent it with as many spaces as the other keys (or list items) at its level."
    if not hint:
        started = f"; {err.context} that started on line {start + line_offset}" if context and start != line else ""
        message = f"is not valid YAML ({problem}{started})"
    else:
        message = f"is not valid YAML: {hint} ({said})"
    row, column = (where.line + 1, where.column + 1) if where else (1, 1)
    return InputError([Problem(name, row + line_offset, column, "", message, fix)])


def _collect_marks(node: yaml.Node, path: Path_, source: Source, problems: list[Problem]) -> None:
    marks = source.marks
    marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a list or mapping"
                problems.append(Problem(source.file, where[0] + source.line_offset, where[1], key_path((*path, str(shown))),  # noqa: E501
                                        f"the key '{shown}' is not text",
                                        f"Use a word as the key, or put it in quotes: '\"{shown}\":'."))
                continue
            child = (*path, str(key_node.value))
            if key_node.value in seen:
                problems.append(Problem(source.file, where[0] + source.line_offset, where[1], key_path(child),
                                        f"the key '{key_node.value}' is written twice (lines "
                                        f"{seen[key_node.value] + source.line_offset} and {where[0] + source.line_offset})",  # noqa: E501
                                        "Keep one of them: YAML would silently use the last."))
                continue
            seen[key_node.value] = where[0]
            marks[child] = where
            _collect_marks(value_node, child, source, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_marks(item, (*path, index), source, problems)
