#!/usr/bin/env python3
"""Build the publishable site into site/: generate, `mkdocs build --strict`, harden, PDF handouts.

The build goes into a temporary folder that replaces site/ only when everything succeeded, so a
failed or interrupted build leaves the last good site whole.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from make_handouts import HANDOUT_ERRORS, make_handouts, report  # noqa: E402
from sitekit.harden import UnsafePage, harden  # noqa: E402
from sitekit.pipeline import load, write  # noqa: E402
from sitekit.problems import InputError  # noqa: E402
from sitekit.project import Paths, Project  # noqa: E402
from sitekit.sitemap import write_sitemap  # noqa: E402

ENGINES = ("mkdocs", "zensical")
SITE = ROOT / "site"  # where the site goes unless --out says otherwise (the publish workflow uploads it)
ZENSICAL = ROOT / ".venv-zensical/bin/zensical"


class EngineMissing(Exception):
    """The chosen site engine is not installed."""


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_ZENSICAL_PLACE = re.compile(r"\[ (\S+:\d+:\d+) \]")


class EngineFailed(Exception):
    """MkDocs or Zensical stopped; the message is its own, without a traceback."""


def engine_problems(output: str) -> str:
    r"""The lines of an engine's output a person needs: its warnings and errors, and the last
    line of a traceback (the error itself), without the Python stack.

    >>> engine_problems("Warning: anchor does not exist\n  \x1b[1m╭─[ about.md:40:270 ]\n")
    'Warning: anchor does not exist (about.md:40:270)'
    >>> engine_problems("INFO - ok\nWARNING -  Doc file 'a.md' links to 'b.md'\nTraceback (most recent call last):\n  File x\nfoo.Missing: Snippet 'x' not found\n")
    "WARNING -  Doc file 'a.md' links to 'b.md'\nSnippet 'x' not found"
    """  # noqa: E501 - a doctest or script line that cannot be split
    lines = [_ANSI.sub("", line) for line in output.splitlines()]
    keep = []
    for i, line in enumerate(lines):
        if line.startswith(("ERROR", "WARNING", "Error", "Aborted")):
            keep.append(line.rstrip())
        elif line.startswith("Warning:"):  # Zensical: the message, then its place in a box
            place = next((m.group(1) for m in map(_ZENSICAL_PLACE.search, lines[i + 1:i + 3]) if m), "")
            keep.append(f"{line.strip()} ({place})" if place else line.strip())
    if any(line.startswith("Traceback") for line in lines):
        last = next((line for line in reversed(lines) if line.strip() and not line.startswith(" ")), "")
        message = re.sub(r"^[A-Za-z_][\w.]*: ", "", last)  # drop the exception class
        if not any(message in line for line in keep):
            keep.append(message)
    keep = list(dict.fromkeys(keep))  # each message once, in order
    if len(keep) > 5:
        keep = [*keep[:5], f"... and {len(keep) - 5} more"]
    return "\n".join(keep) or "\n".join(lines[-3:])


def build(paths: Paths, out: Path, engine: str = "mkdocs", handouts: bool = True) -> None:
    """Build the site of the inputs at ``paths`` into ``out``: the project is read and checked
    once, and every step (generation, engine runs, sitemap, handouts) is given it."""
    project = load(paths)
    write(project)
    out = out.resolve()
    # Zensical only writes inside the folder it runs in (the generated files'), so its staging folder lives there.
    parent = paths.out.resolve() if engine == "zensical" else out.parent
    for stale in parent.glob(f".{out.name}-building-*"):  # left by an interrupted build
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=parent))
    try:
        # The site root's language first (an engine empties the folder it builds into), then
        # each other language into its own folder, which then moves under the root's (es/).
        for language in project.languages:
            target = staging if language.root else Path(tempfile.mkdtemp(prefix=".lang-", dir=staging))
            try:
                run_engine(engine, paths.out / language.config, target, project)
            except EngineFailed as err:
                pages = language.pages(paths.docs, paths.locales)
                message = in_sources(str(err), pages, paths.root)
                if "anchor" in message:
                    message += (f"\n  Fix: a heading that a link points to needs its anchor ({{#id}}) in every "
                                f"published language's copy of the page, here in {paths.label(pages)}/ "
                                "(CONTRIBUTING.md, 'Add a condition').")
                raise EngineFailed(message) from None
            if not language.root:
                target.rename(staging / language.code)
        # One sitemap: every language's pages, each with its twins (hreflang).
        write_sitemap(staging, project)
        harden(staging)  # refuses any script in the HTML; CSP script-src 'self', no-referrer, _headers
        if handouts:  # the PDFs are made from the built pages, before the swap
            start = time.monotonic()
            report(make_handouts(staging, project), time.monotonic() - start)
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def source_date_epoch(project: Project) -> str:
    """The clinic's last review date as a Unix time: the build's dates come from the source,
    not the clock, so two builds of one commit are byte-identical."""
    day = dt.date.fromisoformat(project.root_edition.clinic["last_reviewed"])
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()))


def in_sources(message: str, pages: Path, root: Path = ROOT) -> str:
    """An engine's message with each page it names as the file to open: the engine builds a
    translation from a copy of its pages (generated/es/docs/), so its 'mimics.md' is
    locales/es/pages/mimics.md (or docs/, for a file the languages share).

    >>> import tempfile; root = Path(tempfile.mkdtemp()); (root / "locales/es/pages").mkdir(parents=True)
    >>> _ = (root / "locales/es/pages/mimics.md").write_text("x")
    >>> in_sources("WARNING -  Doc file 'mimics.md' contains a link '#gout', but there is no such anchor",
    ...            root / "locales/es/pages", root)
    "WARNING -  Doc file 'locales/es/pages/mimics.md' contains a link '#gout', but there is no such anchor"
    >>> in_sources("Warning: anchor does not exist (mimics.md:40:2); Doc file 'x.md'", root / "locales/es/pages", root)
    "Warning: anchor does not exist (locales/es/pages/mimics.md:40:2); Doc file 'docs/x.md'"
    """
    def source(name: str) -> str:
        path = pages / name
        return (path if path.is_file() else root / "docs" / name).relative_to(root).as_posix()

    message = re.sub(r"Doc file '([^']+\.md)'", lambda m: f"Doc file '{source(m[1])}'", message)
    return re.sub(r"\(([\w./-]+\.md)(:\d+(?::\d+)?)\)", lambda m: f"({source(m[1])}{m[2]})", message)


def run_engine(engine: str, config: Path, site_dir: Path, project: Project) -> None:
    """Build the pages with MkDocs or with Zensical (which runs no hooks: the project's generated
    files were written first)."""
    root = project.paths.out.resolve()  # where the generated files and configs are: the engine runs there
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": source_date_epoch(project),
           "SITEKIT_GENERATED": "1"}  # the hook need not generate again
    if engine == "mkdocs":
        # No --quiet: it hides the warnings that --strict counts, and the build would pass.
        _run([sys.executable, "-m", "mkdocs", "build", "--strict",
              "--config-file", str(config), "--site-dir", str(site_dir)], env, "mkdocs", root)
        return
    if not ZENSICAL.is_file():
        raise EngineMissing(f"Zensical is not installed in {ZENSICAL.parent.parent.name}/: run "
                            "`make site ENGINE=zensical`, which installs requirements-zensical.txt.")
    # Zensical has no --site-dir option: give it a copy of the config that names the folder.
    temporary = root / f".zensical-{os.getpid()}.yml"
    temporary.write_text(config.read_text(encoding="utf-8") +
                         f"site_dir: {site_dir.relative_to(root).as_posix()}\n", encoding="utf-8")
    try:
        _run([str(ZENSICAL), "build", "--strict", "--config-file", temporary.name], env, "zensical", root)
    finally:
        temporary.unlink(missing_ok=True)


def _run(command: list[str], env: dict[str, str], name: str, cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, errors="replace")
    if result.returncode != 0:
        raise EngineFailed(f"{name} build failed:\n  " + engine_problems(result.stdout).replace("\n", "\n  "))


def _swap(new: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    shutil.move(str(new), str(out))
    shutil.rmtree(old, ignore_errors=True)


def build_paths(clinic: Path, work: Path) -> Paths:
    """Where a build reads and writes: the project's own clinic file generates into the project
    (as `make serve` does); another clinic's generates into ``work``, a scratch folder, so building
    it never overwrites the project's own generated files."""
    clinic = clinic.resolve()
    own = clinic == (ROOT / "clinic.yml").resolve()
    return Paths.of(ROOT, clinic=clinic) if own else Paths.of(ROOT, clinic=clinic, out=work)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SITE, help="where the site goes")
    parser.add_argument("--clinic", type=Path, default=ROOT / "clinic.yml",
                        help="the clinic file (default: clinic.yml; e.g. another clinic's, to build its site)")
    parser.add_argument("--engine", choices=ENGINES, default=os.environ.get("ENGINE") or "mkdocs",
                        help="the site engine (default: mkdocs, or $ENGINE)")
    parser.add_argument("--no-handouts", action="store_true",
                        help="leave out the PDF handouts (a quicker build, for checks that need no PDFs)")
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix=".build-work-") as work:
            build(build_paths(args.clinic, Path(work)), args.out, engine=args.engine, handouts=not args.no_handouts)
    except InputError as err:
        print(f"build: {err}", file=sys.stderr)
        return 1
    except HANDOUT_ERRORS as err:
        print(f"build: handouts: {err}; site/ was left as it was.", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"build: cannot write {err.filename or args.out} ({err.strerror}). Check that the folder "
              "exists and that you may write to it; site/ was left as it was.", file=sys.stderr)
        return 1
    except UnsafePage as err:
        print(f"build: {err}\nsite/ was left as it was.", file=sys.stderr)
        return 1
    except EngineMissing as err:
        print(f"build: {err}", file=sys.stderr)
        return 1
    except EngineFailed as err:
        print(f"build: {err}\nbuild: site/ was left as it was.", file=sys.stderr)
        return 1
    except Exception as err:
        if os.environ.get("SITEKIT_DEBUG"):
            raise
        print(f"build: unexpected error ({type(err).__name__}: {err}); site/ was left as it was. "
              "Run again with SITEKIT_DEBUG=1 to see where it happened.", file=sys.stderr)
        return 1
    print(f"build: site written to {args.out} ({args.engine})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
