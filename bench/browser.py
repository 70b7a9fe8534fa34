"""What readers feel, measured in headless Chromium: page weight and the checker's speed."""
from __future__ import annotations

import time
from collections import defaultdict
from typing import Any
from urllib.parse import urlsplit

from gzserver import GzipServer
from project import gz_size, summary

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def kind_of(content_type: str, path: str) -> str:
    if content_type == "text/html":
        return "html"
    if content_type == "text/css":
        return "css"
    if "javascript" in content_type:
        return "js"
    if content_type.startswith("font/") or path.endswith((".woff", ".woff2", ".ttf")):
        return "font"
    if content_type.startswith("image/"):
        return "image"
    if "json" in content_type:
        return "json"
    if "xml" in content_type:
        return "xml"
    return "other"


def page_weight(browser, server: GzipServer, pages: list[tuple[str, str]], settle_s: float = 0.4,
                load_timeout_s: int = 120) -> dict[str, Any]:
    """Load each page in a fresh context (empty cache) and sum the bytes the server sent.

    Requests to any other host are blocked and listed (the site should make none).
    """
    out: dict[str, Any] = {}
    for name, path in pages:
        context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2,
                                      is_mobile=True, has_touch=True)
        foreign: list[str] = []
        host = urlsplit(server.url).netloc

        def route(r, foreign=foreign):
            url = r.request.url
            if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == host:
                return r.continue_()
            foreign.append(url)
            return r.abort()

        context.route("**/*", route)
        page = context.new_page()
        server.take_hits()
        start = time.perf_counter()
        error = None
        try:
            page.goto(server.url + path, wait_until="load", timeout=load_timeout_s * 1000)
            try:
                page.wait_for_load_state("networkidle", timeout=10_000)
            except Exception:  # noqa: BLE001 - a page that never goes idle is reported by its bytes
                pass
            time.sleep(settle_s)  # late requests (the search worker fetches its index after load)
        except Exception as err:  # noqa: BLE001 - report the page, go on with the others
            error = f"did not finish loading within {load_timeout_s} s ({type(err).__name__})"
        elapsed = time.perf_counter() - start
        context.close()
        hits = server.take_hits()
        by_kind: dict[str, int] = defaultdict(int)
        for hit in hits:
            by_kind[kind_of(hit.content_type, hit.path)] += hit.sent_bytes
        out[name] = {
            "transferred_bytes": sum(h.sent_bytes for h in hits),
            "header_bytes": sum(h.header_bytes for h in hits),
            "uncompressed_bytes": sum(h.raw_bytes for h in hits),
            "requests": len(hits),
            "by_kind": dict(sorted(by_kind.items(), key=lambda kv: -kv[1])),
            "resources": sorted(({"path": h.path[len(urlsplit(server.url).path):] or h.path, "status": h.status,
                                  "type": kind_of(h.content_type, h.path), "sent": h.sent_bytes,
                                  "raw": h.raw_bytes, "gzip": h.gzipped} for h in hits),
                                key=lambda r: -r["sent"]),
            "foreign_requests": foreign,
            "load_s": elapsed,
            "error": error,
        }
    return out


_CLICKS_JS = """
async ({clicks}) => {
  const root = document.querySelector('[data-module="symptom-checker"]');
  const data = JSON.parse(root.querySelector('script[data-sc-data]').textContent);
  const body = root.querySelector('[data-sc-body]');
  const boxes = [...root.querySelectorAll('input[type=checkbox]')]
    .filter(b => Object.prototype.hasOwnProperty.call(data.symptoms, b.value));
  const n = Math.min(Math.floor(clicks / 2), boxes.length);
  const pick = [];
  for (let i = 0; i < n; i++) pick.push(boxes[Math.floor(i * boxes.length / n)]);
  const seq = [...pick, ...pick.slice().reverse()];   // tick them one by one, then untick
  const nextFrame = () => new Promise(r => requestAnimationFrame(() => r(performance.now())));
  const out = [];
  for (const box of seq) {
    await nextFrame();                                 // start each click at a frame boundary
    let observed = null;
    const mo = new MutationObserver(() => { if (observed === null) observed = performance.now(); });
    mo.observe(body, {childList: true, subtree: true, characterData: true});
    const t0 = performance.now();
    box.click();                                       // 'change' runs the checker synchronously
    const tScript = performance.now();
    void body.getBoundingClientRect().height;          // style and layout of the new results
    const tLayout = performance.now();
    await Promise.resolve();                           // the MutationObserver has now fired
    const tFrame = await nextFrame();
    mo.disconnect();
    out.push({script: tScript - t0, layout: tLayout - t0,
              observed: observed === null ? null : observed - t0, frame: tFrame - t0,
              results: body.querySelectorAll('[data-condition]').length,
              ticked: boxes.filter(b => b.checked).length});
  }
  return {clicks: out, symptoms: boxes.length, conditions: (data.conditions || []).length,
          dataChars: root.querySelector('script[data-sc-data]').textContent.length,
          dataText: root.querySelector('script[data-sc-data]').textContent};
}
"""


def checker_speed(browser, url: str, clicks: int = 30, cpu_slowdown: float = 1) -> dict[str, Any]:
    """Click-to-updated-results times, measured in the page with performance.now()."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_selector('[data-module="symptom-checker"][data-checker-ready="true"]', timeout=30_000)
    if cpu_slowdown != 1:
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
    result = page.evaluate(_CLICKS_JS, {"clicks": clicks})
    context.close()
    runs = result["clicks"]
    data = result.pop("dataText").encode()
    return {
        "cpu_slowdown": cpu_slowdown, "symptoms": result["symptoms"], "conditions": result["conditions"],
        "data_bytes": len(data), "data_gzip_bytes": gz_size(data),
        "script_ms": summary([r["script"] for r in runs]),
        "to_layout_ms": summary([r["layout"] for r in runs]),
        "to_next_frame_ms": summary([r["frame"] for r in runs]),
        "max_results_shown": max(r["results"] for r in runs),
        "observed_every_click": all(r["observed"] is not None for r in runs),
        "clicks": runs,
    }
