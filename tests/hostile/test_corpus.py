"""Careless and hostile edits of the real input files: each gives a located error (file, line,
key) with the words that say what is wrong, and nothing is written. Fast: no build, no browser.

Each case is one small edit of a copy of the frozen example clinic file
(tests/fixtures/example-clinic), data/knowledge.yml or a page; the expected line is where the
edit was made (or the line named in ``line``), never read from the code's own output. What a
knowledge or page case edits is found in the file itself (a key's line, a page's title line),
so the cases hold whatever a clinic wrote there.
"""
from __future__ import annotations

import os
import struct
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import EXAMPLE_CLINIC, copy_inputs, edit, edit_key, key_place, yaml_data
from helpers import generation_errors as _generation_errors


def generation_errors(project: Path) -> list[str]:
    """The problems, with the scratch project's folder taken off the file names."""
    return [e.replace(f"{project}/", "") for e in _generation_errors(project)]

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'


@dataclass(frozen=True)
class Case:
    name: str
    file: str          # the file edited, as the error names it
    old: str
    new: str
    key: str           # the key the error must name ("" when the error is about the file)
    words: str         # words the message must contain
    line_shift: int = 0  # the error's line, relative to the edited line
    column: int | None = None
    # A knowledge case: from the file's data, the key whose line is rewritten and its new text
    # from the key on ("{indent}" stands for the key's indentation, for lines added after it).
    at: Callable[[dict], tuple[tuple, str]] | None = None


def _clinic(name, old, new, key, words, **kw) -> Case:
    return Case(name, "clinic.yml", old, new, key, words, **kw)


def _knowledge(name, at, key, words, **kw) -> Case:
    return Case(name, "data/knowledge.yml", "", "", key, words, at=at, **kw)


def _knowledge_text(name, old, new, key, words, **kw) -> Case:
    """A knowledge case that edits today's wording (still to be made a data-found edit, as _knowledge)."""
    return Case(name, "data/knowledge.yml", old, new, key, words, **kw)


def _page(name, old, new, key, words, page="docs/anatomy.md", **kw) -> Case:
    return Case(name, page, old, new, key, words, **kw)


def _first_feature(data: dict) -> tuple:
    return ("conditions", 0, "features", next(iter(data["conditions"][0]["features"])))


TOP = "\n# "  # the start of a page's title line: the page cases put their text on a line just before it
CASES = [
    # Script in input (items 1 and "pages, YAML text")
    _clinic("script in the clinic name", "name: Example Spine and Knee Clinic",
            "name: 'Example Clinic\"><script>alert(document.domain)</script><meta name=\"x'", "name", "<script>"),
    _clinic("event handler in the footer", "  en: Health", "  en: <img src=x onerror=alert(1)> Health", "footer.en",
            "onerror="),
    _clinic("javascript: URL in the address", "address: 1 Example", "address: javascript:alert(1) 1 Example",
            "contact.address", "javascript:"),
    _knowledge("script in a symptom label",
               lambda d: (("symptoms", 2, "label"), "label: Pain <script>alert(1)</script>"), "symptoms[2].label",
               "<script>"),
    _page("raw script in a page", TOP, "\n<script>alert(1)</script>\n" + TOP, "", "<script>", column=1),
    _page("event handler in a page", TOP, '\n<img src="x.png" alt="" onerror="alert(1)">\n' + TOP, "", "onerror="),
    _page("javascript: link in a page", TOP, "\n[click](javascript:alert(1))\n" + TOP, "", "javascript:"),
    # Ids shared by the checker's lists (item 3), sections shared by two conditions
    _knowledge("warning sign with a symptom's id",
               lambda d: (("warning_signs", 0, "id"), f"id: {d['symptoms'][0]['id']}"), "warning_signs[0].id",
               "also a symptom id"),
    _knowledge("two conditions, one section",
               lambda d: (("conditions", 1, "section"), f"section: {d['conditions'][0]['section']}"),
               "conditions[1].section", "also the section of conditions[0]"),
    # What sets a condition apart, and what argues against it: ids that exist, in one list only
    _knowledge_text("unknown symptom that sets a condition apart", "distinguishing: [walk-eases-sitting]",
               "distinguishing: [walk-eases-sittin]", "conditions[3].distinguishing[0]", "no symptom with the id"),
    _knowledge_text("unknown symptom in a distinguishing pair", "distinguishing: [lump-behind-knee]",
               "distinguishing: [[lump-behind-knee, knee-bak]]", "conditions[7].distinguishing[0][1]",
               "did you mean 'knee-back'"),
    _knowledge_text("unknown symptom against a condition", "against: [walk-eases-sitting]",
               "against: [walk-eases-siting]", "conditions[0].against[0]", "no symptom with the id"),
    _knowledge_text("distinguishing answer the condition does not rate", "distinguishing: [calf-walk-eases-standing]",
               "distinguishing: [knee-back]", "conditions[13].distinguishing[0]", "typical or possible"),
    _knowledge_text("one answer both for and against", "against: [weakness]", "against: [outer-thigh]",
               "conditions[11].against[0]", "argues against it"),
    # YAML reading (items 5, 6, 7)
    _clinic("duplicate key", "short_name: Example Clinic\n", "short_name: Example Clinic\nname: Other\n", "name",
            "written twice (lines 7 and 9)", line_shift=1),
    _knowledge("duplicate key in a condition",
               lambda d: (("conditions", 0, "kind"), f"kind: {d['conditions'][0]['kind']}\n{{indent}}kind: mimic"),
               "conditions[0].kind", "written twice", line_shift=1),
    _knowledge("number as a key", lambda d: (_first_feature(d), '123: {fit: typical, why: "x"}'),
               "conditions[0].features.123", "is not text"),
    _knowledge("null as a key", lambda d: (_first_feature(d), 'null: {fit: typical, why: "x"}'),
               "conditions[0].features.null", "is not text"),
    _clinic("true as a key", "paper: A4", "paper: A4\ntrue: 1", "true", "is not text", line_shift=1),
    _clinic("alias", "    en: Consultant in musculoskeletal medicine", "    en: *who", "", "alias '*who'", column=9),
    _clinic("unquoted colour", 'primary: "#005a70"', "primary: #005a70", "colors.primary", "put the value in quotes"),
    _clinic("not YAML", "example: true ", "example: [true", "", "a ] or a comma is missing in the list that starts"),
    # Dates (item 6)
    _clinic("date that does not exist", "last_reviewed: 2026-11-24", "last_reviewed: 2026-13-45", "last_reviewed",
            "not a real date"),
    _clinic("29 February in a common year", "next_review: 2029-11-24", "next_review: 2029-02-29", "next_review",
            "not a real date"),
    # Web addresses and single-line fields (item 7)
    _clinic("http site_url", "site_url: https://", "site_url: http://", "site_url", "uses http://"),
    _clinic("http booking_url", "booking_url: https://", "booking_url: http://", "contact.booking_url", "uses http://"),
    _clinic("site_url without a final /", "site_url: https://example.org/sciatica-knee-pain/",
            "site_url: https://example.org/sciatica-knee-pain", "site_url", "does not end with /"),
    _clinic("quote in site_url", "site_url: https://example.org/sciatica-knee-pain/",
            "site_url: 'https://example.org/\"x/'", "site_url",
            "not allowed"),
    _clinic("newline at the end of a URL", "booking_url: https://example.org/book",
            'booking_url: "https://example.org/book\\n"', "contact.booking_url", "not allowed"),
    _clinic("newline at the end of the language", "language: en-GB", 'language: "en-GB\\n"', "language", "not allowed"),
    _clinic("newline at the end of a colour", 'primary: "#005a70"', 'primary: "#005a70\\n"', "colors.primary",
            "not allowed"),
    _clinic("newline at the end of the e-mail", "email: hello@example.org", 'email: "hello@example.org\\n"',
            "contact.email", "not allowed"),
    _clinic("newline at the end of the phone", 'phone: "0100 000 0000"', 'phone: "0100 000 0000\\n"', "contact.phone",
            "not allowed"),
    _clinic("& in the e-mail", "email: hello@example.org", "email: a&b@example.org", "contact.email", "right form"),
    _clinic("control character in the file", "  en: Health", "  en: \x07Health", "", "U+0007", column=7),
    _clinic("escaped control character in the legal text", "  en: This site gives general information.",
            '  en: "\\u0007This site gives general information." #', "legal.en", "U+0007"),
    # Front matter (item 6)
    _page("front matter that is not YAML", "description: How", "description: [How", "", "is not valid YAML: a ]"),
    _clinic("a colon missing", "short_name: Example Clinic", "short_name Example Clinic", "",
            "a colon is missing on line"),
    _page("front matter date that does not exist", "description: How", "last_reviewed: 2026-13-45\ndescription: How",
          "last_reviewed", "not a real date"),
    _page("front matter that is a list", "description: How the nerves", "- a list\n- not: keys\n#", "", "not a set of keys"),  # noqa: E501
    _page("unknown front matter key", "description: How", "reviwed: 2026-01-01\ndescription: How", "reviwed",
          "unknown key"),
    _page("front matter with a duplicate key", "description: How", "title: A\ntitle: B\ndescription: How", "title",
          "written twice", line_shift=1),
    # The region: service words, levels and numbers
    _page("unknown service word in a page", TOP, "\nSee a ((doctr)).\n" + TOP, "((doctr))", "not a service word",
          column=7),
    _page("service word in front matter", "description: How", "description: See a ((gp))", "front matter",
          "is in the front matter"),
    _knowledge_text("unknown service word in a knowledge text", "heading: See a ((gp)) or ((physio)) soon",
               "heading: See a ((gp)) or ((physo)) soon", "outcomes[3].heading", "Did you mean ((physio))?"),
    _clinic("service word with no value", "  use: uk\n", "  use: uk\n  words: {gp: ''}\n", "region.words.gp",
            "is empty", line_shift=1),
    _clinic("region that does not exist", "  use: uk", "  use: gb", "region.use", "there is no region 'gb'"),
    _clinic("level spelled the old way", "  use: uk\n", "  use: uk\n  see_doctor: {action: Book a visit.}\n",
            "region.see_doctor", "unknown key 'see_doctor'", line_shift=1),
    _clinic("level that does not exist", "  use: uk\n", "  use: uk\n  soon: {action: Book a visit.}\n",
            "region.soon", "emergency-department, urgent, see-doctor", line_shift=1),
    _clinic("action without its number", "  use: uk\n",
            "  use: uk\n  urgent: {action: {en: Call the urgent line today., es: Llame hoy al 111.}}\n",
            "region.urgent.action.en", "does not contain its number 111", line_shift=1),
    _clinic("number changed, actions not", "  use: uk\n", "  use: uk\n  emergency: {number: '112'}\n",
            "region.emergency.number", "does not contain its number 112", line_shift=1),
    Case("translated number that became another", "regions/uk.yml", "es: Llame al 999 o vaya",
         "es: Llame al 112 o vaya", "emergency.action.es", "does not contain its number 999"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_edit_gives_a_located_error(tmp_path, case: Case):
    project = copy_inputs(tmp_path)
    path = project / case.file
    if case.at:
        keys, new = case.at(yaml_data(path))
        indent = " " * (key_place(path, keys)[1] - 1)
        line = edit_key(path, keys, new.replace("{indent}", indent))
    else:
        line = edit(path, case.old, case.new) + case.old[: case.old.find(case.old.strip()[:1])].count("\n")
    errors = generation_errors(project)
    where = f"{case.file}:{line + case.line_shift}:" + (f"{case.column}:" if case.column else "")
    key = f" {case.key}:" if case.key else ""
    assert any(e.startswith(where) and (key in e) and case.words.lower() in e.lower() for e in errors), errors



def test_a_service_word_the_region_lacks_is_named_where_the_page_uses_it(tmp_path):
    """The US region has no urgent phone line: a page that names one stops the build at its line."""
    project = copy_inputs(tmp_path)
    edit(project / "clinic.yml", "  use: uk", "  use: us")
    edit(project / "docs/anatomy.md", TOP, "\nCall ((urgent-line)) for advice.\n" + TOP)
    line = (project / "docs/anatomy.md").read_text(encoding="utf-8").split("\n").index(
        "Call ((urgent-line)) for advice.") + 1
    errors = generation_errors(project)
    assert any(e.startswith(f"docs/anatomy.md:{line}:6:") and " ((urgent-line)):" in e
               and "no word for ((urgent-line)) in 'en'" in e and "region: words: urgent-line" in e
               for e in errors), errors


# Files that are not UTF-8, and a UTF-8 BOM (which is fine). Each writes one character that is
# not UTF-8 into a line found in the file, and returns that line and column.
def _bad_byte(path: Path, line: int, column: int, raw: bytes) -> tuple[int, int]:
    lines = path.read_bytes().split(b"\n")
    lines[line - 1] = lines[line - 1][: column - 1] + raw + lines[line - 1][column - 1:]
    path.write_bytes(b"\n".join(lines))
    return line, column


def _latin1_clinic(project: Path) -> tuple[int, int]:
    line, column = key_place(project / "clinic.yml", ("contact", "address"))
    return _bad_byte(project / "clinic.yml", line, column + len("address: "), "\xe9".encode("latin-1"))


def _ff_in_knowledge(project: Path) -> tuple[int, int]:
    path = project / "data/knowledge.yml"
    line, _ = key_place(path, ("symptoms", 0, "label"))
    return _bad_byte(path, line, len(path.read_bytes().split(b"\n")[line - 1]) + 1, b"\xff")


def _utf16_clinic(project: Path) -> tuple[int, int]:
    path = project / "clinic.yml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    return 1, 1


def _cp1252_page(project: Path) -> tuple[int, int]:
    path = project / "docs/anatomy.md"
    line = path.read_text(encoding="utf-8").split("\n").index(next(
        t for t in path.read_text(encoding="utf-8").split("\n") if t.startswith("# "))) + 1
    return _bad_byte(path, line, 3, "\xe9".encode("cp1252"))


ENCODINGS = [("clinic.yml", _latin1_clinic), ("data/knowledge.yml", _ff_in_knowledge), ("clinic.yml", _utf16_clinic),
             ("docs/anatomy.md", _cp1252_page)]


@pytest.mark.parametrize("name, spoil", ENCODINGS, ids=["latin-1 clinic", "0xff knowledge", "utf-16 clinic",
                                                        "cp1252 page"])
def test_text_that_is_not_utf8(tmp_path, name, spoil):
    project = copy_inputs(tmp_path)
    line, column = spoil(project)
    errors = generation_errors(project)
    assert any(e.startswith(f"{name}:{line}:{column}:") and "save the file as utf-8" in e.lower() for e in errors), errors  # noqa: E501


def _front_matter(page: Path) -> dict:
    import yaml
    return yaml.safe_load(page.read_text(encoding="utf-8-sig").split("---")[1])


def test_a_utf8_bom_is_fine(tmp_path):
    from helpers import scratch_paths
    from sitekit.pipeline import load_all

    project = copy_inputs(tmp_path)
    for name in ("clinic.yml", "data/knowledge.yml", "docs/anatomy.md"):
        (project / name).write_bytes(b"\xef\xbb\xbf" + (project / name).read_bytes())
    _, clinic, pages = load_all(scratch_paths(project))
    assert clinic["name"] == yaml_data(EXAMPLE_CLINIC / "clinic.yml")["name"]
    assert next(p.description for p in pages if p.file == "anatomy.md") == \
        _front_matter(project / "docs/anatomy.md")["description"]


def test_alias_bomb_fails_fast(tmp_path):
    """The 1.2 KB "billion laughs" file fails at once, without expanding anything."""
    project = copy_inputs(tmp_path)
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    rows += [f"{b}: &{b} [" + ",".join([f"*{a}"] * 9) + "]" for a, b in zip("abcdefgh", "bcdefghi", strict=True)]
    (project / "clinic.yml").write_text("\n".join(rows) + "\n", encoding="utf-8")
    start = time.monotonic()
    errors = generation_errors(project)
    assert time.monotonic() - start < 5.0  # expanding it would take minutes; a busy machine takes a second
    assert any(e.startswith("clinic.yml:2:") and "alias '*a'" in e for e in errors), errors


# Logo and favicon (item 4)
def _png(size: int = 0) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + chunk(b"tEXt", b"x\0" + b"a" * size) + chunk(b"IEND", b"")


IMAGES: list[tuple[str, Callable[[Path], str], str, str]] = [
    ("symlink out of the folder", lambda p: (os.symlink("/proc/self/environ", p / "clinic-assets/fav.png"),
                                             "clinic-assets/fav.png")[1], "favicon", "outside the clinic file's folder"),  # noqa: E501
    ("absolute path", lambda p: "/etc/ssl/x.png", "favicon", "outside the clinic file's folder"),
    ("parent folders", lambda p: "../../../etc/x.png", "favicon", "outside the clinic file's folder"),
    ("20 MB PNG", lambda p: ((p / "clinic-assets/big.png").write_bytes(_png(20 * 1024 * 1024)), "clinic-assets/big.png")[1],  # noqa: E501
     "favicon", "more than the 512 KB allowed"),
    ("PNG that is not a PNG", lambda p: ((p / "clinic-assets/f.png").write_text("GIF89a"), "clinic-assets/f.png")[1],
     "favicon", "is not a PNG file"),
    ("ICO that is not an ICO", lambda p: ((p / "clinic-assets/f.ico").write_bytes(_png()), "clinic-assets/f.ico")[1],
     "favicon", "is not a ICO file"),
    ("SVG that is not SVG", lambda p: ((p / "clinic-assets/f.svg").write_text("hello"), "clinic-assets/f.svg")[1],
     "favicon", "is not an SVG image"),
    ("XML that is not SVG", lambda p: ((p / "clinic-assets/f.svg").write_text("<html/>"), "clinic-assets/f.svg")[1],
     "favicon", "is not an SVG image"),
]
SVGS = [
    ("script", "<script>alert(1)</script>", "<script> element"),
    ("onload", '<g onload="alert(1)"/>', "event handler (onload)"),
    ("foreignObject", "<foreignObject><div xmlns='http://www.w3.org/1999/xhtml'>x</div></foreignObject>",
     "<foreignObject> element"),
    ("external href", '<image href="https://evil.example/x.png"/>', "links to another file"),
    ("external xlink:href", '<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="file:///etc/passwd#x"/>',
     "links to another file"),
    ("javascript href", '<a href="javascript:alert(1)"><circle r="1"/></a>', "links to another file"),
    ("external style", '<rect style="fill:url(https://evil.example/x)"/>', "refers to another file"),
]
for label, body, words in SVGS:
    IMAGES.append((f"SVG with {label}", lambda p, b=body: ((p / "clinic-assets/f.svg").write_text(SVG.format(b)),
                                                        "clinic-assets/f.svg")[1], "favicon", words))
IMAGES.append(("SVG with an entity", lambda p: ((p / "clinic-assets/f.svg").write_text(
    '<!DOCTYPE svg [<!ENTITY a "aaaa">]>' + SVG.format("&a;")), "clinic-assets/f.svg")[1], "favicon",
    "DOCTYPE or entity"))


@pytest.mark.parametrize("label, make, key, words", IMAGES, ids=[i[0] for i in IMAGES])
def test_bad_image(tmp_path, label, make, key, words):
    project = copy_inputs(tmp_path)
    written = make(project)
    line = edit(project / "clinic.yml", "favicon: clinic-assets/favicon.svg", f"favicon: {written}")
    errors = generation_errors(project)
    assert any(e.startswith(f"clinic.yml:{line}:") and f" {key}:" in e and words in e for e in errors), errors


def test_a_plain_svg_with_local_references_is_fine(tmp_path):
    from helpers import scratch_paths
    from sitekit.pipeline import load_all

    project = copy_inputs(tmp_path)
    (project / "clinic-assets/f.svg").write_text(SVG.format(
        '<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/>'))
    edit(project / "clinic.yml", "favicon: clinic-assets/favicon.svg", "favicon: clinic-assets/f.svg")
    assert load_all(scratch_paths(project))[1]["favicon"] == "clinic-assets/f.svg"
