"""The accessibility statement's figures: the last recorded run of the browser tests.

The browser suite writes what it checked to test-artifacts/accessibility-results.json
(tests/support/accessibility_results.py); `manage.py accessibility_record` (make
accessibility-record) checks that file and copies it to RECORD_PATH, which is committed and
which the statement page (/<lang>/accessibility/) reads. Nothing here is typed by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

RECORD_PATH = Path(__file__).resolve().parent / "data" / "accessibility.json"

# Each method the statement names, and the browser test module that carries it out.
METHOD_MODULES = {
    "axe": "test_accessibility.py",
    "html": "test_html_valid.py",
    "keyboard": "test_keyboard.py",
    "nojs": "test_nojs.py",
    "phone": "test_phone.py",
    "print": "test_print.py",
}
METHODS = tuple(METHOD_MODULES)

METHOD_WORDS: dict[str, tuple[Promise, Promise]] = {
    "axe": (_("Automated check with axe-core"),
            _("The rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA, on every page listed below.")),
    "html": (_("Valid HTML"),
             _("The Nu Html Checker finds no error on any page listed below.")),
    "keyboard": (_("Keyboard alone"),
                 _("A whole journey with the keyboard only; the focus always visible; the skip link; the focus on the list of errors.")),
    "nojs": (_("Without JavaScript"),
             _("Journeys, changing an answer and switching the language with JavaScript turned off.")),
    "phone": (_("320 pixels wide"),
              _("On a screen 320 CSS pixels wide (or 400% zoom), no page scrolls sideways and every control is at least 24 × 24 pixels.")),
    "print": (_("Print"),
              _("The checklist on A4 paper: every item printed, each step on one sheet, Japanese text readable, the QR code readable.")),
}

# The kinds of page the suite visits (tests/browser/support.py: "<lang>-<kind>"), grouped as
# a person would name them: a group takes the kind named, and the kinds that begin with that
# name and a hyphen ("check" takes "check-later", not "checklist-on_track").
PAGE_GROUPS: tuple[tuple[str, Promise], ...] = (
    ("start", _("The start page")),
    ("restarted", _("A question opened after the answers had expired")),
    ("question", _("Each question")),
    ("errors", _("Each question with an answer that cannot be used, and its error messages")),
    ("check", _("The page to check the answers")),
    ("checklist", _("The checklist, for each result")),
    ("step", _("Each step of the checklist on its own page")),
    ("calendar-needed", _("The calendar page when dates are missing")),
    ("sources", _("Sources")),
    ("accessibility", _("This accessibility statement")),
    ("counter", _("Counter mode")),
    ("400", _("A link with a wrong answer in it")),
    ("404", _("A page that does not exist")),
)
OTHER_PAGES = _("Other pages")


class RecordError(ValueError):
    """The results file is missing, partial or malformed."""


@dataclass(frozen=True, slots=True)
class MethodResult:
    method: str
    passed: int
    failed: int
    skipped: int

    @property
    def tests(self) -> int:
        return self.passed + self.failed + self.skipped

    @property
    def ok(self) -> bool:
        return self.tests > 0 and self.passed == self.tests


@dataclass(frozen=True, slots=True)
class Record:
    tested_on: date
    axe_version: str
    axe_tags: tuple[str, ...]
    pages: tuple[str, ...]  # the page kinds axe checked, e.g. "ja-start"
    violations: int  # axe violations found on them, all pages together
    methods: tuple[MethodResult, ...]

    @property
    def ok(self) -> bool:
        return self.violations == 0 and all(m.ok for m in self.methods)

    def method(self, name: str) -> MethodResult:
        return next(m for m in self.methods if m.method == name)


def _count(value, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RecordError(f"{where}: not a count")
    return value


def record_parse(data) -> Record:
    """A results file's content, checked field by field."""
    if not isinstance(data, dict):
        raise RecordError("not a JSON object")
    if data.get("complete") is not True:
        raise RecordError("complete: the run left browser tests out (-k, -m or a single "
                          "file); run them all: make test, or pytest -m browser")
    try:
        tested_on = date.fromisoformat(data.get("date", ""))
    except (TypeError, ValueError):
        raise RecordError("date: not a date (YYYY-MM-DD)") from None
    version = data.get("axe_version")
    if not isinstance(version, str) or not version[:1].isdigit():
        raise RecordError("axe_version: missing")
    tags = data.get("axe_tags")
    if not isinstance(tags, list) or not tags or not all(isinstance(t, str) for t in tags):
        raise RecordError("axe_tags: missing")
    pages = data.get("pages")
    if not isinstance(pages, list) or not pages or not all(isinstance(p, str) for p in pages):
        raise RecordError("pages: missing")
    methods = data.get("methods")
    if not isinstance(methods, dict) or set(methods) != set(METHODS):
        raise RecordError(f"methods: expected exactly {', '.join(METHODS)}")
    results = []
    for name in METHODS:
        counts = methods[name]
        if not isinstance(counts, dict):
            raise RecordError(f"methods.{name}: not an object")
        results.append(MethodResult(name, *(
            _count(counts.get(key), f"methods.{name}.{key}")
            for key in ("passed", "failed", "skipped"))))
        if results[-1].tests == 0:
            raise RecordError(f"methods.{name}: no test ran")
    return Record(tested_on=tested_on, axe_version=version, axe_tags=tuple(tags),
                  pages=tuple(pages), violations=_count(data.get("violations"), "violations"),
                  methods=tuple(results))


def record_read(path: Path) -> Record:
    try:
        return record_parse(json.loads(path.read_text(encoding="utf-8")))
    except OSError as error:
        raise RecordError(f"{path}: cannot be read ({error.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise RecordError(f"{path}: not JSON ({error})") from None
    except RecordError as error:
        raise RecordError(f"{path}: {error}") from None


@lru_cache(maxsize=1)
def record() -> Record:
    """The committed record, read once."""
    return record_read(RECORD_PATH)


def page_groups(pages: tuple[str, ...]) -> list[tuple[Promise, int]]:
    """(words, number of kinds of page checked) for each group with pages, in PAGE_GROUPS
    order. Each kind counts once, whatever its language."""
    kinds = {page.split("-", 1)[1] if page[:3] in ("ja-", "en-") else page for page in pages}
    counts: dict[str, int] = {}
    for kind in kinds:
        group = next((name for name, _ in PAGE_GROUPS
                      if kind == name or kind.startswith(f"{name}-")), "")
        counts[group] = counts.get(group, 0) + 1
    words = dict(PAGE_GROUPS) | {"": OTHER_PAGES}
    return [(words[name], counts[name]) for name in words if name in counts]
