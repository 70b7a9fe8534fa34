#!/usr/bin/env python3
"""Say where `make serve` shows the site: mkdocs serve answers on the path of clinic.yml's
site_url (the bare 127.0.0.1:8000/ only redirects there)."""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlparse

import yaml

ROOT = Path(__file__).resolve().parents[1]


def address(host: str = "127.0.0.1:8000") -> str:
    clinic = yaml.safe_load((ROOT / "clinic.yml").read_text(encoding="utf-8"))
    return f"http://{host}{urlparse(clinic['site_url']).path or '/'}"


if __name__ == "__main__":
    print(f"serve: open {address()} (the other languages and the handouts: make site; see the README)")
    sys.exit(0)
