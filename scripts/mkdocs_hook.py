"""Thin MkDocs hook: run the standalone generation step before each build, so `mkdocs serve`
picks up changes to the YAML. Everything it does is also done by `scripts/generate.py`."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitekit.pipeline import generate
from sitekit.problems import InputError


def on_pre_build(config) -> None:
    if os.environ.get("SITEKIT_GENERATED") == "1":  # build_site.py generated just before
        return
    try:
        generate()
    except InputError as err:
        raise PluginError(str(err)) from err
