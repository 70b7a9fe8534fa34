"""Thin MkDocs hook: run the standalone generation step before each build, so `mkdocs serve`
picks up changes to the YAML, and the same link rewrite build_site.py does after a build.
Everything it does is also done by `scripts/generate.py` and `scripts/build_site.py`."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitekit.links import rewrite  # noqa: E402
from sitekit.pipeline import generate  # noqa: E402
from sitekit.problems import InputError  # noqa: E402


def on_pre_build(config) -> None:
    if os.environ.get("SITEKIT_GENERATED") == "1":  # build_site.py generated just before
        return
    try:
        generate()
    except InputError as err:
        raise PluginError(str(err)) from err


def on_post_page(output: str, page, config) -> str:
    # Under `mkdocs serve` there is no build_site.py step after MkDocs: do its link rewrite here.
    return rewrite(output, page.file.src_uri)
