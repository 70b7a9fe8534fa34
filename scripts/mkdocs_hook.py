"""Thin MkDocs hook: run the standalone generation step before each build, so `mkdocs serve`
picks up changes to the YAML. Everything it does is also done by `scripts/generate.py`.

While serving (`make serve`), a mistake in the YAML does not leave the browser on the last page
as if nothing happened: generation writes nothing, the pages are built from the last good
generated files, and each page opens with the problems, as the terminal shows them. Each page
also says what the preview leaves out (handouts and other languages: `make site` makes them).
`mkdocs build` (and scripts/build_site.py) still stops at the first problem."""
from __future__ import annotations

import html
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from sitekit import pipeline  # noqa: E402
from sitekit.problems import InputError  # noqa: E402
from sitekit.project import Paths  # noqa: E402

_state: dict[str, object] = {"serving": False, "problems": None}

PREVIEW_NOTE = ("Preview (make serve): the PDF handouts and the other languages' pages are made by "
                "<code>make site</code>, so their links do not work here.")


def generate() -> list[str]:
    """The generation step on this project, every input read afresh: an edit to any of them shows."""
    return pipeline.generate(Paths.of(ROOT))


def on_startup(command: str, dirty: bool = False) -> None:
    _state["serving"] = command == "serve"


def on_pre_build(config) -> None:
    _state["problems"] = None
    if os.environ.get("SITEKIT_GENERATED") == "1":  # build_site.py generated just before
        return
    try:
        generate()
    except InputError as err:
        if not _state["serving"]:
            raise PluginError(str(err)) from err
        print(f"generate: {err}", file=sys.stderr)
        _state["problems"] = str(err)


def banner(problems: str | None) -> str:
    """What a served page opens with: the generation problems (if any), then the preview note.

    >>> "clinic.yml:3:1: a &lt;b&gt;" in banner("1 problem found:\\n  clinic.yml:3:1: a <b>")
    True
    """
    style = "margin:0;padding:0.6rem 1rem;font:16px/1.4 sans-serif;"
    out = ""
    if problems:
        out += (f'<div role="alert" style="{style}background:#fde8e8;color:#5c0000;border-bottom:3px solid #b00020">'
                "<strong>The site could not be generated; these pages show the last good version.</strong>"
                f'<pre style="white-space:pre-wrap;margin:0.4rem 0 0">{html.escape(problems)}</pre></div>')
    return out + f'<p style="{style}background:#fff8e1;color:#3e2c00">{PREVIEW_NOTE}</p>'


def on_post_page(output: str, page, config) -> str:
    if not _state["serving"] or "<body" not in output:
        return output
    start = output.index(">", output.index("<body")) + 1
    return output[:start] + banner(_state["problems"]) + output[start:]  # type: ignore[arg-type]
