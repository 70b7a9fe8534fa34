"""Lighthouse (bench/node_modules, pinned in bench/package.json) against the locally served site."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
CLI = BENCH / "node_modules/lighthouse/cli/index.js"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
TIMEOUT_S = 150  # per run; Lighthouse itself gives up loading after --max-wait-for-load

sys.path.insert(0, str(BENCH.parent / "scripts"))
from sitekit.browser import find_chromium  # noqa: E402


def available() -> bool:
    return CLI.is_file()


def performance(url: str) -> float | None:
    """One mobile Lighthouse run (default throttling): the performance score 0..1, or None."""
    with tempfile.TemporaryDirectory(prefix="lh-") as tmp:
        report = Path(tmp) / "report.json"
        cmd = ["node", str(CLI), url, "--output=json", f"--output-path={report}", "--quiet",
               "--only-categories=performance", f"--chrome-flags={CHROME_FLAGS}", "--max-wait-for-load=45000"]
        proc = subprocess.Popen(cmd, env={**os.environ, "CHROME_PATH": find_chromium()},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)  # own group: a timeout ends Chromium too
        try:
            proc.wait(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return None
        if proc.returncode != 0 or not report.is_file():
            return None
        return json.loads(report.read_text())["categories"]["performance"]["score"]
