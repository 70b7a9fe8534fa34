#!/usr/bin/env python3
"""Build the publishable site into site/: generate, `mkdocs build --strict`, harden, PDF handouts.

The build goes into a temporary folder that replaces site/ only when everything succeeded, so a
failed or interrupted build leaves the last good site whole.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from sitekit.pipeline import generate  # noqa: E402
from sitekit.problems import InputError  # noqa: E402
from make_handouts import HANDOUT_ERRORS, make_handouts, report  # noqa: E402
from sitekit import yamlsource  # noqa: E402
from sitekit.harden import UnsafePage, harden  # noqa: E402
from sitekit.links import rewrite_site  # noqa: E402


ENGINES = ("mkdocs", "zensical")
ZENSICAL = ROOT / ".venv-zensical/bin/zensical"


class EngineMissing(Exception):
    """The chosen site engine is not installed."""


def build(out: Path, config: Path = ROOT / "mkdocs.generated.yml", engine: str = "mkdocs") -> None:
    generate()
    out = out.resolve()
    # Zensical only writes inside the project folder, so its staging folder lives there.
    parent = ROOT if engine == "zensical" else out.parent
    for stale in parent.glob(f".{out.name}-building-*"):  # left by an interrupted build
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=parent))
    try:
        run_engine(engine, config, staging)
        rewrite_site(staging)  # links to source files in generated HTML -> built pages
        harden(staging)  # refuses script that is not the theme's; CSP by hash, no-referrer, _headers
        report(make_handouts(staging))  # the PDFs are made from the built pages, before the swap
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def source_date_epoch() -> str:
    """The clinic's last review date as a Unix time: the build's dates come from the source,
    not the clock, so two builds of one commit are byte-identical."""
    day = dt.date.fromisoformat(yamlsource.load(ROOT / "clinic.yml").data["last_reviewed"])
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))


def run_engine(engine: str, config: Path, site_dir: Path) -> None:
    """Build the pages with MkDocs or with Zensical (which runs no hooks: generate() ran first)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": source_date_epoch(),
           "SITEKIT_GENERATED": "1"}  # the hook need not generate again
    if engine == "mkdocs":
        # No --quiet: it hides the warnings that --strict counts, and the build would pass.
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                        "--config-file", str(config), "--site-dir", str(site_dir)],
                       cwd=ROOT, env=env, check=True)
        return
    if not ZENSICAL.is_file():
        raise EngineMissing(f"Zensical is not installed in {ZENSICAL.parent.parent.name}/: run "
                            "`make site ENGINE=zensical`, which installs requirements-zensical.txt.")
    # Zensical has no --site-dir option: give it a copy of the config that names the folder.
    temporary = ROOT / f".zensical-{os.getpid()}.yml"
    temporary.write_text(config.read_text(encoding="utf-8") +
                         f"site_dir: {site_dir.relative_to(ROOT).as_posix()}\n", encoding="utf-8")
    try:
        subprocess.run([str(ZENSICAL), "build", "--strict", "--config-file", temporary.name],
                       cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    finally:
        temporary.unlink(missing_ok=True)


def _swap(new: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    shutil.move(str(new), str(out))
    shutil.rmtree(old, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="where the site goes")
    parser.add_argument("--engine", choices=ENGINES, default=os.environ.get("ENGINE") or "mkdocs",
                        help="the site engine (default: mkdocs, or $ENGINE)")
    args = parser.parse_args()
    try:
        build(args.out, engine=args.engine)
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
    except subprocess.CalledProcessError:
        print(f"build: {args.engine} build failed (see above); site/ was left as it was.", file=sys.stderr)
        return 1
    print(f"build: site written to {args.out} ({args.engine})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
