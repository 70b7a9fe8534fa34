"""The clinic file: each kind of mistake gives a clear error, and a second clinic's build holds
nothing of the default clinic."""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from helpers import PAGES, REGION_SCHEMA, ROOT, US_CLINIC, copy_inputs, edit, generation_errors, read_clinic
from region_checks import foreign_words, level_actions, missing_levels
from site_fixtures import US_HANDOUT_PAGES
from sitekit import regions, yamlsource
from sitekit.colors import contrast
from sitekit.levels import ACTION_LEVELS


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


def _clinic_strings(folder: Path) -> set[str]:
    """Every text of a folder's clinic file a reader could see (with its region file's actions),
    in every language it is given in."""
    clinic = read_clinic(folder)
    contact = clinic["contact"]
    region = regions.whole_region(yamlsource.load(folder / "clinic.yml", "clinic.yml"), ROOT / "regions", REGION_SCHEMA)
    values = [clinic["name"], clinic["short_name"], contact["phone"], contact["phone"].replace(" ", ""),
              contact["email"], contact["address"], contact["booking_url"], urlparse(clinic["site_url"]).netloc,
              clinic["reviewer"]["name"], clinic["footer"], clinic["legal"], contact["hours"],
              *(region[level]["action"] for level in ACTION_LEVELS if level in region),
              clinic["colors"]["primary"], clinic["colors"]["accent"]]
    return {text for value in values for text in (value.values() if isinstance(value, dict) else [value])
            if isinstance(text, str) and len(text) > 3}


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


def _leftovers(site: Path, old: set[str]) -> list[str]:
    return sorted({f"{name}: {s!r}" for name, text in _site_texts(site).items() for s in old
                   if s.lower() in text.lower()})


def test_no_string_of_the_project_clinic_is_left_in_the_second_clinic_site(us_project):
    """The second clinic's build (its clinic.yml put in place of the project's) holds no name,
    phone, e-mail, address, colour or wording of the project's own clinic, in pages or handouts."""
    old = _clinic_strings(ROOT) - _clinic_strings(US_CLINIC)
    assert list((us_project / "site").rglob("*.pdf")), "the second clinic's build made no handout"
    assert _leftovers(us_project / "site", old) == []


def test_the_leftover_check_finds_a_leftover(tmp_path):
    """A page that still holds the old clinic's name is named (so the check above can fail)."""
    (tmp_path / "index.html").write_text("<p>Welcome to O'Neil &amp; Park</p><p>Old Clinic Ltd</p>", encoding="utf-8")
    assert _leftovers(tmp_path, {"Old Clinic Ltd", "Nowhere Street"}) == ["index.html: 'Old Clinic Ltd'"]


def test_the_second_clinic_appears_where_it_should(us_project):
    """Its name on every page (its & and ' escaped once), its phone and emergency action, its
    logo and favicon, colour, site address in the sitemap, the offers it makes, Letter paper."""
    from sitekit.escaping import tel_href

    site, clinic = us_project / "site", read_clinic(US_CLINIC)
    us_clinic = yamlsource.load(US_CLINIC / "clinic.yml")
    emergency = regions.whole_region(us_clinic, ROOT / "regions", REGION_SCHEMA)["emergency"]
    pages = sorted(site.glob("**/index.html"))
    assert len(pages) >= len(PAGES)
    for page in pages:
        markup = page.read_text(encoding="utf-8")
        assert "&amp;amp;" not in markup and "&amp;#39;" not in markup, f"{page}: escaped twice"
        text = html.unescape(markup)  # the page as read (its &, ' and the like escaped once, above)
        assert clinic["name"] in text.split("</title>")[0], page
        assert clinic["contact"]["phone"] in text and f'href="{tel_href(clinic["contact"]["phone"])}"' in markup, page
        assert emergency["action"]["en"] in text, page
        for key in ("logo", "favicon"):
            assert f"generated/{clinic[key]}" in markup, (page, key)
    for key in ("logo", "favicon"):
        assert (site / "generated" / clinic[key]).read_bytes() == (US_CLINIC / clinic[key]).read_bytes()
    css = (site / "generated/clinic.css").read_text(encoding="utf-8")
    assert clinic["colors"]["primary"] in css
    help_page = (site / "when-to-get-help/index.html").read_text(encoding="utf-8")
    us_clinic = yamlsource.load(US_CLINIC / "clinic.yml")
    number = regions.whole_region(us_clinic, ROOT / "regions", REGION_SCHEMA)["emergency"]["number"]
    assert f'href="tel:{number}"' in help_page
    checker = (site / "symptom-checker/index.html").read_text(encoding="utf-8")
    assert f'"number":"{number}"' in checker
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{clinic['site_url']}anatomy/" in sitemap
    words = yaml.safe_load((ROOT / "locales/en/ui.yml").read_text(encoding="utf-8"))
    offered = next(v["offered_at"] for v in words.values() if isinstance(v, dict) and "offered_at" in v)
    treatments = html.unescape((site / "treatments/index.html").read_text(encoding="utf-8"))
    assert treatments.count(offered.format(clinic=clinic["short_name"])) >= len(clinic["offers"])  # each offer
    about = html.unescape((site / "about/index.html").read_text(encoding="utf-8"))
    assert clinic["interests"] in about  # the declared interests, on About and beside offered treatments
    assert treatments.count(clinic["interests"]) >= 1
    from pypdf import PdfReader
    pdf = site / "handouts" / f"{US_HANDOUT_PAGES[0]}.pdf"
    width, height = (float(v) for v in PdfReader(pdf).pages[0].mediabox[2:])
    assert (round(width), round(height)) == (612, 792), "not Letter paper"


def test_each_level_of_the_second_clinics_region_shows_in_pages_checker_and_handouts(us_project):
    """The US region: each level's action and number."""
    actions = level_actions(US_CLINIC / "clinic.yml", ROOT / "regions", "en")
    assert missing_levels(us_project / "site", actions) == []


def test_no_uk_service_word_reaches_the_us_clinics_readers(us_project):
    """Pages and handouts of a clinic in the US region name no UK service (GP, A&E, NHS 111,
    physiotherapist ...), except where a source is named."""
    test = read_clinic(US_CLINIC)
    own = [test["name"], test["short_name"], test["contact"]["booking_url"], urlparse(test["site_url"]).netloc]
    assert foreign_words(us_project / "site", ROOT / "data/knowledge.yml", own) == {}
