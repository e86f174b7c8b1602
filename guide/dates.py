"""Date arithmetic for the rules: Tokyo "today", calendar months, closed days.

Formatting dates for people (西暦 and 和暦, English) and reading typed dates are presentation:
they live in the Django app (wizard/dates.py).
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

import holidays

TOKYO: Final[ZoneInfo] = ZoneInfo("Asia/Tokyo")

# Years outside this range are refused wherever a date comes in: the rules' arithmetic
# (− 3 months, + 42 days, next open day) overflows near years 1 and 9999.
YEAR_MIN: Final[int] = 1900
YEAR_MAX: Final[int] = 2200


def today_tokyo(*, now: datetime | None = None) -> date:
    """Today's date in Asia/Tokyo, for ``now`` (timezone-aware) or the current time."""
    if now is None:
        return datetime.now(TOKYO).date()
    if now.tzinfo is None or now.utcoffset() is None:
        # A naive datetime would silently be read as the server's local time.
        raise ValueError("now must be timezone-aware")
    return now.astimezone(TOKYO).date()


_MONTH_DAYS: Final[tuple[int, ...]] = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """calendar.monthrange(year, month)[1], without working out the weekday (the rules ask
    this on every evaluation)."""
    if month == 2 and calendar.isleap(year):
        return 29
    return _MONTH_DAYS[month - 1]


def months_add(d: date, months: int) -> date:
    """``d`` moved by ``months`` calendar months (may be negative), clamped to the month's end."""
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(d.day, _days_in_month(year, month)))


def birthday_last_on_or_before(*, month: int, day: int, on_or_before: date) -> date:
    """The last birthday (``month``-``day``) on or before ``on_or_before``.

    A 02-29 birthday falls on 02-28 in common years (rules.md §3).
    """
    # 2000 is a leap year, so this accepts 02-29 and rejects 02-30, 04-31, 13-01 …
    if not 1 <= month <= 12 or not 1 <= day <= _days_in_month(2000, month):
        raise ValueError(f"no birthday {month:02}-{day:02}")

    def in_year(year: int) -> date:
        return date(year, month, min(day, _days_in_month(year, month)))

    candidate = in_year(on_or_before.year)
    if candidate > on_or_before:
        candidate = in_year(on_or_before.year - 1)
    return candidate


# One instance for the process: it fills in each year's holidays on first lookup and keeps them.
_JP_HOLIDAYS: Final[holidays.HolidayBase] = holidays.country_holidays("JP")


def _is_year_end_closure(d: date) -> bool:
    return (d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3)


def is_closed_day(d: date) -> bool:
    """True on Saturdays, Sundays, Japanese national holidays and the 12-29…01-03 closure."""
    return d.weekday() >= 5 or _is_year_end_closure(d) or d in _JP_HOLIDAYS


def next_open_day(d: date) -> date:
    """``d`` if the offices are open that day, else the first following day they are."""
    while is_closed_day(d):
        d += timedelta(days=1)
    return d


def previous_open_day(d: date) -> date:
    """``d`` if the offices are open that day, else the last earlier day they are."""
    while is_closed_day(d):
        d -= timedelta(days=1)
    return d
