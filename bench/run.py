#!/usr/bin/env python3
"""Benchmarks: what readers and editors feel. Writes bench/results.json and bench/report.md.

    python bench/run.py [--repeats N] [--scales 1,10,100] [--no-lighthouse] [--no-handouts] [--keep]

Everything runs on scratch copies of the project under /tmp; the working tree and site/ are not
touched. Benchmarks report; they never fail a build (exit status 0 unless the script itself breaks).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import lighthouse  # noqa: E402
import project as P  # noqa: E402
from gzserver import GzipServer  # noqa: E402

TARGETS = {"generation_share": 0.05, "growth_exponent": 1.0, "checker_ms": 16.0,
           "page_bytes": 90_000, "lighthouse": 100}


def log(message: str) -> None:
    print(f"bench: {message}", flush=True)


def phase(results: dict, name: str, fn, *args, **kwargs):
    """Run one part; a failure is recorded in the results and the other parts go on."""
    start = time.perf_counter()
    log(f"{name} ...")
    try:
        value = fn(*args, **kwargs)
    except Exception as err:  # noqa: BLE001 - report, never crash the whole run
        results.setdefault("errors", {})[name] = f"{type(err).__name__}: {err}\n{traceback.format_exc()[-1500:]}"
        log(f"{name} failed: {type(err).__name__}: {str(err)[:300]}")
        value = None
    results.setdefault("phase_seconds", {})[name] = round(time.perf_counter() - start, 1)
    return value


# ------------------------------------------------------------------ build

# make_handouts.py's main(), with the time of each PDF taken around Handouts._fit (one page's PDF)
# and Handouts._booklet; when those methods are missing only the total is reported.
_HANDOUTS = r"""
import json, sys, time
sys.path.insert(0, "scripts")
import make_handouts
per_pdf = {}
try:
    from sitekit import handouts as H
    def timed(method, name_of):
        def wrapper(self, *args):
            start = time.perf_counter()
            value = method(self, *args)
            per_pdf[name_of(args)] = time.perf_counter() - start
            return value
        return wrapper
    H.Handouts._fit = timed(H.Handouts._fit, lambda a: a[1].pdf_name)
    H.Handouts._booklet = timed(H.Handouts._booklet, lambda a: "booklet.pdf")
except (ImportError, AttributeError):
    pass
start = time.perf_counter()
status = make_handouts.main(["--site", sys.argv[1]])
print(json.dumps({"status": status, "total": time.perf_counter() - start, "per_pdf": per_pdf}))
"""

def bench_build(scratch: Path, repeats: int, handouts: bool) -> dict[str, Any]:
    proj = P.copy_project(scratch / "p1")
    out: dict[str, Any] = {"repeats": repeats}
    out["generate"] = P.time_generate(proj, repeats + 2)
    mk = []
    for i in range(repeats):
        # As `make site` runs it: generation already done, so the hook skips it.
        mk.append(P.run([P.PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
                         "mkdocs.generated.yml", "--site-dir", str(scratch / f"mk{i}")], proj,
                        extra_env={"SITEKIT_GENERATED": "1"})[0])
        shutil.rmtree(scratch / f"mk{i}", ignore_errors=True)
    out["mkdocs_build_s"] = P.summary(mk)
    site = scratch / "site-1x"
    with_pdfs = "make_handouts" in (proj / "scripts/build_site.py").read_text()
    site_repeats = 1 if with_pdfs else repeats  # the PDF step is slow: once is enough
    whole = [P.run([P.PYTHON, "scripts/build_site.py", "--out", str(site)], proj, timeout=900)[0]
             for _ in range(site_repeats)]
    out["build_site_s"] = P.summary(whole)
    script = proj / "scripts/make_handouts.py"
    out["handouts"] = None
    if not script.is_file():
        out["handouts_note"] = "scripts/make_handouts.py does not exist yet: no PDF export measured."
    elif not handouts:
        out["handouts_note"] = "skipped (--no-handouts)."
    else:
        elapsed, result = P.run([P.PYTHON, "-c", _HANDOUTS, str(site)], proj, timeout=900)
        timed = json.loads(result.stdout.strip().splitlines()[-1])
        files = [{"name": pdf.name, "bytes": pdf.stat().st_size, "seconds": timed["per_pdf"].get(pdf.name)}
                 for pdf in sorted((site / "handouts").glob("*.pdf"))]
        order = {name: i for i, name in enumerate(timed["per_pdf"])}
        files.sort(key=lambda f: order.get(f["name"], 999))
        out["handouts"] = {"total_s": elapsed, "in_process_s": timed["total"], "files": files,
                           "status": timed["status"], "output": result.stderr.strip()[-600:], "repeats": 1}
    # make site = build_site.py: generate() in-process, then mkdocs build (its hook skips generation),
    # then the PDFs. Shares use one run's medians.
    g = out["generate"]["in_process_s"]["median"]
    mk = out["mkdocs_build_s"]["median"]
    pdf = out["handouts"]["total_s"] if out["handouts"] else None
    out["build_site_includes_pdfs"] = "make_handouts" in (proj / "scripts/build_site.py").read_text()
    out["share_of_html_build"] = g / (g + mk)
    out["share_of_whole"] = g / (g + mk + (pdf or 0))
    out["share_of_make_site"] = g / out["build_site_s"]["median"]
    return out


# ------------------------------------------------------------------ scale

def site_sizes(site: Path, pages: list[tuple[str, str]]) -> dict[str, Any]:
    per_page = {}
    for name, path in pages:
        html = (site / path / "index.html").read_bytes()
        per_page[name] = {"html_bytes": len(html), "html_gzip_bytes": P.gz_size(html)}
    return {"site_bytes": P.folder_bytes(site), "html_bytes": P.folder_bytes(site, "**/*.html"),
            "search_index_bytes": (site / "search/search_index.json").stat().st_size
            if (site / "search/search_index.json").exists() else None,
            "pages": per_page}


def bench_scale(scratch: Path, factor: int, repeats: int) -> dict[str, Any]:
    proj = P.copy_project(scratch / f"scale-{factor}x")
    counts = P.synth_knowledge(proj, factor)
    out: dict[str, Any] = {"factor": factor, "counts": counts, "repeats": repeats}
    out["generate"] = P.time_generate(proj, repeats)
    out["generated_bytes"] = P.generated_bytes(proj)
    site = scratch / f"site-{factor}x"
    out["mkdocs_build_s"] = P.run([P.PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
                                   "mkdocs.generated.yml", "--site-dir", str(site)], proj, timeout=900)[0]
    out.update(site_sizes(site, P.nav_pages(proj)))
    out["site_dir"] = str(site)
    return out


def profile_generation(scratch: Path, factor: int) -> list[dict[str, Any]]:
    """Where the generation step spends its time at the largest scale (cProfile, one run)."""
    proj = scratch / f"scale-{factor}x"
    code = r"""
import cProfile, json, pstats, sys
sys.path.insert(0, "scripts")
from sitekit.pipeline import Paths, generate
prof = cProfile.Profile(); prof.enable(); generate(Paths()); prof.disable()
stats = pstats.Stats(prof).stats
rows = []
for (file, line, func), (cc, nc, tt, ct, callers) in stats.items():
    if "sitekit" in file or "/yaml/" in file or "jinja2/environment" in file or "jsonschema/validators" in file:
        rows.append({"where": f"{file.split('/scripts/')[-1].split('site-packages/')[-1]}:{line}({func})",
                     "calls": nc, "cumulative_s": round(ct, 3), "own_s": round(tt, 3)})
rows.sort(key=lambda r: -r["cumulative_s"])
print(json.dumps(rows[:18]))
"""
    _, result = P.run([P.PYTHON, "-c", code], proj)
    return json.loads(result.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ browser

def bare_material(scratch: Path) -> Path:
    """A bare Material page (minimal mkdocs.yml, no Google Fonts, the default search plugin)."""
    folder = scratch / "bare"
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text("site_name: Bare Material page\ntheme:\n  name: material\n  font: false\n")
    (folder / "docs/index.md").write_text("# A bare page\n\nOne paragraph of text on a bare Material page.\n")
    P.run([P.PYTHON, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(folder / "site")], folder)
    return folder / "site"


def bench_browser(scratch: Path, scale: dict[int, dict], pages, prefix: str, clicks: int) -> dict[str, Any]:
    import browser as B
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {"page_weight": {}, "checker": {}}
    with sync_playwright() as pw:
        chrome = pw.chromium.launch(executable_path=P.chromium_path(), args=B.CHROMIUM_ARGS)
        try:
            bare = bare_material(scratch)
            with GzipServer(bare, "/") as server:
                out["bare_material"] = B.page_weight(chrome, server, [("index", "")])["index"]
            for factor, info in sorted(scale.items()):
                with GzipServer(Path(info["site_dir"]), prefix) as server:
                    log(f"  checker speed at {factor}x")
                    url = server.url + "symptom-checker/"
                    try:
                        out["checker"][factor] = {
                            "cpu_1x": B.checker_speed(chrome, url, clicks),
                            "cpu_4x": B.checker_speed(chrome, url, clicks, cpu_slowdown=4),
                        }
                    except Exception as err:  # noqa: BLE001
                        out.setdefault("errors", []).append(f"checker at {factor}x: {type(err).__name__}: {err}"[:500])
                    log(f"  page weight at {factor}x")
                    out["page_weight"][factor] = B.page_weight(chrome, server, pages,
                                                               load_timeout_s=120 if factor == 1 else 60)
        finally:
            chrome.close()
    return out


def checker_assets(site: Path) -> dict[str, Any]:
    js = (site / "javascripts/symptom-checker.js").read_bytes()
    css = site / "stylesheets/checker.css"
    out = {"js_bytes": len(js), "js_gzip_bytes": P.gz_size(js)}
    if css.exists():
        out.update(css_bytes=css.stat().st_size, css_gzip_bytes=P.gz_size(css.read_bytes()))
    return out


# ------------------------------------------------------------------ lighthouse

def bench_lighthouse(site: Path, bare: Path | None, pages, prefix: str) -> dict[str, Any]:
    version = lighthouse.available()
    if not version:
        return {"skipped": "Lighthouse is not installed: run `npm install --prefix bench` (make bench does)."}
    out: dict[str, Any] = {"version": version, "pages": {}, "flags": lighthouse.CHROME_FLAGS,
                           "form_factor": "mobile (default: Moto G Power, simulated slow 4G, 4x CPU slowdown)"}
    chromium = P.chromium_path()
    with GzipServer(site, prefix) as server:
        for name, path in pages:
            log(f"  lighthouse {name}")
            out["pages"][name] = lighthouse.run_page(server.url + path, chromium)
            hits = server.take_hits()
            out["pages"][name]["other_paths_requested"] = sorted({h.path for h in hits if h.status == 404})
    if bare and bare.is_dir():
        with GzipServer(bare, "/") as server:
            log("  lighthouse bare Material page")
            out["bare_material"] = lighthouse.run_page(server.url, chromium)
    return out


# ------------------------------------------------------------------ main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs of each timed build step (median)")
    parser.add_argument("--scales", default="1,10,100", help="sizes of the synthetic knowledge files")
    parser.add_argument("--scale-repeats", type=int, default=3, help="generation runs at each scale")
    parser.add_argument("--serve-repeats", type=int, default=3, help="save-to-page runs under mkdocs serve")
    parser.add_argument("--clicks", type=int, default=30, help="checker clicks per scale")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-handouts", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder under /tmp")
    parser.add_argument("--out", type=Path, default=BENCH, help="where results.json and report.md go")
    args = parser.parse_args(argv)
    scales = sorted({int(s) for s in args.scales.split(",")} | {1})

    started = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="sitekit-bench-"))
    results: dict[str, Any] = {"targets": TARGETS, "settings": vars(args) | {"out": str(args.out)}}
    results["machine"] = P.machine(P.chromium_path())
    log(f"scratch folder {scratch}")
    try:
        pages = P.nav_pages(P.ROOT)
        prefix = P.url_prefix(P.ROOT)
        results["pages"] = [name for name, _ in pages]
        build = results["build"] = phase(results, "build", bench_build, scratch, args.repeats, not args.no_handouts)
        results["serve"] = phase(results, "serve", __import__("serve").save_to_page,
                                 P.copy_project(scratch / "serve"), args.serve_repeats)
        scale: dict[int, dict] = {}
        for factor in scales:
            if factor == 1 and build:
                proj = scratch / "p1"
                info = {"factor": 1, "counts": P.counts(__import__("yaml").safe_load(
                    (proj / "data/knowledge.yml").read_text()), proj / "data/knowledge.yml"),
                        "repeats": build["generate"]["cli_s"]["n"], "generate": build["generate"],
                        "generated_bytes": P.generated_bytes(proj), "mkdocs_build_s": build["mkdocs_build_s"]["median"],
                        "site_dir": str(scratch / "site-1x")}
                info.update(site_sizes(scratch / "site-1x", pages))
            else:
                info = phase(results, f"scale {factor}x", bench_scale, scratch, factor, args.scale_repeats)
            if info:
                scale[factor] = info
        results["scale"] = scale
        if max(scale, default=1) > 1:
            results["generation_profile"] = phase(results, "profile", profile_generation, scratch, max(scale))
        if (scratch / "site-1x").is_dir():
            results["checker_assets"] = checker_assets(scratch / "site-1x")
        results["browser"] = phase(results, "browser", bench_browser, scratch, scale, pages, prefix, args.clicks)
        if not args.no_lighthouse and (scratch / "site-1x").is_dir():
            results["lighthouse"] = phase(results, "lighthouse", bench_lighthouse, scratch / "site-1x",
                                          scratch / "bare/site", pages, prefix)
    finally:
        results["total_seconds"] = round(time.perf_counter() - started, 1)
        for info in (results.get("scale") or {}).values():
            info.pop("site_dir", None)
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            results["scratch"] = str(scratch)
        import report
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "results.json").write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
        (args.out / "report.md").write_text(report.render(results), encoding="utf-8")
        log(f"wrote {args.out / 'report.md'} and results.json in {results['total_seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
