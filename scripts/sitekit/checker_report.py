"""The symptom checker's test report: the patient stories (widgets/checker/vignettes.yml) run
through the checker's own script under Node, compared with what their sources say, and counted.
The generation step writes the figures into the "How we tested the checker" page; the fast tier
runs the same stories (widgets/checker/test_checker_vignettes.py). Nothing here is typed by hand."""
from __future__ import annotations

import functools
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import InputError, Problem

# As yaml.safe_load, with PyYAML's C parser when it has one: every generation reads the stories.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

CHECKER = Path(__file__).parent / "widgets/checker"
STORIES = CHECKER / "vignettes.yml"
PUBLISHED = CHECKER / "published.yml"
SCRIPT = CHECKER / "symptom-checker.js"
_LABEL = "scripts/sitekit/widgets/checker/vignettes.yml"
KINDS = ("typical", "mimic", "two-problems", "vague", "unknown", "red-flag")

# Reads {data, stories} on stdin; prints, per story, the outcome level and the named conditions.
NODE_RUNNER = """
const { outcome, match } = require(process.argv[1]);
let input = "";
process.stdin.on("data", (c) => { input += c; });
process.stdin.on("end", () => {
  const { data, stories } = JSON.parse(input);
  const out = stories.map((s) => {
    const level = outcome(data, s.ticks).level;
    const now = (data.outcomes || []).some((o) => o.level === level && o.now); // help now: no list
    const named = now ? [] : match(data, s.ticks);
    return { id: s.id, level, named: named.map((r) => r.id), tiedFirst: named.length > 0 && named[0].tied };
  });
  process.stdout.write(JSON.stringify(out));
});
"""


@dataclass(frozen=True)
class CheckerTests:
    """What the checker's test report is made from, read and checked by the load step: the
    patient stories and the published evaluations to show beside their figures."""

    stories: list[dict[str, Any]]
    published: list[dict[str, Any]]


def load(stories: Path = STORIES, published: Path = PUBLISHED) -> CheckerTests:
    """The stories and the published figures, read once, with the other inputs (they are
    checked against an edition's knowledge when its report is made: see report)."""
    return CheckerTests(load_stories(stories), load_published(published))


def load_stories(path: Path = STORIES) -> list[dict[str, Any]]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or []


def load_published(path: Path = PUBLISHED) -> list[dict[str, Any]]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or []


def story_problems(stories: list[dict], knowledge: dict) -> list[str]:
    """Every unknown id or malformed field of the stories, as readable lines (``knowledge``: the
    knowledge file's data, as read)."""
    ids = {name: {item["id"] for item in knowledge[name]}
           for name in ("symptoms", "warning_signs", "conditions", "sources")}
    levels = [o["level"] for o in knowledge["outcomes"]]
    tickable = ids["symptoms"] | ids["warning_signs"]
    found, seen = [], set()
    for v in stories:
        name = v.get("id", "?")
        if name in seen:
            found.append(f"{name}: id used twice")
        seen.add(name)
        if not v.get("story"):
            found.append(f"{name}: no story")
        if v.get("kind") not in KINDS:
            found.append(f"{name}: kind {v.get('kind')!r} is not one of {', '.join(KINDS)}")
        if "source" in v:
            if v["source"] not in ids["sources"]:
                found.append(f"{name}: unknown source {v.get('source')!r}")
        elif not (str(v.get("source_url", "")).startswith("https://") and v.get("source_title")):
            found.append(f"{name}: no source (give source, or source_url and source_title)")
        found += [f"{name}: unknown tick {t!r}" for t in v.get("ticks") or [] if t not in tickable]
        if not v.get("ticks"):
            found.append(f"{name}: ticks nothing")
        expect = v.get("expect") or {}
        if expect.get("outcome") not in levels:
            found.append(f"{name}: outcome {expect.get('outcome')!r} is not a level")
        if "first" not in expect and not expect.get("top3"):
            found.append(f"{name}: expect.first is missing (use null for nothing named)")
        named = [expect.get("first")] if expect.get("first") else []
        for c in [*named, *(expect.get("top3") or []), *(expect.get("not_named") or [])]:
            if c not in ids["conditions"]:
                found.append(f"{name}: unknown condition {c!r}")
    return found


def run(data: dict, stories: list[dict], script: Path = SCRIPT) -> list[dict]:
    """Each story's result from the checker's own script: {id, level, named, tiedFirst}."""
    return _run(json.dumps(data, sort_keys=True), json.dumps([{"id": s["id"], "ticks": s["ticks"]} for s in stories]),
                str(script), script.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _run(data: str, stories: str, script: str, _mtime: int) -> list[dict]:
    node = shutil.which("node")
    if not node:
        raise InputError([Problem(_LABEL, 0, 0, "", "Node.js is needed to test the symptom checker for its report",
                                  "Install Node.js 18 or later (https://nodejs.org), then run the build again.")])
    payload = json.dumps({"data": json.loads(data), "stories": json.loads(stories)})
    done = subprocess.run([node, "-e", NODE_RUNNER, script], input=payload, capture_output=True, text=True,
                          check=False, timeout=60)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        message = f"the symptom checker's script failed on the patient stories: {last}"
        raise InputError([Problem(_LABEL, 0, 0, "", message,
                                  "Run `node --test scripts/sitekit/widgets/` to see why.")])
    return json.loads(done.stdout)


def problems_with(result: dict, story: dict) -> list[str]:
    """What differs from the story's expectation (empty when it passes)."""
    expect = story["expect"]
    found = []
    if result["level"] != expect["outcome"]:
        found.append(f"outcome {result['level']}, expected {expect['outcome']}")
    named = result["named"]
    if "first" in expect:
        first = expect["first"]
        if first is None and named:
            found.append(f"named {', '.join(named)}, expected nothing named")
        if first is not None and (not named or named[0] != first or result["tiedFirst"]):
            tie = " (first place tied)" if result["tiedFirst"] else ""
            found.append(f"named {', '.join(named) or 'nothing'}{tie}, expected {first} first")
    missing = [c for c in expect.get("top3") or [] if c not in named[:3]]
    if missing:
        found.append(f"{', '.join(missing)} not in the first three ({', '.join(named[:3]) or 'nothing named'})")
    wrongly = sorted(set(expect.get("not_named") or []) & set(named))
    if wrongly:
        found.append(f"named {', '.join(wrongly)}, which must not be named")
    return found


def figures(stories: list[dict], results: list[dict], levels: list[str],
            now: list[str] | None = None) -> dict[str, Any]:
    """The report's figures: per level (most serious first) how many stories were triaged right,
    too high or too low; emergencies caught (stories whose source needs help now, at one of the
    ``now`` levels, that the checker sends for help now: by default the first level); the
    condition named first, in the first three, or named when nothing should be; and every story
    with its result."""
    now = list(now or levels[:1])
    by_id = {r["id"]: r for r in results}
    rank = {level: i for i, level in enumerate(levels)}
    per_level: dict[str, dict[str, Any]] = {
        level: {"level": level, "count": 0, "correct": 0, "over": 0, "under": 0} for level in levels}
    first = {"count": 0, "right": 0}
    top3 = {"count": 0, "right": 0}
    nothing = {"count": 0, "wrongly_named": 0}
    rows = []
    for story in stories:
        result, expect = by_id[story["id"]], story["expect"]
        row = per_level[expect["outcome"]]
        row["count"] += 1
        got = rank.get(result["level"], len(levels))
        want = rank[expect["outcome"]]
        row["correct" if got == want else "over" if got < want else "under"] += 1
        named = result["named"]
        if expect.get("first"):
            first["count"] += 1
            first["right"] += named[:1] == [expect["first"]] and not result["tiedFirst"]
        wanted = ([expect["first"]] if expect.get("first") else []) + list(expect.get("top3") or [])
        if wanted:
            top3["count"] += 1
            top3["right"] += all(c in named[:3] for c in wanted)
        elif expect.get("first", "") is None:
            nothing["count"] += 1
            nothing["wrongly_named"] += bool(named)
        problems = problems_with(result, story)
        rows.append({"id": story["id"], "kind": story.get("kind"), "story": story["story"], "ticks": story["ticks"],
                     "source": story.get("source"), "source_url": story.get("source_url"),
                     "source_title": story.get("source_title"), "known_miss": story.get("known_miss"),
                     "expect": {"outcome": expect["outcome"], "first": expect.get("first"),
                                "top3": list(expect.get("top3") or []),
                                "not_named": list(expect.get("not_named") or [])},
                     "result": result, "problems": problems, "passed": not problems})
    triage = sum(r["correct"] for r in per_level.values())
    urgent_now = [s for s in stories if s["expect"]["outcome"] in now]
    caught = sum(1 for s in urgent_now if by_id[s["id"]]["level"] in now)
    return {
        "total": len(stories), "levels": list(per_level.values()),
        "triage": {"count": len(stories), "right": triage},
        "emergencies": {"count": len(urgent_now), "right": caught,
                        "missed": [s["id"] for s in urgent_now if by_id[s["id"]]["level"] not in now]},
        "first": first, "top3": top3, "nothing": nothing,
        "failing": [r for r in rows if not r["passed"]], "stories": rows,
        "kinds": {kind: sum(1 for s in stories if s.get("kind") == kind) for kind in KINDS},
    }


def percent(part: int, whole: int) -> int | None:
    """A whole percentage, or None when there is nothing to count.

    >>> percent(1, 3), percent(0, 0)
    (33, None)
    """
    return round(100 * part / whole) if whole else None


def ids_of(k: Any) -> dict[str, list[dict[str, str]]]:
    """What story_problems reads, from a knowledge model (sitekit.model.Knowledge)."""
    return {"symptoms": [{"id": s.id} for s in k.symptoms], "warning_signs": [{"id": w.id} for w in k.warning_signs],
            "conditions": [{"id": c.id} for c in k.conditions], "sources": [{"id": s.id} for s in k.sources],
            "outcomes": [{"level": o.level} for o in k.outcomes]}


def report(data: dict, stories: list[dict], k: Any) -> dict[str, Any]:
    """The figures for the checker data of one edition: its stories through the checker's
    script (``k``: its knowledge model, for the stories' ids and the levels); InputError naming
    every unknown id or malformed field of a story."""
    found = story_problems(stories, ids_of(k))
    if found:
        raise InputError([Problem(_LABEL, 0, 0, "", line, "Fix the story, then run the build again.")
                          for line in found])
    now = [o["level"] for o in data.get("outcomes", []) if o.get("now")]
    return figures(stories, run(data, stories), [o.level for o in k.outcomes], now)
