"""Hostile strings put into every text field of both YAML files, each tagged with a marker.

Each field gets its own marker (``Zq017``) followed by all of the strings, so a test can find the
field's text in the built site and check that it is shown literally. The strings that would run
(a <script>, an on...= handler, a javascript: URL) are refused by the build, so they are not
here: the corpus (test_corpus.py) checks that each is refused.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from helpers import REGION_SCHEMA
from sitekit import regions, yamlsource
from sitekit.levels import ACTION_LEVELS

SHOWN = [
    "{{ 7*7 }}",
    "{% raw %}x{% endraw %}",
    "</script><b>bold</b>",
    "]]> <![CDATA[ x",
    '"><img src=x alt=q>',
    "it's \"quoted\"",
    "Smith & Jones &amp; co",
    "\u202eRTL\u202c and zero\u200bwidth",
    "<!-- c --> {# j #} ${x} `tick`",
]

# The region's texts are written over the region file's (region: use:); a level's number becomes
# its marker's digits, so that its action still contains it. Two service words, which pages and
# knowledge texts use as ((gp)) and ((physio)).
CLINIC_TEXT = [("name",), ("short_name",), ("contact", "address"), ("contact", "hours"),
               ("region", "name"), *(("region", level, "action") for level in ACTION_LEVELS),
               ("region", "words", "gp"), ("region", "words", "physio"),
               ("reviewer", "name"), ("reviewer", "role"), ("footer",), ("legal",)]
KNOWLEDGE_TEXT = {"name", "short_name", "summary", "why", "question", "note", "publisher", "title",
                  "description", "label", "cautions", "text", "helps", "what", "who"}


def marker(n: int) -> str:
    return f"Zq{n:03d}"


def _set(data: dict, path: tuple, value: str) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def unshown(project: Path) -> set[str]:
    """Fields the site does not show: the region's name, and the short names of sources no
    treatment or condition cites (the tables and the condition boxes cite by short name).
    Read from the poisoned files, so call it after poison()."""
    clinic = yaml.safe_load((project / "clinic.yml").read_text(encoding="utf-8"))
    knowledge = yaml.safe_load((project / "data/knowledge.yml").read_text(encoding="utf-8"))
    cited = ({s for t in knowledge["treatments"] for s in t["evidence"]["sources"]}
             | {s for c in knowledge["conditions"] for s in c["sources"]})
    texts = [clinic["region"]["name"]] + [s["short_name"] for s in knowledge["sources"]
                                          if s["id"] not in cited and "short_name" in s]
    return {t.split()[0] for t in texts}


def poison(project: Path) -> dict[str, str]:
    """Rewrite the project's clinic.yml and data/knowledge.yml; return {marker: full text}."""
    placed: dict[str, str] = {}

    def tag(original: str) -> str:  # every string in every field, after the field's marker
        n = len(placed)
        text = f"{marker(n)} " + " ~ ".join(SHOWN)
        placed[marker(n)] = text
        return text

    clinic_path = project / "clinic.yml"
    whole = regions.whole_region(yamlsource.load(clinic_path, "clinic.yml"), project / "regions", REGION_SCHEMA)
    clinic = yaml.safe_load(clinic_path.read_text(encoding="utf-8"))
    for path in CLINIC_TEXT:
        text = tag("")
        _set(clinic, path, text)
        if path[0] == "region" and path[-1] == "action" and whole[path[1]].get("number"):
            _set(clinic, (*path[:-1], "number"), text.split()[0][2:])  # Zq003 -> 003
    clinic["contact"]["email"] = "first.last+knee@example.org"  # the + must survive the mailto: link
    # English alone: the other languages' pages come from the same templates, with words from
    # locales/ (not poisoned here); every clinic text is one plain text.
    clinic["languages"] = ["en"]
    # The made-up-clinic notice shown, whatever the fork's clinic says: it is one more place the
    # clinic's name is written into a page.
    clinic["example"] = True
    for key in ("last_reviewed", "next_review"):
        clinic[key] = str(clinic[key])
    clinic_path.write_text(yaml.safe_dump(clinic, allow_unicode=True, sort_keys=False), encoding="utf-8")

    knowledge_path = project / "data/knowledge.yml"
    knowledge = yaml.safe_load(knowledge_path.read_text(encoding="utf-8"))

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: (tag(v) if k in KNOWLEDGE_TEXT and isinstance(v, str) else walk(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    knowledge_path.write_text(yaml.safe_dump(walk(knowledge), allow_unicode=True, sort_keys=False),
                              encoding="utf-8")
    return placed
