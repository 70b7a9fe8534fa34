"""One word file per language (locales/<lang>/ui.yml): the prose that explains the words uses the
same words, the generated pieces take them from there, and a word file that lacks a word list or a
key is named with what it lacks."""
from __future__ import annotations

import re

import pytest
from helpers import ROOT
from jinja2 import UndefinedError
from sitekit.escaping import long_date
from sitekit.render import environment
from sitekit.words import _missing_keys, read, read_ui, ui_for, word_lists, words_for

LOCALES = ROOT / "locales"


def _rating_words_in_prose(text: str) -> set[str]:
    """The bold lead words of the list that explains the ratings ("- **Recommended.** ...")."""
    return set(re.findall(r"^- \*\*([^*]+?)\.\*\* ", text, flags=re.M))


def test_treatments_page_explains_every_rating_in_the_same_words():
    """docs/treatments.md explains each evidence rating with the word the tables use, and no other."""
    prose = _rating_words_in_prose((ROOT / "docs/treatments.md").read_text(encoding="utf-8"))
    assert prose == set(words_for("en", LOCALES)["rating"].values())


def test_a_renamed_rating_is_seen():
    """A word changed in one place only is found (so the test above can fail)."""
    prose = _rating_words_in_prose("- **Recommended.** x\n- **Not proven.** y\n")
    assert prose != {"Recommended", "Not yet proven"}
    assert prose == {"Recommended", "Not proven"}


def test_a_missing_word_list_is_named(tmp_path):
    path = tmp_path / "ui.yml"
    path.write_text("fit: {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"ui\.yml: missing word lists: kinds, levels, rating, sign_groups, "
                                         "treatment_type"):
        word_lists(read_ui(path), path)


def test_a_missing_word_file_is_named(tmp_path):
    with pytest.raises(ValueError, match=r"nope\.yml: no word file"):
        read_ui(tmp_path / "nope.yml")


def test_a_missing_key_is_named():
    """Another language's word file must have every English key; the missing ones are named."""
    english = ui_for("en", LOCALES)
    partial = {**english, "checker": {**english["checker"], "text": {"seeOne": "x"}}}
    partial.pop("review")
    missing = _missing_keys(english, partial)
    assert "review" in missing and "checker > text > seeMany" in missing
    assert "checker > text > seeOne" not in missing
    assert _missing_keys(english, ui_for("es", LOCALES)) == []


def test_every_language_has_the_same_word_lists_and_dates():
    for lang in ("en", "es"):
        assert {name: set(ws) for name, ws in words_for(lang, LOCALES).items()} == \
            {name: set(ws) for name, ws in words_for("en", LOCALES).items()}
    assert long_date("2026-11-04", ui_for("en", LOCALES)["date"]) == "4 November 2026"
    assert long_date("2026-03-01", ui_for("es", LOCALES)["date"], "es") == "1 de marzo de 2026"


def test_templates_take_their_words_from_the_language():
    """The environment of a language gives the templates its words and its dates."""
    es = environment(read(LOCALES, "es"))
    assert es.globals["ui"]["checker"]["reset"] == "Borrar todas las respuestas"
    assert es.globals["words"]["kind"]["knee"] == "En la rodilla"
    assert es.filters["long_date"]("2026-11-04") == "4 de noviembre de 2026"
    assert environment(read(LOCALES, "en")).filters["long_date"]("2026-11-04") == "4 November 2026"


def test_a_word_a_template_lacks_is_named_with_its_file():
    env = environment(read(LOCALES, "es"))
    with pytest.raises(UndefinedError, match=r"locales/es/ui\.yml > checker > no_such_word: no such word"):
        env.from_string("{{ ui.checker.no_such_word }}").render()
