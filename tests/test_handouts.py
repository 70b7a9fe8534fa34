"""The printable PDF handouts in site/handouts/ (12 pt) and site/handouts/large/ (16 pt): present,
readable in size, written for paper, complete, linked, labelled and reproducible. The site (with its
handouts) is built once by the `built_site` fixture; each PDF's text runs are read once (pypdf)."""
from __future__ import annotations

import math
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import cache, lru_cache
from pathlib import Path

import pytest
from helpers import PAGES, ROOT, copy_site_without_handouts, page_file, site_languages, use_clinic
from pypdf import PdfReader
from sitekit.levels import SIGN_LEVELS
from sitekit.paper_html import parse
from sitekit.pipeline import Paths, load_inputs
from sitekit.render import environment
from sitekit.words import read

PAPER_POINTS = {"A4": (595, 842), "Letter": (612, 792)}
SIZES = {"": 12, "large/": 16}  # folder under handouts/ -> smallest type allowed, in points
TABLE_POINTS = 11  # the least a table may print at, in points
ALL = [f"{folder}{name}" for folder in SIZES for name in [*PAGES, "booklet"]]
# Words that only make sense on a screen (general ones, and the checker's own words).
WEB_ONLY = ["Which conditions fit", "See it in the table", "book online", "web browser", "your device",
            "JavaScript", "Click here", "click the", "Tap ", "scroll", "Open \"Compare with\"",
            "Compare it with the other", "Print this page", "Tick the boxes above", "Clear all answers",
            "table below", "table at the end", "box below"]


@lru_cache(maxsize=1)
def inputs():
    return load_inputs(Paths.of(ROOT))


def clinic() -> dict:
    return inputs()[1]


@cache
def words() -> dict:
    """The first language's words (locales/<code>/ui.yml): the handouts' headings."""
    from sitekit.words import ui_for

    return ui_for(next(iter(site_languages())), ROOT / "locales")


def warning_title() -> str:
    return words()["handout"]["warning_title"]


def flat(text: str) -> str:
    """Text with all whitespace folded, so line breaks do not matter."""
    return " ".join(text.split())


def page_url(name: str) -> str:
    base = clinic()["site_url"].rstrip("/") + "/"
    return base if name == "index" else f"{base}{name}/"


def long_date(iso: str, tag: str) -> str:
    """A date as English readers write it: in the US (the clinic's language tag en-US) month first."""
    year, month, day = (int(part) for part in iso.split("-"))
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
    if tag.partition("-")[2] == "US":
        return f"{months[month - 1]} {day}, {year}"
    return f"{day} {months[month - 1]} {year}"


def paper_headings(name: str, site: Path) -> list[str]:
    """The page's h1 and h2 headings that reach paper: in the marked content, not inside a part
    marked kb-print-hide, not the "Where to get help" section (printed once, checked apart)."""
    tree = parse(page_file(name, site).read_text(encoding="utf-8"))
    content = tree.find(lambda n: n.has("data-kb-page-content"))
    assert content is not None
    hidden = {id(n) for box in content.find_all(lambda n: "kb-print-hide" in (n.get("class") or "").split())
              for n in box.walk()}
    def unprinted(node) -> bool:  # the permalink sign, and words only for screen readers
        permalink = node.tag == "a" and (node.get("href") or "").startswith("#")
        return permalink or "kb-sr-only" in (node.get("class") or "")

    return [h.text(skip=unprinted)
            for h in content.find_all(lambda n: n.tag in ("h1", "h2") and n.has("id"))
            if id(h) not in hidden and h.get("id") != "where-to-get-help"]


@cache
def runs(path: Path) -> tuple[tuple[int, float, float, str], ...]:
    """Every text run of a PDF as (page, baseline y, effective size in pt, text). The effective size
    is the font size x the text matrix's scale x the CTM's scale (Chromium draws with a scaled CTM)."""
    found = []
    for number, page in enumerate(PdfReader(path).pages):
        def visit(text, cm, tm, _font, size, number=number):
            if text.strip():
                a, b, c, d, e, f = tm
                m = [a * cm[0] + b * cm[2], a * cm[1] + b * cm[3], c * cm[0] + d * cm[2], c * cm[1] + d * cm[3],
                     e * cm[0] + f * cm[2] + cm[4], e * cm[1] + f * cm[3] + cm[5]]
                found.append((number, round(m[5], 1), size * math.hypot(m[2], m[3]), text))
        page.extract_text(visitor_text=visit)
    return tuple(found)


@cache
def text_of(path: Path, page: int | None = None) -> str:
    pages = PdfReader(path).pages
    return flat(" ".join(p.extract_text() or "" for p in (pages if page is None else [pages[page]])))


def pdf(site: Path, name: str) -> Path:
    return site / "handouts" / f"{name}.pdf"


def diagram_words() -> str:
    """Every label drawn inside the site's SVG diagrams, run together (their type scales with them)."""
    words = ""
    for template in ("anatomy-diagram.svg.j2",):
        svg = environment(read(ROOT / "locales", "en")).get_template(template).render()
        words += "".join(n.text() for n in parse(svg).find_all(lambda n: n.tag == "text"))
    return words.replace(" ", "")


def link_targets(reader: PdfReader) -> list[str]:
    found = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action.get_object():
                found.append(str(action.get_object()["/URI"]))
    return found


def test_every_page_has_a_handout_and_the_site_a_booklet_in_both_sizes(built_site: Path):
    """Every page of the site has a PDF handout named after it, in normal and large print, and so
    does the booklet; all open, at the clinic's paper size."""
    width, height = PAPER_POINTS[clinic()["paper"]]
    for name in ALL:
        reader = PdfReader(pdf(built_site, name))
        assert len(reader.pages) >= 1
        for page in reader.pages:
            assert abs(float(page.mediabox.width) - width) < 2 and abs(float(page.mediabox.height) - height) < 2, \
                f"{name}.pdf is {page.mediabox.width} x {page.mediabox.height} pt, not {clinic()['paper']}"


@pytest.mark.parametrize("name", ALL)
def test_type_is_never_smaller_than_the_handouts_size(built_site: Path, name: str):
    """Every text run (body, tables, header, footer) is at least 12 pt, or 16 pt in large print;
    only a diagram's own labels (which scale with the picture) may be smaller."""
    floor = SIZES["large/" if name.startswith("large/") else ""]
    assert floor >= TABLE_POINTS  # tables print at the body's size, above the 11 pt floor
    labels = diagram_words()
    small: dict[tuple[int, float], str] = {}
    for page, y, size, text in runs(pdf(built_site, name)):
        if size < floor - 0.05:
            small[(page, y)] = small.get((page, y), "") + text
    for (page, _y), line in small.items():
        assert line.replace(" ", "") in labels, f"{name}.pdf page {page + 1}: {line!r} is under {floor} pt"
    body = [size for _p, _y, size, text in runs(pdf(built_site, name))
            if len(text.strip()) > 20 and text.replace(" ", "") not in labels]
    assert min(body) >= floor - 0.05, f"{name}.pdf: body text at {min(body):.1f} pt"


def test_shipped_handouts_keep_the_rules_about_looks_too(built_site: Path):
    """A clinic's build only warns when a handout breaks a rule about looks (a heading at the foot
    of a page, a half-empty page, a page of one line); the project's own content keeps them all,
    in every language: the step's own check, strict."""
    from sitekit.handout_layout import problems
    from sitekit.handouts import LARGE, NORMAL

    broken = []
    for prefix in site_languages().values():
        folder = built_site / prefix / "handouts"
        for path in sorted(folder.rglob("*.pdf")):
            name = prefix + path.relative_to(folder).as_posix()
            size = LARGE if "large" in path.relative_to(folder).parts else NORMAL
            booklet = path.name == "booklet.pdf"
            broken += problems(name, path.read_bytes(), size.points, size.footer_top, booklet=booklet)
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("name", ALL)
def test_nothing_on_paper_only_makes_sense_on_a_screen(built_site: Path, name: str):
    """No screen-only words reach paper (the kb-print-hide marker in site.css leaves them off)."""
    text = text_of(pdf(built_site, name))
    for phrase in WEB_ONLY:
        assert phrase.lower() not in text.lower(), f"{name}.pdf says {phrase!r}"


@pytest.mark.parametrize("name", [n for n in PAGES if n != "symptom-checker"])
def test_handout_holds_the_page_its_warning_signs_and_its_clinic(built_site: Path, name: str):
    """The handout's text has the page's paper headings, the emergency signs and what to do (once),
    where to get help (once), the clinic, the page's address, its review dates and page numbers."""
    knowledge, info = inputs()
    text = text_of(pdf(built_site, name))
    for heading in paper_headings(name, built_site):
        assert heading in text, f"{name}.pdf lacks the heading {heading!r}"
    for sign in knowledge.signs("emergency"):
        assert flat(sign.label) in text, f"{name}.pdf lacks the warning sign {sign.label!r}"
    assert flat(info["region"]["emergency"]["action"]) in text
    assert text.count(warning_title()) <= 1 and text.count(words()["help"]["heading"]) == 1, name
    assert info["name"] in text
    assert page_url(name) in text.replace(" ", ""), f"{name}.pdf does not show {page_url(name)}"
    tag = info["language"]
    assert long_date(info["last_reviewed"], tag) in text and long_date(info["next_review"], tag) in text
    assert re.search(r"Page 1 of \d+\b", text), f"{name}.pdf has no page numbers"


@pytest.mark.parametrize("name", ["symptom-checker", "large/symptom-checker", "booklet"])
def test_checker_on_paper_is_a_questionnaire_with_a_box_for_every_question(built_site: Path, name: str):
    """A box for every warning sign and every symptom in the knowledge file, warning signs first,
    each level with the clinic's action, and "bring this to your appointment" at the end."""
    knowledge, info = inputs()
    text = text_of(pdf(built_site, name))
    start = text.index("Part 1: Warning signs")
    sheet = text[start: text.index("Bring this sheet to your appointment", start)]
    boxed = [flat(item) for item in sheet.split("\u2610")[1:]]
    signs = [flat(w.label) for w in knowledge.warning_signs]
    symptoms = [flat(s.label) for s in knowledge.symptoms]
    assert len(boxed) == len(signs) + len(symptoms), f"{len(boxed)} boxes for {len(signs) + len(symptoms)} questions"
    order = [next(i for i, item in enumerate(boxed) if item.startswith(label)) for label in signs + symptoms]
    assert max(order[: len(signs)]) < min(order[len(signs):]), "a symptom comes before a warning sign"
    for level in [lv for lv in SIGN_LEVELS if knowledge.signs(lv)]:
        assert flat(f"If you tick any box here: {info['region'][level]['action']}") in sheet


def pytest_generate_tests(metafunc):
    """The tests that take ``lang`` run in each language the project's clinic publishes."""
    if "lang" in metafunc.fixturenames:
        metafunc.parametrize("lang", list(site_languages()))


def test_the_home_handouts_warning_box_breaks_only_between_its_groups(built_site: Path, lang: str):
    """The Home handout (12 pt) never splits a group of its warning box: each group's heading
    (where to go), its signs and what to do print on one page, so a reader never turns over
    between a sign and its action; the box's title and intro print with its first group. (The
    box lists every sign that needs help now or today, taller than a page: it may break between
    groups, as long boxes may.)"""
    tree = parse(page_file("index", built_site, lang).read_text(encoding="utf-8"))
    box = tree.find(lambda n: n.tag == "aside" and n.has("data-warning-box"))  # the page's own box
    assert box is not None, "the Home page has no warning box (data-warning-box)"

    def unprinted(node) -> bool:
        return bool({"kb-sr-only", "kb-print-hide"} & set((node.get("class") or "").split()))
    hidden = {id(n) for part in box.find_all(unprinted) for n in part.walk()}

    def lines(node) -> list[str]:
        return [flat(n.text(skip=unprinted)) for n in node.find_all(lambda n: n.tag in ("h2", "h3", "p", "li"))
                if id(n) not in hidden and flat(n.text(skip=unprinted))]
    groups = [lines(group) for group in box.find_all(lambda n: n.tag == "section" and n.has("data-level"))]
    assert groups, "the Home page's warning box has no groups (section data-level)"
    reader = built_site / site_languages()[lang] / "handouts" / "index.pdf"
    texts = [text_of(reader, i) for i in range(len(PdfReader(reader).pages))]
    after = 0

    def page_of(line: str) -> int:  # the first page, from where the last line was found, that holds it
        nonlocal after
        after = next(i for i in range(after, len(texts)) if line[:40] in texts[i])
        return after
    title = page_of(lines(box)[0])
    assert title == page_of(groups[0][0]), f"the box's title {lines(box)[0]!r} is not on its first group's page"
    for group in groups:
        first = page_of(group[0])
        assert first == page_of(group[-1]), f"{group[0]!r} and its action {group[-1]!r} on different pages"


def test_a_translated_questionnaire_keeps_the_translation_notice():
    """On paper the checker is a questionnaire in place of the page's content; a translated page's
    note on its translation still leads it (and no note where the page has none)."""
    from sitekit.handouts import Handouts, SitePage
    knowledge, info = inputs()
    note = '<p class="kb-translation kb-translation--awaiting kb-print-only" role="note"><b>Sin revisar.</b> T.</p>'
    handouts = Handouts(Path("site"), knowledge, info, "Sitio", lang="es")

    def questionnaire(content: str) -> str:
        page = SitePage("symptom-checker", "Revisar", "https://example.org/es/symptom-checker/", content, "", "",
                        [], "", False)
        return handouts.section(page, booklet=False)
    printed = questionnaire(note + "<p>El comprobador.</p>")
    assert note in printed and printed.index(note) < printed.index('id="questionnaire"')
    assert "kb-translation" not in questionnaire("<p>The checker.</p>")


@pytest.mark.parametrize("folder", list(SIZES))
def test_booklet_has_the_warning_box_and_help_once(built_site: Path, folder: str):
    """The booklet prints the warning signs box and "Where to get help" once, not per section."""
    text = text_of(pdf(built_site, f"{folder}booklet"))
    assert text.count(warning_title()) == 1
    assert text.count("Where to get help") == 1


@pytest.mark.parametrize("folder", list(SIZES))
def test_booklet_contents_match_where_each_page_starts(built_site: Path, folder: str):
    """Each contents entry's page number is the booklet page where that page's title and address appear."""
    path = pdf(built_site, f"{folder}booklet")
    front = text_of(path, 0)
    numbers = {}
    for name in PAGES:
        title = paper_headings(name, built_site)[0] if name != "symptom-checker" else "Symptom checker"
        match = re.search(re.escape(title) + r" Page (\d+)", front)
        assert match, f"the contents do not list {title!r}"
        numbers[name] = int(match.group(1))
        start = text_of(path, numbers[name] - 1)
        assert title in start and page_url(name) in start.replace(" ", ""), \
            f"{title!r} is not on booklet page {numbers[name]}"
    # The cover and contents, then the warning signs and where to get help: as many pages as the
    # clinic's signs take (more in large print), none of them left nearly empty.
    from sitekit.handout_layout import LINES_MIN, lines_by_page, spans
    from sitekit.handouts import LARGE, NORMAL

    assert min(numbers.values()) >= 2, "the booklet has no cover"
    lines = lines_by_page(spans(path.read_bytes())[0], (LARGE if folder else NORMAL).footer_top)
    for front in range(min(numbers.values()) - 1):
        assert len(lines.get(front, [])) >= LINES_MIN, f"booklet page {front + 1} is nearly empty"
    assert sorted(numbers.values()) == [numbers[n] for n in PAGES], "contents out of order"


@pytest.mark.parametrize("name", ALL)
def test_handout_links_point_at_the_site_or_the_clinic(built_site: Path, name: str):
    """Every link in a PDF goes to the published site, a phone number, an email, or a URL the data files name:
    the clinic's booking page, a source of the knowledge file, or a study the checker's report cites
    (its published evaluation, a patient story's source)."""
    from sitekit import checker_report

    knowledge, info = inputs()
    cited = [*checker_report.load_published(), *checker_report.load_stories()]
    declared = {info["contact"]["booking_url"], *(s.url for s in knowledge.sources),
                *(item[key] for item in cited for key in ("url", "source_url") if item.get(key))}
    for url in link_targets(PdfReader(pdf(built_site, name))):
        assert (url.startswith((info["site_url"], "tel:", "mailto:")) or url in declared), \
            f"{name}.pdf links to {url}"


@pytest.mark.parametrize("name", ALL)
def test_pdf_metadata_names_the_page_clinic_and_language(built_site: Path, name: str):
    """Title (page and clinic), author, language, review-date timestamps and tags are set."""
    info = clinic()
    reader = PdfReader(pdf(built_site, name))
    meta = reader.metadata
    assert info["name"] in meta.title
    page = name.removeprefix("large/")
    if page not in ("booklet", "symptom-checker"):
        assert paper_headings(page, built_site)[0] in meta.title
    assert meta.author == info["name"]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == info["language"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root, "not a tagged PDF"
    day = info["last_reviewed"].replace("-", "")
    assert meta["/CreationDate"].startswith(f"D:{day}") and meta["/ModDate"].startswith(f"D:{day}")


@pytest.mark.parametrize("name", ALL)
def test_pdf_fonts_are_embedded(built_site: Path, name: str):
    """Every font the PDF uses is embedded (so it prints the same everywhere)."""
    for page in PdfReader(pdf(built_site, name)).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for key, ref in fonts.items():
            font = ref.get_object()
            if font["/Subtype"] == "/Type3":
                continue  # glyphs drawn in the PDF itself
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                f"{name}.pdf: font {font.get('/BaseFont', key)} is not embedded"


def test_every_page_links_its_handouts_and_home_the_booklets(built_site: Path):
    """Each built page links its own handout and its large-print one; Home links both booklets."""
    for name in PAGES:
        source = page_file(name, built_site).read_text(encoding="utf-8")
        prefix = "" if name == "index" else "../"
        for folder in SIZES:
            assert f'href="{prefix}handouts/{folder}{name}.pdf"' in source, f"{name} does not link handouts/{folder}"
    home = page_file("index", built_site).read_text(encoding="utf-8")
    assert 'href="handouts/booklet.pdf"' in home and 'href="handouts/large/booklet.pdf"' in home


def test_handout_step_is_reproducible(built_site: Path, tmp_path: Path):
    """Running the handout step again on the same site gives byte-identical PDFs, in every
    language (two pages' handouts in both sizes: the booklet of two pages is not the site's)."""
    copy = copy_site_without_handouts(built_site, tmp_path / "site")
    result = subprocess.run([sys.executable, str(ROOT / "scripts/make_handouts.py"), "--site", str(copy),
                             "--pages", "anatomy", "causes"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    made = sorted(str(p.relative_to(copy)) for p in copy.rglob("*.pdf") if p.name != "booklet.pdf")
    assert len(made) == 2 * 2 * len(site_languages())  # two pages, two sizes, each language
    for name in made:
        assert (built_site / name).read_bytes() == (copy / name).read_bytes(), f"{name} differs between two runs"


def test_handouts_keep_the_rules_on_the_other_paper_size(built_site: Path, tmp_path: Path):
    """With the other paper size in clinic.yml two pages' handouts and their booklet are made in
    each language (the step checks its layout rules itself, strictly) at that size, the type still 12 and
    16 pt; the Spanish ones tagged es. (Two pages, not all: a second full run would double the
    handouts' time; every page's layout is checked at the clinic's own size by the build.)"""
    from make_handouts import make_handouts

    other = "Letter" if clinic()["paper"] == "A4" else "A4"
    clinic_file = tmp_path / "clinic.yml"
    use_clinic(tmp_path, ROOT)
    text = clinic_file.read_text(encoding="utf-8")
    clinic_file.write_text(re.sub(r"(?m)^paper: .*$", f"paper: {other}", text), encoding="utf-8")
    translations = [prefix for prefix in site_languages().values() if prefix]
    copy = copy_site_without_handouts(built_site, tmp_path / "site")
    with ThreadPoolExecutor(1) as worker:  # the browser tests' Playwright may hold this thread's asyncio loop
        counts = worker.submit(make_handouts, copy, Paths.of(ROOT, clinic=clinic_file), ["mimics", "treatments"],
                               strict=True).result()
    made = [f"{folder}{name}.pdf" for folder in SIZES for name in ("mimics", "treatments", "booklet")]
    assert sorted(counts) == sorted(prefix + name for prefix in ["", *translations] for name in made)
    width, height = PAPER_POINTS[other]
    checked = [("", name) for name in ("mimics", "large/treatments", "large/booklet")]
    checked += [(prefix, name) for prefix in translations for name in ("treatments", "large/booklet")]
    for prefix, name in checked:
        path = pdf(copy / prefix, name)
        reader = PdfReader(path)
        assert reader.trailer["/Root"]["/Lang"] == (prefix.rstrip("/") or clinic()["language"])
        assert abs(float(reader.pages[0].mediabox.width) - width) < 2
        assert abs(float(reader.pages[0].mediabox.height) - height) < 2
        sizes = [size for _p, _y, size, text in runs(path)
                 if len(text.strip()) > 20 and text.replace(" ", "") not in diagram_words()]
        assert min(sizes) >= SIZES["large/" if "large/" in name else ""] - 0.05



def test_unknown_page_names_are_refused(tmp_path: Path):
    """`make_handouts.py --pages` names the pages it knows when given one that is not in the navigation."""
    from make_handouts import HandoutFailed, make_handouts

    with pytest.raises(HandoutFailed, match="no page named nope in the navigation; the pages are: index, anatomy"):
        make_handouts(tmp_path, pages=["nope"])


@pytest.mark.parametrize("name", [f"{folder}{name}" for folder in SIZES for name in ("anatomy", "booklet")])
def test_only_the_footer_is_below_the_bottom_margin(built_site: Path, name: str):
    """Each handout prints with its own margins (not the site's @page rule for printing a web
    page), so the layout check, which reads the body above the bottom margin, sees every line."""
    from sitekit.handouts import LARGE, NORMAL

    size = LARGE if name.startswith("large/") else NORMAL
    for prefix in site_languages().values():
        below = {}
        for page, y, _size, text in runs(built_site / prefix / "handouts" / f"{name}.pdf"):
            if y < size.footer_top:
                below[page] = below.get(page, "") + text
        footer = re.compile(rf"\s*{re.escape(clinic()['short_name'])}\s*(Page|Página) \d+ (of|de) \d+\s*")
        assert below and all(footer.fullmatch(text) for text in below.values()), (prefix, below)
