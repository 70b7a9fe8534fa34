"""Turn bench/results.json into bench/report.md: figures, targets met or missed, likely causes."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from project import loglog_slope


def kb(n: float | None) -> str:
    return "n/a" if n is None else f"{n / 1000:.1f} KB"


def secs(x: float | None) -> str:
    return "n/a" if x is None else (f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s")


def ms(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.1f} ms"


def pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x * 100:.1f}%"


def yes(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**missed**")


def _scale(results: dict) -> dict[int, dict]:
    return {int(k): v for k, v in (results.get("scale") or {}).items()}


def _by_factor(d: dict | None) -> dict[int, Any]:
    return {int(k): v for k, v in (d or {}).items()}


def growth(results: dict, segment: bool = False) -> dict[str, float | None]:
    """Growth exponents against the knowledge file's size (log-log least squares over every scale;
    with ``segment``, between the two largest scales only, where fixed costs matter least)."""
    scale = _scale(results)
    browser = results.get("browser") or {}
    weight = _by_factor(browser.get("page_weight"))
    checker = _by_factor(browser.get("checker"))
    factors = sorted(scale)
    x = [scale[f]["counts"]["knowledge_bytes"] for f in factors]

    def fit(values):
        pairs = [(a, b) for a, b in zip(x, values) if b]
        return loglog_slope([a for a, _ in pairs], [b for _, b in pairs]) if len(pairs) >= 2 else None

    series = {
        "generation time (CLI)": [scale[f]["generate"]["cli_s"]["median"] for f in factors],
        "generation time (in-process)": [scale[f]["generate"]["in_process_s"]["median"] for f in factors],
        "generated output bytes": [scale[f]["generated_bytes"] for f in factors],
        "MkDocs build time": [scale[f]["mkdocs_build_s"] for f in factors],
        "site HTML bytes": [scale[f]["html_bytes"] for f in factors],
        "search index bytes": [scale[f].get("search_index_bytes") for f in factors],
    }
    if all(f in weight for f in factors):
        series["heaviest page weight (gzip)"] = [max(p["transferred_bytes"] for p in weight[f].values()) for f in factors]
        series["symptom-checker page weight (gzip)"] = [weight[f].get("symptom-checker", {}).get("transferred_bytes") for f in factors]
    if all(f in checker for f in factors):
        series["checker data (gzip)"] = [checker[f]["cpu_1x"]["data_gzip_bytes"] for f in factors]
        series["checker click-to-layout time"] = [checker[f]["cpu_1x"]["to_layout_ms"]["median"] for f in factors]
    out = {}
    for name, values in series.items():
        out[name] = fit(values)
        if segment and len(factors) >= 3:
            a, b = values[-2], values[-1]
            out[name] = (loglog_slope(x[-2:], [a, b]) if a and b else None)
    return out
    return out


def targets(results: dict) -> list[dict[str, Any]]:
    t = results["targets"]
    rows = []
    build = results.get("build")
    if build:
        whole = build["share_of_whole"]
        rows.append({"target": f"generation step ≤ {pct(t['generation_share'])} of the whole build "
                               + ("(generate + MkDocs + PDF handouts)" if build.get("handouts") else "(generate + MkDocs; no PDF step yet)"),
                     "measured": pct(whole), "met": whole <= t["generation_share"],
                     "margin": f"{(whole - t['generation_share']) * 100:+.1f} points"})
        if build.get("handouts"):
            html = build["share_of_html_build"]
            rows.append({"target": f"generation step ≤ {pct(t['generation_share'])} of the HTML build alone (generate + MkDocs)",
                         "measured": pct(html), "met": html <= t["generation_share"],
                         "margin": f"{(html - t['generation_share']) * 100:+.1f} points"})
    g = growth(results) if results.get("scale") else {}
    gs = growth(results, segment=True) if results.get("scale") else {}
    for name in ("generation time (in-process)", "generated output bytes", "site HTML bytes", "heaviest page weight (gzip)"):
        if g.get(name) is not None:
            seg = gs.get(name)
            rows.append({"target": f"{name} grows linearly or better (log-log exponent ≤ 1)",
                         "measured": f"exponent {g[name]:.2f}" + (f" (10x→100x: {seg:.2f})" if seg is not None else ""),
                         "met": g[name] <= t["growth_exponent"] + 0.05,
                         "margin": f"{g[name] - t['growth_exponent']:+.2f}"})
    checker = _by_factor((results.get("browser") or {}).get("checker"))
    if checker:
        top = max(checker)
        value = checker[top]["cpu_1x"]["to_layout_ms"]["median"]
        rows.append({"target": f"checker click → updated results ≤ {t['checker_ms']:.0f} ms at the largest scale ({top}x)",
                     "measured": f"{ms(value)} median (max {ms(checker[top]['cpu_1x']['to_layout_ms']['max'])})",
                     "met": value <= t["checker_ms"], "margin": f"{value - t['checker_ms']:+.1f} ms"})
    weight = _by_factor((results.get("browser") or {}).get("page_weight")).get(1)
    if weight:
        name, heaviest = max(weight.items(), key=lambda kv: kv[1]["transferred_bytes"])
        b = heaviest["transferred_bytes"]
        over = [n for n, p in weight.items() if p["transferred_bytes"] > t["page_bytes"]]
        rows.append({"target": f"page weight ≤ {kb(t['page_bytes'])} per page (first visit, gzip)",
                     "measured": f"heaviest: {name} {kb(b)}; {len(over)} of {len(weight)} pages over",
                     "met": not over, "margin": f"{(b - t['page_bytes']) / 1000:+.1f} KB"})
    lh = (results.get("lighthouse") or {}).get("pages")
    if lh:
        for category in ("performance", "accessibility", "best-practices", "seo"):
            scores = {n: p.get("scores", {}).get(category) for n, p in lh.items()}
            valid = [s for s in scores.values() if s is not None]
            worst = min(valid) if valid else None
            below = [f"{n} {s}" for n, s in scores.items() if s is not None and s < t["lighthouse"]]
            rows.append({"target": f"Lighthouse {category} = 100 on every page",
                         "measured": "no score" if worst is None else (f"lowest {worst}" + (f" ({', '.join(below)})" if below else "")),
                         "met": None if worst is None else worst >= t["lighthouse"],
                         "margin": "n/a" if worst is None else f"{worst - t['lighthouse']:+d}"})
    return rows


def render(results: dict) -> str:
    out: list[str] = []
    w = out.append
    m = results.get("machine", {})
    s = results.get("settings", {})
    w("# Benchmarks\n")
    w("Written by `make bench` (`bench/run.py`); the raw figures are in [`results.json`](results.json). "
      "Every timing is the median of several runs on the machine below; comparisons (ratios, shares) "
      "come from figures measured in the same run. Shared machines are noisy: read differences under "
      "about 10% as noise. Benchmarks report; they never fail the tests.\n")
    w("## Machine\n")
    w("| | |\n|---|---|")
    for key, label in (("cpu", "CPU"), ("cores", "cores"), ("memory_gib", "memory (GiB)"), ("os", "OS"),
                       ("python", "Python"), ("chromium", "Chromium"), ("node", "Node"), ("mkdocs", "MkDocs"),
                       ("material", "Material for MkDocs"), ("playwright", "Playwright"),
                       ("load_average_at_start", "load average at start"), ("date", "date"),
                       ("git_commit", "commit")):
        value = m.get(key)
        if key == "git_commit" and m.get("git_dirty"):
            value = f"{value} (with uncommitted changes)"
        w(f"| {label} | {value} |")
    lh = results.get("lighthouse") or {}
    if lh.get("version"):
        w(f"| Lighthouse | {lh['version']} |")
    w(f"\nRun time of the whole benchmark: **{results.get('total_seconds', 0):.0f} s** "
      f"({', '.join(f'{k} {v:.0f} s' for k, v in (results.get('phase_seconds') or {}).items())}).\n")
    w(f"Repeats: build steps {s.get('repeats')} (generation {s.get('repeats', 0) + 2}), each synthetic scale "
      f"{s.get('scale_repeats')}, save-to-page {s.get('serve_repeats')}, checker {s.get('clicks')} clicks per scale; "
      "the MkDocs build at 10x and 100x, the PDF export and Lighthouse run once each (they are the slow parts).\n")

    w("## Targets\n")
    w("| target | measured | met? | by how much |\n|---|---|---|---|")
    for row in targets(results):
        w(f"| {row['target']} | {row['measured']} | {yes(row['met'])} | {row['margin']} |")
    w("")
    _causes(results, w)
    _build(results, w)
    _scale_section(results, w)
    _checker(results, w)
    _weight(results, w)
    _lighthouse(results, w)
    _handouts(results, w)
    if results.get("errors"):
        w("## Parts that failed to run\n")
        for name, err in results["errors"].items():
            w(f"- **{name}**:\n\n  ```\n  " + "\n  ".join(err.strip().splitlines()[-12:]) + "\n  ```")
        w("")
    return "\n".join(out) + "\n"


def _build(results: dict, w) -> None:
    b = results.get("build")
    if not b:
        return
    g = b["generate"]
    w("## Build\n")
    w("| step | median | min–max | runs |\n|---|---|---|---|")
    w(f"| generation step, `python scripts/generate.py` (fresh process, all files written) | {secs(g['cli_s']['median'])} "
      f"| {secs(g['cli_s']['min'])}–{secs(g['cli_s']['max'])} | {g['cli_s']['n']} |")
    w(f"| generation step, the `generate()` call alone | {secs(g['in_process_s']['median'])} "
      f"| {secs(g['in_process_s']['min'])}–{secs(g['in_process_s']['max'])} | {g['in_process_s']['n']} |")
    mk = b["mkdocs_build_s"]
    w(f"| `mkdocs build --strict` (as `make site` runs it: its hook skips generation) | {secs(mk['median'])} "
      f"| {secs(mk['min'])}–{secs(mk['max'])} | {mk['n']} |")
    bs = b["build_site_s"]
    w(f"| `make site` (`scripts/build_site.py`: generate, MkDocs build{', PDFs' if b.get('build_site_includes_pdfs') else ''}, swap) | {secs(bs['median'])} "
      f"| {secs(bs['min'])}–{secs(bs['max'])} | {bs['n']} |")
    if b.get("handouts"):
        w(f"| PDF handouts (`scripts/make_handouts.py`, on its own) | {secs(b['handouts']['total_s'])} | | 1 |")
    w("")
    gi = secs(g['in_process_s']['median'])
    w(f"`make site` runs `generate()` once (in `build_site.py`; it tells the MkDocs hook to skip), so the generation "
      f"step costs {gi}: **{pct(b['share_of_whole'])}** of the "
      f"whole (generate + MkDocs build{' + PDF handouts' if b.get('handouts') else ''}), "
      f"**{pct(b['share_of_html_build'])}** of the HTML build alone (generate + MkDocs build), and {pct(b['share_of_make_site'])} "
      f"of the measured `make site` ({'which includes the PDF step' if b.get('build_site_includes_pdfs') else 'without PDFs'}).\n")
    if b.get("handouts_note"):
        w(f"PDF export: {b['handouts_note']}\n")
    sv = results.get("serve")
    if sv:
        w("### Save to rebuilt page under `make serve`\n")
        if sv.get("save_to_page_s"):
            st = sv["save_to_page_s"]
            w(f"From saving `data/knowledge.yml` (a symptom label changed) to the served Symptoms page showing the "
              f"new words: **{secs(st['median'])}** median ({secs(st['min'])}–{secs(st['max'])}, {st['n']} runs; "
              f"page polled every {sv['poll_interval_s'] * 1000:.0f} ms). `mkdocs serve` started in {secs(sv['startup_s'])}; "
              f"its own log gives rebuilds of {', '.join(f'{x:.2f} s' for x in sv['reported_build_s'][1:]) or 'n/a'}.\n")
        for err in sv.get("errors", []):
            w(f"- {err}")
        w("")


def _scale_section(results: dict, w) -> None:
    scale = _scale(results)
    if not scale:
        return
    browser = results.get("browser") or {}
    weight = _by_factor(browser.get("page_weight"))
    checker = _by_factor(browser.get("checker"))
    factors = sorted(scale)
    w("## Scale\n")
    w("Synthetic knowledge files: every symptom, condition and treatment cloned with new ids and valid references "
      "(each synthetic condition gets its own heading with an explicit id and its \"at a glance\" box in `mimics.md`). "
      "Counts grow with the factor up to 1,000 conditions, 300 symptoms and 200 treatments; warning signs and "
      "sources stay as they are. Growth exponents are fitted against the knowledge file's size in bytes.\n")
    w("| | " + " | ".join(f"{f}x" for f in factors) + " | exponent (fit) | exponent (two largest) |")
    w("|---|" + "---|" * (len(factors) + 2))
    g = growth(results)
    gs = growth(results, segment=True)

    def row(label, values, key=None):
        exp = g.get(key) if key else None
        seg = gs.get(key) if key and len(factors) >= 3 else None
        w(f"| {label} | " + " | ".join(values) + f" | {'' if exp is None else f'{exp:.2f}'} | {'' if seg is None else f'{seg:.2f}'} |")

    row("symptoms / conditions / treatments", [f"{scale[f]['counts']['symptoms']} / {scale[f]['counts']['conditions']} / "
                                              f"{scale[f]['counts']['treatments']}" for f in factors])
    row("knowledge.yml", [kb(scale[f]["counts"]["knowledge_bytes"]) for f in factors])
    row("generation (CLI), median", [secs(scale[f]["generate"]["cli_s"]["median"]) for f in factors], "generation time (CLI)")
    row("generation (`generate()`), median", [secs(scale[f]["generate"]["in_process_s"]["median"]) for f in factors],
        "generation time (in-process)")
    row("generated files", [kb(scale[f]["generated_bytes"]) for f in factors], "generated output bytes")
    row("`mkdocs build` (1 run at 10x/100x)", [secs(scale[f]["mkdocs_build_s"]) for f in factors], "MkDocs build time")
    row("site HTML (all pages)", [kb(scale[f]["html_bytes"]) for f in factors], "site HTML bytes")
    row("search index", [kb(scale[f].get("search_index_bytes")) for f in factors], "search index bytes")
    if all(f in weight for f in factors):
        row("heaviest page, first visit (gzip)", [
            "{1} ({0})".format(*max(((n, kb(p["transferred_bytes"])) for n, p in weight[f].items()),
                                    key=lambda t: float(t[1].split()[0]))) for f in factors], "heaviest page weight (gzip)")
        row("symptom-checker page (gzip)", [kb(weight[f]["symptom-checker"]["transferred_bytes"]) for f in factors],
            "symptom-checker page weight (gzip)")
    if all(f in checker for f in factors):
        row("checker data (gzip)", [kb(checker[f]["cpu_1x"]["data_gzip_bytes"]) for f in factors], "checker data (gzip)")
        row("checker click → layout, median", [ms(checker[f]["cpu_1x"]["to_layout_ms"]["median"]) for f in factors],
            "checker click-to-layout time")
    w("")
    slow = [f"{n} at {f}x: {p['error']} ({kb(p['transferred_bytes'])} transferred by then)"
            for f in factors for n, p in (weight.get(f) or {}).items() if p.get("error")]
    if slow:
        w("Pages that did not finish loading in Chromium (their page weight above is what had arrived): "
          + "; ".join(slow) + ".\n")
    biggest = max(factors)
    pages = scale[biggest].get("pages", {})
    base = scale[min(factors)].get("pages", {})
    if pages and base and biggest > 1:
        w(f"HTML per page (gzip) at 1x → {biggest}x, largest first:\n")
        w("| page | 1x | " + f"{biggest}x | ratio |\n|---|---|---|---|")
        for name, p in sorted(pages.items(), key=lambda kv: -kv[1]["html_gzip_bytes"]):
            b0 = base.get(name, {}).get("html_gzip_bytes") or 1
            w(f"| {name} | {kb(b0)} | {kb(p['html_gzip_bytes'])} | {p['html_gzip_bytes'] / b0:.0f}× |")
        w("")
    prof = results.get("generation_profile")
    if prof:
        w(f"Where the generation step spends its time at {biggest}x (cProfile, one run, so slower than the timings above):\n")
        w("| function | calls | cumulative | own |\n|---|---|---|---|")
        for r in prof[:12]:
            w(f"| `{r['where']}` | {r['calls']} | {r['cumulative_s']:.2f} s | {r['own_s']:.2f} s |")
        w("")


def _checker(results: dict, w) -> None:
    checker = _by_factor((results.get("browser") or {}).get("checker"))
    assets = results.get("checker_assets")
    if not checker and not assets:
        return
    w("## Symptom checker speed\n")
    w("Measured in the page in headless Chromium: `performance.now()` just before `input.click()` (the checker's "
      "`change` handler runs synchronously inside it), after the click returns (**script**), after forcing style "
      "and layout of the results (**to layout**: the work that must fit in one 16 ms frame), and at the next "
      "animation frame (**to next frame**: includes waiting for the frame clock). A MutationObserver on the "
      "results confirms the DOM changed on every click. Each scale: ticks about 15 boxes spread over the list one by "
      "one, then unticks them (30 clicks); then the same with Chromium's CPU slowed 4× (as Lighthouse does for a "
      "mid-range phone).\n")
    w("| scale | conditions × symptoms | CPU | script | to layout (median / max) | to next frame | most results shown |")
    w("|---|---|---|---|---|---|---|")
    for f in sorted(checker):
        for key, label in (("cpu_1x", "1×"), ("cpu_4x", "4× slower")):
            c = checker[f][key]
            w(f"| {f}x | {c['conditions']} × {c['symptoms']} | {label} | {ms(c['script_ms']['median'])} | "
              f"{ms(c['to_layout_ms']['median'])} / {ms(c['to_layout_ms']['max'])} | {ms(c['to_next_frame_ms']['median'])} "
              f"| {c['max_results_shown']} |")
    w("")
    if assets:
        data1 = checker.get(1, {}).get("cpu_1x", {})
        w(f"The checker's own code: `symptom-checker.js` {kb(assets['js_bytes'])} ({kb(assets['js_gzip_bytes'])} gzip)"
          + (f", `checker.css` {kb(assets['css_bytes'])} ({kb(assets['css_gzip_bytes'])} gzip)" if "css_bytes" in assets else "")
          + (f"; its data on the page at 1x: {kb(data1.get('data_bytes'))} ({kb(data1.get('data_gzip_bytes'))} gzip)." if data1 else ".")
          + " The script is loaded on every page (`extra_javascript`).\n")


def _weight(results: dict, w) -> None:
    browser = results.get("browser") or {}
    weight = _by_factor(browser.get("page_weight")).get(1)
    if not weight:
        return
    limit = results["targets"]["page_bytes"]
    bare = browser.get("bare_material")
    w("## Page weight\n")
    w("Bytes a first visit transfers (response bodies as sent, gzip level 6 for text, as most hosts do; "
      "headers not counted), each page loaded in a fresh Chromium context (empty cache, 375 px mobile viewport) "
      "from a local server, until the network is idle (the search worker's index download included). "
      "1 KB = 1,000 bytes.\n")
    kinds = sorted({k for p in weight.values() for k in p["by_kind"]},
                   key=lambda k: -sum(p["by_kind"].get(k, 0) for p in weight.values()))
    w("| page | total | vs bare Material | requests | " + " | ".join(kinds) + " |")
    w("|---|---|---|---|" + "---|" * len(kinds))
    rows = list(weight.items()) + ([("*bare Material page*", bare)] if bare else [])
    for name, p in rows:
        ratio = f"{p['transferred_bytes'] / bare['transferred_bytes']:.2f}×" if bare else "n/a"
        flag = " ⚠" if p["transferred_bytes"] > limit and not name.startswith("*") else ""
        w(f"| {name} | {kb(p['transferred_bytes'])}{flag} | {ratio} | {p['requests']} | "
          + " | ".join(kb(p["by_kind"].get(k, 0)) for k in kinds) + " |")
    w("")
    # Shared resources: what every page pays
    shared: dict[str, list[int]] = defaultdict(list)
    for p in weight.values():
        for r in p["resources"]:
            shared[r["path"]].append(r["sent"])
    common = sorted(((path, max(v)) for path, v in shared.items() if len(v) == len(weight)), key=lambda t: -t[1])
    if common:
        total_common = sum(b for _, b in common)
        w(f"Loaded by every page ({kb(total_common)} together), largest first:\n")
        w("| resource | sent (gzip) | uncompressed |\n|---|---|---|")
        raw = {r["path"]: r["raw"] for p in weight.values() for r in p["resources"]}
        for path, b in common[:14]:
            w(f"| `{path}` | {kb(b)} | {kb(raw.get(path))} |")
        w("")
    if bare:
        w("The bare Material page (minimal `mkdocs.yml`: `theme: material`, `font: false`, default search plugin) "
          "loads: " + ", ".join(f"`{r['path']}` {kb(r['sent'])}" for r in bare["resources"][:8]) + ".\n")
    foreign = {n: p["foreign_requests"] for n, p in weight.items() if p["foreign_requests"]}
    if foreign:
        w("Requests to other hosts (blocked): " + "; ".join(f"{n}: {', '.join(v)}" for n, v in foreign.items()) + "\n")


def _lighthouse(results: dict, w) -> None:
    lh = results.get("lighthouse")
    if not lh:
        return
    w("## Lighthouse\n")
    if lh.get("skipped"):
        w(lh["skipped"] + "\n")
        return
    w(f"Lighthouse {lh['version']}, {lh['form_factor']}, Chromium flags `{lh['flags']}`, one run per page against "
      "the gzip server above (Lighthouse's performance score moves by a few points between runs; its CPU "
      "benchmark index for this machine is given).\n")
    w("| page | performance | accessibility | best practices | SEO | LCP | TBT | CLS | run time |")
    w("|---|---|---|---|---|---|---|---|---|")
    pages = dict(lh.get("pages", {}))
    if lh.get("bare_material"):
        pages["*bare Material page*"] = lh["bare_material"]
    for name, p in pages.items():
        if p.get("error"):
            w(f"| {name} | error: {p['error'][:120]} | | | | | | | {secs(p.get('seconds'))} |")
            continue
        sc, mt = p["scores"], p["metrics"]
        w(f"| {name} | {sc['performance']} | {sc['accessibility']} | {sc['best-practices']} | {sc['seo']} | "
          f"{secs((mt.get('largest-contentful-paint') or 0) / 1000)} | {(mt.get('total-blocking-time') or 0):.0f} ms | "
          f"{(mt.get('cumulative-layout-shift') or 0):.3f} | {secs(p['seconds'])} |")
    w("")
    fails: dict[tuple[str, str], list[str]] = defaultdict(list)
    info: dict[tuple[str, str], dict] = {}
    for name, p in lh.get("pages", {}).items():
        for a in p.get("failing", []):
            fails[(a["category"], a["id"])].append(name)
            info[(a["category"], a["id"])] = a
    if fails:
        w("Audits that did not score 1, by category (weight = the audit's weight in its category score; "
          "0 means it does not change the score):\n")
        w("| category | audit id | weight | pages | example value | what |\n|---|---|---|---|---|---|")
        for (cat, aid), names in sorted(fails.items(), key=lambda kv: (kv[0][0], -info[kv[0]]["weight"], kv[0][1])):
            a = info[(cat, aid)]
            what = "; ".join(a["items"][:3])
            w(f"| {cat} | `{aid}` | {a['weight']} | {len(names)}: {', '.join(names) if len(names) < 9 else 'all'} "
              f"| {a['display'] or a['score']} | {what[:160]} |")
        w("")
    bare = lh.get("bare_material")
    if bare and bare.get("failing"):
        w("The bare Material page fails: " + ", ".join(f"`{a['id']}` ({a['category']})" for a in bare["failing"]) + ".\n")
    grouped: dict[str, set] = defaultdict(set)
    for name, p in lh.get("pages", {}).items():
        for warning in p.get("run_warnings", []):
            grouped[f"run warning: {warning}"].add(name)
        for aid, msg in (p.get("audit_errors") or {}).items():
            grouped[f"audit `{aid}` could not run: {(msg or '')[:140]}"].add(name)
        if p.get("runtime_error"):
            grouped[f"runtime error: {p['runtime_error']}"].add(name)
        for path in p.get("other_paths_requested") or []:
            grouped[f"Lighthouse asked for `{path}` (404: the site has no robots.txt; the `robots-txt` audit then does not apply)"].add(name)
    idx = sorted(round(p["benchmark_index"]) for p in lh.get("pages", {}).values() if p.get("benchmark_index"))
    w("What happened during the runs: Lighthouse reached nothing outside the machine (every request went to the local "
      f"server; each run has a {150} s limit, and none hit it). "
      + (f"Its CPU benchmark index ranged {idx[0]}–{idx[-1]} over the runs (a steady machine varies by a few percent; "
         "a wide range means other work was running, which lowers the performance scores). " if idx else "") + "\n")
    for note, names in sorted(grouped.items()):
        w(f"- {note} ({len(names)} page{'s' if len(names) != 1 else ''})")
    worst = min(((n, p) for n, p in lh.get("pages", {}).items() if p.get("scores")),
                key=lambda kv: kv[1]["scores"]["performance"] or 0, default=None)
    if worst and worst[1].get("main_thread"):
        n, p = worst
        w(f"\nMain-thread work on the lowest-scoring page ({n}, 4× CPU slowdown): "
          + ", ".join(f"{k} {v:.0f} ms" for k, v in p["main_thread"].items())
          + ". By script: " + ", ".join(f"`{u}` {t:.0f} ms" for u, t in p.get("bootup", [])[:5]) + ".")
    w("")


def _handouts(results: dict, w) -> None:
    b = results.get("build") or {}
    h = b.get("handouts")
    if not h:
        return
    w("## PDF handouts\n")
    w(f"`scripts/make_handouts.py` on the built site: **{secs(h['total_s'])}** for {len(h['files'])} PDFs (one run, "
      f"{secs(h['in_process_s'])} of it inside the script; the rest is start-up). Per-PDF time is measured around the "
      "step that prints one page's PDF (including its fitting attempts) and the booklet.\n")
    w("| PDF | size | time |\n|---|---|---|")
    for f in h["files"]:
        w(f"| {f['name']} | {kb(f['bytes'])} | {secs(f.get('seconds'))} |")
    w(f"| total | {kb(sum(f['bytes'] for f in h['files']))} | {secs(h['total_s'])} |")
    w("")


def _causes(results: dict, w) -> None:
    """For each missed target, what the figures point to."""
    lines = []
    b = results.get("build")
    t = results["targets"]
    if b and max(b["share_of_whole"], b["share_of_html_build"]) > t["generation_share"]:
        lines.append(f"- **Generation share**: `generate()` takes {secs(b['generate']['in_process_s']['median'])}, "
                     "while the MkDocs build of nine pages takes about a second, so generation is a large share of "
                     "the HTML-only build. See the profile under Scale for where its time goes.")
    g = growth(results) if results.get("scale") else {}
    if any((g.get(k) or 0) > t["growth_exponent"] + 0.05 for k in ("generation time (in-process)", "generated output bytes", "site HTML bytes",
                                                                   "heaviest page weight (gzip)")):
        scale = _scale(results)
        big = max(scale)
        pages = scale[big].get("pages", {})
        heavy = sorted(pages.items(), key=lambda kv: -kv[1]["html_gzip_bytes"])[:3]
        lines.append("- **Super-linear growth**: the largest pages at scale are "
                     + ", ".join(f"{n} ({kb(p['html_gzip_bytes'])} gzip HTML)" for n, p in heavy)
                     + "; the comparison tables have a cell for every condition × symptom pair, so they grow with the "
                       "product of the two counts, and the profile shows where generation time goes.")
    checker = _by_factor((results.get("browser") or {}).get("checker"))
    if checker:
        top = max(checker)
        c = checker[top]["cpu_1x"]
        if c["to_layout_ms"]["median"] > t["checker_ms"]:
            lines.append(f"- **Checker speed**: at {top}x the script part is {ms(c['script_ms']['median'])} and style + layout "
                         f"the rest ({ms(c['to_layout_ms']['median'])} in all); up to {c['max_results_shown']} results, "
                         "each with its lists, are rebuilt from scratch on every click.")
    weight = _by_factor((results.get("browser") or {}).get("page_weight")).get(1)
    if weight:
        over = {n: p for n, p in weight.items() if p["transferred_bytes"] > t["page_bytes"]}
        if over:
            top = sorted(next(iter(over.values()))["resources"], key=lambda r: -r["sent"])[:5]
            lines.append(f"- **Page weight**: {len(over)} pages over {kb(t['page_bytes'])}; the biggest transfers are "
                         + ", ".join(f"`{r['path']}` {kb(r['sent'])}" for r in top) + ".")
    lh = (results.get("lighthouse") or {}).get("pages") or {}
    scored = defaultdict(set)
    for name, p in lh.items():
        for a in p.get("failing", []):
            if a["weight"]:
                scored[a["category"]].add(a["id"])
    for cat, ids in scored.items():
        lines.append(f"- **Lighthouse {cat}**: audits that cost points: " + ", ".join(f"`{i}`" for i in sorted(ids)) + ".")
    if lines:
        w("### Likely causes of the missed targets\n")
        w("\n".join(lines) + "\n")
