"""Plain language: each page's main text is at Flesch-Kincaid grade 8 or below (textstat 0.7.4)."""
from __future__ import annotations

import pytest
from helpers import PAGES, as_sentences, main_blocks

MAX_GRADE = 8.0


@pytest.mark.parametrize("name", PAGES)
def test_page_reads_at_grade_8_or_below(site, name):
    """The article text of the English page, each block a sentence, scores grade 8 or below
    (the Spanish pages have their own measure: test_spanish.py)."""
    if "en" not in site.languages:
        pytest.skip("this site publishes no English")
    blocks = main_blocks(site.page(name, "en").read_text(encoding="utf-8"))
    text = as_sentences(blocks)
    assert len(text.split()) > 80, f"{name}: too little text found to score"
    import textstat  # imported by the tests that score (a slow import for every test process otherwise)

    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, f"{name}: Flesch-Kincaid grade {grade} (limit {MAX_GRADE})"


def test_the_measure_fails_on_hard_text():
    """The same measure rejects text written at a college level."""
    import textstat

    hard = ("Radiculopathy secondary to intervertebral disc herniation frequently manifests as "
            "dermatomal paraesthesia accompanied by myotomal weakness and diminished reflexes.")
    assert textstat.flesch_kincaid_grade(as_sentences([hard])) > MAX_GRADE
