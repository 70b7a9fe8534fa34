"""The symptom checker on the built site, as a reader uses it (Playwright + Debian's Chromium).

Needs the `site_server` (base URL of the built site/) and `browser` fixtures of tests/conftest.py.
Symptom, condition and warning-sign ids come from data/knowledge.yml; numbers from clinic.yml.
"""
import pathlib
import re
from urllib.parse import urlparse

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

ROOT = pathlib.Path(__file__).resolve().parents[2]
KNOWLEDGE = yaml.safe_load((ROOT / "data" / "knowledge.yml").read_text(encoding="utf-8"))
CLINIC = yaml.safe_load((ROOT / "clinic.yml").read_text(encoding="utf-8"))
SYMPTOMS = [s["id"] for s in KNOWLEDGE["symptoms"]]
CONDITIONS = [c["id"] for c in KNOWLEDGE["conditions"]]
EMERGENCY = [w["id"] for w in KNOWLEDGE["warning_signs"] if w["level"] == "emergency"]
URGENT = [w["id"] for w in KNOWLEDGE["warning_signs"] if w["level"] == "urgent"]
EMERGENCY_NUMBER = str(CLINIC["region"]["emergency"]["number"])
URGENT_NUMBER = str(CLINIC["region"]["urgent"]["number"])
WIDGET = '[data-module="symptom-checker"]'
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def known(*ids):
    """Fail loudly if a scenario uses an id the knowledge file no longer has."""
    for i in ids:
        assert i in SYMPTOMS + EMERGENCY + URGENT, f"{i} is not in data/knowledge.yml"
    return list(ids)


@pytest.fixture
def url(site_server):
    return site_server.rstrip("/") + "/symptom-checker/"


def _watch(page, problems):
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

    def on_request(request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host != "127.0.0.1":
            problems.append(f"request left 127.0.0.1: {request.url}")
    page.on("request", on_request)


@pytest.fixture
def make_page(browser, url):
    """Open the checker page; after the test, assert no console error and no outside request."""
    contexts, problems = [], []

    def make(color_scheme="light", width=375, javascript=True):
        context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=color_scheme,
                                      java_script_enabled=javascript)
        context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*", re.I),
                      lambda route: (problems.append(f"blocked: {route.request.url}"), route.abort()))
        contexts.append(context)
        page = context.new_page()
        _watch(page, problems)
        page.goto(url)
        if javascript:
            page.wait_for_selector(f'{WIDGET}[data-checker-ready="true"]')
        return page

    yield make
    for context in contexts:
        context.close()
    assert problems == []


@pytest.fixture
def page(make_page):
    return make_page()


def tick(page, *ids):
    for i in known(*ids):
        page.check(f"#sc-{i}")


def ranked(page):
    return page.locator(f"{WIDGET} [data-condition]").evaluate_all("els => els.map(e => e.dataset.condition)")


def test_l4_first_for_front_knee_spreading_numb(page):
    """Front/side knee pain spreading from the buttock with numbness ranks L4 radiculopathy first."""
    tick(page, "knee-front-side", "spreads-from-back", "numbness")
    order = ranked(page)
    assert order[0] == "l4-radiculopathy"
    first = page.locator('[data-condition="l4-radiculopathy"]')
    assert first.get_by_role("link", name="L4 radiculopathy").get_attribute("href").endswith("#l4-radiculopathy")
    assert first.get_by_text("What fits").is_visible()
    why = KNOWLEDGE["conditions"][CONDITIONS.index("l4-radiculopathy")]["features"]["numbness"]["why"]
    assert why in first.inner_text()
    assert first.locator(".sc-treatments a").count() > 0
    assert set(order) <= set(CONDITIONS)


def test_l3_first_for_groin_and_front_thigh(page):
    """Groin or hip pain with front-thigh pain ranks L3 radiculopathy first."""
    tick(page, "groin-hip", "front-thigh")
    assert ranked(page)[0] == "l3-radiculopathy"


def test_patellofemoral_first_for_kneecap_pain(page):
    """Burning pain around the kneecap, worse on stairs, ranks patellofemoral pain first."""
    tick(page, "burning", "around-kneecap", "worse-stairs")
    assert ranked(page)[0] == "patellofemoral-pain"


def test_misfits_are_listed(page):
    """A ticked symptom rated unusual for a shown condition appears under 'What does not fit'."""
    tick(page, "knee-front-side", "spreads-from-back", "numbness", "groin-hip")
    l4 = page.locator('[data-condition="l4-radiculopathy"]')
    assert l4.get_by_text("What does not fit").is_visible()
    assert "groin" in l4.locator(".sc-misfits").inner_text().lower()


def test_results_follow_the_boxes(page):
    """Unticking a box updates the results at once; nothing ticked says so and points to help."""
    body = page.locator(f"{WIDGET} [data-sc-body]")
    assert ranked(page) == []
    assert body.get_by_role("link").get_attribute("href").rstrip("/").endswith("when-to-get-help")
    tick(page, "groin-hip", "front-thigh")
    assert ranked(page)
    page.uncheck("#sc-groin-hip")
    page.uncheck("#sc-front-thigh")
    assert ranked(page) == []
    assert page.locator(f"{WIDGET} .sc-disclaimer").get_by_text("This is not a diagnosis").is_visible()


def _score(condition, ticked):
    return sum(KNOWLEDGE["scoring"][condition["features"][s]["fit"]]
               for s in ticked if s in condition["features"])


def test_nothing_fits_says_so(page):
    """Boxes that fit no condition give a plain message and a link to 'When to get help'."""
    # Find, from the knowledge file, two symptoms that together give no condition a score above 0.
    pairs = [(a, b) for i, a in enumerate(SYMPTOMS) for b in SYMPTOMS[i + 1:]
             if all(_score(c, (a, b)) <= 0 for c in KNOWLEDGE["conditions"])]
    if not pairs:
        pytest.skip("every pair of symptoms fits some condition")
    tick(page, *pairs[0])
    assert ranked(page) == []
    body = page.locator(f"{WIDGET} [data-sc-body]")
    assert "none" in body.inner_text().lower() and "doctor" in body.inner_text().lower()
    assert body.locator("a").get_attribute("href").rstrip("/").endswith("when-to-get-help")


@pytest.mark.parametrize("sign", EMERGENCY)
def test_emergency_sign_shows_emergency_message(page, sign):
    """Any emergency sign shows the emergency message with the clinic's number, whatever else is ticked."""
    tick(page, "around-kneecap", "worse-stairs", *URGENT[:1], sign, *URGENT[1:])
    alert = page.locator(f'{WIDGET} [data-level="emergency"]')
    assert alert.is_visible()
    assert alert.locator("xpath=ancestor-or-self::*[@role='alert']").count() == 1
    assert "Emergency" in alert.inner_text()  # in words, not colour alone
    call = alert.locator('a[href^="tel:"]')
    assert call.get_attribute("href") == "tel:" + EMERGENCY_NUMBER.replace(" ", "")
    assert EMERGENCY_NUMBER in alert.inner_text()
    assert page.locator(f'{WIDGET} [data-level="urgent"]').count() == 0
    # At the top of the results: before the ranked conditions.
    first_in_results = page.locator(f"{WIDGET} .sc-results [data-level], {WIDGET} .sc-results [data-condition]").first
    assert first_in_results.get_attribute("data-level") == "emergency"


def test_urgent_sign_shows_urgent_message(page):
    """An urgent sign alone shows the urgent message and number, which goes when unticked."""
    tick(page, URGENT[0])
    alert = page.locator(f'{WIDGET} [data-level="urgent"]')
    assert alert.is_visible()
    assert "Urgent" in alert.inner_text()
    assert alert.locator('a[href^="tel:"]').get_attribute("href") == "tel:" + URGENT_NUMBER.replace(" ", "")
    page.uncheck(f"#sc-{URGENT[0]}")
    assert page.locator(f"{WIDGET} [data-level]").count() == 0


def test_reset_clears_everything(page):
    """The reset button clears every box, the warning and the results."""
    tick(page, EMERGENCY[0], "knee-front-side", "spreads-from-back", "numbness")
    assert ranked(page)
    page.locator(WIDGET).get_by_role("button", name=re.compile("clear", re.I)).click()
    page.wait_for_function("() => !document.querySelector('[data-module=\"symptom-checker\"] [data-condition]')")
    assert page.locator(f"{WIDGET} input:checked").count() == 0
    assert page.locator(f"{WIDGET} [data-level]").count() == 0
    assert ranked(page) == []
    assert page.locator(f"{WIDGET} [data-sc-inline]:visible").count() == 0


def test_keyboard_only_run(page):
    """Tab and Space alone reach a result, with a visible focus indicator on each box."""
    wanted = {f"sc-{i}" for i in known("knee-front-side", "spreads-from-back", "numbness")}
    page.locator("body").click(position={"x": 1, "y": 1})  # start from the top, like a fresh page
    done = set()
    for _ in range(250):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const a = document.activeElement;
            const s = getComputedStyle(a); const row = a.closest('.sc-option');
            return {id: a.id, type: a.type || '', outline: s.outlineStyle + ' ' + s.outlineWidth,
                    row: row ? getComputedStyle(row).outlineStyle : ''}; }""")
        if info["id"] in wanted and info["id"] not in done:
            assert info["outline"] != "none 0px" or info["row"] != "none", "no visible focus"
            page.keyboard.press("Space")
            done.add(info["id"])
        if info["type"] == "reset":
            break
    assert done == wanted
    assert ranked(page)[0] == "l4-radiculopathy"


def test_without_javascript_shows_fallback(make_page):
    """Without JavaScript the fallback table and its note show, and the form does not."""
    page = make_page(javascript=False)
    fallback = page.locator(f"{WIDGET} [data-sc-fallback]")
    assert fallback.is_visible()
    assert fallback.locator("table").first.is_visible()
    assert "needs JavaScript" in fallback.inner_text()
    assert not page.locator(f"{WIDGET} form").is_visible()
    assert not page.locator(f"{WIDGET} .sc-results").is_visible()


def test_with_javascript_hides_fallback(page):
    """With JavaScript the form shows and the fallback table is hidden."""
    assert page.locator(f"{WIDGET} form").is_visible()
    assert not page.locator(f"{WIDGET} [data-sc-fallback]").is_visible()
    assert page.locator(f"{WIDGET} fieldset").first.locator("legend").inner_text().lower().find("warning") >= 0
    assert page.locator(f"{WIDGET} [aria-live='polite']").count() >= 1


def test_every_box_has_a_label_and_stable_id(page):
    """Each checkbox has id sc-<value> and a label; every symptom and emergency/urgent sign is asked."""
    boxes = page.locator(f"{WIDGET} input[type=checkbox]")
    values = boxes.evaluate_all("els => els.map(e => [e.id, e.value, e.labels.length])")
    assert all(i == f"sc-{v}" and n == 1 for i, v, n in values)
    assert sorted(v for _, v, _ in values) == sorted(SYMPTOMS + EMERGENCY + URGENT)


def test_print_shows_answers_and_results(page):
    """On paper the ticked answers and the results show, and the reset button does not."""
    tick(page, "groin-hip", "front-thigh")
    page.emulate_media(media="print")
    assert page.locator("#sc-groin-hip").is_visible()
    assert page.locator("#sc-groin-hip").is_checked()
    assert page.locator('[data-condition="l3-radiculopathy"]').is_visible()
    assert page.locator(f"{WIDGET} .sc-disclaimer").is_visible()
    assert not page.locator(f"{WIDGET} button[type=reset]").is_visible()


def test_instant_navigation(make_page, url):
    """Reaching the checker through Material's instant navigation initialises it once, and it still works."""
    page = make_page(width=1280)
    page.goto(url.replace("symptom-checker/", ""))
    page.locator('a[href$="symptom-checker/"]:visible').first.click()
    page.wait_for_selector(f'{WIDGET}[data-checker-ready="true"]')
    page.evaluate("() => window.SymptomChecker.init()")  # a second init must do nothing
    tick(page, "groin-hip", "front-thigh")
    assert ranked(page)[0] == "l3-radiculopathy"
    assert page.locator(f"{WIDGET} [data-sc-body] ol").count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_after_interaction(make_page, scheme):
    """axe-core finds no WCAG 2.2 AA violation in the checker after ticking boxes (light and dark)."""
    page = make_page(color_scheme=scheme)
    tick(page, EMERGENCY[0], URGENT[0], "knee-front-side", "spreads-from-back", "numbness", "groin-hip")
    page.locator(f"#sc-{URGENT[0]}").focus()
    results = Axe().run(page, context=WIDGET,
                        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


def test_a_long_result_list_shows_the_closest_first(browser, site_server):
    """With many fitting conditions, the closest few show, and a button shows the rest."""
    import json as _json
    import re as _re

    def _many_conditions(route):
        html = route.fetch().text()
        match = _re.search(r'(<script type="application/json" data-sc-data[^>]*>)(.*?)(</script>)', html, _re.S)
        data = _json.loads(match.group(2))
        base = data["conditions"][0]
        data["conditions"] = [{**base, "id": f"c{i}", "name": f"Condition {i}"} for i in range(20)]
        body = _json.dumps(data).replace("<", "\\u003c")
        route.fulfill(body=html[:match.start(2)] + body + html[match.end(2):],
                      headers={"content-type": "text/html; charset=utf-8"})

    page = browser.new_page()
    page.route("**/symptom-checker/", _many_conditions)
    page.goto(site_server + "symptom-checker/")
    page.check('input[value="knee-front-side"]')
    shown = page.locator("[data-condition]")
    assert 0 < shown.count() < 20
    page.locator(".sc-more").click()
    assert shown.count() == 20
    page.close()
