"""The review date on a site nobody rebuilds: the build names every page whose next review date has
passed (a warning: a site must not break on a date), in each published language. Fast: no build."""
from __future__ import annotations

import datetime as dt

from sitekit.pages import Page, overdue_warning


def page(file: str, next_review: str) -> Page:
    return Page(file, file.removesuffix(".md") + "/", file, "", "2020-01-01", next_review)


def test_the_warning_names_each_page_past_its_date_and_no_other():
    pages = [page("a.md", "2030-05-01"), page("b.md", "2030-05-02"), page("c.md", "2030-06-01")]
    warning = overdue_warning(pages, dt.date(2030, 5, 3), "en")
    assert warning.startswith("warning: review overdue for en: ")
    assert "a.md (due 2030-05-01)" in warning and "b.md (due 2030-05-02)" in warning
    assert "c.md" not in warning and "next_review" in warning


def test_no_warning_on_or_before_the_date():
    pages = [page("a.md", "2030-05-01")]
    assert overdue_warning(pages, dt.date(2030, 5, 1), "en") == ""
    assert overdue_warning(pages, dt.date(2029, 1, 1), "en") == ""


def test_the_build_warns_for_every_page_of_every_language_once_the_dates_pass(shipped_editions):
    """The shipped pages, the day after the last of their review dates: every page is named."""
    for edition in shipped_editions:
        after = max(dt.date.fromisoformat(p.next_review) for p in edition.pages) + dt.timedelta(days=1)
        warning = overdue_warning(edition.pages, after, edition.language.code)
        assert all(f"{p.file} (due {p.next_review})" in warning for p in edition.pages), warning
        assert edition.language.code in warning
