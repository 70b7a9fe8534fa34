#!/usr/bin/env python3
"""Benchmarks: what readers and editors feel. Writes bench/out/results.json and bench/out/report.md.

    python bench/run.py [--lighthouse] [--scale N] [--repeats N]

It builds a scratch copy of the project under /tmp (the working tree and site/ are not touched),
then measures: generation and build time (the cold build with every PDF against its wall-time
budget, with the CPU-seconds of every process it started, Chromium's included), each page's
first-visit weight against the budget in bench/budgets.json, the symptom checker's
tick-to-result time (also with N times the conditions), and, with --lighthouse, Lighthouse
mobile scores (median of three runs per page). It reports; it never fails
(tests/test_page_weight.py enforces the page budget).
"""
from __future__ import annotations

import argparse
import copy
import functools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
PYTHON = sys.executable
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))  # the one project copy and test server (tests/helpers.py)

import lighthouse  # noqa: E402
from helpers import base_url, copy_project, start_server  # noqa: E402
from pageweight import BUDGETS, budget_for, page_weights  # noqa: E402
from sitekit.browser import launch  # noqa: E402

# Tick and untick the symptom boxes in turn; time from the click to the results being laid out.
_TICKS_JS = """async (rounds) => {
  const boxes = [...document.querySelectorAll('[data-sc-form] input[name=symptom]')];
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const box = boxes[i % boxes.length];
    const start = performance.now();
    box.click();
    document.querySelector('[data-sc-body]').getBoundingClientRect();
    times.push(performance.now() - start);
    await new Promise(r => requestAnimationFrame(() => r()));
  }
  return {times, symptoms: boxes.length};
}"""


def log(message: str) -> None:
    print(f"bench: {message}", flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


class BenchFailed(Exception):
    """A step of the benchmark could not run; the message says which and why, in the step's words."""


def run(cmd: list[str], cwd: Path) -> str:
    """Run one step of the scratch build; its warnings (stderr) are returned, its failure raised
    as BenchFailed with the step's own message (never a traceback)."""
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace",
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        said = (result.stderr.strip() or result.stdout.strip() or "no message").splitlines()
        raise BenchFailed(f"{' '.join(Path(c).name for c in cmd[:2])} failed in {cwd}:\n  " + "\n  ".join(said[-12:]))
    return result.stderr


_TICK = os.sysconf("SC_CLK_TCK")


def _tree_cpu(root: int, seen: dict[int, float]) -> None:
    """Note the CPU-seconds so far of ``root`` and every process under it (Chromium's too, which
    the kernel's accounting of waited-for children misses: the browser's helpers are not reaped
    through this process)."""
    stats: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                text = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = text[text.rfind(")") + 2:].split()
            stats[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK)
    tree, grown = {root}, True
    while grown:
        grown = False
        for pid, (parent, _) in stats.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grown = True
    seen.update({pid: stats[pid][1] for pid in tree if pid in stats})


def timed_with_cpu(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and CPU-seconds of the whole process tree (sampled every 0.2 s, so a process
    that ends between two samples loses at most its last 0.2 s)."""
    seen: dict[int, float] = {}
    start = time.perf_counter()
    with subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace",
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}) as process:
        while process.poll() is None:
            _tree_cpu(process.pid, seen)
            time.sleep(0.2)
        out, err = process.communicate()
    wall = time.perf_counter() - start
    if process.returncode != 0:
        said = (err.strip() or out.strip() or "no message").splitlines()
        raise BenchFailed(f"{' '.join(Path(c).name for c in cmd[:2])} failed in {cwd}:\n  " + "\n  ".join(said[-12:]))
    return wall, sum(seen.values())


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    run(cmd, cwd)
    return time.perf_counter() - start


def scale_conditions(project: Path, factor: int) -> int:
    """Give the knowledge file ``factor`` times its conditions: copies with new ids, each with a
    section of its own on its page (the build refuses two conditions on one section). The scaled
    site is English alone (the copies have no words in other languages)."""
    path = project / "data/knowledge.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    copies, sections = [], {}
    for n in range(1, factor):
        for c in data["conditions"]:
            page, anchor = c["section"].split("#", 1)
            # Deep copies: shared objects would be written as YAML aliases, which the build refuses.
            copies.append({**copy.deepcopy(c), "id": f"{c['id']}-copy{n}", "section": f"{page}#{anchor}-copy{n}"})
            sections.setdefault(page, []).append(f"## {c['plain_name']} ({n}) {{#{anchor}-copy{n}}}\n")
    data["conditions"] += copies
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for page, headings in sections.items():
        with (project / "docs" / page).open("a", encoding="utf-8") as handle:
            handle.write("\n" + "\n".join(headings))
    clinic = project / "clinic.yml"
    clinic.write_text(re.sub(r"^languages: .*$", "languages: [en]", clinic.read_text(encoding="utf-8"), flags=re.M),
                      encoding="utf-8")
    return len(data["conditions"])


def build(project: Path, site: Path, repeats: int) -> dict[str, Any]:
    generate = [timed([PYTHON, "scripts/generate.py"], project) for _ in range(repeats)]
    load = os.getloadavg()[0]
    whole, cpu = timed_with_cpu([PYTHON, "scripts/build_site.py", "--out", str(site)], project)
    return {"generate_s": median(generate), "build_site_s": whole, "build_site_cpu_s": cpu,
            "load_before": load, "load_after": os.getloadavg()[0], "generate_share": median(generate) / whole}


@functools.cache
def _server(site: str) -> str:
    """The tests' one server (tests/helpers.py), compressing as static hosts do, kept for the run."""
    return base_url(start_server(Path(site), compress=True))


def checker_ms(site: Path, rounds: int = 40) -> dict[str, Any]:
    with launch() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(_server(str(site)) + "symptom-checker/")
        page.wait_for_selector('[data-module="symptom-checker"][data-checker-ready="true"]')
        result = page.evaluate(_TICKS_JS, rounds)
    times = result["times"]
    return {"median_ms": median(times), "max_ms": max(times), "symptoms": result["symptoms"]}


def lighthouse_scores(site: Path, pages: list[str], runs: int = 3) -> dict[str, Any]:
    out = {}
    for address in pages:
        scores = [lighthouse.performance(_server(str(site)) + address) for _ in range(runs)]
        valid = [s for s in scores if s is not None]
        out[address or "/"] = {"runs": scores, "median": median(valid) if valid else None}
        log(f"lighthouse {address or '/'}: {scores}")
    return out


def report(results: dict[str, Any]) -> str:
    b = results["build"]
    lines = ["# Benchmark report", "", f"Machine: {results['machine']}. Made by `make bench`; not committed.", "",
             "## Build", "",
             f"- generation {b['generate_s']:.2f} s, whole `build_site.py` {b['build_site_s']:.1f} s "
             f"(generation is {b['generate_share']:.1%} of it)",
             f"- the whole build, cold, with every PDF: {b['build_site_s']:.1f} s wall, {b['build_site_cpu_s']:.1f} "
             f"CPU-seconds with Chromium's (budget {BUDGETS['build_site_s']} s wall on 2 cores with nothing else "
             f"running: {'within' if b['build_site_s'] <= BUDGETS['build_site_s'] else 'OVER'}; load average "
             f"{b['load_before']:.1f} before, {b['load_after']:.1f} after: above about 0.5, the wall time is "
             "other programs' as well; the CPU-seconds hold)", "",
             "## Page weight (gzip, first visit)", "",
             "| page | bytes | budget | within |", "|---|---:|---:|---|"]
    for address, size in results["page_weight"].items():
        budget = budget_for(address)
        lines.append(f"| {address or '/'} | {size:,} | {budget:,} | {'yes' if size <= budget else 'NO'} |")
    lines += ["", "## Symptom checker (tick to laid-out result)", ""]
    for label, c in results["checker"].items():
        lines.append(f"- {label}: median {c['median_ms']:.1f} ms, max {c['max_ms']:.1f} ms "
                     f"(budget {BUDGETS['checker_update_ms']} ms)")
    if "scaled_handout_warnings" in results:
        lines.append(f"- the scaled site built; its handouts have {results['scaled_handout_warnings']} "
                     "layout warning(s) (looks, not readability)")
    if results.get("lighthouse"):
        lines += ["", f"## Lighthouse mobile performance (median of 3; budget {BUDGETS['lighthouse_performance']})",
                  "", "| page | runs | median |", "|---|---|---:|"]
        for address, s in results["lighthouse"].items():
            lines.append(f"| {address} | {s['runs']} | {s['median']} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    try:
        return bench()
    except BenchFailed as err:
        log(str(err))
    except KeyboardInterrupt:
        log("stopped")
    except Exception as err:  # a bench bug: one line, not a traceback (SITEKIT_DEBUG=1 shows it)
        if os.environ.get("SITEKIT_DEBUG"):
            raise
        log(f"unexpected error ({type(err).__name__}: {err}); run again with SITEKIT_DEBUG=1 to see where")
    return 1


def bench() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse (slow: 3 runs per page)")
    parser.add_argument("--scale", type=int, default=20,
                        help="times the conditions for the scaled checker run (1: none)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of the generation step")
    args = parser.parse_args()
    results: dict[str, Any] = {"machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        scratch = Path(tmp)
        log("build")
        project = copy_project(scratch / "p")
        results["build"] = build(project, scratch / "site", args.repeats)
        results["page_weight"] = page_weights(scratch / "site")
        log("checker speed")
        results["checker"] = {"as published": checker_ms(scratch / "site")}
        if args.scale > 1:  # --scale 1: no scaled run
            big = copy_project(scratch / "big")
            count = scale_conditions(big, args.scale)
            log(f"scaled build ({count} conditions)")
            warned = run([PYTHON, "scripts/build_site.py", "--out", str(scratch / "big-site")], big)
            found = re.search(r"handouts: warning: (\d+) layout problem", warned)
            results["scaled_handout_warnings"] = int(found.group(1)) if found else 0
            results["checker"][f"{count} conditions ({args.scale}x)"] = checker_ms(scratch / "big-site")
        if args.lighthouse:
            if lighthouse.available():
                results["lighthouse"] = lighthouse_scores(scratch / "site", list(results["page_weight"]))
            else:
                log("Lighthouse is not installed: run `make bench LIGHTHOUSE=1` (it installs bench/node_modules)")
    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    (OUT / "report.md").write_text(report(results), encoding="utf-8")
    log(f"wrote {OUT / 'report.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
