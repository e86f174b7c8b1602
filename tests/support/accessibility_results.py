"""What the browser suite really checked, written for the accessibility statement.

tests/browser/conftest.py feeds every browser test's report to a ResultsCollector; when the
session ends it writes RESULTS_PATH (date, axe-core version and rules, the pages axe
checked and the violations it found, passed/failed/skipped per method), but only for a run
that left none of the browser tests out. `manage.py accessibility_record` copies that file
to wizard/data/accessibility.json, which the statement page shows (wizard/accessibility.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from wizard.accessibility import METHOD_MODULES

ROOT = Path(__file__).resolve().parents[2]
RESULTS_PATH = ROOT / "test-artifacts" / "accessibility-results.json"
BROWSER_DIR = "tests/browser/"
_MODULE_METHOD = {module: method for method, module in METHOD_MODULES.items()}
# A test's worst outcome over its setup, call and teardown.
_RANK = {"passed": 0, "skipped": 1, "failed": 2}


def axe_version() -> str:
    """The version of the axe-core bundled with axe-playwright-python (its first line)."""
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    with script.open(encoding="utf-8") as handle:
        found = re.search(r"axe v(\d+\.\d+\.\d+)", handle.readline())
    if not found:
        raise RuntimeError(f"{script}: no axe-core version in its first line")
    return found.group(1)


class ResultsCollector:
    def __init__(self) -> None:
        self.outcomes: dict[str, str] = {}  # nodeid → passed / failed / skipped
        self.axe: dict[str, int] = {}  # page kind → violations
        self.axe_tags: list[str] = []
        self.left_out = 0  # browser tests deselected (-k, -m)

    def deselected(self, nodeids: Iterable[str]) -> None:
        self.left_out += sum(1 for nodeid in nodeids if nodeid.startswith(BROWSER_DIR))

    def add(self, *, nodeid: str, when: str, outcome: str,
            properties: Iterable[tuple[str, object]] = ()) -> None:
        if not nodeid.startswith(BROWSER_DIR):
            return
        if when != "call" and outcome == "passed":
            return  # a setup or teardown that passed says nothing of the test
        previous = self.outcomes.get(nodeid)
        if previous is None or _RANK[outcome] > _RANK[previous]:
            self.outcomes[nodeid] = outcome
        found = dict(properties)
        if "axe_page" in found:
            self.axe[str(found["axe_page"])] = int(found["axe_violations"])
            self.axe_tags = list(found["axe_tags"])

    def methods(self) -> dict[str, dict[str, int]]:
        counts = {method: {"passed": 0, "failed": 0, "skipped": 0} for method in METHOD_MODULES}
        for nodeid, outcome in self.outcomes.items():
            module = nodeid.split("::", 1)[0].rsplit("/", 1)[-1]
            method = _MODULE_METHOD.get(module)
            if method:
                counts[method][outcome] += 1
        return counts

    def results(self, *, today: date, axe: str) -> dict | None:
        """The results of a whole run, or None if browser tests were left out."""
        methods = self.methods()
        if self.left_out or not all(sum(c.values()) for c in methods.values()) or not self.axe:
            return None
        return {
            "complete": True,
            "date": today.isoformat(),
            "axe_version": axe,
            "axe_tags": self.axe_tags,
            "pages": sorted(self.axe),
            "violations": sum(self.axe.values()),
            "methods": methods,
        }

    def write(self, path: Path, *, today: date, axe: str) -> bool:
        results = self.results(today=today, axe=axe)
        if results is None:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        return True
