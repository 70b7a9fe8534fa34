"""Page weight budgets (bench/budgets.json): every built page's first-visit weight, gzipped
(bench/pageweight.py), within its budget. The symptom checker's page has its own budget."""
from __future__ import annotations

from pathlib import Path

from pageweight import BUDGETS, over_budget


def _site(folder: Path) -> Path:
    """A two-page site: a home page and the checker page, each with a stylesheet."""
    (folder / "symptom-checker").mkdir(parents=True)
    (folder / "site.css").write_text("body { color: #123456; }\n" * 40, encoding="utf-8")
    (folder / "index.html").write_text('<link rel="stylesheet" href="site.css"><p>Home</p>', encoding="utf-8")
    (folder / "symptom-checker/index.html").write_text('<link rel="stylesheet" href="../site.css"><p>Check</p>',
                                                       encoding="utf-8")
    return folder


def test_a_page_over_its_budget_is_named(tmp_path: Path):
    """With a budget smaller than a page, the check names that page, its weight and its budget."""
    site = _site(tmp_path)
    tiny = {**BUDGETS, "page_gzip_bytes": 50}
    found = over_budget(site, tiny)
    assert len(found) == 1 and found[0].startswith("/: ") and "budget 50" in found[0], found
    both = over_budget(site, {**tiny, "checker_page_gzip_bytes": 50})
    assert [line.split(":")[0] for line in both] == ["/", "symptom-checker/"], both
    assert over_budget(site, {**BUDGETS, "page_gzip_bytes": 10_000}) == []


def test_every_built_page_is_within_its_budget(site):
    """First visit, gzipped: each page within page_gzip_bytes, the checker within its own budget."""
    assert not over_budget(site.path), "\n".join(over_budget(site.path))
