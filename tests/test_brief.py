"""The kit's own brief, on the site as shipped: every fact of the source article and every
warning sign of the clinical notes is on the page where it belongs. The checklist is kept by
hand, on purpose: it is the brief the kit's content must meet, not a copy of the knowledge file.

It holds for the kit's example content (clinic.yml's `example: true`); a clinic that publishes
(`example: false`) owns its words, and the data-driven checks (test_site_content.py) hold for
whatever it writes."""
from __future__ import annotations

import re

import pytest
from helpers import main_text, read_clinic


@pytest.fixture
def shipped_site(built_project):
    if not read_clinic(built_project)["example"]:
        pytest.skip("the clinic publishes its own content (example: false): the kit's brief is not its")
    return built_project / "site"


CHECKLIST = {
    "index": ["yes", "knee", "lower back", "radicular pain", "warning signs", "one leg",
              "no nerve in your body is longer",
              # what to do now, and what the GP or physiotherapist will do (NHS, South Tees)
              "keep moving", "heat pack", "pharmacist", "paracetamol on its own", "cushion between your knees",
              "pillows under your knees", "postures", "stay at work", "hot-water bottle", "long periods",
              "examine", "scan", "physiotherapist yourself",
              "l5 and s1", "l3 and l4", "hot, swollen knee", "swelling in one calf",
              # the short list of every condition, by its plain name
              "classic sciatica", "pressed l4 nerve root", "pressed l3 nerve root",
              "narrow space for the nerves", "wear and tear in the knee", "hip arthritis felt in the knee",
              "torn cartilage or ligament", "fluid-filled lump behind the knee", "runner's knee",
              "outer knee from running", "pressed nerve at the outer knee", "pressed skin nerve in the outer thigh",
              "buttock muscle", "narrowed leg arteries", "tight muscles at the back of the thigh"],
    "anatomy": ["sciatic nerve", "longest|longer", "l3", "l4", "l5", "s1", "lower back", "thoracic",
                "femoral nerve", "saphenous", "back of the thigh", "radicular pain", "referred pain",
                "front|inner", "back of the knee"],
    "symptoms": ["burning", "aching", "sharp", "front", "side", "back of the knee",
                 "weak", "unsteady", "numb", "spreads from the lower back or buttock",
                 "calf", "thigh", "buttock", "one leg",
                 # a warm knee is a warning sign, not nerve pain
                 "warm, red or swollen", "not a sign of sciatica",
                 # the symptoms that tell the look-alikes apart
                 "outer side of the knee", "outer thigh", "into the foot or toes", "no back pain at all",
                 "a swollen knee", "locks, catches or gives way", "lump or tight feeling behind the knee",
                 "eases within 30 minutes", "eases when you sit or bend forward",
                 "eases when you stand still", "twist or a knock", "50 or older", "more than 6 weeks",
                 "run or cycle"],
    "causes": ["l5 or s1 radiculopathy", "classic sciatica", "foot", "most sciatica comes from the l5 and s1",
               "l4 radiculopathy", "femoral nerve", "saphenous", "l3 radiculopathy", "not in the mid-back",
               "herniated disc|slipped disc", "spinal stenosis", "bend forward", "over 50",
               "radicular pain", "scan", "weak"],
    "mimics": ["osteoarthritis of the knee", "45", "30 minutes", "meniscus", "ligament", "lock",
               "baker's cyst", "patellofemoral pain syndrome", "runner's knee", "kneecap", "thigh bone",
               "teenagers and young adults", "iliotibial band syndrome", "osteoarthritis of the hip", "groin",
               "below the knee", "common peroneal nerve entrapment", "foot may drag", "meralgia paraesthetica",
               "tight clothes", "piriformis syndrome", "debated", "no agreed test",
               "intermittent claudication", "stand still|few minutes of rest", "dvt", "breathless",
               "tight hamstrings", "not a proven cause", "how to tell them apart", "compare with"],
    "treatments": ["stretching", "strengthening", "physical therapy|physiotherapy", "chiropractic",
                   "shockwave", "spinal decompression", "traction", "massage",
                   "platelet-rich plasma", "prp", "nsaids", "epidural steroid injection",
                   "hot and cold", "heat pack or a cold pack", "nice", "not recommended", "not yet proven",
                   "hot-water bottle",
                   # the muscles the article names: hamstrings, glutes, hip flexors, lower back
                   "back of the thigh", "buttocks", "hips", "lower back",
                   # evidence lines that match their sources
                   "does not mean it works for everyone", "gabapentin", "pregabalin", "steroid tablets",
                   "benzodiazepines", "opioids", "paracetamol on its own", "very low certainty",
                   "10 short trials", "supervised exercise", "losing weight"],
    "when-to-get-help": [
        # emergency (NHS): cauda equina syndrome
        "both legs", "genitals", "bottom", "pee", "poo", "cauda equina syndrome",
        # emergency: a clot with breathlessness, a cold pale leg
        "breathlessness or chest pain", "cold, pale", "do not drive yourself",
        # urgent: back
        "foot that drags|foot drop", "fever", "a road crash or a fall", "cancer", "lost weight",
        # urgent: knee and leg
        "swelling in one calf", "warm skin", "blood clot", "hot, swollen knee", "cannot put weight",
        "cannot fully straighten", "swelled up a lot", "out of shape", "not nerve pain",
        # see a doctor (the article's advice)
        "few weeks", "normal daily activities|daily activities", "getting worse"],
    "symptom-checker": ["not a diagnosis", "how this works", "warning signs"],
    "about": ["sources", "nice", "nhs", "cochrane", "last reviewed", "next review due",
              "reviewer", "disclaimer", "adults", "16 and over"],
}


def _has(text: str, phrase: str) -> bool:
    return any(re.search(r"(?<![\w-])" + re.escape(p), text) for p in phrase.split("|"))


@pytest.mark.parametrize("name", list(CHECKLIST))
def test_page_states_every_fact_on_its_checklist(shipped_site, name):
    """Each checklist phrase is found in the page's main text."""
    text = main_text(name, shipped_site).lower().replace("\u2019", "'")
    missing = [phrase for phrase in CHECKLIST[name] if not _has(text, phrase)]
    assert missing == [], f"{name} is missing: {missing}"

