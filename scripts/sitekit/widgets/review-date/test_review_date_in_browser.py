"""The review date on the built site, in Chromium with its clock set (Playwright): on the day of a
page's next review nothing shows; the day after, the page says it may be out of date, under its
title, in the page's language; without JavaScript nothing breaks. The dates and words come from
the page itself and locales/<lang>/ui.yml, never from literals here."""
from __future__ import annotations

import datetime as dt

import yaml
from helpers import ROOT, page_url, site_languages

NOTICE = "[data-kb-review-overdue]"


def words(lang: str) -> str:
    ui = yaml.safe_load((ROOT / "locales" / lang / "ui.yml").read_text(encoding="utf-8"))
    return ui["page_review"]["overdue"]


def next_review(page) -> dt.date:
    return dt.date.fromisoformat(page.get_attribute("[data-next-review]", "data-next-review"))


def open_at(browser, url: str, day: dt.date | None, javascript: bool = True):
    """A page opened with the browser's clock at noon on ``day`` (None: today)."""
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    if day is not None:
        page.clock.set_fixed_time(dt.datetime(day.year, day.month, day.day, 12))
    page.goto(url)
    return context, page, errors


def test_the_page_says_so_once_its_review_date_has_passed(browser, site_server):
    for lang in site_languages():  # every language the clinic publishes
        check_language(browser, site_server, lang)


def check_language(browser, site_server, lang: str) -> None:
    url = page_url(site_server, "causes", lang)
    context, page, _ = open_at(browser, url, None, javascript=False)  # the date, as the page has it
    due = next_review(page)
    context.close()
    context, page, errors = open_at(browser, url, due)
    assert not page.is_visible(NOTICE), f"{lang}: the notice shows on the review date itself"
    context.close()
    context, page, errors = open_at(browser, url, due + dt.timedelta(days=1))
    notice = page.locator(NOTICE)
    assert notice.is_visible(), lang
    before, _, after = words(lang).partition("{date}")
    text = " ".join(notice.inner_text().split())
    assert text.startswith(before.strip()) and text.endswith(after.strip()), text
    shown_date = page.locator("[data-next-review] time").nth(1).inner_text().strip()
    assert shown_date in text, (shown_date, text)
    # Under the page's title, where a reader sees it first.
    assert page.evaluate("""() => document.querySelector('[data-kb-page-content] h1')
                               .nextElementSibling.hasAttribute('data-kb-review-overdue')""")
    assert errors == [], (lang, errors)
    context.close()


def test_without_javascript_the_dates_show_and_the_notice_stays_hidden(browser, site_server):
    url = page_url(site_server, "causes")
    context, page, _ = open_at(browser, url, None, javascript=False)
    due = next_review(page)
    context.close()
    context, page, _ = open_at(browser, url, due + dt.timedelta(days=400), javascript=False)
    assert page.is_visible("[data-next-review]") and not page.is_visible(NOTICE)
    context.close()
