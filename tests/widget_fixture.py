"""The widgets' fast tests: a small, made-up knowledge file and clinic file
(tests/fixtures/widgets/), read and checked the way the build reads them, and a comparison of
what a widget renders with the expected file written beside its test.

The expected files were written by hand from the templates and the fixture. To rewrite them
from the current output (after a deliberate change to a template or to the fixture):

    UPDATE_EXPECTED=1 .venv/bin/python -m pytest scripts/sitekit/widgets -m "not full"

That writes into the working tree, so it is a step you take on purpose, never part of a test
run: read every changed line of `git diff` by hand before committing it; the output is right
only when a careful reader, looking at the fixture and the template, says it is."""
from __future__ import annotations

import difflib
import functools
import os
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT

FIXTURE = ROOT / "tests/fixtures/widgets"
# The one text with &, <, |, * in it (a symptom label), and each form it takes once escaped.
SPECIAL = "Stairs & slopes hurt | *worse* going down, even <10 steps"
SPECIAL_HTML = "Stairs &amp; slopes hurt | *worse* going down, even &lt;10 steps"  # HTML only
SPECIAL_MD = r"Stairs &amp; slopes hurt \| \*worse\* going down, even &lt;10 steps"  # Markdown inside HTML
_BARE_AMPERSAND = re.compile(r"&(?!amp;|lt;|gt;|quot;|#\d+;|#x[0-9a-fA-F]+;)")


@functools.cache
def fixture_inputs() -> tuple[Any, dict[str, Any]]:
    """The fixture's knowledge model and clinic data, through the build's own validation
    (schema, references, sections in tests/fixtures/widgets/docs, images, active content)."""
    from sitekit.pipeline import Paths, load_inputs

    return load_inputs(Paths.of(ROOT, knowledge=FIXTURE / "knowledge.yml", clinic=FIXTURE / "clinic.yml",
                             docs=FIXTURE / "docs"))


def renderer():
    """A Renderer of the fixture, with its defaults (no pages, the default language)."""
    from sitekit.render import Renderer

    knowledge, clinic = fixture_inputs()
    return Renderer(knowledge, clinic, None)


@functools.cache
def snippets() -> dict[str, str]:
    """Every snippet the fixture renders to, keyed by its path inside generated/."""
    return renderer().render_snippets()


def assert_matches_expected(actual: str, expected_file: Path) -> None:
    """The rendered text is byte for byte the expected file; a failure shows the diff.
    UPDATE_EXPECTED=1 rewrites the file instead (see the module's docstring) and skips."""
    if os.environ.get("UPDATE_EXPECTED") == "1":
        expected_file.parent.mkdir(exist_ok=True)
        expected_file.write_bytes(actual.encode("utf-8"))
        pytest.skip(f"UPDATE_EXPECTED=1 rewrote {expected_file.relative_to(ROOT)}: review its diff by hand")
    expected = expected_file.read_bytes().decode("utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                            f"expected ({expected_file.name})", "rendered"))
        pytest.fail(f"{expected_file.relative_to(ROOT)} differs from what the widget renders:\n{diff}")


def assert_escaped_once(text: str) -> None:
    """Every & starts an entity (nothing left unescaped) and no entity is escaped twice."""
    assert "&amp;amp;" not in text and "&amp;lt;" not in text and "&amp;#" not in text, "escaped twice"
    assert not _BARE_AMPERSAND.findall(text), "an & that starts no entity: not escaped"
