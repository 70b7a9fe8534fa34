"""The publish workflow (.github/workflows/publish.yml) publishes what was tested: its steps, run
in order, leave the site at the path it uploads, the tests check that very folder, and its
third-party actions are pinned by commit, with no git credentials left on disk.

The steps are followed as make would run them (`make -n`: the commands, none of them run) and
scripts/build_site.py's own default output folder: no build is needed."""
from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import yaml
from helpers import ROOT

WORKFLOW = ROOT / ".github/workflows/publish.yml"
UPLOAD = "actions/upload-pages-artifact"
_PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s*v\d+(\.\d+)*\s*$")


def make_commands(arguments: list[str]) -> list[str]:
    """What `make <arguments>` would run in the project (make's dry run: nothing is run)."""
    result = subprocess.run(["make", "-n", "-s", *arguments], cwd=ROOT, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"})
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def writes(command: str) -> set[str]:
    """The folders (relative to the project) a command writes the site into: build_site.py's
    --out, or its default."""
    from build_site import SITE

    words = shlex.split(command)
    if not any(word.endswith("scripts/build_site.py") for word in words):
        return set()
    out = words[words.index("--out") + 1] if "--out" in words else str(SITE.relative_to(ROOT))
    return {Path(out).as_posix().rstrip("/")}


def checked_site(command: str) -> set[str]:
    """The built site a test run checks, when it is given one (SITEKIT_TEST_SITE=...)."""
    found = re.search(r"SITEKIT_TEST_SITE=(\S+)", command)
    if not found or "pytest" not in command:
        return set()
    path = Path(found[1])
    return {(path.relative_to(ROOT) if path.is_absolute() else path).as_posix()}


def problems(workflow: dict, raw: str) -> list[str]:
    """Everything that keeps the workflow from publishing the tested site, one line each."""
    found = []
    for number, line in enumerate(raw.splitlines(), 1):
        if re.match(r"^\s*(?:-\s+)?uses:", line) and not line.split("uses:", 1)[1].strip().startswith("./") \
                and not _PINNED.match(line):
            found.append(f"line {number}: not pinned to a full commit with its version as a comment: {line.strip()}")
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    for step in steps:
        if str(step.get("uses", "")).startswith("actions/checkout@") and \
                (step.get("with") or {}).get("persist-credentials") is not False:
            found.append("actions/checkout without persist-credentials: false")
    written: set[str] = set()
    checked: set[str] = set()
    for step in steps:
        if str(step.get("uses", "")).startswith(f"{UPLOAD}@"):
            path = Path(str((step.get("with") or {}).get("path", "."))).as_posix().rstrip("/")
            if path not in written:
                found.append(f"uploads {path}/, which no step before it writes (they write: {sorted(written)})")
            if path not in checked:
                found.append(f"uploads {path}/, which the tests did not check (they checked: {sorted(checked)})")
            return found
        for command in re.split(r"\n|&&|;", str(step.get("run", ""))):
            words = shlex.split(command)
            if words[:1] == ["make"]:
                for made in make_commands(words[1:]):
                    written |= writes(made)
                    checked |= {path for path in checked_site(made) if path in written}
    return [*found, f"no {UPLOAD} step"]


def test_the_workflow_publishes_the_site_its_tests_checked():
    raw = WORKFLOW.read_text(encoding="utf-8")
    assert problems(yaml.safe_load(raw), raw) == []


def test_a_workflow_that_uploads_nothing_is_caught():
    """The workflow as it was (`make test`, then upload site/: the tests build in a scratch copy,
    so no site/ is left), an upload of another folder, an action on a tag, and a checkout that
    keeps its credentials: each is named."""
    raw = WORKFLOW.read_text(encoding="utf-8")
    old = raw.replace("        run: make site\n", "        run: true\n").replace("make test SITE=site", "make test")
    assert [p for p in problems(yaml.safe_load(old), old) if "no step before it writes" in p] == \
        ["uploads site/, which no step before it writes (they write: [])"]
    elsewhere = raw.replace("          path: site\n", "          path: public\n")
    assert any("uploads public/, which no step" in p for p in problems(yaml.safe_load(elsewhere), elsewhere))
    untested = raw.replace("make test SITE=site", "make test")
    assert any("which the tests did not check" in p for p in problems(yaml.safe_load(untested), untested))
    tag = re.sub(r"actions/checkout@\w+ # v[\d.]+", "actions/checkout@v4", raw)
    tag = tag.replace("persist-credentials: false", "persist-credentials: true")
    found = problems(yaml.safe_load(tag), tag)
    assert any("not pinned" in p and "actions/checkout@v4" in p for p in found)
    assert "actions/checkout without persist-credentials: false" in found
