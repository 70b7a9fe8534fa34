"""Save-to-rebuilt-page time under `make serve` (mkdocs serve --livereload), in a scratch copy."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from project import ENV, PYTHON, run, summary, url_prefix

LABEL = "label: Pain at the back of the knee"  # a symptom label shown on the Symptoms page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def save_to_page(project: Path, repeats: int, timeout_s: float = 90) -> dict[str, Any]:
    """Start `mkdocs serve` in ``project``, change a label in its knowledge file ``repeats`` times,
    and time each save until the served Symptoms page shows the new words."""
    run([PYTHON, "scripts/generate.py"], project)  # what `make serve` runs first
    port = _free_port()
    mkdocs = Path(PYTHON).with_name("mkdocs")
    cmd = [str(mkdocs) if mkdocs.exists() else PYTHON, *([] if mkdocs.exists() else ["-m", "mkdocs"]),
           "serve", "--config-file", "mkdocs.generated.yml", "--dev-addr", f"127.0.0.1:{port}", "--livereload"]
    log = open(project / "serve.log", "w")
    proc = subprocess.Popen(cmd, cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}{url_prefix(project)}symptoms/"
    knowledge = project / "data/knowledge.yml"
    original = knowledge.read_text(encoding="utf-8")
    runs, errors = [], []
    try:
        start = time.perf_counter()
        while _get(url) is None:
            if proc.poll() is not None or time.perf_counter() - start > timeout_s:
                raise RuntimeError("mkdocs serve did not start:\n" + (project / "serve.log").read_text()[-2000:])
            time.sleep(0.1)
        startup = time.perf_counter() - start
        time.sleep(1.5)  # let the watcher settle after the first build
        for i in range(repeats):
            marker = f"benchmark{i}x{os.getpid()}"
            text = original.replace(LABEL, f"{LABEL} {marker}", 1)
            assert text != original, "the label to change is not in data/knowledge.yml"
            saved = time.perf_counter()
            knowledge.write_text(text, encoding="utf-8")
            while True:
                body = _get(url)
                elapsed = time.perf_counter() - saved
                if body and marker in body:
                    runs.append(elapsed)
                    break
                if elapsed > timeout_s or proc.poll() is not None:
                    errors.append(f"run {i}: the new label did not appear within {timeout_s:.0f} s")
                    break
                time.sleep(0.05)
            time.sleep(1.0)
    finally:
        knowledge.write_text(original, encoding="utf-8")
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
    serve_log = (project / "serve.log").read_text(errors="replace")
    builds = [float(x) for x in re.findall(r"Documentation built in ([\d.]+) seconds", serve_log)]
    return {"save_to_page_s": summary(runs) if runs else None, "startup_s": startup,
            "reported_build_s": builds, "errors": errors, "poll_interval_s": 0.05}
