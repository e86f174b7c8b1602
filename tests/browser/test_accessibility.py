"""2. Accessibility: axe-core with the WCAG 2.0/2.1/2.2 A and AA rules, on every kind of page
in both languages, with zero violations; the report is the failure message. What each page
gave is recorded for the accessibility statement (tests/browser/conftest.py)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .support import PAGE_IDS, PAGES, open_kind

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
axe = Axe()


@pytest.mark.parametrize("kind", PAGES, ids=PAGE_IDS)
def test_no_axe_violations(shared_page, kind, record_property):
    page = shared_page()
    open_kind(page, kind)
    results = axe.run(page, options=AXE_OPTIONS)
    # For the accessibility statement (tests/support/accessibility_results.py).
    record_property("axe_page", kind.id)
    record_property("axe_violations", results.violations_count)
    record_property("axe_tags", WCAG_TAGS)
    assert results.violations_count == 0, (
        f"{kind.id} ({page.url}):\n{results.generate_report()}")
