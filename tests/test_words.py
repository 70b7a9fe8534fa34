"""One file of words (data/words.yml): the prose that explains them uses the same words, and the
generated pieces take them from there."""
from __future__ import annotations

import re

import pytest
from helpers import ROOT
from sitekit.words import WORDS, _load


def _rating_words_in_prose(text: str) -> set[str]:
    """The bold lead words of the list that explains the ratings ("- **Recommended.** ...")."""
    return set(re.findall(r"^- \*\*([^*]+?)\.\*\* ", text, flags=re.M))


def test_treatments_page_explains_every_rating_in_the_same_words():
    """docs/treatments.md explains each evidence rating with the word the tables use, and no other."""
    prose = _rating_words_in_prose((ROOT / "docs/treatments.md").read_text(encoding="utf-8"))
    assert prose == set(WORDS["rating"].values())


def test_a_renamed_rating_is_seen():
    """A word changed in one place only is found (so the test above can fail)."""
    prose = _rating_words_in_prose("- **Recommended.** x\n- **Not proven.** y\n")
    assert prose != {"Recommended", "Not yet proven"}
    assert prose == {"Recommended", "Not proven"}


def test_a_missing_word_list_is_named(tmp_path):
    (tmp_path / "words.yml").write_text("fit: {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing word lists: kind, level, rating, sign_group, type"):
        _load(tmp_path / "words.yml")
