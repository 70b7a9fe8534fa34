"""Shared helpers for the tests: where things are, scratch copies of the project, the one test
server, and reading built HTML pages."""
from __future__ import annotations

import functools
import gzip
import html
import http.server
import io
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["index", "anatomy", "symptoms", "causes", "mimics", "treatments", "exercises", "leaflets",
         "when-to-get-help", "symptom-checker", "checker-tested", "about"]  # each published language has these


# The example clinic as shipped, frozen (tests/fixtures/example-clinic/): the tests that edit a
# clinic file edit a copy of this one, so a fork's own clinic.yml never changes what they expect.
EXAMPLE_CLINIC = ROOT / "tests/fixtures/example-clinic"
# A second clinic (US, 911, Letter paper, English only, an & and an ' in its name): the full tier
# builds it and runs the content checks on it as on the example.
US_CLINIC = ROOT / "tests/fixtures/us-clinic"
REGION_SCHEMA = ROOT / "data/region.schema.json"  # what a region file is checked against


def read_clinic(project: Path = ROOT) -> dict:
    """A project's clinic file, as plain data (read when called, never at import)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # as safe_load, with PyYAML's C parser when it has one
    return yaml.load((project / "clinic.yml").read_text(encoding="utf-8"), Loader=loader)


def site_languages(project: Path = ROOT) -> dict[str, str]:
    """The languages a project's clinic file publishes, first (at the site root) first:
    code -> where its pages are ("" or "es/")."""
    from sitekit.languages import published

    return {lang.code: lang.prefix for lang in published(read_clinic(project))}


def page_path(name: str, lang: str | None = None, languages: dict[str, str] | None = None) -> str:
    """A page's address from the site root, in a language: "", "causes/", "es/", "es/causes/"
    (``languages``: the site's, from site_languages; the first language when ``lang`` is None)."""
    languages = languages if languages is not None else site_languages()
    prefix = languages[lang] if lang else next(iter(languages.values()))
    return prefix + ("" if name == "index" else f"{name}/")


def page_url(base: str, name: str, lang: str | None = None, languages: dict[str, str] | None = None) -> str:
    """A page's URL on the test server (``base`` ends in /)."""
    return base + page_path(name, lang, languages)

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "caption", "dt", "dd",
          "figcaption", "summary", "legend", "label", "div", "blockquote", "tr"}
SKIP = {"script", "style", "noscript", "svg", "template"}
SECTIONS = {"header", "footer", "nav", "main", "article", "section", "aside", "ul", "ol", "dl", "table", "br",
            "details", "form", "fieldset", "figure", "p"}


# What a scratch copy of the project leaves out: build output, environments, caches.
PROJECT_IGNORE = shutil.ignore_patterns(".git", ".venv*", "site", "generated", "node_modules", "bench",
                                        ".pytest_cache", ".mypy_cache", "__pycache__", "mkdocs.generated*.yml",
                                        ".site-*", ".zensical-*")
# What the generation step reads (with the clinic file and its images): copy_project(parts=INPUTS).
INPUTS = ("data", "docs", "locales", "regions", "mkdocs.yml")


def copy_project(target: Path, source: Path = ROOT, *, parts: tuple[str, ...] | None = None,
                 clinic: Path | None = None, keep_site: bool = False) -> Path:
    """The one way the tests (and the benchmark) copy a project: a scratch copy of ``source`` (the
    working tree unless told) to build or edit in, so nothing is written into the working tree.

    ``parts``: only these files and folders (INPUTS: what generation reads); ``clinic``: a folder
    whose clinic file (and its images) replaces the copy's; ``keep_site``: keep the built site/
    (a copy of a built scratch project, to break and build again). Environments are never copied:
    Zensical's is linked (build_site.py looks for it in the project)."""
    ignore = PROJECT_IGNORE
    if keep_site:
        ignore = shutil.ignore_patterns(".git", ".venv*", "node_modules", "bench", ".pytest_cache", "__pycache__")
    if parts is None:
        shutil.copytree(source, target, ignore=ignore)
    else:
        target.mkdir(parents=True, exist_ok=True)
        for name in parts:
            if (source / name).is_dir():
                shutil.copytree(source / name, target / name, ignore=ignore)
            else:
                shutil.copy(source / name, target / name)
    zensical = ROOT / ".venv-zensical"
    if parts is None and zensical.exists():
        (target / ".venv-zensical").symlink_to(zensical.resolve())
    if clinic is not None:
        use_clinic(target, clinic)
    return target


def copy_site_without_handouts(site: Path, target: Path) -> Path:
    """A scratch copy of a built site without its PDFs (every language's handouts/), for a test
    that runs the handout step on it again."""
    shutil.copytree(site, target, ignore=shutil.ignore_patterns("handouts"))
    return target


class _Host(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as a static host does; with ``compress``, text files gzip-compressed
    when the browser accepts it (GitHub Pages, Netlify and Cloudflare Pages all do; the benchmark's
    page weights and Lighthouse count gzipped bytes)."""

    compress = False
    TEXT = (".html", ".css", ".js", ".svg", ".json", ".xml", ".txt")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not self.compress or path.suffix not in self.TEXT or not path.is_file() \
                or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        data = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def log_message(self, *args):
        pass


class _CompressingHost(_Host):
    compress = True


def start_server(directory: Path, compress: bool = False) -> http.server.ThreadingHTTPServer:
    """The one test server: ``directory`` served on 127.0.0.1 (a free port) from a thread of its
    own; its address is base_url(server). Stop it with server.shutdown(); server.server_close()."""
    handler = functools.partial(_CompressingHost if compress else _Host, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def base_url(server: http.server.ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


@contextmanager
def serve(directory: Path, compress: bool = False) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 for a ``with`` block; yields the base URL (ending in /)."""
    server = start_server(directory, compress)
    try:
        yield base_url(server)
    finally:
        server.shutdown()
        server.server_close()


def page_file(name: str, site: Path, lang: str | None = None, languages: dict[str, str] | None = None) -> Path:
    return site / page_path(name, lang, languages) / "index.html"


class _MainText(HTMLParser):
    """Collects the visible text of the page's article, one string per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # >0 while inside <article>
        self.skip = 0
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "article":
            self.depth += 1
        if self.depth and (tag in SKIP or "headerlink" in classes or "md-content__button" in classes):
            self.skip += 1
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if self.skip and tag in SKIP | {"a"}:
            self.skip -= 1
            return
        if tag in BLOCKS:
            self._flush()
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.current.append(data)

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []


def main_blocks(html: str) -> list[str]:
    """The article's text, block by block (paragraphs, list items, cells, headings)."""
    parser = _MainText()
    parser.feed(html)
    parser._flush()
    return parser.blocks


def language_blocks(markup: str, part: str = "body") -> list[tuple[str, str]]:
    """The text a reader sees in a page's ``part`` (body: header, article and footer; or
    article), block by block (as main_blocks), each with its language: the nearest lang
    attribute. A part in another language than its block (a source's title on a Spanish page)
    is its own block. Left out: scripts, hidden elements and the sections' permalink signs."""
    from sitekit.paper_html import parse

    tree = parse(markup)
    page_lang = (tree.find(lambda n: n.tag == "html") or tree).get("lang") or ""
    top = tree.find(lambda n: n.tag == part)
    assert top is not None, f"no <{part}>"
    out: list[tuple[str, str]] = []
    words: list[str] = []

    def flush(lang: str) -> None:
        text = " ".join("".join(words).split())
        if text:
            out.append((lang, text))
        words.clear()

    def walk(node, lang: str) -> None:
        for child in node.children:
            if isinstance(child, str):
                if not child.startswith("<!"):
                    words.append(html.unescape(child))
                continue
            if child.tag in SKIP or child.has("hidden") or "headerlink" in (child.get("class") or "").split():
                continue
            inner = child.get("lang") or lang
            if inner != lang or child.tag in BLOCKS | SECTIONS:
                flush(lang)
                walk(child, inner)
                flush(inner)
            else:
                walk(child, inner)

    walk(top, page_lang)
    flush(page_lang)
    return out


def main_text(name: str, site: Path) -> str:
    return " ".join(main_blocks(page_file(name, site).read_text(encoding="utf-8")))


def as_sentences(blocks: list[str]) -> str:
    """Blocks joined so each counts as its own sentence for readability scores."""
    out = []
    for block in blocks:
        block = re.sub(r"\s+", " ", block).strip()
        if block and block[-1] not in ".?!:":
            block += "."
        out.append(block)
    return " ".join(out)


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page, selector: str | None = None) -> list[str]:
    """Run axe-core (bundled with axe-playwright-python) in ``page``; one line per violation.

    The script is evaluated through Playwright, so a strict Content-Security-Policy on the page
    does not stop it.
    """
    from axe_playwright_python.base import AXE_SCRIPT

    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    context = selector or "document"
    result = page.evaluate(
        "([ctx, tags]) => axe.run(ctx === 'document' ? document : ctx,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [context, AXE_TAGS])
    return [f"{v['id']}: {v['help']} -> " + "; ".join(n["target"][0] if isinstance(n["target"][0], str)
            else str(n["target"][0]) for n in v["nodes"][:3]) for v in result["violations"]]


def watch_page(page, base_url: str) -> dict[str, list[str]]:
    """Record console errors, page errors and requests to any host but the site's own."""
    seen: dict[str, list[str]] = {"errors": [], "foreign": []}
    host = base_url.split("/")[2]
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))

    def _request(request):
        url = request.url
        if not (url.startswith(("data:", "blob:", "about:")) or url.split("/")[2] == host):
            seen["foreign"].append(url)

    page.on("request", _request)
    return seen


def copy_inputs(target: Path, clinic: Path = EXAMPLE_CLINIC) -> Path:
    """A scratch copy of everything the generation step reads (copy_project with INPUTS), with
    the clinic file (and its images) of the folder ``clinic`` (the frozen example clinic unless
    told; ROOT for the live clinic.yml)."""
    return copy_project(target, parts=INPUTS, clinic=clinic)


def use_clinic(project: Path, clinic: Path) -> None:
    """Put the clinic file of the folder ``clinic`` into a scratch project, with the images it
    names (their paths are relative to the clinic file, so they are copied as they lie)."""
    if clinic.resolve() == project.resolve():
        return
    data = read_clinic(clinic)
    shutil.copy(clinic / "clinic.yml", project / "clinic.yml")
    for key in ("logo", "favicon"):
        (project / data[key]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(clinic / data[key], project / data[key])


def scratch_paths(project: Path):
    """Pipeline paths that read and write only inside a scratch project."""
    from sitekit.project import Paths

    # The includes (the glossary) and the region schema are not copied: the project's own are read.
    return Paths.of(project, includes=ROOT / "includes", region_schema=ROOT / "data/region.schema.json")


def generation_errors(project: Path) -> list[str]:
    """The problems generation reports for a scratch project; fails if it wrote anything."""
    import pytest
    from sitekit.pipeline import MANAGED, generate
    from sitekit.problems import InputError

    with pytest.raises(InputError) as caught:
        generate(scratch_paths(project))
    assert not any((project / folder).exists() for folder in MANAGED), "wrote despite errors"
    return [str(p) for p in caught.value.problems]


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in a file; return the 1-based line of the change."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


_PARSED: dict[bytes, object] = {}  # a YAML text -> its parse (many tests read one unchanged copy of a file)


def _parsed(path: Path):
    """A YAML file parsed the way the build parses it; a text already parsed in this test process
    is not parsed again (keyed by the whole text, so an edited copy is always parsed afresh)."""
    from sitekit import yamlsource

    raw = path.read_bytes()
    if raw not in _PARSED:
        _PARSED[raw] = yamlsource.load(path)
    return _PARSED[raw]


def yaml_data(path: Path):
    """A YAML file's data, read the way the build reads it (dates stay text): the caller's own
    copy, free to change."""
    import copy

    return copy.deepcopy(_parsed(path).data)


def key_place(path: Path, keys: tuple) -> tuple[int, int]:
    """Line and column (1-based) where a key (or a list item) of a YAML file is written."""
    return _parsed(path).marks[keys]


def edit_key(path: Path, keys: tuple, new) -> int:
    """Rewrite a YAML file's line from the key ``keys`` on (what comes before it, the indentation
    and a list's dash, is kept): ``new`` is the new text, or a function of the old one. The
    tests find what to break from the data itself, so they hold whatever the file says.
    Returns the line (1-based)."""
    line, column = key_place(path, keys)
    lines = path.read_text(encoding="utf-8").split("\n")
    before, rest = lines[line - 1][: column - 1], lines[line - 1][column - 1:]
    lines[line - 1] = before + (new(rest) if callable(new) else new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return line
