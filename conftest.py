"""pytest set-up for every test folder (tests/ and each widget's folder under
scripts/sitekit/widgets/): the shared fixtures and the `full` marking live in tests/site_fixtures.py,
and tests/known_failures.txt lists the full-tier tests known to fail, which run as non-strict xfail
until they are fixed (the list is debt to pay off, shown in every run's summary)."""
from pathlib import Path

import pytest

pytest_plugins = ["site_fixtures"]

KNOWN_FAILURES = Path(__file__).parent / "tests/known_failures.txt"


def pytest_collection_modifyitems(config, items):
    lines = KNOWN_FAILURES.read_text(encoding="utf-8").splitlines() if KNOWN_FAILURES.exists() else []
    known = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    for item in items:
        if item.nodeid in known:
            item.add_marker(pytest.mark.xfail(reason="listed in tests/known_failures.txt", strict=False))
