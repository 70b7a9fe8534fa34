"""Answering the symptom checker in a browser (a Playwright page) as a reader does, for every test
that uses the checker: the questions come one at a time, so an answer is reached with Next and
Back (and "Change my answers" from the result), then ticked where it shows. No hidden box is ever
ticked, and an answer the checker no longer asks, given the answers so far, is an error: a reader
could not give it either.

Works on any page that holds the checker widget, in any language (it finds the controls by their
data-sc-* marks, never by their words)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

WIDGET = '[data-module="symptom-checker"]'

# Presses the checker's own buttons in the page (one round trip for a walk through many
# questions): each must be shown and enabled, as for a reader; ticking is left to Playwright.
_WALK = """([widget, value, to]) => {
  const root = document.querySelector(widget);
  const part = (mark) => root.querySelector("[" + mark + "]");
  const form = part("data-sc-form");
  const box = value === null ? null : root.querySelector('input[value="' + CSS.escape(value) + '"]');
  const shown = (e) => !!e && e.checkVisibility();
  const press = (mark) => {
    const button = part(mark);
    if (!shown(button) || button.disabled) throw new Error("the " + mark + " button cannot be pressed");
    button.click();
  };
  if (form.hidden) press("data-sc-edit");
  if (to === "first") { while (!part("data-sc-back").disabled) press("data-sc-back"); return true; }
  if (to === "next") { press("data-sc-next"); return !form.hidden; }
  while (!shown(box)) { press("data-sc-next"); if (form.hidden) break; }
  if (form.hidden) press("data-sc-edit");
  while (!shown(box) && !part("data-sc-back").disabled) press("data-sc-back");
  return shown(box);
}"""


def _walk(page: Any, to: str, answer_id: str | None = None) -> bool:
    return page.evaluate(_WALK, [WIDGET, answer_id, to])


def go_to(page: Any, answer_id: str) -> Any:
    """Show the question that asks ``answer_id``: Next until it shows or the result comes, then
    "Change my answers" and Back until it shows. Returns its checkbox (or radio button)."""
    box = page.locator(f'{WIDGET} input[value="{answer_id}"]')
    assert box.count() == 1, f"the checker has no answer {answer_id!r}"
    assert _walk(page, "answer", answer_id), f"no question asks {answer_id!r} any more, after the answers given so far"
    return box


def answer(page: Any, *answer_ids: str) -> None:
    """Tick each answer, in this order, at the question that asks it."""
    for answer_id in answer_ids:
        go_to(page, answer_id).check()


def unanswer(page: Any, *answer_ids: str) -> None:
    """Untick each answer, at the question that asks it."""
    for answer_id in answer_ids:
        go_to(page, answer_id).uncheck()


def answer_every_question(page: Any, only: Iterable[str] | None = None) -> list[str]:
    """From the first question to the result, tick every answer each question shows (or those of
    them whose ids are in ``only``); a question the answers make needless is skipped, as for a
    reader. Returns the ids ticked, in order."""
    wanted = None if only is None else set(only)
    _walk(page, "first")
    ticked: list[str] = []
    shown = "els => els.filter(e => e.checkVisibility() && !e.checked).map(e => e.value)"
    while True:
        for value in page.locator(f"{WIDGET} input").evaluate_all(shown):
            if wanted is None or value in wanted:
                page.locator(f'{WIDGET} input[value="{value}"]').check()
                ticked.append(value)
        if not _walk(page, "next"):
            return ticked


def symptom_ids(page: Any) -> list[str]:
    """The ids of the answers that are not warning signs, as the page asks them."""
    return page.locator(f'{WIDGET} input[name="symptom"]').evaluate_all("els => els.map(e => e.value)")


def see_result(page: Any) -> None:
    """The result at any point: the control marked data-sc-see."""
    page.locator(f"{WIDGET} [data-sc-see]").click()


def start_again(page: Any) -> None:
    """Clear every answer (the reset button, among the questions) and wait until they are clear."""
    _walk(page, "first")
    page.click(f'{WIDGET} button[type="reset"]')
    page.wait_for_function("w => !document.querySelector(w + ' input:checked')", arg=WIDGET)


def stories_that_name_a_condition(count: int) -> list[dict]:
    """Patient stories (vignettes.yml) that the checker passes and that name a condition first
    (expected from each story's source), each naming another condition, up to ``count``."""
    from sitekit.checker_report import load_stories

    chosen: dict[str, dict] = {}
    for story in load_stories():
        first = story["expect"].get("first")
        if first and not story.get("known_miss") and first not in chosen:
            chosen[first] = story
    return list(chosen.values())[:count]


def a_story_that_names_a_condition() -> dict:
    return stories_that_name_a_condition(1)[0]


def an_emergency_sign(page: Any) -> str:
    """The id of the first warning sign of the most serious level, from the page's checker data."""
    return page.locator(f"{WIDGET} script[data-sc-data]").evaluate("""(node) => {
        const data = JSON.parse(node.textContent);
        return data.warningSigns.find((s) => s.level === data.outcomes[0].level).id; }""")
