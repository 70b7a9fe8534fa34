#!/usr/bin/env python3
"""Make printable PDF handouts from a built site: one per page, and a booklet of them all.

    python scripts/make_handouts.py [--site site]

Writes SITE/handouts/<page>.pdf, SITE/handouts/booklet.pdf and a leaflet per condition,
SITE/handouts/leaflets/<condition>.pdf (12 pt type), and the same in
large print (16 pt) in SITE/handouts/large/, at the clinic's paper size (clinic.yml `paper`);
for each other language the clinic publishes, the same in its folder (SITE/es/handouts/...).
Fails, writing nothing, when a handout's type is smaller than its size; a handout that breaks a
rule about looks (sitekit/handout_layout.py) is a warning naming the file, page and text (an error
with --strict, as in the project's own tests). Needs
Chromium (Debian's, or CHROMIUM=/path) and the packages in requirements.txt; exits with status 1
and says what is missing otherwise.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitekit.pdf_print import MissingDependency
from sitekit.pipeline import load
from sitekit.problems import InputError
from sitekit.project import Paths, Project

ROOT = Path(__file__).resolve().parents[1]


class HandoutFailed(RuntimeError):
    """The built site did not look as the handout step expects (message from sitekit.handouts)."""


HANDOUT_ERRORS = (InputError, MissingDependency, HandoutFailed)


def make_handouts(site: Path, project: Project | Paths | None = None, pages: list[str] | None = None,
                  strict: bool = False) -> dict[str, int]:
    """Write site/handouts/ from the built ``site`` of ``project`` (the build's, as loaded once;
    given paths, or none for this project's own, it is loaded here); return each PDF's page
    count. ``pages``
    (names as in the navigation, ``index`` for Home) limits it to those pages and their booklet,
    without the condition leaflets (sitekit.leaflets). A rule about looks the handouts still break
    is printed as a warning (``strict``: an error).

    For example: make_handouts(Path("site"))["large/anatomy.pdf"], ...["es/large/anatomy.pdf"]
    4
    """
    # needs pypdf, segno, playwright
    from sitekit.handouts import SIZES, HandoutError, Handouts, Workers, nav_pages, write_pdfs
    from sitekit.leaflets import FOLDER, Leaflets
    from sitekit.pdf_print import Printer

    if not isinstance(project, Project):
        project = load(project or Paths.of(ROOT))
    from playwright.sync_api import Error as BrowserError

    names = nav_pages(project.site_config)
    unknown = sorted(set(pages or []) - set(names))
    if unknown:
        raise HandoutFailed(f"no page named {', '.join(unknown)} in the navigation; the pages are: {', '.join(names)}")
    counts: dict[str, int] = {}
    warnings: list[str] = []
    editions = project.editions
    root = project.root_edition
    made: list[tuple[str, Path, dict[str, bytes], dict[str, bytes]]] = []  # per language
    prefix = ""
    try:
        # One Chromium for every language, size and leaflet: all are set printing first, then
        # collected in order, so the PDFs of one language print while another's are checked.
        # Every language's handouts and booklets first (a booklet waits for its handouts, then
        # prints two or three times: the longest chains), then the leaflets, short and on their
        # own, which keep both cores busy while the last booklets finish.
        with Printer(site.resolve(), root.clinic["site_url"].rstrip("/") + "/") as printer, \
                Workers(printer) as work:
            started = []
            for edition in editions:  # each language's handouts, in its folder of the site
                prefix = edition.language.prefix
                handouts = Handouts(site=site.resolve() / prefix, knowledge=edition.knowledge,
                                    clinic=edition.clinic, lang=edition.language.code, strict=strict,
                                    site_name=edition.words.ui["site"]["site_name"], widgets=project.widgets)
                started.append((prefix, handouts, handouts.start(pages or names, work)))
            leaflet_jobs = [[] if pages else Leaflets(handouts).start(work) for _, handouts, _ in started]
            for (prefix, handouts, jobs), leaflets in zip(started, leaflet_jobs, strict=True):
                made.append((prefix, handouts.site, handouts.collect(jobs), handouts.collect(leaflets)))
                warnings += [prefix + warning for warning in handouts.warnings]
    except HandoutError as err:
        raise HandoutFailed(f"{prefix}{err}" if prefix else str(err)) from err
    except BrowserError as err:  # Chromium would not start, crashed or timed out
        first = (str(err).strip().splitlines() or ["no message"])[0]
        raise HandoutFailed(f"Chromium failed ({first}). Check that CHROMIUM (if set) names a "
                            "working Chrome or Chromium, or unset it to use Debian's chromium") from None
    for prefix, folder, handouts_made, leaflets_made in made:
        out = folder / "handouts"
        written = write_pdfs(out, {out / size.folder for size in SIZES}, handouts_made)
        if not pages:
            written.update(write_pdfs(out, {out / size.folder / FOLDER for size in SIZES}, leaflets_made))
        counts.update({prefix + name: count for name, count in written.items()})
    if warnings:
        print(f"handouts: warning: {len(warnings)} layout problem(s) a reader may notice; the handouts "
              "were made. To tidy them, shorten or split the text named, or adjust the Paper section of "
              "docs/stylesheets/site.css:\n  " + "\n  ".join(warnings), file=sys.stderr)
    return counts


def report(counts: dict[str, int], seconds: float | None = None) -> None:
    """One line on what was made (type too small fails the step before this, with HandoutFailed)."""
    large = sum(1 for name in counts if name.startswith("large/") or "/large/" in name)
    took = f" in {seconds:.0f} s" if seconds is not None else ""
    print(f"handouts: {len(counts) - large} PDFs and {large} in large print, {sum(counts.values())} pages{took}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site folder")
    parser.add_argument("--pages", nargs="+", metavar="NAME",
                        help="only these pages (names as in the navigation, index for Home) and their booklet")
    parser.add_argument("--strict", action="store_true",
                        help="a broken rule about looks is an error, not a warning (the project's own tests)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        counts = make_handouts(args.site, pages=args.pages, strict=args.strict)
    except HANDOUT_ERRORS as err:
        print(f"handouts: {err}", file=sys.stderr)
        return 1
    except Exception as err:  # a bug, not the user's: one line, not a traceback (SITEKIT_DEBUG=1 shows it)
        if os.environ.get("SITEKIT_DEBUG"):
            raise
        print(f"handouts: unexpected error ({type(err).__name__}: {err}); no handouts were written. "
              "Run again with SITEKIT_DEBUG=1 to see where it happened.", file=sys.stderr)
        return 1
    summary = ", ".join(f"{name} {count}p" for name, count in counts.items())
    print(f"handouts: {len(counts)} PDFs in {args.site / 'handouts'} ({time.monotonic() - start:.1f}s): {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
