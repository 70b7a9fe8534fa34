#!/usr/bin/env python3
"""Check data/knowledge.yml and clinic.yml, then write the tables, sections and checker data.

    python scripts/generate.py [--knowledge PATH] [--clinic PATH] [--out DIR]

Nothing is written when any input has a problem; every problem is listed with its file, line,
column and key, and the exit status is 1.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from sitekit.pipeline import generate  # noqa: E402
from sitekit.problems import InputError  # noqa: E402
from sitekit.project import Paths  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    defaults = Paths.of(ROOT)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--knowledge", type=Path, default=defaults.knowledge, help="the knowledge file")
    parser.add_argument("--clinic", type=Path, default=defaults.clinic, help="the clinic file")
    parser.add_argument("--docs", type=Path, default=defaults.docs, help="the Markdown pages")
    parser.add_argument("--out", type=Path, default=defaults.out, help="the project folder the generated folders go in")
    args = parser.parse_args(argv)
    paths = Paths.of(ROOT, knowledge=args.knowledge, clinic=args.clinic, docs=args.docs, out=args.out)
    try:
        changed = generate(paths)
    except InputError as err:
        print(f"generate: {err}", file=sys.stderr)
        return 1
    print(f"generate: {len(changed)} generated file(s) changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
