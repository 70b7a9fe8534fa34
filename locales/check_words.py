"""Which words a language still lacks, and which it keeps for ids that are gone.

Every reader-visible text of data/knowledge.yml must have its translation in
locales/<lang>/knowledge.yml, keyed by list and id (see TEXT_FIELDS); every key of
locales/en/ui.yml must be in locales/<lang>/ui.yml, with the same {placeholders}; every page of
docs/ must be in locales/<lang>/pages/, with the same anchors, include lines, link targets and
front matter keys. Anything in a
locale file that the English no longer has is reported too, so a renamed id shows up at once.

Usage: python locales/check_words.py [LANG ...]   (default: every folder in locales/ except en)
       python locales/check_words.py --published  (every language clinic.yml publishes, but en:
                                                   what `make check` runs)
Prints one line per problem (file, line, key, what to do); exit 1 when there is any.
Needs PyYAML and the build's own list of texts (scripts/sitekit/languages.py).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

LOCALES = Path(__file__).resolve().parent
ROOT = LOCALES.parent
KNOWLEDGE = ROOT / "data" / "knowledge.yml"
DOCS = ROOT / "docs"
SOURCE_LANG = "en"  # the English words live in data/knowledge.yml and locales/en/ui.yml

# The knowledge file's reader-visible texts, as the build reads them (one list, in sitekit).
sys.path.insert(0, str(ROOT / "scripts"))
from sitekit.languages import english_texts  # noqa: E402

PLACEHOLDER = re.compile(r"\{(\w+)\}")
# What a translated page must keep from the English one, so links, includes and the checker work.
ANCHOR = re.compile(r"\{#([\w-]+)\}")
INCLUDE = re.compile(r"^\s*--8<--.*$", re.M)
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
FRONT_KEY = re.compile(r"^(\w+):", re.M)
Key = tuple[str, ...]


class Problem(Exception):
    """A file that cannot be read; the message says where and what to do."""


def show(key: Key) -> str:
    return " > ".join(key)


def rel(path: Path) -> str:
    """A path as the reader types it: from the repository root."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def read_texts(path: Path) -> tuple[dict[Key, str], dict[Key, int]]:
    """A locale file's texts by key path, and the line each key starts on."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise Problem(f"{rel(path)}: file missing. Create it: copy the English one, translate the values.") from None
    except (OSError, UnicodeDecodeError) as err:
        raise Problem(f"{rel(path)}: cannot be read as UTF-8 text ({err}).") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{rel(path)}:{mark.line + 1}" if mark else rel(path)
        what = getattr(err, "problem", None) or err
        raise Problem(f"{where}: not valid YAML ({what}). Fix the quoting or indentation there.") from None
    texts: dict[Key, str] = {}
    lines: dict[Key, int] = {}
    problems: list[str] = []

    def walk(node: yaml.Node, key: Key) -> None:
        lines[key] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in node.value:
                child = (*key, str(k.value))
                if child[-1] in seen:
                    problems.append(f"{rel(path)}:{k.start_mark.line + 1}: {show(child)}: given twice. Keep one.")
                seen.add(child[-1])
                walk(v, child)
        elif isinstance(node, yaml.SequenceNode):  # a list of texts (month names): keyed by position
            for i, item in enumerate(node.value):
                walk(item, (*key, str(i + 1)))
        elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and node.value.strip():
            texts[key] = node.value
        else:
            problems.append(f"{rel(path)}:{lines[key]}: {show(key)}: expected text, a list or a map of texts. "
                            "Write the words in quotes.")

    if root is not None:
        walk(root, ())
    if problems:
        raise Problem("\n".join(problems))
    return texts, lines


def compare(path: Path, wanted: dict[Key, str], have: dict[Key, str], lines: dict[Key, int]) -> list[str]:
    """Missing keys (with the English), keys the English no longer has, and changed placeholders."""
    problems = [f"{rel(path)}: {show(k)}: missing. Add its translation of: {wanted[k]!r}"
                for k in wanted if k not in have]
    prefixes = {k[:n] for k in wanted for n in range(1, len(k) + 1)}
    stale: set[Key] = set()
    for key in have:
        if key not in wanted:
            top = next(key[:n] for n in range(1, len(key) + 1) if key[:n] not in prefixes)
            stale.add(top)
    problems += [f"{rel(path)}:{lines.get(k, 0)}: {show(k)}: not in the English any more. "
                 "Remove it, or move it to the new id." for k in sorted(stale)]
    for key in wanted.keys() & have.keys():
        if set(PLACEHOLDER.findall(wanted[key])) != set(PLACEHOLDER.findall(have[key])):
            problems.append(f"{rel(path)}:{lines.get(key, 0)}: {show(key)}: placeholders differ from the English "
                            f"{sorted(set(PLACEHOLDER.findall(wanted[key])))}. Keep the same {{names}}.")
    return problems


def page_parts(text: str) -> dict[str, list[str]]:
    """The parts of a page that must not change in translation."""
    front = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    return {"anchors": ANCHOR.findall(text),
            "include lines": [line.strip() for line in INCLUDE.findall(text)],
            "link targets": LINK_TARGET.findall(text),
            "front matter keys": FRONT_KEY.findall(front[1] if front else "")}


def compare_pages(folder: Path) -> list[str]:
    """Each page of docs/ has its translation, with the same anchors, includes, links and keys."""
    problems = []
    for english in sorted(DOCS.glob("*.md")):
        page = folder / english.name
        if not page.is_file():
            problems.append(f"{rel(page)}: missing. Translate {rel(english)}.")
            continue
        want, have = page_parts(english.read_text(encoding="utf-8")), page_parts(page.read_text(encoding="utf-8"))
        problems += [f"{rel(page)}: {part} differ from {rel(english)}: expected {want[part]}, found {have[part]}. "
                     "Keep them exactly as in English." for part in want if want[part] != have[part]]
    problems += [f"{rel(extra)}: no such page in docs/. Remove it, or rename it to its English name."
                 for extra in sorted(folder.glob("*.md")) if not (DOCS / extra.name).is_file()]
    return problems


def check(lang: str) -> list[str]:
    folder = LOCALES / lang
    problems: list[str] = []
    try:
        knowledge = yaml.safe_load(KNOWLEDGE.read_text(encoding="utf-8")) or {}
        wanted = english_texts(knowledge)
        have, lines = read_texts(folder / "knowledge.yml")
        problems += compare(folder / "knowledge.yml", wanted, have, lines)
    except yaml.YAMLError as err:
        problems.append(f"{rel(KNOWLEDGE)}: not valid YAML ({err}). Run scripts/generate.py for a located error.")
    except Problem as err:
        problems.append(str(err))
    try:
        english_ui, _ = read_texts(LOCALES / SOURCE_LANG / "ui.yml")
        have_ui, ui_lines = read_texts(folder / "ui.yml")
        problems += compare(folder / "ui.yml", english_ui, have_ui, ui_lines)
    except Problem as err:
        problems.append(str(err))
    return problems + compare_pages(folder / "pages")


def published() -> list[str]:
    """The languages clinic.yml publishes, but English (whose words are the source)."""
    from sitekit.languages import published as languages

    clinic = yaml.safe_load((ROOT / "clinic.yml").read_text(encoding="utf-8"))
    return [language.code for language in languages(clinic) if language.code != SOURCE_LANG]


def main(argv: list[str]) -> int:
    if argv == ["--published"]:
        argv = published()
        if not argv:
            print("clinic.yml publishes no language but English: no words to check.")
            return 0
    langs = argv or sorted(p.name for p in LOCALES.iterdir() if p.is_dir() and p.name != SOURCE_LANG)
    failed = False
    for lang in langs:
        if not (LOCALES / lang).is_dir():
            print(f"{rel(LOCALES / lang)}: no such language folder. Create it, or check the name.")
            failed = True
            continue
        problems = check(lang)
        for line in problems:
            print(line)
        print(f"{lang}: {'complete' if not problems else f'{len(problems)} problem(s)'}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
