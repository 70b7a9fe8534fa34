"""`make serve`: a mistake in the YAML shows in the page, not only in the terminal; each served
page says what the preview leaves out; `mkdocs build` still stops; the address the README and
`make serve` give is the one the server answers on, not a redirect."""
from __future__ import annotations

import re
import subprocess
import sys

import mkdocs_hook
import pytest
import serve_address
from helpers import ROOT, copy_inputs, edit, read_clinic
from mkdocs.exceptions import PluginError
from sitekit.problems import InputError, Problem

PAGE = "<html><body class=\"x\"><h1>Title</h1></body></html>"


@pytest.fixture
def broken(monkeypatch):
    """Generation that finds a problem, as a broken clinic.yml gives it."""
    def generate():
        raise InputError([Problem("clinic.yml", 3, 1, "name", "is <empty>", "Write the name.")])
    monkeypatch.setattr(mkdocs_hook, "generate", generate)
    monkeypatch.delenv("SITEKIT_GENERATED", raising=False)


def test_serving_shows_the_problem_in_every_page(broken):
    mkdocs_hook.on_startup("serve")
    mkdocs_hook.on_pre_build(None)
    page = mkdocs_hook.on_post_page(PAGE, None, None)
    assert page.index('role="alert"') < page.index("<h1>")
    assert "clinic.yml:3:1: name: is &lt;empty&gt;. Fix: Write the name." in page
    assert "handouts" in page and "make site" in page


def test_serving_without_a_problem_shows_only_the_preview_note(monkeypatch):
    monkeypatch.setattr(mkdocs_hook, "generate", lambda: [])
    mkdocs_hook.on_startup("serve")
    mkdocs_hook.on_pre_build(None)
    page = mkdocs_hook.on_post_page(PAGE, None, None)
    assert 'role="alert"' not in page and mkdocs_hook.PREVIEW_NOTE in page


def test_a_build_still_stops(broken):
    mkdocs_hook.on_startup("build")
    with pytest.raises(PluginError, match=r"clinic\.yml:3:1"):
        mkdocs_hook.on_pre_build(None)
    assert mkdocs_hook.on_post_page(PAGE, None, None) == PAGE


def test_make_serve_gives_the_address_the_server_answers_on():
    """The address is the site_url's path on 127.0.0.1:8000 (mkdocs serve answers there; / only
    redirects), and the README says so."""
    from urllib.parse import urlparse

    path = urlparse(read_clinic()["site_url"]).path
    dry = subprocess.run(["make", "-n", "-s", "serve"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "scripts/serve_address.py" in dry
    said = subprocess.run([sys.executable, "scripts/serve_address.py"], cwd=ROOT, capture_output=True, text=True).stdout
    assert f"http://127.0.0.1:8000{path}" in said
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"http://127\.0\.0\.1:8000(?!/[\w<])", readme), "the README gives an address that redirects"


def test_a_mistake_in_the_clinic_file_gives_its_place_not_a_traceback(tmp_path, capsys):
    """The address comes from the clinic file as the build reads it: checked, so a mistake in it
    is named with its file, line and key (and the exit status is 1), never a traceback."""
    clinic = copy_inputs(tmp_path) / "clinic.yml"
    line = edit(clinic, "site_url: https://", "site_url: http://")
    assert serve_address.main(["--clinic", str(clinic)]) == 1
    said = capsys.readouterr()
    assert f"clinic.yml:{line}:" in said.err and " site_url:" in said.err and "https://" in said.err
    assert "serve: open" not in said.out
