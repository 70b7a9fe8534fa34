#!/usr/bin/env python3
"""Say where `make serve` shows the site: mkdocs serve answers on the path of clinic.yml's
site_url (the bare 127.0.0.1:8000/ only redirects there).

    python scripts/serve_address.py [--clinic PATH]

The clinic file is read as the build reads it (checked, with its region): a mistake in it is
listed with its file, line and key, and the exit status is 1.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from sitekit.pipeline import load_inputs  # noqa: E402
from sitekit.problems import InputError  # noqa: E402
from sitekit.project import Paths  # noqa: E402


def address(paths: Paths, host: str = "127.0.0.1:8000") -> str:
    """The address the preview server answers on, from the checked clinic values."""
    _, clinic = load_inputs(paths)
    return f"http://{host}{urlparse(clinic['site_url']).path or '/'}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinic", type=Path, default=ROOT / "clinic.yml", help="the clinic file")
    args = parser.parse_args(argv)
    try:
        url = address(Paths.of(ROOT, clinic=args.clinic.resolve()))
    except InputError as err:
        print(f"serve: {err}", file=sys.stderr)
        return 1
    print(f"serve: open {url} (the other languages and the handouts: make site; see the README)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
