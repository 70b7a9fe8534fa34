"""Checks of a built site against the clinic's region, for any clinic: each level's action and
number on the pages, in the checker and in the handouts; and no service word of another region."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from helpers import REGION_SCHEMA
from pypdf import PdfReader
from sitekit import regions, yamlsource
from sitekit.levels import ACTION_LEVELS

# The UK's service words, as a US reader must never meet them.
UK_WORDS = re.compile(r"\b(GPs?|A&E|NHS 111|111|physiotherap(?:ist|ists|y)|physio|urgent treatment centres?)\b",
                      re.I)


def level_actions(clinic_file: Path, regions_dir: Path, lang: str) -> dict[str, tuple[str, str | None]]:
    """Each level's action (in ``lang``) and number, from the clinic file and the region it names."""
    region = regions.whole_region(yamlsource.load(clinic_file, clinic_file.name), regions_dir, REGION_SCHEMA)
    out = {}
    for level in ACTION_LEVELS:
        action = region[level]["action"]
        out[level] = (action[lang] if isinstance(action, dict) else action, region[level].get("number"))
    return out


def squeeze(text: str) -> str:
    """Text with no whitespace, so that line breaks (on paper) do not matter."""
    return "".join(html.unescape(text).split())


def page_text(path: Path) -> str:
    return squeeze(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def pdf_text(path: Path) -> str:
    return squeeze(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def missing_levels(site: Path, actions: dict[str, tuple[str, str | None]], prefix: str = "") -> list[str]:
    """What the built pages (every page's help block; When to get help's tel: links), the checker's
    data and the handouts lack of each level's action and number."""
    missing = []
    root = site / prefix
    pages = sorted(p for p in root.glob("**/index.html") if prefix or len(p.relative_to(root).parts[0]) != 2)
    help_page = (root / "when-to-get-help/index.html").read_text(encoding="utf-8")
    checker = (root / "symptom-checker/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" data-sc-data>(.*?)</script>', checker, re.S)[1])
    by_level = {o["level"]: o for o in data["outcomes"]}
    handouts = {name: pdf_text(root / f"handouts/{name}.pdf") for name in ("when-to-get-help", "symptom-checker")}
    for level, (action, number) in actions.items():
        for page in pages:
            if squeeze(action) not in page_text(page):
                missing.append(f"{page.relative_to(site)}: the {level} action {action!r}")
        if (by_level[level]["action"], by_level[level]["number"]) != (action, number):
            missing.append(f"checker data: {level} is {by_level[level]['action']!r}, {by_level[level]['number']!r}")
        if number and f'href="tel:{number.replace(" ", "")}"' not in help_page:
            missing.append(f"when-to-get-help: no tel: link for {level}'s {number}")
        for name, text in handouts.items():
            if name == "when-to-get-help" and squeeze(action) not in text:
                missing.append(f"handouts/{name}.pdf: the {level} action {action!r}")
            if number and squeeze(number) not in text:
                missing.append(f"handouts/{name}.pdf: the {level} number {number}")
    return missing


def foreign_words(site: Path, knowledge_file: Path, own_names: list[str]) -> dict[str, list[str]]:
    """UK service words in the site's pages and handouts, leaving out the list of sources and the
    sources' own names wherever they are cited, and the clinic's own names."""
    knowledge = yamlsource.load(knowledge_file, knowledge_file.name).data
    names = sorted({s[k] for s in knowledge["sources"] for k in ("title", "publisher", "short_name", "url", "note")
                    if s.get(k)} | set(own_names), key=len, reverse=True)
    found = {}
    for path in sorted([*site.rglob("*.html"), *site.rglob("*.pdf")]):
        if path.suffix == ".pdf":  # the list of sources stays on the web page
            text = " ".join(p.extract_text() or "" for p in PdfReader(path).pages)
        else:
            raw = re.sub(r'<ol class="kb-sources">.*?</ol>', " ", path.read_text(encoding="utf-8"), flags=re.S)
            # the text between the tags, and the words readers meet in attributes (tooltips, alt text)
            said = re.findall(r'\s(?:title|alt|aria-label|content|placeholder)="([^"]*)"', raw)
            text = html.unescape(re.sub(r"<[^>]+>", " ", raw) + " " + " ".join(said))
        text = " ".join(text.split())
        for name in names:
            text = text.replace(" ".join(name.split()), " ")
        hits = sorted({m[0] for m in UK_WORDS.finditer(text)})
        if hits:
            found[path.relative_to(site).as_posix()] = hits
    return found
