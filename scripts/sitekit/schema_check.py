"""Check a parsed YAML file against its JSON Schema and say each failure in plain words."""
from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .problems import Problem
from .yamlsource import Source


def check(source: Source, schema_path: Path) -> list[Problem]:
    """Every place where ``source`` breaks the schema, in file order."""
    problems: dict[tuple, Problem] = {}
    for error in _errors(schema_path.read_text(encoding="utf-8"), source):
        own = (error.message,) if error.validator in ("required", "additionalProperties") else ()
        problems.setdefault((*error.absolute_path, *own), _explain(source, error))  # a key's first broken rule
    return sorted(problems.values(), key=lambda p: (p.line, p.column))


def _errors(schema_text: str, source: Source) -> tuple[ValidationError, ...]:
    """The schema's verdict on the data: remembered for the last few (schema, file text, data), since
    it depends on nothing else. An edited file is new data, so an answer is never stale; a process that
    generates again and again (make serve, the tests) skips the walk over the files that did not
    change, the slowest part of checking an unchanged knowledge file."""
    try:
        data = json.dumps(source.data, sort_keys=True, default=repr)
    except (TypeError, ValueError):  # keys of mixed kinds, or a loop: not worth remembering
        data = None
    key = (schema_text, "\n".join(source.lines), data)
    if data is None or key not in _VERDICTS:
        if len(_VERDICTS) >= 16:
            del _VERDICTS[next(iter(_VERDICTS))]
        validator = Draft202012Validator(json.loads(schema_text), format_checker=Draft202012Validator.FORMAT_CHECKER)
        verdict = tuple(validator.iter_errors(source.data))
        if data is None:
            return verdict
        _VERDICTS[key] = verdict
    return _VERDICTS[key]


_VERDICTS: dict[tuple[str, str, str | None], tuple[ValidationError, ...]] = {}


def _explain(source: Source, error: ValidationError) -> Problem:
    path = tuple(error.absolute_path)
    # The validator fills these in (the stubs also allow them unset, for errors made by hand).
    kind, value, schema = error.validator, cast(Any, error.instance), cast("Mapping[str, Any]", error.schema)
    if kind == "oneOf" and error.context:
        # One text, or one text per language: explain the form that was meant (a set of keys
        # or a text), not the form the value is not.
        meant = [e for e in error.context if e.validator != "type"]
        if meant:
            return _explain(source, max(meant, key=lambda e: len(e.absolute_path)))
        return source.problem(path, f"should be text, or text per language, not {_a(type(value).__name__)}",
                              "Write the text after the colon, or one line per language (en: ..., es: ...).")
    if kind == "required":
        missing = error.message.split("'")[1]
        return source.problem(path, f"the key '{missing}' is missing",
                              f"Add '{missing}:' here (see the schema for what it holds).")
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(schema.get("properties", {})))
        allowed = ", ".join(schema.get("properties", {})) or "none"
        return source.problem((*path, extra[0]) if extra else path, f"unknown key '{', '.join(extra)}'",
                              f"Check the spelling, or remove it. Keys allowed here: {allowed}.")
    if kind == "enum":
        allowed = ", ".join(str(v) for v in cast(list, error.validator_value))
        return source.problem(path, f"'{value}' is not allowed", f"Use one of: {allowed}.")
    if kind in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
        return source.problem(path, "is empty", "Write the text, or remove the key if it is optional.")
    if kind == "not" and isinstance(value, str):
        bad = next((c for c in value if ord(c) < 32 or c in '\x7f"<>'), "")
        shown = repr(bad)[1:-1] if bad.isprintable() else f"U+{ord(bad):04X}" if bad else "a character"
        return source.problem(path, f"contains {shown}, which is not allowed in this field",
                              "Write it on one line, without quotes, < or > (a line break often comes from a "
                              "trailing newline or a | block).")
    if kind == "format" and error.validator_value == "date":
        return source.problem(path, f"'{value}' is not a real date",
                              "Use a date that exists, as YYYY-MM-DD (month 01-12, a day that month has).")
    if kind == "pattern" and isinstance(value, str) and value.startswith("http://"):
        return source.problem(path, f"'{value}' uses http://, not https://",
                              "Use the https:// address (every published page and booking site should have one).")
    if kind == "pattern" and error.validator_value == "/$":
        return source.problem(path, f"'{value}' does not end with /",
                              f"Add the final /: '{value}/' (page addresses are joined to it).")
    if kind == "type" and value is None and "#" in source.raw_line(path):
        return source.problem(path, "is empty because YAML reads everything after # as a comment",
                              "Put the value in quotes, e.g. primary: \"#005a70\".")
    if kind == "pattern":
        hint = (schema.get("description") or "").strip()
        return source.problem(path, f"'{value}' is not in the right form",
                              hint or f"It must match {error.validator_value}.")
    if kind == "type" and error.validator_value == "string" and isinstance(value, (int, float)) \
            and not isinstance(value, bool):
        # YAML reads an unquoted 911 or 0100 000 as a number (and drops a leading 0).
        written = source.raw_line(path).split(":", 1)[-1].split(" #")[0].strip() or str(value)
        return source.problem(path, f"{written} is read as a number, but this is text",
                              f"Put it in quotes: \"{written}\".")
    if kind == "type":
        return source.problem(path, f"should be {_a(error.validator_value)}, not {_a(type(value).__name__)}",
                              "Check the indentation and the value on this line.")
    if kind == "minItems":
        return source.problem(path, "needs at least one item", "Add an item to the list.")
    if kind == "uniqueItems":
        return source.problem(path, "lists the same id twice", "Remove the repeated id.")
    return source.problem(path, error.message, "See the schema for what this key holds.")


def _a(name: object) -> str:
    words = {"str": "text", "string": "text", "dict": "a set of keys", "object": "a set of keys",
             "list": "a list", "array": "a list", "NoneType": "empty", "int": "a whole number",
             "integer": "a whole number", "number": "a number", "float": "a number", "bool": "yes/no"}
    if isinstance(name, list):
        return " or ".join(words.get(str(n), str(n)) for n in name)
    return words.get(str(name), str(name))
