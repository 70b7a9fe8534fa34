"""Languages: a published language's missing words are named with file, line and key; the
clinic's per-language texts are checked and chosen; pages link to their twins."""
from __future__ import annotations

from pathlib import Path

import pytest
from sitekit import languages, yamlsource
from sitekit.languages import Language, clinic_in, clinic_problems, knowledge_in, published
from sitekit.problems import InputError

KNOWLEDGE = {
    "symptoms": [{"id": "calf-pain", "label": "Calf pain", "description": "A dull ache."}],
    "conditions": [{"id": "clot", "name": "Deep vein thrombosis", "plain_name": "A blood clot",
                    "short_name": "Clot", "summary": "A clot in a leg vein.", "helps": "Treatment today.",
                    "features": {"calf-pain": {"fit": "typical", "why": "The calf swells."}}}],
    "treatments": [{"id": "walk", "name": "Walking", "what": "Walking.", "who": "You.", "helps": "It helps.",
                    "evidence": {"rating": "recommended", "text": "Good trials."}}],
}


def _words(tmp_path: Path, text: str) -> Path:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "knowledge.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_every_text_is_taken_from_the_language(tmp_path):
    locales = _words(tmp_path, """\
symptoms:
  calf-pain: {label: "Dolor de pantorrilla", description: "Un dolor sordo."}
conditions:
  clot:
    name: "Trombosis venosa profunda"
    plain_name: "Un coágulo"
    short_name: "Coágulo"
    summary: "Un coágulo en una vena."
    helps: "Tratamiento hoy."
    features: {calf-pain: "La pantorrilla se hincha."}
treatments:
  walk: {name: "Caminar", what: "Caminar.", who: "Usted.", helps: "Ayuda.", evidence: "Buenos ensayos."}
""")
    out = knowledge_in("xx", KNOWLEDGE, locales)
    assert out["conditions"][0]["features"]["calf-pain"] == {"fit": "typical", "why": "La pantorrilla se hincha."}
    assert out["treatments"][0]["evidence"] == {"rating": "recommended", "text": "Buenos ensayos."}
    assert out["symptoms"][0]["label"] == "Dolor de pantorrilla"
    assert KNOWLEDGE["symptoms"][0]["label"] == "Calf pain"  # the facts are not changed in place


def test_a_missing_text_is_named_with_file_line_and_id(tmp_path):
    locales = _words(tmp_path, """\
symptoms:
  calf-pain: {label: "Dolor de pantorrilla"}
conditions:
  clot:
    name: "Trombosis venosa profunda"
""")
    with pytest.raises(InputError) as err:
        knowledge_in("xx", KNOWLEDGE, locales)
    text = str(err.value)
    assert "xx/knowledge.yml:2:" in text and "symptoms.calf-pain.description: has no text in this language" in text
    assert "conditions.clot.features.calf-pain" in text and "'The calf swells.'" in text
    assert "treatments.walk.evidence" in text
    assert "conditions.clot.name" not in text


def test_english_is_the_facts_themselves():
    assert knowledge_in("en", KNOWLEDGE) is KNOWLEDGE


CLINIC = """\
language: en-GB
languages: [en, xx]
contact: {address: 1 High Street, hours: {en: Mondays, xx: Lunes}}
region:
  name: {en: Here, xx: Aquí}
  emergency: {action: Call 999.}
footer: {en: Footer, fr: Pied}
legal: {en: Legal, xx: Legal}
reviewer: {role: {en: Doctor, xx: Médica}}
site_url: https://e.org/
translation_reviewers: {xx: {name: Dr B, role: GP}}
"""


def test_clinic_texts_are_checked_per_language(tmp_path):
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "ui.yml").write_text("site: {}\n", encoding="utf-8")
    found = [str(p) for p in clinic_problems(yamlsource.parse(CLINIC, "clinic.yml"), tmp_path)]
    assert any("clinic.yml:6:" in p and "region.emergency.action: is one text, but the site is published in en, xx"
               in p for p in found)
    assert any("footer: has no text for 'xx'" in p for p in found)
    assert any("clinic.yml:7:" in p and "footer.fr: 'fr' is not a language this site has words for" in p for p in found)
    assert not any("address" in p or "hours" in p or "legal" in p for p in found)  # one address is fine
    assert len(found) == 3


def test_a_language_without_words_is_named(tmp_path):
    found = [str(p) for p in clinic_problems(yamlsource.parse(CLINIC, "clinic.yml"), tmp_path)]
    assert any("clinic.yml:2:" in p and "there are no words for 'xx'" in p for p in found)


def test_the_first_language_is_the_clinic_language(tmp_path):
    text = CLINIC.replace("languages: [en, xx]", "languages: [xx, en]")
    found = [str(p) for p in clinic_problems(yamlsource.parse(text, "clinic.yml"), tmp_path)]
    assert any("the first language is 'xx' but language is 'en-GB'" in p for p in found)


def test_a_clinic_in_one_language():
    clinic = yamlsource.parse(CLINIC.replace("fr: Pied", "xx: Pie"), "clinic.yml").data
    xx = clinic_in(Language("xx", root=False), clinic)
    assert xx["contact"] == {"address": "1 High Street", "hours": "Lunes"}
    assert xx["region"]["name"] == "Aquí" and xx["footer"] == "Pie" and xx["reviewer"]["role"] == "Médica"
    assert xx["site_url"] == "https://e.org/xx/" and xx["language"] == "xx"
    assert xx["translation_reviewer"] == {"name": "Dr B", "role": "GP"}
    en = clinic_in(Language("en", root=True), clinic)
    assert en["site_url"] == "https://e.org/" and en["language"] == "en-GB" and en["translation_reviewer"] is None


def test_english_alone_when_no_languages_are_named():
    assert published({"language": "en-US"}) == [Language("en", root=True)]
    assert [(lang.code, lang.prefix) for lang in published({"language": "en", "languages": ["en", "es"]})] == [
        ("en", ""), ("es", "es/")]


def test_a_missing_page_is_named(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "pages").mkdir()
    for name in ("index.md", "causes.md"):
        (tmp_path / "docs" / name).write_text("# x\n", encoding="utf-8")
    (tmp_path / "pages" / "index.md").write_text("# x\n", encoding="utf-8")
    found = [str(p) for p in languages.page_problems(tmp_path / "pages", tmp_path / "docs")]
    assert len(found) == 1 and "pages/causes.md" in found[0] and "Translate docs/causes.md" in found[0]


def test_a_translated_page_says_who_reviewed_it_or_that_nobody_has():
    from sitekit.site_config import translation_notice

    ui = {"translation": {"reviewed_by": "Revisada por {name}, {role}.", "awaiting_review_title": "Sin revisar",
                          "awaiting_review": "Nadie la ha revisado."}}
    assert translation_notice(ui, {"translation_reviewer": None}) == {
        "reviewed": False, "title": "Sin revisar", "text": "Nadie la ha revisado."}
    reviewed = translation_notice(ui, {"translation_reviewer": {"name": "Dra. B <x>", "role": "GP"}})
    assert reviewed == {"reviewed": True, "text": "Revisada por Dra. B <x>, GP."}  # escaped once, by the theme


def test_each_page_links_to_its_twin_from_where_it_is():
    from types import SimpleNamespace

    from sitekit.pages import Page
    from sitekit.project import Edition
    from sitekit.site_config import twins
    from sitekit.words import Words

    def edition(code: str, root: bool) -> Edition:
        pages = [Page("index.md", "", "", "", "", ""), Page("causes.md", "causes/", "", "", "", "")]
        # Only the words of a language's name are read of its knowledge.
        knowledge = SimpleNamespace(words=Words(code, {"site": {"language_name": code}}, "ui.yml"))
        return Edition(Language(code, root), knowledge, {"site_url": "https://e.org/" + ("" if root else f"{code}/")},
                       pages)

    en, es = edition("en", True), edition("es", False)
    causes = en.pages[1]
    assert [(t["lang"], t["href"], t["url"], t["current"]) for t in twins(en, causes, [en, es])] == [
        ("en", "../causes/", "https://e.org/causes/", True), ("es", "../es/causes/", "https://e.org/es/causes/", False)]
    assert [t["href"] for t in twins(es, es.pages[0], [en, es])] == ["../", "../es/"]
    assert [t["href"] for t in twins(es, causes, [en, es])] == ["../../causes/", "../../es/causes/"]
