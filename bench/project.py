"""Scratch copies of the project, synthetic knowledge files, timed commands and the machine."""
from __future__ import annotations

import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
IGNORE = shutil.ignore_patterns(".git", ".venv", "site", "node_modules", "generated", "bench",
                                ".pytest_cache", ".cache", "__pycache__", "test-results", ".site-*")
MANAGED = ["generated", "overrides/generated", "docs/generated", "mkdocs.generated.yml"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "0"}


# ------------------------------------------------------------------ numbers

def summary(values: list[float]) -> dict[str, Any]:
    """Median, min, max and the raw runs (seconds or whatever unit the caller used)."""
    values = [float(v) for v in values]
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "n": len(values), "runs": values}


def loglog_slope(xs: list[float], ys: list[float]) -> float | None:
    """Least-squares slope of log(y) against log(x): the growth exponent (1 = linear)."""
    import math
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    den = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / den if den else None


def gz_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


# ------------------------------------------------------------------ machine

def _run_text(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine(chromium: str) -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = 0
    try:
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    except (OSError, AttributeError):
        pass
    os_name = platform.platform()
    try:
        os_name = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text()).group(1) + \
            f" (kernel {platform.release()})"
    except (OSError, AttributeError):
        pass
    chromium_version = _run_text([chromium, "--version"]).splitlines()
    chromium_version = next((l for l in chromium_version if "hrom" in l), "unknown")
    from importlib.metadata import version
    return {
        "cores": os.cpu_count(), "memory_gib": round(mem_kb / 1024 / 1024, 1), "cpu": cpu,
        "os": os_name, "python": platform.python_version(), "chromium": chromium_version,
        "chromium_path": chromium, "node": _run_text(["node", "--version"]),
        "mkdocs": version("mkdocs"), "material": version("mkdocs-material"),
        "playwright": version("playwright"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "git_commit": _run_text(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]),
        "git_dirty": bool(_run_text(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"])
                          not in ("", "unknown")),
    }


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium") or "", "/usr/bin/google-chrome"):
        if candidate and Path(candidate).is_file():
            return candidate
    raise SystemExit("bench: no Chromium found: run `make browser` or set CHROMIUM=/path/to/chrome.")


# ------------------------------------------------------------------ project copies

def copy_project(dest: Path) -> Path:
    shutil.copytree(ROOT, dest, ignore=IGNORE, symlinks=True)
    return dest


def clean_generated(project: Path) -> None:
    for name in MANAGED:
        target = project / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def run(cmd: list[str], cwd: Path, timeout: float = 600,
        extra_env: dict[str, str] | None = None) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env={**ENV, **(extra_env or {})}, capture_output=True,
                            text=True, timeout=timeout)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({result.returncode}):\n"
                           f"{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return elapsed, result


_INPROCESS = r"""
import json, shutil, sys, time
from pathlib import Path
sys.path.insert(0, "scripts")
from sitekit.pipeline import Paths, generate
runs = []
for _ in range(int(sys.argv[1])):
    for name in %r:
        p = Path(name)
        shutil.rmtree(p) if p.is_dir() else p.unlink(missing_ok=True)
    start = time.perf_counter()
    generate(Paths())
    runs.append(time.perf_counter() - start)
print(json.dumps(runs))
"""


def time_generate(project: Path, repeats: int) -> dict[str, Any]:
    """The generation step, timed two ways, each from empty output folders (everything written).

    cli: `python scripts/generate.py` as a fresh process (what `make generate` costs an editor,
    interpreter start-up and imports included). in_process: the generate() call alone.
    """
    cli = []
    for _ in range(repeats):
        clean_generated(project)
        cli.append(run([PYTHON, "scripts/generate.py"], project)[0])
    _, out = run([PYTHON, "-c", _INPROCESS % (MANAGED,), str(repeats)], project)
    in_process = json.loads(out.stdout.strip().splitlines()[-1])
    return {"cli_s": summary(cli), "in_process_s": summary(in_process)}


def folder_bytes(folder: Path, pattern: str = "**/*") -> int:
    return sum(p.stat().st_size for p in folder.glob(pattern) if p.is_file())


def generated_bytes(project: Path) -> int:
    total = 0
    for name in MANAGED:
        target = project / name
        total += folder_bytes(target) if target.is_dir() else (target.stat().st_size if target.exists() else 0)
    return total


def nav_pages(project: Path) -> list[tuple[str, str]]:
    """(page name, URL path relative to the site root) for every page in the nav, in order."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = []

    def walk(items):
        for item in items:
            value = item if isinstance(item, str) else next(iter(item.values()))
            if isinstance(value, list):
                walk(value)
            elif value.endswith(".md") and "://" not in value:
                name = value[:-3]
                pages.append((name, "" if name == "index" else f"{name}/"))

    walk(config.get("nav") or [])
    return pages


def url_prefix(project: Path) -> str:
    """The path of the clinic's site_url, so the local server serves the site where it is published."""
    clinic = yaml.safe_load((project / "clinic.yml").read_text(encoding="utf-8"))
    from urllib.parse import urlsplit
    return urlsplit(clinic.get("site_url", "/")).path or "/"


# ------------------------------------------------------------------ synthetic knowledge

SYNTH_CAPS = {"conditions": 1000, "symptoms": 300, "treatments": 200}


def synth_knowledge(project: Path, factor: int) -> dict[str, int]:
    """Scale the copy's data/knowledge.yml ``factor`` times by cloning items with new ids.

    Clone 0 of every item is the original. Symptom, condition and treatment counts are multiplied
    by ``factor`` up to SYNTH_CAPS. Each synthetic condition keeps its original's ratings (mapped
    onto clones of the same symptoms), gets its own section (a heading with an explicit id and its
    "at a glance" box, appended to docs/mimics.md) and treatments point at clones of their
    original conditions, so every reference is valid and the checker data grows like a real file.
    """
    path = project / "data/knowledge.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if factor == 1:
        return counts(data, path)

    def clones(items, key):
        n = min(len(items) * factor, max(SYNTH_CAPS[key], len(items)))
        out = []
        for j in range(n):
            original, c = items[j % len(items)], j // len(items)
            out.append((original, c))
        return out

    def cid(item_id: str, c: int) -> str:
        return item_id if c == 0 else f"{item_id}-x{c}"

    sym_plan = clones(data["symptoms"], "symptoms")
    sym_clones: dict[str, int] = {}
    symptoms = []
    for original, c in sym_plan:
        sym_clones[original["id"]] = sym_clones.get(original["id"], 0) + 1
        item = dict(original, id=cid(original["id"], c))
        if c:
            item["label"] = f"{original['label']} (type {c})"
        symptoms.append(item)

    cond_plan = clones(data["conditions"], "conditions")
    cond_clones: dict[str, int] = {}
    conditions, headings = [], []
    for original, c in cond_plan:
        cond_clones[original["id"]] = cond_clones.get(original["id"], 0) + 1
        item = dict(original, id=cid(original["id"], c))
        if c:
            item["name"] = f"{original['name']} type {c}"
            item["short_name"] = f"{original['short_name']} {c}"
            item["section"] = f"mimics.md#{item['id']}"
            headings.append(f"## {item['name']} {{#{item['id']}}}\n\n{original['summary']}\n\n"
                            f"--8<-- \"generated/conditions/{item['id']}.html\"\n")
        item["features"] = {cid(sid, c % sym_clones[sid]): fit for sid, fit in original["features"].items()}
        conditions.append(item)

    treatments = []
    for original, c in clones(data["treatments"], "treatments"):
        item = dict(original, id=cid(original["id"], c))
        if c:
            item["name"] = f"{original['name']} type {c}"
        item["for"] = [cid(x, c % cond_clones[x]) for x in original["for"]]
        treatments.append(item)

    data.update(symptoms=symptoms, conditions=conditions, treatments=treatments)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    mimics = project / "docs/mimics.md"
    mimics.write_text(mimics.read_text(encoding="utf-8").rstrip("\n") + "\n\n## More conditions {#more-conditions}\n\n"
                      + "\n".join(headings), encoding="utf-8")
    return counts(data, path)


def counts(data: dict, path: Path) -> dict[str, int]:
    return {"symptoms": len(data["symptoms"]), "conditions": len(data["conditions"]),
            "treatments": len(data["treatments"]), "warning_signs": len(data["warning_signs"]),
            "knowledge_bytes": path.stat().st_size}
