"""The examples in the pipeline's docstrings are true."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest
import sitekit

MODULES = [f"sitekit.{m.name}" for m in sorted(pkgutil.iter_modules(sitekit.__path__), key=lambda m: m.name)]
SCRIPTS = ["build_site", "mkdocs_hook"]  # scripts/ with examples of their own


@pytest.mark.parametrize("name", MODULES + SCRIPTS)
def test_docstring_examples(name):
    """Each module's doctest examples give the results they show."""
    module = importlib.import_module(name)
    failed, _ = doctest.testmod(module)
    assert failed == 0
