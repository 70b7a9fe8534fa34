"""Completeness: every fact of the source article, and every warning sign from the clinical
notes, is on the page where it belongs. The checklist is kept here, by hand, on purpose: it is
the brief the site must meet, not a copy of the knowledge file."""
from __future__ import annotations

import re

import pytest

from helpers import PAGES, main_text

# page -> phrases (lower case) that must appear in its main text; "a|b" means either.
CHECKLIST = {
    "index": ["yes", "knee", "lower back", "referred pain", "warning signs", "one leg"],
    "anatomy": ["sciatic nerve", "longest|longer", "l3", "l4", "l5", "s1", "lower back", "thoracic",
                "femoral nerve", "saphenous", "back of the thigh", "referred pain",
                "front|inner", "back of the knee"],
    "symptoms": ["burning", "aching", "sharp", "front", "side", "back of the knee",
                 "weak", "unsteady", "warm", "numb", "spreads from the lower back or buttock",
                 "calf", "thigh", "buttock", "one leg"],
    "causes": ["l4 radiculopathy", "herniated disc|slipped disc", "spinal stenosis",
               "tight hamstrings", "weak", "stretch"],
    "mimics": ["l3 radiculopathy", "lower back", "groin", "hip", "thigh",
               "patellofemoral pain syndrome", "runner's knee", "kneecap", "thigh bone",
               "burning", "does not spread|not spread|stays in the knee", "how to tell them apart"],
    "treatments": ["stretching", "strengthening", "physical therapy|physiotherapy", "chiropractic",
                   "shockwave", "spinal decompression", "traction", "massage",
                   "platelet-rich plasma", "prp", "nsaids", "epidural steroid injection",
                   "hot and cold", "nice", "not recommended", "not yet proven", "hot-water bottle"],
    "when-to-get-help": [
        # emergency (NHS): cauda equina syndrome
        "both legs", "genitals", "bottom", "pee", "poo", "cauda equina syndrome",
        # urgent
        "foot that drags|foot drop", "fever", "fall or an injury", "cancer", "lost weight",
        # see a doctor (the article's advice)
        "few weeks", "normal daily activities|daily activities", "getting worse"],
    "symptom-checker": ["not a diagnosis", "how this works", "warning signs"],
    "about": ["sources", "nice", "nhs", "cochrane", "last reviewed", "next review due",
              "reviewer", "disclaimer"],
}


def _has(text: str, phrase: str) -> bool:
    return any(re.search(r"(?<![\w-])" + re.escape(p), text) for p in phrase.split("|"))


@pytest.mark.parametrize("name", list(CHECKLIST))
def test_page_states_every_fact_on_its_checklist(built_site, name):
    """Each checklist phrase is found in the page's main text."""
    text = main_text(name, built_site).lower().replace("\u2019", "'")
    missing = [phrase for phrase in CHECKLIST[name] if not _has(text, phrase)]
    assert missing == [], f"{name} is missing: {missing}"


@pytest.mark.parametrize("name", PAGES)
def test_every_page_says_it_is_not_a_diagnosis_and_where_to_get_help(built_site, name):
    """The help block: not a diagnosis, the emergency action, and the clinic's contact."""
    text = main_text(name, built_site).lower()
    assert "not a diagnosis" in text
    assert "where to get help" in text
    assert "emergency" in text


def test_every_topic_page_starts_with_key_points(built_site):
    """Pages 2 to 7 open with a Key points summary."""
    for name in ["anatomy", "symptoms", "causes", "mimics", "treatments", "when-to-get-help"]:
        head = main_text(name, built_site).lower()[:600]
        assert "key points" in head, name


def test_home_answers_the_question_first(built_site):
    """The Home page's first words after the title say yes, and how."""
    text = main_text("index", built_site)
    after_title = text.split("?", 1)[1].strip().lower()
    assert after_title.startswith("yes")
    assert "back" in after_title[:300] and "knee" in after_title[:300]
