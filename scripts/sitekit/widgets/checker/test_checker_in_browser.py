"""The symptom checker on the built site, as a reader uses it (Playwright + Debian's Chromium).

Two kinds of test:
- the page as built (ids, levels, numbers and wording from data/knowledge.yml and clinic.yml):
  outcomes, warning signs, the phone flow, keyboard, fallback, print, axe;
- the page with small hand-made conditions swapped into its data block (FIXTURE_CONDITIONS), for
  what must not depend on today's content: naming, ties, "nothing fits", "show more".
Clinical expectations (patient stories) live in vignettes.yml: test_checker_vignettes.py (both beside this file).
"""
import functools
import json
import pathlib
import re
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest
import yaml
from helpers import axe_violations
from sitekit.pipeline import Paths, load_inputs
from sitekit.widgets.checker import answering

ROOT = pathlib.Path(__file__).resolve().parents[4]  # the project, from scripts/sitekit/widgets/checker/
WIDGET = '[data-module="symptom-checker"]'


@functools.cache
def facts() -> SimpleNamespace:
    """What the tests take from the project's own inputs, read when first needed (at collection,
    not at import): its knowledge and clinic files, and the outcomes and numbers as the build shows
    them (the region's numbers, service words filled in). ``symptoms``: the live symptoms, which
    the fixture conditions rate (the first few, the boxes on the page)."""
    knowledge = yaml.safe_load((ROOT / "data" / "knowledge.yml").read_text(encoding="utf-8"))
    clinic = yaml.safe_load((ROOT / "clinic.yml").read_text(encoding="utf-8"))
    built_knowledge, built_clinic = load_inputs(Paths.of(ROOT))
    signs = {w["id"]: w for w in knowledge["warning_signs"]}
    return SimpleNamespace(
        knowledge=knowledge, clinic=clinic, symptoms=[s["id"] for s in knowledge["symptoms"]], signs=signs,
        outcomes={o.level: {"heading": o.heading, "advice": o.advice} for o in built_knowledge.outcomes},
        emergency=[i for i, w in signs.items() if w["level"] == "emergency"],
        urgent=[i for i, w in signs.items() if w["level"] == "urgent"],
        see_doctor=[i for i, w in signs.items() if w["level"] == "see-doctor"],
        emergency_number=str(built_clinic["region"]["emergency"]["number"]),
        urgent_number=str(built_clinic["region"]["urgent"].get("number") or ""),
        language_folders=["" if i == 0 else f"{code}/" for i, code in enumerate(clinic.get("languages") or ["en"])])


def live() -> list[str]:
    """The live symptoms' ids, in the page's order."""
    return facts().symptoms


# The cases each test takes from the data: its parameters, their values, and their ids.
CASES = {
    "test_an_emergency_stops_the_list": ("sign", lambda f: f.emergency, None),
    "test_a_sign_sets_its_level_and_says_why":
        ("sign,level", lambda f: [(f.urgent[0], "urgent"), (f.see_doctor[0], "see-doctor")], None),
    "test_an_outcome_rule_raises_the_level": ("rule", lambda f: f.knowledge["outcome_rules"], lambda r: r["id"]),
    "test_counts_and_sentences_read_right":
        ("folder", lambda f: [d for d in ["", "es/"] if d == "" or d[:-1] in (f.clinic.get("languages") or [])], None),
    "test_the_result_says_each_thing_once_in_words_that_match_the_screen":
        ("folder", lambda f: f.language_folders, None),
    "test_print_or_save_my_answers_is_one_page": ("folder", lambda f: f.language_folders, None),
}


def pytest_generate_tests(metafunc):
    """The cases from the data, listed when the tests are collected."""
    if metafunc.function.__name__ in CASES:
        names, values, ids = CASES[metafunc.function.__name__]
        metafunc.parametrize(names, values(facts()), ids=ids)


def _condition(cid, typical, possible=(), unusual=(), treatments=0):
    features = {**{s: {"fit": "typical", "why": f"{cid} {s} typical"} for s in typical},
                **{s: {"fit": "possible", "why": ""} for s in possible},
                **{s: {"fit": "unusual", "why": f"{cid} {s} unusual"} for s in unusual}}
    return {"id": cid, "name": f"Medical {cid}", "plainName": f"Plain {cid}", "kind": "knee",
            "distinguishing": list(typical), "against": [],
            "summary": f"Summary of {cid}.", "helps": f"Helps {cid}.", "url": f"#{cid}", "features": features,
            "treatments": [{"id": f"t{i}", "name": f"Treatment {cid} {i}", "rating": "recommended", "url": "#t"}
                           for i in range(treatments)]}


def known(*ids):
    """Fail loudly if a scenario uses an id the knowledge file no longer has."""
    for i in ids:
        assert i in facts().symptoms or i in facts().signs, f"{i} is not in data/knowledge.yml"
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


def _swap_conditions(conditions):
    """A route handler that serves the checker page with these conditions in its data block."""
    def handle(route):
        html = route.fetch().text()
        match = re.search(r'(<script[^>]*\bdata-sc-data\b[^>]*>)(.*?)(</script>)', html, re.S)
        data = json.loads(match.group(2))
        data["conditions"] = conditions
        data["matching"] = {"weights": {"typical": 2, "possible": 1, "unusual": -2}, "min_typical": 2, "min_share": 0.5}
        body = json.dumps(data).replace("<", "\\u003c")
        route.fulfill(body=html[:match.start(2)] + body + html[match.end(2):],
                      headers={"content-type": "text/html; charset=utf-8"})
    return handle


@pytest.fixture
def make_page(browser, url):
    """Open the checker page; after the test, assert no console error and no outside request."""
    contexts, problems = [], []

    def make(color_scheme="light", width=375, height=740, javascript=True, conditions=None):
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=color_scheme,
                                      java_script_enabled=javascript)
        context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*", re.I),
                      lambda route: (problems.append(f"blocked: {route.request.url}"), route.abort()))
        if conditions is not None:
            context.route(url, _swap_conditions(conditions))
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
    """Tick answers as a reader would: go to the question that asks each, then tick its box."""
    answering.answer(page, *known(*ids))


def untick(page, *ids):
    answering.unanswer(page, *known(*ids))


def named(page):
    return page.locator(f"{WIDGET} [data-condition]").evaluate_all("els => els.map(e => e.dataset.condition)")


def status(page):
    return page.locator(f"{WIDGET} [data-sc-status]").inner_text()


def results_order(page):
    """What the results show, top to bottom: outcome boxes, the no-fit box, the count, cards."""
    return page.locator(f"{WIDGET} .sc-results").locator(
        "[data-level], .sc-noresult, .sc-results__known, [data-condition]").evaluate_all(
        "els => els.map(e => e.dataset.level ? 'outcome:' + e.dataset.level : e.dataset.condition ? "
        "'card:' + e.dataset.condition : e.className)")


# ------------------------------------------------------------------ naming, on hand-made data

def test_outcome_first_then_a_short_card(make_page):
    """Self-care outcome first; the card: plain name, medical name, why, what helps; details folded."""
    page = make_page(conditions=[_condition("alpha", live()[0:3], treatments=4), _condition("beta", live()[3:6])])
    tick(page, live()[0], live()[1])
    assert results_order(page) == ["outcome:self-care", "sc-results__known", "card:alpha"]
    card = page.locator('[data-condition="alpha"]')
    assert card.locator("h4").inner_text() == "Plain alpha"
    assert "Medical alpha" in card.locator(".sc-result__medical").inner_text()
    assert card.locator(".sc-result__why").is_visible() and "Helps alpha." in card.inner_text()
    assert not card.locator(".sc-treatments").is_visible()
    assert not card.get_by_text("alpha " + live()[0] + " typical").is_visible()
    card.locator("summary").click()
    assert card.locator(".sc-treatments li").count() == 4
    assert card.get_by_text("alpha " + live()[0] + " typical").is_visible()
    assert status(page) == "2 answers ticked."  # the box says what to do, the card what it may be
    box = page.locator('[data-level="self-care"]')
    assert box.get_by_text(facts().outcomes["self-care"]["heading"]).is_visible()
    assert box.get_by_text(facts().outcomes["self-care"]["advice"]).is_visible()


def test_one_typical_feature_names_nothing(make_page):
    """A single fitting tick never names a condition: the checker says it cannot tell the cause, with what to do."""
    page = make_page(conditions=[_condition("alpha", live()[0:3]), _condition("beta", live()[3:6])])
    tick(page, live()[0])
    assert named(page) == []
    assert results_order(page) == ["outcome:self-care", "sc-noresult", "sc-results__known"]
    body = page.locator(f"{WIDGET} [data-sc-body]")
    assert "This checker knows 2 problems" in body.inner_text()
    assert body.locator(".sc-noresult a").get_attribute("href").rstrip("/").endswith("when-to-get-help")
    assert "cannot say what is causing your pain" in body.inner_text() and status(page) == "1 answer ticked."


def test_ties_are_said_as_ties(make_page):
    """Two conditions that fit equally share first place: the list and both cards say so."""
    page = make_page(conditions=[_condition("beta", live()[0:2]), _condition("alpha", live()[0:2]),
                                 _condition("gamma", live()[0:4])])
    tick(page, live()[0], live()[1])
    assert named(page) == ["alpha", "beta", "gamma"]
    tie = page.locator(f"{WIDGET} .sc-results__tie").inner_text()
    assert tie == "The first 2 fit equally well. The checker cannot tell them apart."
    assert page.locator('[data-condition="alpha"] .sc-result__tie').inner_text() == "Fits as well as: Plain beta."
    assert page.locator('[data-condition="beta"] .sc-result__tie').inner_text() == "Fits as well as: Plain alpha."
    assert page.locator('[data-condition="gamma"] .sc-result__tie').count() == 0


def test_show_more_moves_focus_to_the_first_new_result(make_page):
    """Only the closest few show; 'show more' shows the rest and focuses the first new one."""
    conditions = [_condition(f"c{n}", live()[0:2 + n]) for n in range(5)]  # coverage falls with n
    page = make_page(conditions=conditions)
    tick(page, live()[0], live()[1])
    assert named(page) == ["c0", "c1", "c2"]
    page.locator(".sc-more").click()
    assert named(page) == ["c0", "c1", "c2", "c3", "c4"]
    assert page.evaluate("document.activeElement.closest('[data-condition]').dataset.condition") == "c3"


# ------------------------------------------------------------------ outcomes, on the page as built

def test_an_emergency_stops_the_list(page, sign):
    """Any emergency sign: the emergency message and number, and no condition or treatment."""
    tick(page, "knee-front-side", "spreads-from-back", "numbness", "one-leg", *facts().urgent[:1], sign)
    alert = page.locator(f'{WIDGET} [role="alert"] [data-level="emergency"]')
    assert alert.is_visible()
    assert facts().outcomes["emergency"]["heading"] in alert.inner_text()
    assert facts().signs[sign]["label"] in alert.inner_text()
    call = alert.locator('a[href^="tel:"]')
    assert call.get_attribute("href") == "tel:" + facts().emergency_number.replace(" ", "")
    assert results_order(page) == ["outcome:emergency"]
    assert page.locator(f"{WIDGET} .sc-results [data-condition], {WIDGET} .sc-results .sc-treatments").count() == 0
    forms = json.loads(page.locator(f"{WIDGET} script[data-sc-text]").inner_text())["statusCount"]
    assert status(page) == forms["other"].format(count=6)  # what to do is said once: in the box
    untick(page, sign)  # the list comes back when the sign goes
    assert results_order(page)[0] == "outcome:urgent"


def test_a_sign_sets_its_level_and_says_why(page, sign, level):
    """An urgent or see-doctor sign alone gives that outcome, with the sign as the reason."""
    tick(page, sign)
    box = page.locator(f'{WIDGET} .sc-results [data-level="{level}"]')
    assert box.is_visible()
    assert facts().outcomes[level]["heading"] in box.inner_text()
    assert facts().signs[sign]["label"] in box.locator("[data-sc-reasons]").inner_text()
    if level == "urgent" and facts().urgent_number:
        assert box.locator('a[href^="tel:"]').get_attribute("href") == "tel:" + facts().urgent_number.replace(" ", "")
    untick(page, sign)
    assert page.locator(f"{WIDGET} .sc-results [data-level]").count() == 0
    assert status(page) == "Nothing ticked yet."


def test_an_outcome_rule_raises_the_level(page, rule):
    """Symptoms that meet a rule raise the outcome to its level and show the rule's reason."""
    ids = rule["when"].get("all") or rule["when"]["any"][:1]
    tick(page, *ids)
    box = page.locator(f'{WIDGET} [data-level="{rule["level"]}"]')
    assert box.is_visible()
    # The reason as the page's data gives it: the region's service words are put in by the build.
    data = json.loads(page.locator(f"{WIDGET} script[data-sc-data]").inner_text())
    why = next(r["why"] for r in data["outcomeRules"] if r["id"] == rule["id"])
    assert why in box.inner_text()


def test_the_way_to_the_result_stays_in_sight(page):
    """At 375 px: the bar that leads to the result is on screen at every question; it counts the
    ticks, and leads to the results with the outcome on one screen."""
    bar = page.locator(f"{WIDGET} [data-sc-bar]")
    tick(page, live()[0])
    for box in (live()[1], live()[len(facts().symptoms) // 2], live()[-1]):
        answering.go_to(page, box).scroll_into_view_if_needed()
        top, bottom = bar.evaluate("b => [b.getBoundingClientRect().top, b.getBoundingClientRect().bottom]")
        assert top >= 0 and bottom <= 740 + 1
    tick(page, live()[1])
    see = page.locator(f"{WIDGET} [data-sc-see]")
    assert "2 ticked" in see.inner_text()
    see.click()
    assert page.evaluate("document.activeElement.id") == "symptom-checker-results-title"
    outcome_bottom = page.locator(f"{WIDGET} .sc-results [data-level]").evaluate("b => b.getBoundingClientRect().bottom")  # noqa: E501
    assert outcome_bottom <= 740


def test_one_question_at_a_time(make_page):
    """On a 375 x 812 phone: one question shows at a time, warning signs first, with its answers,
    Back and Next on one screen; the progress line counts; Back returns; after the last question
    the result is at the top of the first screen; every answer is asked at some question."""
    page = make_page(height=812)
    stepper = page.locator(f"{WIDGET} [data-sc-stepper]")
    progress = page.locator(f"{WIDGET} [data-sc-progress]")
    first = progress.inner_text()
    visible = "els => els.filter(e => e.offsetParent !== null).map(e => e.value)"
    asked, n = [], 0
    assert set(page.locator(f"{WIDGET} input").evaluate_all(visible)) <= set(facts().signs), "warning signs come first"
    while True:
        shown = page.locator(f"{WIDGET} input").evaluate_all(visible)
        assert 0 < len(shown) <= 5
        asked += shown
        stepper.scroll_into_view_if_needed()
        page.evaluate("document.querySelector('[data-sc-stepper]').scrollIntoView()")
        top = stepper.evaluate("e => e.getBoundingClientRect().top")
        nav_bottom = page.locator(f"{WIDGET} [data-sc-nav]").evaluate("e => e.getBoundingClientRect().bottom")
        bar_top = page.locator(f"{WIDGET} [data-sc-bar]").evaluate("e => e.getBoundingClientRect().top")
        assert top >= 0 and nav_bottom <= min(812, bar_top) + 1, f"question {n + 1} does not fit one screen"
        next_button = page.locator(f"{WIDGET} [data-sc-next]")
        if n == 1:
            page.locator(f"{WIDGET} [data-sc-back]").click()
            assert progress.inner_text() == first
            next_button.click()
        if page.locator(f"{WIDGET} [data-sc-form]").is_hidden():
            break
        next_button.click()
        n += 1
        if page.locator(f"{WIDGET} [data-sc-form]").is_hidden():
            break
    assert sorted(set(asked)) == sorted(facts().symptoms + list(facts().signs)), "an answer is never asked"
    heading = page.locator(f"{WIDGET} [data-sc-heading]")
    assert page.evaluate("document.activeElement.id") == "symptom-checker-results-title"
    assert 0 <= heading.evaluate("e => e.getBoundingClientRect().top") < 812 / 2
    page.locator(f"{WIDGET} [data-sc-edit]").click()
    assert page.locator(f"{WIDGET} [data-sc-form]").is_visible()


def checker_in(make_page, url, folder):
    """The checker page in the language whose folder is given ("" for the first), ready."""
    page = make_page()
    if folder:
        page.goto(url.replace("/symptom-checker/", f"/{folder}symptom-checker/"))
        page.wait_for_selector(f'{WIDGET}[data-checker-ready="true"]')
    return page


def test_counts_and_sentences_read_right(make_page, url, folder):
    """The status says the count in the language's singular or plural form (from its words, by
    Intl.PluralRules), and a warning sign's words end their sentence before its advice begins."""
    page = checker_in(make_page, url, folder)
    text = json.loads(page.locator(f"{WIDGET} script[data-sc-text]").inner_text())
    data = json.loads(page.locator(f"{WIDGET} script[data-sc-data]").inner_text())
    sign = next(s for s in data["warningSigns"] if s.get("advice") and s["level"] == "urgent")
    heading = {o["level"]: o["heading"] for o in data["outcomes"]}
    tick(page, live()[0])
    assert status(page) == text["statusCount"]["one"].format(count=1)
    tick(page, sign["id"])
    assert status(page) == text["statusCount"]["other"].format(count=2)
    assert heading["urgent"] in page.locator(f'{WIDGET} [data-level="urgent"]').inner_text()
    reason = page.locator(f'{WIDGET} [data-level="urgent"] [data-sc-reasons] li').first.inner_text()
    label = sign["label"].rstrip()
    assert reason == (label if label[-1] in ".!?" else label + text["fullStop"]) + " " + sign["advice"]


def _shown_sentences(page) -> list[str]:
    """The sentences the results show on screen (not the words kept for screen readers alone)."""
    text = page.locator(f"{WIDGET} .sc-results").evaluate("""box => [...box.querySelectorAll('*')]
        .filter(el => el.checkVisibility() && getComputedStyle(el).position !== 'absolute')
        .flatMap(el => [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent)).join(' ')""")
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if len(s.strip()) > 3]


def _states(page, data, folder):
    """The result in the states that say the most: nothing ticked, a warning sign alone (no answer
    about the pain), an urgent sign with an answer about the pain, an emergency sign. Each is
    reached as a reader does, from "See what this means", with the questions folded away."""
    urgent = next(s["id"] for s in data["warningSigns"] if s["level"] == "urgent" and not s.get("hidesConditions"))
    emergency = next(s["id"] for s in data["warningSigns"] if s["level"] == "emergency")
    for name, ids in [("nothing", []), ("a sign alone", [urgent]), ("a sign and the pain", [urgent, live()[0]]),
                      ("an emergency", [emergency])]:
        if ids:  # the first state is the page as it opens; each other one starts afresh
            page.goto(page.url.split("#")[0])  # a new visit: no answers kept
            page.wait_for_selector(f'{WIDGET}[data-checker-ready="true"]')
            tick(page, *ids)
        answering.see_result(page)
        assert page.locator(f"{WIDGET} [data-sc-form]").is_hidden(), "the questions are folded"
        yield f"{folder or 'en'}: {name}"


# The words that send a reader up or down the page to the questions, per language: with the
# questions folded away, the result must not point at them.
POINTING = {"en": ("above", "below"), "es": ("arriba", "abajo")}


def test_the_result_says_each_thing_once_in_words_that_match_the_screen(make_page, url, folder):
    """With the questions folded away, the result says each thing once (the status line only
    counts the answers; the level's box says what to do and how soon, once) and never sends the
    reader to boxes "above" that are no longer there."""
    page = checker_in(make_page, url, folder)
    data = json.loads(page.locator(f"{WIDGET} script[data-sc-data]").inner_text())
    text = json.loads(page.locator(f"{WIDGET} script[data-sc-text]").inner_text())
    lang = page.evaluate("document.documentElement.lang")[:2]
    problems = []
    for state in _states(page, data, folder):
        shown = _shown_sentences(page)
        twice = sorted({s for s in shown if shown.count(s) > 1})
        if twice:
            problems.append(f"{state}: said twice: {twice}")
        level = page.locator(f"{WIDGET} .sc-results [data-level]")
        if level.count():
            heading = next(o["heading"] for o in data["outcomes"] if o["level"] == level.get_attribute("data-level"))
            if " ".join(shown).count(heading) != 1:
                problems.append(f"{state}: the level's heading is said {' '.join(shown).count(heading)} times")
        count = len(page.locator(f"{WIDGET} input:checked").all())
        said = status(page)
        if said != (fill_count(text["statusCount"], count) if count else text["statusEmpty"]):
            problems.append(f"{state}: the status line says more than the count: {said!r}")
        words = [w for w in POINTING.get(lang, ()) if re.search(rf"\b{w}\b", " ".join(shown), re.I)]
        no_fit = page.locator(f"{WIDGET} .sc-noresult").count()  # "the advice above": the level's box, on screen
        if words and not no_fit:
            problems.append(f"{state}: points at folded questions: {words}")
    assert problems == []


def fill_count(forms: dict, count: int) -> str:
    return (forms["one"] if count == 1 else forms["other"]).format(count=count)


def test_an_emergency_skips_the_other_questions(page):
    """After an emergency sign, the next step is the result: nothing else can change what to do."""
    tick(page, facts().emergency[0])
    page.locator(f"{WIDGET} [data-sc-next]").click()
    assert page.locator(f"{WIDGET} [data-sc-form]").is_hidden()
    assert page.locator(f'{WIDGET} [data-level="emergency"]').is_visible()


def test_ticking_shows_at_once(page):
    """A ticked row looks different (frame and tint) from an unticked one."""
    row = page.locator(f"#sc-{live()[0]}").locator("xpath=..")
    before = row.evaluate("r => getComputedStyle(r).borderColor + getComputedStyle(r).backgroundColor")
    tick(page, live()[0])
    assert row.evaluate("r => getComputedStyle(r).borderColor + getComputedStyle(r).backgroundColor") != before


def test_hints_sit_outside_labels(page):
    """Each symptom's description is outside its label and linked with aria-describedby."""
    for s in facts().knowledge["symptoms"]:
        box = page.locator(f"#sc-{s['id']}")
        label = box.evaluate("b => b.labels[0].textContent")
        if s.get("description"):
            hint = box.evaluate("b => document.getElementById(b.getAttribute('aria-describedby')).textContent")
            assert hint == s["description"] and s["description"] not in label
        else:
            assert box.get_attribute("aria-describedby") is None


def test_warning_signs_are_grouped(page):
    """Every warning sign, of every level, is asked in the group its data gives."""
    for sign_id, sign in facts().signs.items():
        group = page.locator(f"#sc-{sign_id}").evaluate("b => b.closest('[data-sc-sign-group]').dataset.scSignGroup")
        assert group == sign["group"], sign_id


def test_every_box_has_a_label_and_stable_id(page):
    """Each checkbox has id sc-<value> and a label; every symptom and warning sign is asked."""
    boxes = page.locator(f"{WIDGET} input[type=checkbox]")
    values = boxes.evaluate_all("els => els.map(e => [e.id, e.value, e.labels.length])")
    assert all(i == f"sc-{v}" and n == 1 for i, v, n in values)
    assert sorted(v for _, v, _ in values) == sorted(facts().symptoms + list(facts().signs))


def test_reset_clears_everything(page):
    """The reset button clears every box, the outcome and the results."""
    tick(page, "knee-front-side", "numbness", facts().emergency[0])  # after an emergency sign nothing more is asked
    page.locator(WIDGET).get_by_role("button", name=re.compile("clear", re.I)).click()
    page.wait_for_function("() => !document.querySelector('[data-module=\"symptom-checker\"] .sc-results [data-level]')")  # noqa: E501
    assert page.locator(f"{WIDGET} input:checked").count() == 0
    assert page.locator(f"{WIDGET} [data-sc-progress]").inner_text().startswith("Question 1 of")
    assert status(page) == "All answers cleared."


def test_keyboard_only_run(page):
    """Tab, Space and Enter alone: Next moves through the questions, Space ticks boxes with a
    visible focus, and Enter on the bar reaches the outcome."""
    # A sign that leaves the questions about the pain to be asked (one that hides the conditions
    # ends the questions: nothing after it could change the answer).
    sign = next(i for i in facts().urgent if not facts().signs[i].get("hides_conditions"))
    wanted = {f"sc-{i}" for i in known(sign, "knee-front-side")}
    page.locator("body").click(position={"x": 1, "y": 1})
    done = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const a = document.activeElement;
            const s = getComputedStyle(a); const row = a.closest('.sc-option');
            return {id: a.id, see: a.hasAttribute('data-sc-see'), next: a.hasAttribute('data-sc-next'),
                    outline: s.outlineStyle, row: row ? getComputedStyle(row).outlineStyle : 'none'}; }""")
        if info["id"] in wanted and info["id"] not in done:
            assert info["outline"] != "none" or info["row"] != "none", "no visible focus"
            page.keyboard.press("Space")
            done.add(info["id"])
        if info["next"] and done != wanted:
            page.keyboard.press("Enter")
        if info["see"] and done == wanted:
            page.keyboard.press("Enter")
            break
    assert done == wanted
    assert page.evaluate("document.activeElement.id") == "symptom-checker-results-title"
    assert page.locator(f'{WIDGET} [data-level="urgent"]').is_visible()


def test_without_javascript_shows_fallback(make_page):
    """Without JavaScript the fallback table and its note show, and the form does not."""
    page = make_page(javascript=False)
    fallback = page.locator("[data-sc-fallback]")
    assert fallback.is_visible()
    assert fallback.locator("table").first.is_visible()
    assert "needs JavaScript" in fallback.inner_text()
    assert not page.locator(f"{WIDGET} form").is_visible()
    assert not page.locator(f"{WIDGET} .sc-results").is_visible()


def test_with_javascript_hides_fallback(page):
    """With JavaScript the form shows, the warning signs come first, the fallback is hidden."""
    assert page.locator(f"{WIDGET} form").is_visible()
    assert not page.locator("[data-sc-fallback]").is_visible()
    assert "warning" in page.locator(f"{WIDGET} fieldset").first.locator("legend").first.inner_text().lower()
    assert page.locator(f"{WIDGET} [aria-live='polite']").count() == 1


def test_print_shows_answers_and_results(page):
    """On paper the ticked answers and the outcome show; the buttons and the bar do not."""
    tick(page, facts().urgent[0], "knee-front-side")
    page.emulate_media(media="print")
    assert page.locator(f"#sc-{facts().urgent[0]}").is_checked()
    assert page.locator(f'{WIDGET} [data-level="urgent"]').is_visible()
    assert page.locator(f"{WIDGET} .sc-disclaimer").is_visible()
    assert not page.locator(f"{WIDGET} button[type=reset]").is_visible()
    assert not page.locator(f"{WIDGET} [data-sc-bar]").is_visible()


def test_reached_by_a_link(make_page, url):
    """Reaching the checker by a link from another page starts it once (a second init does
    nothing), and it works."""
    page = make_page(width=1280)
    page.goto(url.replace("symptom-checker/", ""))
    page.locator('a[href$="symptom-checker/"]:visible').first.click()
    page.wait_for_selector(f'{WIDGET}[data-checker-ready="true"]')
    page.evaluate("() => window.SymptomChecker.init()")  # a second init must do nothing
    tick(page, facts().urgent[0])
    assert page.locator(f"{WIDGET} .sc-results [data-level]").count() == 1
    assert page.locator(f'{WIDGET} [data-level="urgent"]').is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_after_interaction(make_page, scheme):
    """axe-core finds no WCAG 2.2 AA violation in the checker with an outcome and a named card."""
    page = make_page(color_scheme=scheme, conditions=[_condition("alpha", live()[0:3], treatments=2)])
    tick(page, facts().see_doctor[0], live()[0], live()[1])
    page.locator(f'{WIDGET} [data-condition="alpha"] summary').click()
    tick(page, facts().emergency[0])
    untick(page, facts().emergency[0])
    tick(page, facts().urgent[0])
    for state in ("urgent", "emergency"):
        if state == "emergency":
            tick(page, facts().emergency[0])
        assert axe_violations(page, WIDGET) == [], state



@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_print_or_save_my_answers_is_one_page(make_page, url, folder, paper):
    """'Print or save my answers', with every answer a reader can give ticked: one page on A4 and on Letter in every
    language, with the answers, what to do, the date, the page's address and 'bring this to your
    appointment'; the sheet leaves the page after printing, and nothing is sent (make_page)."""
    from io import BytesIO

    from pypdf import PdfReader
    page = checker_in(make_page, url, folder)
    # Every answer about the pain that leaves the other questions to be asked (an answer that
    # raises the level through a rule may end them), then a warning sign.
    rules = facts().knowledge["outcome_rules"]
    in_rules = {i for r in rules for i in r["when"].get("all") or r["when"].get("any") or []}
    ticked = answering.answer_every_question(page, only=[s for s in facts().symptoms if s not in in_rules])
    tick(page, facts().see_doctor[0])
    text = json.loads(page.locator(f"{WIDGET} script[data-sc-text]").inner_text())
    page.evaluate("window.print = () => {}")  # headless: the dialog is Chromium's own
    answering.see_result(page)
    page.locator(f"{WIDGET} [data-sc-print]").click()
    sheet = page.locator("body > [data-sc-sheet]")
    assert sheet.count() == 1
    assert sheet.locator("li").count() >= len(ticked) + 1
    assert page.url.split("#")[0] in sheet.inner_text()
    pdf = PdfReader(BytesIO(page.pdf(format=paper)))
    assert len(pdf.pages) == 1, f"{len(pdf.pages)} pages on {paper}"
    printed = " ".join(pdf.pages[0].extract_text().split())
    assert text["printBring"] in printed and text["printTitle"] in printed
    assert len(page.locator(f"{WIDGET} input:checked").all()) == len(ticked) + 1 > 20
    assert page.locator("body > [data-sc-sheet]").count() == 0, "the sheet stays after printing"
