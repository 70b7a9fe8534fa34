"""Read a YAML file into plain data, remembering the line and column of every key and item."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import InputError, Problem

Path_ = tuple[str | int, ...]


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

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column (1-based) of a path, or of its nearest written parent."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def problem(self, path: Path_, message: str, fix: str = "") -> Problem:
        line, column = self.where(path)
        return Problem(self.file, line, column, key_path(path), message, fix)


def load(path: Path, label: str | None = None) -> Source:
    """Parse ``path``; a syntax error becomes an InputError that names the line."""
    name = label or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError([Problem(name, 1, 1, "", f"cannot be read ({err.strerror})",
                                  "Check that the file exists and can be read.")]) from err
    try:
        node = yaml.compose(text, Loader=_PlainLoader)
        data = _PlainLoader(text).construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"is not valid YAML ({err.problem or err.context})"
        fix = "Check the indentation and the quotes on this line and the one above it."
        raise InputError([Problem(name, line, column, "", message, fix)]) from err
    source = Source(name, data)
    if node is not None:
        _collect_marks(node, (), source.marks)
    return source


def _collect_marks(node: yaml.Node, path: Path_, marks: dict[Path_, tuple[int, int]]) -> None:
    marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, str(key_node.value))
            marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _collect_marks(value_node, child, marks)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_marks(item, (*path, index), marks)
