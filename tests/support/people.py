"""The people the tests use, in one place: each a name and the answers of rules.md §1, as a
person would give them, at the frozen TODAY."""

from __future__ import annotations

from datetime import date

TODAY = date(2026, 11, 26)  # a Thursday, an open day
