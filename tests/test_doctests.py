"""The examples in the pipeline's docstrings are true."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import sitekit

SCRIPTS = ["build_site", "mkdocs_hook"]  # scripts/ with examples of their own


def pytest_generate_tests(metafunc):
    """One test per library module (listed when the tests are collected, not at import) and script."""
    if "name" in metafunc.fixturenames:
        modules = [f"sitekit.{m.name}" for m in sorted(pkgutil.iter_modules(sitekit.__path__), key=lambda m: m.name)]
        metafunc.parametrize("name", modules + SCRIPTS)


def test_docstring_examples(name):
    """Each module's doctest examples give the results they show."""
    module = importlib.import_module(name)
    failed, _ = doctest.testmod(module)
    assert failed == 0
