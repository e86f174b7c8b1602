"""Date helpers for the guide: Tokyo "today", month arithmetic, closed days, 和暦 and parsing.

Pure Python (stdlib, ``holidays``, ``japanera``); no Django import, so it is usable and
testable on its own.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final, Literal
from zoneinfo import ZoneInfo

import holidays
from japanera import ERA_DATA_GENERAL, Era

__all__ = [
    "ERAS",
    "TOKYO",
    "YEAR_MAX",
    "YEAR_MIN",
    "DateInputError",
    "DateInputErrorCode",
    "EraInfo",
    "birthday_last_on_or_before",
    "date_en",
    "date_from_era",
    "date_from_parts",
    "date_ja",
    "digits_normalize",
    "era_year",
    "int_parse",
    "is_closed_day",
    "months_add",
    "next_open_day",
    "today_tokyo",
]

TOKYO: Final[ZoneInfo] = ZoneInfo("Asia/Tokyo")

YEAR_MIN: Final[int] = 1900
YEAR_MAX: Final[int] = 2200

DateInputErrorCode = Literal["invalid_date", "era_year", "unknown_era", "year_range"]


class DateInputError(ValueError):
    """A date typed by a person cannot be used; ``code`` says why."""

    code: DateInputErrorCode

    def __init__(self, code: DateInputErrorCode, message: str | None = None) -> None:
        super().__init__(message or code)
        self.code = code


# --- today ------------------------------------------------------------------------------


def today_tokyo(*, now: datetime | None = None) -> date:
    """Today's date in Asia/Tokyo, for ``now`` (timezone-aware) or the current time."""
    if now is None:
        return datetime.now(TOKYO).date()
    if now.tzinfo is None or now.utcoffset() is None:
        # A naive datetime would silently be read as the server's local time.
        raise ValueError("now must be timezone-aware")
    return now.astimezone(TOKYO).date()


# --- month arithmetic ---------------------------------------------------------------------


_MONTH_DAYS: Final[tuple[int, ...]] = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """calendar.monthrange(year, month)[1], without working out the weekday (the rules ask
    this for every evaluation: see bench/rules.py)."""
    if month == 2 and calendar.isleap(year):
        return 29
    return _MONTH_DAYS[month - 1]


def months_add(d: date, months: int) -> date:
    """``d`` moved by ``months`` calendar months (may be negative), clamped to the month's end."""
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    day = min(d.day, _days_in_month(year, month))
    return date(year, month, day)


def birthday_last_on_or_before(*, month: int, day: int, on_or_before: date) -> date:
    """The last birthday (``month``-``day``) on or before ``on_or_before``.

    A 02-29 birthday falls on 02-28 in common years.
    """
    # 2000 is a leap year, so this accepts 02-29 and rejects 02-30, 04-31, 13-01 …
    if not 1 <= month <= 12 or not 1 <= day <= _days_in_month(2000, month):
        raise DateInputError("invalid_date", f"no birthday {month:02}-{day:02}")

    def in_year(year: int) -> date:
        return date(year, month, min(day, _days_in_month(year, month)))

    candidate = in_year(on_or_before.year)
    if candidate > on_or_before:
        candidate = in_year(on_or_before.year - 1)
    return candidate


# --- closed days --------------------------------------------------------------------------

# One instance for the process: it fills in each year's holidays on first lookup and keeps them.
_JP_HOLIDAYS: Final[holidays.HolidayBase] = holidays.country_holidays("JP")


def _is_year_end_closure(d: date) -> bool:
    return (d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3)


def is_closed_day(d: date) -> bool:
    """True on Saturdays, Sundays, Japanese national holidays and the 12-29…01-03 closure."""
    return d.weekday() >= 5 or _is_year_end_closure(d) or d in _JP_HOLIDAYS


def next_open_day(d: date) -> date:
    """``d`` if it is not a closed day, else the first following day that is not."""
    while is_closed_day(d):
        d += timedelta(days=1)
    return d


# --- 和暦 -------------------------------------------------------------------------------


def _japanera_era(kanji: str) -> Era:
    for era in ERA_DATA_GENERAL:
        if era.kanji == kanji:
            return era
    raise LookupError(f"japanera has no era {kanji}")


# Newest first: the dates shown are nearly all recent. japanera names its unnamed gaps "不明".
_NAMED_ERAS_NEWEST_FIRST: Final[tuple[Era, ...]] = tuple(
    era for era in reversed(ERA_DATA_GENERAL) if era.kanji != "不明"
)


def _era_of(d: date) -> Era:
    for era in _NAMED_ERAS_NEWEST_FIRST:
        if d in era:
            return era
    raise ValueError(f"no Japanese era for {d.isoformat()}")


def _year_text(relative_year: int) -> str:
    return "元" if relative_year == 1 else str(relative_year)


def era_year(d: date) -> str:
    """The Japanese era year of ``d``, e.g. "令和8年", "令和元年", "平成31年"."""
    era = _era_of(d)
    return f"{era.kanji}{_year_text(era.calc_relative_year(d))}年"


def date_ja(d: date) -> str:
    """``d`` in Japanese with its era year: "2026年5月1日（令和8年）"."""
    return f"{d.year}年{d.month}月{d.day}日（{era_year(d)}）"


_MONTHS_EN: Final[tuple[str, ...]] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_en(d: date) -> str:
    """``d`` in plain US English: "May 1, 2026"."""
    return f"{_MONTHS_EN[d.month - 1]} {d.day}, {d.year}"


@dataclass(frozen=True, slots=True)
class EraInfo:
    """An era the license-expiry input accepts."""

    key: str
    kanji: str
    english: str
    first_day: date
    max_year: int

    def to_western_year(self, year: int) -> int:
        return self.first_day.year + year - 1


def _era_info(key: str, kanji: str, *, max_year: int) -> EraInfo:
    era = _japanera_era(kanji)
    return EraInfo(key=key, kanji=era.kanji, english=era.english, first_day=era.since,
                   max_year=max_year)


# "western" (西暦) is the third choice of the input; the caller handles it with date_from_parts.
ERAS: Final[dict[str, EraInfo]] = {
    # Era years are printed and typed with at most two digits.
    "reiwa": _era_info("reiwa", "令和", max_year=99),
    # Plastic licenses issued before the 2019 change printed expiries such as 平成32年 (= 2020),
    # so 平成 years run on past 31 here instead of stopping at the era's real end.
    "heisei": _era_info("heisei", "平成", max_year=50),
}


def date_from_era(*, era: str, year: int, month: int, day: int) -> date:
    """The date for an era date as printed on a license, e.g. 令和8年5月1日 or 平成32年1月20日.

    Raises DateInputError: "unknown_era", "era_year" (year out of range or before the era's
    first day) or "invalid_date".
    """
    info = ERAS.get(era)
    if info is None:
        raise DateInputError("unknown_era", f"unknown era {era!r}")
    if not 1 <= year <= info.max_year:
        raise DateInputError("era_year", f"{info.kanji}{year}年 is out of range")
    try:
        result = date(info.to_western_year(year), month, day)
    except ValueError as exc:
        raise DateInputError("invalid_date", f"{info.kanji}{year}年{month}月{day}日") from exc
    if result < info.first_day:
        raise DateInputError("era_year", f"{info.kanji}{year}年{month}月{day}日 is before the era")
    return result


def date_from_parts(*, year: int, month: int, day: int) -> date:
    """The Western-calendar date, or DateInputError ("year_range" / "invalid_date")."""
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise DateInputError("year_range", f"year {year} is outside {YEAR_MIN}-{YEAR_MAX}")
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DateInputError("invalid_date", f"{year}-{month}-{day}") from exc


# --- typed digits ---------------------------------------------------------------------------

_ASCII_DIGITS: Final[re.Pattern[str]] = re.compile(r"[0-9]{1,4}")


def digits_normalize(s: str) -> str:
    """NFKC-normalized and stripped: "　２０２６ " → "2026"."""
    return unicodedata.normalize("NFKC", s).strip()


def int_parse(s: str) -> int | None:
    """The number in ``s`` if it is 1–4 digits (full-width allowed), else None."""
    text = digits_normalize(s)
    if _ASCII_DIGITS.fullmatch(text) is None:
        return None
    return int(text)
