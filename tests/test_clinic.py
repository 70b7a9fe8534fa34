"""The clinic file: each kind of mistake gives a clear error, and a second clinic's build holds
nothing of the default clinic."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from helpers import ROOT, copy_inputs, copy_project, edit, generation_errors
from region_checks import foreign_words, level_actions, missing_levels
from sitekit import regions, yamlsource
from sitekit.colors import contrast
from sitekit.levels import ACTION_LEVELS

FIXTURE = ROOT / "tests/fixtures/test-clinic"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A scratch copy of the inputs the generation step reads."""
    return copy_inputs(tmp_path)


def test_missing_required_field(project):
    """A clinic file without its name: the key is named, with how to fix it."""
    edit(project / "clinic.yml", "name: Example Spine and Knee Clinic\n", "")
    [error] = generation_errors(project)
    assert "clinic.yml:" in error and "the key 'name' is missing" in error


def test_declared_interests_are_required(project):
    """A clinic file without its declared interests: an error naming the key (the site shows them
    beside every treatment the clinic offers, so they cannot be left out)."""
    text = (project / "clinic.yml").read_text(encoding="utf-8")
    start = text.index("\ninterests:")
    end = text.index("\n", text.index("  es:", start) + 1)
    (project / "clinic.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    [error] = generation_errors(project)
    assert "clinic.yml:" in error and "the key 'interests' is missing" in error


def test_bad_hex_colour(project):
    """A colour that is not #rrggbb: file, line, key and the form expected."""
    line = edit(project / "clinic.yml", 'primary: "#005a70"', 'primary: "#05a70"')
    [error] = generation_errors(project)
    assert f"clinic.yml:{line}:" in error and "colors.primary" in error and "#005a70" in error


def test_low_contrast_colour_names_ratio_and_a_passing_colour(project):
    """A light brand colour fails AA: the ratio found and the nearest colour that passes."""
    line = edit(project / "clinic.yml", 'accent: "#8a3b00"', 'accent: "#ffb74d"')
    [error] = generation_errors(project)
    assert f"clinic.yml:{line}:" in error and "colors.accent" in error
    ratio = re.search(r"contrast of ([\d.]+):1", error).group(1)
    assert ratio == f"{contrast('#ffb74d', '#ffffff'):.2f}"
    better = re.search(r"nearest that passes is (#[0-9a-f]{6})", error).group(1)
    assert contrast(better, "#ffffff") >= 4.5


def test_logo_that_does_not_exist(project):
    """A logo path with no file behind it."""
    line = edit(project / "clinic.yml", "logo: clinic-assets/logo.svg", "logo: clinic-assets/logo-new.svg")
    [error] = generation_errors(project)
    assert f"clinic.yml:{line}:" in error and "logo" in error and "does not exist" in error


def test_unknown_treatment_id(project):
    """An offered treatment that is not in the knowledge file: did you mean."""
    line = edit(project / "clinic.yml", "offers: [physical-therapy,", "offers: [physio-therapy,")
    [error] = generation_errors(project)
    assert f"clinic.yml:{line}:" in error and "offers[0]" in error and "Did you mean 'physical-therapy'?" in error


@pytest.mark.parametrize("old,new,key", [
    ("site_url: https://example.org/sciatica-knee-pain/", "site_url: example.org/knee", "site_url"),
    ("email: hello@example.org", "email: hello-at-example.org", "contact.email"),
    ("booking_url: https://example.org/book", "booking_url: www.example.org/book", "contact.booking_url"),
])
def test_malformed_address_or_email(project, old, new, key):
    """Web addresses need https://, e-mails need an @."""
    line = edit(project / "clinic.yml", old, new)
    [error] = generation_errors(project)
    assert f"clinic.yml:{line}:" in error and key in error and "not in the right form" in error


def _default_clinic_strings() -> list[str]:
    """Every text of the default clinic a reader could see, in every language it is given in."""
    default = yaml.safe_load((ROOT / "clinic.yml").read_text(encoding="utf-8"))
    contact = default["contact"]
    region = regions.whole_region(yamlsource.load(ROOT / "clinic.yml", "clinic.yml"))  # with its region file's
    values = [default["name"], default["short_name"], contact["phone"], contact["phone"].replace(" ", ""),
              contact["email"], contact["address"], contact["booking_url"], urlparse(default["site_url"]).netloc,
              default["reviewer"]["name"], default["footer"], default["legal"], contact["hours"],
              *(region[level]["action"] for level in ACTION_LEVELS if level in region),
              default["colors"]["primary"], default["colors"]["accent"]]
    return [text for value in values for text in (value.values() if isinstance(value, dict) else [value])]


def _site_texts(site: Path) -> dict[str, str]:
    texts = {}
    for path in site.rglob("*"):
        if path.suffix in {".html", ".js", ".css", ".xml", ".json", ".txt", ".svg", ".webmanifest"}:
            texts[path.relative_to(site).as_posix()] = path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".pdf":
            from pypdf import PdfReader
            reader = PdfReader(path)
            texts[path.relative_to(site).as_posix()] = " ".join(p.extract_text() or "" for p in reader.pages) + str(reader.metadata)  # noqa: E501
    return texts


@pytest.fixture(scope="module")
def rebranded_site(tmp_path_factory) -> Path:
    """The whole site built from a copy of the project with the test clinic's file and logo."""
    project = copy_project(tmp_path_factory.mktemp("rebrand") / "project")
    shutil.copy(FIXTURE / "clinic.yml", project / "clinic.yml")
    shutil.rmtree(project / "clinic-assets")
    (project / "harbour").mkdir()
    for name in ("logo.png", "favicon.png"):
        shutil.copy(FIXTURE / name, project / "harbour" / name)
    result = subprocess.run([sys.executable, "scripts/build_site.py"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_no_default_clinic_string_is_left_anywhere(rebranded_site):
    """No name, phone, e-mail, address, colour or wording of the default clinic is in site/."""
    leftovers = {f"{name}: {s!r}" for name, text in _site_texts(rebranded_site).items()
                 for s in _default_clinic_strings() if s.lower() in text.lower()}
    assert sorted(leftovers) == []


def test_the_test_clinic_appears_where_it_should(rebranded_site):
    """Its name on every page, phone and emergency number in the help, colour, logo, address."""
    test = yaml.safe_load((FIXTURE / "clinic.yml").read_text(encoding="utf-8"))
    pages = sorted(rebranded_site.glob("**/index.html"))
    assert len(pages) >= 9
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<title>" in html and test["name"] in html.split("</title>")[0], page
        assert test["contact"]["phone"] in html and 'href="tel:+15550134777"' in html, page
        assert "generated/logo.png" in html and "generated/favicon.png" in html, page
        assert test["region"]["emergency"]["action"] in html, page
    assert (rebranded_site / "generated/logo.png").read_bytes() == (FIXTURE / "logo.png").read_bytes()
    css = (rebranded_site / "generated/clinic.css").read_text(encoding="utf-8")
    assert test["colors"]["primary"] in css
    help_page = (rebranded_site / "when-to-get-help/index.html").read_text(encoding="utf-8")
    assert 'href="tel:911"' in help_page
    checker = (rebranded_site / "symptom-checker/index.html").read_text(encoding="utf-8")
    assert '"number":"911"' in checker
    about = (rebranded_site / "about/index.html").read_text(encoding="utf-8")
    assert test["interests"] in about  # the declared interests, on About and beside offered treatments
    treatments = (rebranded_site / "treatments/index.html").read_text(encoding="utf-8")
    assert treatments.count(test["interests"]) >= 1 + len(test["offers"])
    sitemap = (rebranded_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://harbour-physio.test/knee/anatomy/" in sitemap
    treatments = (rebranded_site / "treatments/index.html").read_text(encoding="utf-8")
    assert treatments.count(f"Offered at {test['short_name']}") == 2 * len(test["offers"])  # table + section


def test_each_level_of_the_test_clinics_region_shows_in_pages_checker_and_handouts(rebranded_site):
    """The US region (and the clinic's own changes to it): each level's action and number."""
    actions = level_actions(FIXTURE / "clinic.yml", ROOT / "regions", "en")
    assert missing_levels(rebranded_site, actions) == []


def test_no_uk_service_word_reaches_the_us_clinics_readers(rebranded_site):
    """Pages and handouts of a clinic in the US region name no UK service (GP, A&E, NHS 111,
    physiotherapist ...), except where a source is named."""
    test = yaml.safe_load((FIXTURE / "clinic.yml").read_text(encoding="utf-8"))
    own = [test["name"], test["short_name"], test["contact"]["booking_url"], urlparse(test["site_url"]).netloc]
    assert foreign_words(rebranded_site, ROOT / "data/knowledge.yml", own) == {}
