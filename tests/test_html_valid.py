"""Valid HTML: the Nu HTML Checker (npm vnu-jar, run with Java) reports no error on any page."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from helpers import ROOT

pytestmark = pytest.mark.full  # Java: slow to start

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def _vnu_errors(files: list[str]) -> list[str]:
    java = shutil.which("java")
    if not java or not VNU.is_file():
        pytest.fail("The HTML checker needs Java and node_modules/vnu-jar: run `make test`, "
                    "which installs them (npm ci; apt-get install default-jre-headless).")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages if m.get("type") == "error"]


def test_every_page_is_valid_html(site):
    """No page of the built site has an HTML error."""
    pages = sorted(str(p) for p in site.path.rglob("*.html"))
    assert len(pages) >= 10
    assert _vnu_errors(pages) == []


def test_the_checker_reports_an_error(tmp_path):
    """A page with a misplaced element is reported (so the test above can fail)."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><html lang=en><title>x</title><p><div>block in p</div></span>",
                   encoding="utf-8")
    assert _vnu_errors([str(bad)]) != []
