"""The examples in the pipeline's docstrings are true."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest
import sitekit

MODULES = sorted(m.name for m in pkgutil.iter_modules(sitekit.__path__))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    """Each module's doctest examples give the results they show."""
    module = importlib.import_module(f"sitekit.{name}")
    failed, _ = doctest.testmod(module)
    assert failed == 0
