"""Lighthouse (bench/node_modules, pinned in bench/package.json) against the locally served site."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
CLI = BENCH / "node_modules/lighthouse/cli/index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
TIMEOUT_S = 150  # per page; Lighthouse itself gives up loading after --max-wait-for-load


def available() -> str | None:
    """The installed Lighthouse version, or None."""
    try:
        return json.loads((BENCH / "node_modules/lighthouse/package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def run_page(url: str, chromium: str) -> dict[str, Any]:
    """One Lighthouse run (mobile, the default form factor and throttling); never hangs."""
    with tempfile.TemporaryDirectory(prefix="lh-") as tmp:
        report = Path(tmp) / "report.json"
        cmd = ["node", str(CLI), url, "--output=json", f"--output-path={report}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
               "--max-wait-for-load=45000"]
        env = {**os.environ, "CHROME_PATH": chromium}
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)  # own group: a timeout ends Chromium too
        try:
            _, stderr = proc.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return {"error": f"timed out after {TIMEOUT_S} s (killed)", "seconds": time.perf_counter() - start}
        elapsed = time.perf_counter() - start
        if proc.returncode != 0 or not report.is_file():
            return {"error": f"exit {proc.returncode}: {stderr.strip()[-800:]}", "seconds": elapsed}
        data = json.loads(report.read_text())
    return summarize(data, elapsed)


def summarize(data: dict[str, Any], elapsed: float) -> dict[str, Any]:
    audits = data["audits"]
    failing = []
    for category in CATEGORIES:
        for ref in data["categories"][category]["auditRefs"]:
            audit = audits.get(ref["id"], {})
            score = audit.get("score")
            if score is None or score >= 1 or audit.get("scoreDisplayMode") in ("notApplicable", "manual", "informative"):
                continue
            failing.append({"category": category, "id": ref["id"], "weight": ref.get("weight", 0),
                            "score": score, "title": audit.get("title", ""),
                            "display": audit.get("displayValue", ""),
                            "items": _items(audit)})
    # Audits outside the scores that explain weight and caching (informative)
    notes = {}
    for audit_id in ("total-byte-weight", "network-requests", "uses-long-cache-ttl", "unused-css-rules",
                     "unused-javascript", "legacy-javascript", "render-blocking-resources"):
        audit = audits.get(audit_id)
        if audit and audit.get("displayValue"):
            notes[audit_id] = audit["displayValue"]
    errors = {k: a.get("errorMessage") for k, a in audits.items() if a.get("scoreDisplayMode") == "error"}
    metrics = {k: audits[k].get("numericValue") for k in ("first-contentful-paint", "largest-contentful-paint",
                                                            "total-blocking-time", "cumulative-layout-shift",
                                                            "speed-index", "interactive") if k in audits}
    main_thread = {i.get("groupLabel", i.get("group")): i.get("duration", 0)
                   for i in (audits.get("mainthread-work-breakdown", {}).get("details") or {}).get("items", [])}
    from urllib.parse import urlsplit
    bootup = [(urlsplit(i.get("url", "")).path or i.get("url"), i.get("total", 0))
              for i in (audits.get("bootup-time", {}).get("details") or {}).get("items", [])]
    return {
        "main_thread": main_thread, "bootup": bootup,
        "scores": {c: (None if data["categories"][c]["score"] is None else round(data["categories"][c]["score"] * 100))
                   for c in CATEGORIES},
        "failing": failing, "notes": notes, "metrics": metrics, "audit_errors": errors,
        "run_warnings": data.get("runWarnings", []), "runtime_error": data.get("runtimeError"),
        "benchmark_index": data.get("environment", {}).get("benchmarkIndex"),
        "lighthouse": data.get("lighthouseVersion"), "seconds": elapsed,
    }


def _items(audit: dict[str, Any], limit: int = 5) -> list[str]:
    """A few of the audit's details (URLs or selectors), to say what fails."""
    out = []
    for item in (audit.get("details") or {}).get("items", [])[:limit]:
        if not isinstance(item, dict):
            continue
        node = item.get("node") or {}
        label = item.get("url") or node.get("selector") or node.get("snippet") or item.get("label") or ""
        extra = item.get("wastedBytes") or item.get("totalBytes") or item.get("wastedMs") or item.get("total")
        out.append(f"{label}" + (f" ({int(extra)})" if isinstance(extra, (int, float)) else ""))
    return [o for o in out if o]
