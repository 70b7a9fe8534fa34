"""The Spanish edition: no English left on a Spanish page, plain Spanish, every page
in both languages and linked to its twin, Spanish handouts, complete words, the clinic file's
per-language texts, and Spanish dates.

Language detection: py3langid (a kept fork of langid.py; its model ships in the wheel, it gives
the same answer every run with no seed, and it can be limited to the two languages in question).
Readability: textstat 0.7.4's Fernández-Huerta, scored on a textstat instance of its own set to
Spanish, so the module-wide textstat the English grade test uses stays in English."""
from __future__ import annotations

import importlib.util
import re
import shutil
from functools import cache
from pathlib import Path

import pytest
import textstat
import yaml
from helpers import (
    EXAMPLE_CLINIC,
    PAGES,
    ROOT,
    as_sentences,
    copy_inputs,
    generation_errors,
    language_blocks,
    page_file,
    read_clinic,
    scratch_paths,
    site_languages,
)
from pypdf import PdfReader
from textstat.textstat import textstatistics

MIN_WORDS = 5  # a block with fewer words (of two letters or more) is too short to classify: a name, a label
MIN_FERNANDEZ_HUERTA = 70.0  # 70-80 "fairly easy", 80+ "easy"
MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre"]


@cache
def clinic() -> dict:
    """The frozen example clinic, which the fast tests' scratch copies use (copy_inputs)."""
    return read_clinic(EXAMPLE_CLINIC)


@pytest.fixture
def built_site(built_project: Path) -> Path:
    """The built site, when its clinic publishes Spanish (these checks are about Spanish)."""
    if "es" not in site_languages(built_project):
        pytest.skip("the clinic does not publish Spanish")
    return built_project / "site"


@pytest.fixture
def built_clinic(built_project: Path) -> dict:
    return read_clinic(built_project)


@cache
def ui_es() -> dict:
    return yaml.safe_load((ROOT / "locales/es/ui.yml").read_text(encoding="utf-8"))


def names(info: dict | None = None) -> list[str]:
    """Names that are the same in every language (WCAG 3.1.2 lets proper names be): the clinic's
    name, short name and address, which clinic.yml gives once (the frozen example's unless told)."""
    info = info or clinic()
    return [info["name"], info["short_name"], info["contact"]["address"]]


# --- 1. No English left on a Spanish page ---------------------------------------------------------

@cache
def identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    found = LanguageIdentifier.from_model_file(MODEL_FILE)
    found.set_languages(["en", "es"])  # the question is only ever: Spanish, or English left over?
    return found


def words_to_classify(text: str, allowed: list[str]) -> str:
    """The block's words (two letters or more), less the allowed names, email and web addresses."""
    for name in allowed:
        text = text.replace(name, " ")
    text = re.sub(r"https?://\S+|\S+@\S+|\b[\w-]+(?:\.[\w-]+)+\b", " ", text)
    return " ".join(re.findall(r"[^\W\d_]{2,}", text))


def english_blocks(markup: str, allowed: list[str]) -> list[str]:
    """Every block of a Spanish page's body (header, article, footer) in Spanish (lang es: a
    part marked with another lang is left out) that is long enough to classify and is not
    detected as Spanish."""
    found = []
    for lang, text in language_blocks(markup):
        if not lang.startswith("es"):
            continue
        words = words_to_classify(text, allowed)
        if len(words.split()) >= MIN_WORDS and identifier().classify(words)[0] != "es":
            found.append(text)
    return found


@pytest.mark.parametrize("name", PAGES)
def test_no_english_is_left_on_the_spanish_page(built_site: Path, built_clinic: dict, name: str):
    """Each block a reader sees on the Spanish page (the article, the header, the footer) is
    Spanish; words kept in English on purpose (source titles, publishers, citations) carry lang="en"."""
    markup = page_file(name, built_site / "es").read_text(encoding="utf-8")
    assert english_blocks(markup, names(built_clinic)) == [], f"es/{name}: blocks not in Spanish"


SPANISH_PAGE = """<!doctype html><html lang="es"><body>
<header><p>Ciática y dolor de rodilla</p></header>
<article>
<h1>Causas en las raíces nerviosas</h1>
<p>La ciática casi siempre viene de un nervio apretado en la parte baja de la espalda.</p>
<p>{planted}</p>
<ol><li><cite lang="en">Low back pain and sciatica in over 16s: assessment and management</cite>.
<span lang="en">National Institute for Health and Care Excellence</span>, 2016. Leer en nice.org.uk</li></ol>
<p>Sciatica and knee pain</p>
</article>
<footer><p>Example Spine and Knee Clinic, 1 Example Street, Exampletown, EX1 2MP</p></footer>
</body></html>"""


def test_an_english_paragraph_on_a_spanish_page_is_found():
    """A paragraph left in English is named; a title marked lang="en", a short block (under
    MIN_WORDS words) and the clinic's name and address are not."""
    planted = "Most sciatica comes from a pressed nerve root in the lower back, not from the knee itself."
    assert english_blocks(SPANISH_PAGE.format(planted=planted), names()) == [planted]
    assert english_blocks(SPANISH_PAGE.format(planted="Casi toda la ciática viene de la espalda."), names()) == []
    # Without its lang attribute the English title is found too.
    unmarked = SPANISH_PAGE.format(planted="").replace(' lang="en"', "")
    assert len(english_blocks(unmarked, names())) == 1


# --- 2. Readability -------------------------------------------------------------------------------

def fernandez_huerta(text: str) -> float:
    """Fernández-Huerta of ``text``, on a textstat instance of its own set to Spanish (set_lang
    also sets its syllable counter, Pyphen es); textstat's module-wide instance keeps its language."""
    scorer = textstatistics()
    scorer.set_lang("es")
    return scorer.fernandez_huerta(text)


def spanish_article(name: str, site: Path) -> str:
    """The Spanish article's text, each block a sentence; parts marked in another language left out."""
    markup = page_file(name, site / "es").read_text(encoding="utf-8")
    return as_sentences([text for lang, text in language_blocks(markup, "article") if lang.startswith("es")])


@pytest.mark.parametrize("name", PAGES)
def test_spanish_page_is_fairly_easy_to_read(built_site: Path, name: str):
    """The Spanish article scores at least 70 on Fernández-Huerta (textstat 0.7.4, Spanish)."""
    text = spanish_article(name, built_site)
    assert len(text.split()) > 80, f"es/{name}: too little text found to score"
    score = fernandez_huerta(text)
    print(f"es/{name}: Fernández-Huerta {score}")
    assert score >= MIN_FERNANDEZ_HUERTA, f"es/{name}: Fernández-Huerta {score} (at least {MIN_FERNANDEZ_HUERTA})"


def test_the_spanish_measure_fails_on_hard_text_and_leaves_english_alone():
    """Dense clinical Spanish scores under 70; scoring Spanish does not change textstat's own
    language, so the English grade test scores the same before and after."""
    english = "The nerve in your lower back can cause pain in your knee. It often gets better."
    before = textstat.flesch_kincaid_grade(english)
    hard = ("La radiculopatía secundaria a herniación discal intervertebral frecuentemente se manifiesta "
            "mediante parestesias dermatómicas acompañadas de debilidad miotómica y disminución de reflejos "
            "osteotendinosos profundos.")
    assert fernandez_huerta(as_sentences([hard])) < MIN_FERNANDEZ_HUERTA
    assert fernandez_huerta("El nervio de la espalda puede doler en la rodilla. Casi siempre mejora.") >= 70
    assert textstat.textstat._textstatistics__lang == "en_US"
    assert textstat.flesch_kincaid_grade(english) == before


# --- 3. Every page in both languages --------------------------------------------------------------

def page_url(site_url: str, name: str, prefix: str = "") -> str:
    return site_url + prefix + ("" if name == "index" else f"{name}/")


def head_links(markup: str) -> dict[str, str]:
    return {m["lang"]: m["href"] for m in re.finditer(
        r'<link rel="alternate" hreflang="(?P<lang>[^"]+)" href="(?P<href>[^"]+)">', markup)}


def switch_links(markup: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav class="kb-language[^"]*"[^>]*>(.*?)</nav>', markup, re.S)
    assert nav, "no language switch (nav.kb-language)"
    return re.findall(r'<a [^>]*href="([^"]+)" hreflang="([^"]+)"', nav[1])


@pytest.mark.parametrize("name", PAGES)
def test_every_page_is_in_both_languages_and_links_its_twin(built_project: Path, built_site: Path, name: str):
    """site/<page> and site/es/<page> (and each other language's) exist with <html lang> of their
    language; each links the others (nav.kb-language, with hreflang) and names them all, and
    x-default (the first language), in <link rel="alternate">."""
    languages, site_url = site_languages(built_project), read_clinic(built_project)["site_url"]
    files = {code: page_file(name, built_site, code, languages) for code in languages}
    twins = {code: page_url(site_url, name, prefix) for code, prefix in languages.items()}
    twins["x-default"] = next(iter(twins.values()))
    for lang, path in files.items():
        markup = path.read_text(encoding="utf-8")
        page_lang = re.search(r'<html lang="([^"]+)"', markup)[1]
        assert page_lang == lang or page_lang.startswith(f"{lang}-"), f"{path}: <html lang={page_lang}>"
        switch = {hreflang: (path.parent / href).resolve() / "index.html" for href, hreflang in switch_links(markup)}
        assert switch == {code: other.resolve() for code, other in files.items() if code != lang}, \
            f"{path}: the language switch leads to {switch}"
        assert head_links(markup) == twins, f"{path}: alternates {head_links(markup)}"


def test_the_sitemap_lists_every_page_in_both_languages_with_both_alternates(built_project: Path, built_site: Path):
    """sitemap.xml has each page of each language once, each with its twins in every language."""
    languages, site_url = site_languages(built_project), read_clinic(built_project)["site_url"]
    xml = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    entries = {m[1]: m[2] for m in re.finditer(r"<url><loc>([^<]+)</loc>(.*?)</url>", xml, re.S)}
    assert sorted(entries) == sorted(page_url(site_url, n, p) for n in PAGES for p in languages.values())
    for name in PAGES:
        twins = {code: page_url(site_url, name, prefix) for code, prefix in languages.items()}
        for url in twins.values():
            alternates = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entries[url]))
            assert alternates == twins, url
    assert not (built_site / "es/sitemap.xml").exists()


# --- 4. Spanish handouts --------------------------------------------------------------------------

def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(path).pages).split())


def spanish_date(iso: str) -> str:
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day} de {MONTHS[month - 1]} de {year}"


@pytest.mark.parametrize("folder", ["", "large/"])
def test_spanish_handouts_are_made_in_spanish(built_site: Path, built_clinic: dict, folder: str):
    """site/es/handouts/ (and large/) has every page's handout and the booklet; each is tagged es
    and written in Spanish: the Spanish headings of locales/es/ui.yml (where to get help, the
    warning box, the questionnaire's lead), page numbers and review dates in Spanish words, and
    its text detected as Spanish."""
    words, info = ui_es(), built_clinic
    for name in [*PAGES, "booklet"]:
        path = built_site / "es/handouts" / folder / f"{name}.pdf"
        reader = PdfReader(path)
        assert reader.trailer["/Root"]["/Lang"] == "es", f"es/handouts/{folder}{name}.pdf is not tagged es"
        text = pdf_text(path)
        headings = [words["help"]["heading"]]  # "Where to get help", printed on every handout
        if name not in ("when-to-get-help", "symptom-checker"):  # (those two list the signs themselves)
            # The handout's warning box, or the page's own where it has one (Home): printed as it is.
            own_box = name != "booklet" and "data-warning-box" in page_file(name, built_site / "es").read_text(
                encoding="utf-8")
            headings.append(words["warning_box"]["title"] if own_box else words["handout"]["warning_title"])
        if name in ("symptom-checker", "booklet"):
            headings.append(words["questionnaire"]["lead"])
        for heading in headings:
            assert heading in text, f"es/handouts/{folder}{name}.pdf lacks {heading!r}"
        assert re.search(r"Página 1 de \d+", text), f"es/handouts/{folder}{name}.pdf: no Spanish page numbers"
        assert spanish_date(str(info["last_reviewed"])) in text, f"es/handouts/{folder}{name}.pdf: no Spanish date"
        assert identifier().classify(words_to_classify(text, names(info)))[0] == "es", f"{name}.pdf is not Spanish"


# --- 5. The words are complete (fast) -------------------------------------------------------------

def check_words():
    """locales/check_words.py, imported (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("check_words", ROOT / "locales/check_words.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_published_language_lacks_words():
    """check_words.py finds nothing missing, stale or changed in the words of any language the
    project's clinic publishes (as `make check` runs it)."""
    module = check_words()
    assert {code: module.check(code) for code in module.published()} == {code: [] for code in module.published()}


def test_a_missing_spanish_word_is_named(tmp_path: Path, monkeypatch):
    """With a key taken out of a copy of locales/es/ui.yml, the check names file and key."""
    module = check_words()
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    ui = locales / "es/ui.yml"
    text = ui.read_text(encoding="utf-8")
    line = '  warning_title: "Señales de alarma: busque ayuda ahora"\n'
    assert text.count(line) == 1
    ui.write_text(text.replace(line, ""), encoding="utf-8")
    monkeypatch.setattr(module, "LOCALES", locales)
    assert module.check("es") == [f"{ui}: handout > warning_title: missing. Add its translation of: "
                                  "'Warning signs: get help now'"]


# --- 6. The clinic file (fast) --------------------------------------------------------------------

def english_only(data: dict) -> dict:
    """The clinic's data with every per-language text as its plain English text."""
    if isinstance(data, dict):
        if set(data) <= {"en", "es"} and "en" in data:
            return data["en"]
        return {key: english_only(value) for key, value in data.items()}
    return data


def test_a_clinic_in_english_only_builds_with_plain_texts(tmp_path: Path):
    """languages: [en] and not one per-language map: the site's files are generated, in English
    only (no Spanish config or snippets)."""
    from sitekit.pipeline import generate

    project = copy_inputs(tmp_path)
    data = english_only(clinic())
    data["languages"] = ["en"]
    assert data["footer"] == clinic()["footer"]["en"]
    (project / "clinic.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    generate(scratch_paths(project))
    assert (project / "mkdocs.generated.yml").is_file() and not (project / "mkdocs.generated.es.yml").exists()
    assert not (project / "generated/es").exists()


def test_publishing_spanish_with_one_footer_is_a_located_error(tmp_path: Path):
    """languages: [en, es] with a plain footer: stops, naming clinic.yml's line and footer."""
    project = copy_inputs(tmp_path)
    path = project / "clinic.yml"
    text = path.read_text(encoding="utf-8")
    block = re.search(r"(?m)^footer:\n(?:  .*\n)+", text)[0]
    path.write_text(text.replace(block, "footer: Health information from an example clinic.\n"), encoding="utf-8")
    line = text[: text.index(block)].count("\n") + 1
    errors = generation_errors(project)
    assert any(f"clinic.yml:{line}:" in e and "footer: is one text, but the site is published in en, es" in e
               for e in errors), errors


# --- 7. Spanish dates -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", PAGES)
def test_review_dates_on_spanish_pages_are_in_spanish(built_site: Path, name: str):
    """Each review date reads like "24 de noviembre de 2026", its datetime the ISO date."""
    markup = page_file(name, built_site / "es").read_text(encoding="utf-8")
    dates = re.findall(r'<time datetime="([\d-]+)">([^<]+)</time>', markup)
    assert len(dates) >= 2, f"es/{name}: no review dates"
    for iso, shown in dates:
        assert shown == spanish_date(iso), f"es/{name}: {iso} shown as {shown!r}"


def test_spanish_date_form():
    """Spanish writes a long date as day, "de", month, "de", year."""
    assert spanish_date("2026-11-24") == "24 de noviembre de 2026"
    assert spanish_date("2027-01-05") == "5 de enero de 2027"
