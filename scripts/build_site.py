#!/usr/bin/env python3
"""Build the publishable site into site/: generate, `mkdocs build --strict`, harden, PDF handouts.

The build goes into a temporary folder that replaces site/ only when everything succeeded, so a
failed or interrupted build leaves the last good site whole.
"""
from __future__ import annotations

import argparse
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
from sitekit.harden import harden  # noqa: E402


def build(out: Path, config: Path = ROOT / "mkdocs.generated.yml") -> None:
    generate()
    out = out.resolve()
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
    try:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                        "--config-file", str(config), "--site-dir", str(staging)],
                       cwd=ROOT, env=env, check=True)
        harden(staging)  # CSP with hashes of the theme's inline scripts, no-referrer, _headers
        report(make_handouts(staging))  # the PDFs are made from the built pages, before the swap
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(new: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="where the site goes")
    args = parser.parse_args()
    try:
        build(args.out)
    except InputError as err:
        print(f"build: {err}", file=sys.stderr)
        return 1
    except HANDOUT_ERRORS as err:
        print(f"build: handouts: {err}; site/ was left as it was.", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError:
        print("build: mkdocs build failed (see above); site/ was left as it was.", file=sys.stderr)
        return 1
    print(f"build: site written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
