"""What search engines read of a page: schema.org MedicalWebPage data (JSON-LD), from the page's
front matter, the clinic file and the conditions the page describes."""
from __future__ import annotations

from typing import Any

from .model import Knowledge
from .pages import Page


def structured_data(k: Knowledge, clinic: dict[str, Any], page: Page) -> dict[str, Any]:
    """schema.org MedicalWebPage data for one page (JSON-LD)."""
    base = clinic["site_url"]
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "MedicalWebPage",
        "name": page.title, "url": base + page.url, "inLanguage": clinic["language"],
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "lastReviewed": page.last_reviewed,
        "reviewedBy": {"@type": "Person", "name": clinic["reviewer"]["name"],
                       "jobTitle": clinic["reviewer"]["role"]},
        "publisher": {"@type": "MedicalOrganization", "name": clinic["name"], "url": base,
                      "telephone": clinic["contact"]["phone"], "email": clinic["contact"]["email"]},
    }
    if page.description:
        data["description"] = page.description
    conditions = [c for c in k.conditions_in_order if c.page == page.file]
    if conditions:
        data["about"] = [{
            "@type": "MedicalCondition", "name": c.name, "url": f"{base}{page.url}#{c.anchor}",
            "description": c.summary,
            "signOrSymptom": [{"@type": "MedicalSignOrSymptom", "name": s.label}
                              for s in k.symptoms if c.features.get(s.id) and c.features[s.id].fit == "typical"],
            "possibleTreatment": [{"@type": "MedicalTherapy", "name": t.name} for t in k.treatments_for(c.id)],
        } for c in conditions]
    return data
