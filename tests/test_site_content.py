"""Completeness, on every built site (the project's clinic and the second clinic) and in every
language it publishes: each fact the knowledge file holds is on the page where it belongs, and
each page carries the clinic's help. What is expected comes from the data that was built (the
knowledge file, its translations and the site's clinic file), never from today's wording, so a
fork that edits a text, adds a condition or publishes other languages keeps these checks."""
from __future__ import annotations

import functools
from pathlib import Path

import yaml
from helpers import PAGES, main_blocks


@functools.cache
def knowledge(project: Path, lang: str) -> dict:
    """The knowledge file as a language's pages show it (its translations filled in)."""
    from sitekit.languages import knowledge_in

    data = yaml.safe_load((project / "data/knowledge.yml").read_text(encoding="utf-8"))
    return knowledge_in(lang, data, project / "locales")


def text_of(site, name: str, lang: str) -> str:
    return _plain(" ".join(main_blocks(site.page(name, lang).read_text(encoding="utf-8"))))


def _plain(text: str) -> str:
    return " ".join(str(text).replace("\u2019", "'").split())


def expected_on_pages(data: dict) -> dict[str, list[str]]:
    """page -> the knowledge texts its main text must hold: Home lists every condition by its
    plain name; each condition's name is on the page of its section; the symptoms page and the
    checker every symptom; the help page and the checker every warning sign; the treatments page
    every treatment; the About page every source."""
    expected: dict[str, list[str]] = {name: [] for name in PAGES}
    expected["index"] += [c["plain_name"] for c in data["conditions"]]
    for condition in data["conditions"]:
        expected[condition["section"].split(".md")[0]].append(condition["name"])
    expected["symptoms"] += [s["label"] for s in data["symptoms"]]
    expected["symptom-checker"] += [s["label"] for s in data["symptoms"]] + [w["label"] for w in data["warning_signs"]]
    expected["when-to-get-help"] += [w["label"] for w in data["warning_signs"]]
    expected["treatments"] += [t["name"] for t in data["treatments"]]
    expected["about"] += [s["title"] for s in data["sources"]]
    return expected


def missing_facts(site, lang: str) -> list[str]:
    found = []
    for name, texts in expected_on_pages(knowledge(site.project, lang)).items():
        page = text_of(site, name, lang)
        found += [f"{lang}/{name}: {text!r}" for text in texts if _plain(text) not in page]
    return found


def test_every_page_holds_the_facts_the_knowledge_puts_there(site):
    """Every condition, symptom, warning sign, treatment and source is on its page, in every
    language the site publishes."""
    assert [fact for lang in site.languages for fact in missing_facts(site, lang)] == []


def test_every_page_has_the_clinic_help(site):
    """The help block on every page: the region's emergency action and the clinic's phone."""
    from sitekit.languages import clinic_in, published

    missing = []
    for language in published(site.clinic):
        clinic = clinic_in(language, site.clinic)
        for name in PAGES:
            page = text_of(site, name, language.code)
            for text in (clinic["region"]["emergency"]["action"], clinic["contact"]["phone"]):
                if _plain(text) not in page:
                    missing.append(f"{language.code}/{name}: {text!r}")
    assert missing == []


def test_the_check_finds_a_missing_fact(site, monkeypatch):
    """A symptom the pages do not show is named (so the check above can fail)."""
    import sys

    lang = next(iter(site.languages))
    data = knowledge(site.project, lang)
    extra = {**data, "symptoms": [*data["symptoms"], {**data["symptoms"][0], "label": "Xyzzy knee hum"}]}
    monkeypatch.setattr(sys.modules[__name__], "knowledge", lambda project, code: extra)
    assert missing_facts(site, lang) == [f"{lang}/{name}: 'Xyzzy knee hum'" for name in ("symptoms", "symptom-checker")]


def test_every_source_supports_something():
    """Each source in the knowledge file is cited by a fact in it, or linked from a page."""
    from helpers import ROOT
    knowledge = yaml.safe_load((ROOT / "data/knowledge.yml").read_text(encoding="utf-8"))
    cited = set()
    for item in knowledge["conditions"] + knowledge["warning_signs"] + knowledge["outcomes"] + knowledge["outcome_rules"]:  # noqa: E501
        cited |= set(item["sources"])
    for treatment in knowledge["treatments"]:
        cited |= set(treatment["evidence"]["sources"])
    for exercise in knowledge.get("exercises") or []:
        cited |= set(exercise["sources"])
    pages = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    unused = [s["id"] for s in knowledge["sources"] if s["id"] not in cited and f"#source-{s['id']}" not in pages]
    assert unused == [], f"sources that support nothing: {unused}"
