"""One sitemap for every language: each page's address, its review date, and the same page in
each published language (xhtml:link hreflang, as search engines read it). Made from the project
value, with the same page data the generated site configs carry (config.extra.pages), in place of
each engine's own per-language file."""
from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from .project import Project
from .site_config import theme_pages

_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
         'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


def sitemap_xml(configs: list[dict[str, Any]]) -> str:
    """The sitemap of the sites built from ``configs`` (the generated site configs, as data).

    >>> config = {"site_url": "https://e.org/es/", "extra": {"pages": {"/a/": {"last_reviewed": "2026-01-02",
    ...     "twins": [{"lang": "en", "url": "https://e.org/a/"}, {"lang": "es", "url": "https://e.org/es/a/"}]}}}}
    >>> print(sitemap_xml([config]).splitlines()[2])
      <url><loc>https://e.org/es/a/</loc><lastmod>2026-01-02</lastmod>
    """
    out = [_HEAD]
    for config in configs:
        for path, page in config["extra"]["pages"].items():
            url = config["site_url"] + path.lstrip("/")
            out.append(f"  <url><loc>{_text(url)}</loc><lastmod>{_text(page['last_reviewed'])}</lastmod>\n")
            out += [f"    <xhtml:link rel=\"alternate\" hreflang={quoteattr(t['lang'])} href={quoteattr(t['url'])}/>\n"
                    for t in page["twins"]]
            out.append("  </url>\n")
    return "".join(out) + "</urlset>\n"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_sitemap(site: Path, project: Project) -> None:
    """Write site/sitemap.xml (and .gz, with no time in it: builds stay byte-identical) for every
    language, and remove the engines' own sitemaps from the other languages' folders."""
    configs = [{"site_url": e.clinic["site_url"], "extra": {"pages": theme_pages(e, project.editions)}}
               for e in project.editions]
    text = sitemap_xml(configs).encode("utf-8")
    (site / "sitemap.xml").write_bytes(text)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text, mtime=0))
    root = configs[0]["site_url"]
    for config in configs[1:]:
        folder = site / config["site_url"].removeprefix(root)
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (folder / name).unlink(missing_ok=True)
