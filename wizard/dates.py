"""Dates for people: 西暦 and 和暦 in Japanese, plain dates in English, and reading the dates
people type (full-width digits, 令和/平成 years, 元年). Arithmetic is in guide/dates.py."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from japanera import ERA_DATA_GENERAL, Era

from guide.dates import YEAR_MAX, YEAR_MIN

DateInputErrorCode = Literal["invalid_date", "era_year", "unknown_era", "year_range",
                             "not_a_number", "gannen_western", "old_era"]


class DateInputError(ValueError):
    """A date typed by a person cannot be used; ``code`` says why."""

    code: DateInputErrorCode

    def __init__(self, code: DateInputErrorCode, message: str | None = None) -> None:
        super().__init__(message or code)
        self.code = code


def _japanera_era(kanji: str) -> Era:
    for era in ERA_DATA_GENERAL:
        if era.kanji == kanji:
            return era
    raise LookupError(f"japanera has no era {kanji}")


# Newest first: the dates shown are nearly all recent. japanera names its unnamed gaps "不明".
_NAMED_ERAS_NEWEST_FIRST: Final[tuple[Era, ...]] = tuple(
    era for era in reversed(ERA_DATA_GENERAL) if era.kanji != "不明"
)
# The eras a date on this site can fall in, checked without japanera's slower lookup.
_REIWA: Final[Era] = _japanera_era("令和")
_HEISEI: Final[Era] = _japanera_era("平成")


def _era_of(d: date) -> Era:
    if d >= _REIWA.since:
        return _REIWA
    if d >= _HEISEI.since:
        return _HEISEI
    for era in _NAMED_ERAS_NEWEST_FIRST:
        if d in era:
            return era
    raise ValueError(f"no Japanese era for {d.isoformat()}")


def era_year(d: date) -> str:
    """The Japanese era year of ``d``, e.g. "令和8年", "令和元年", "平成31年"."""
    era = _era_of(d)
    year = d.year - era.since.year + 1
    return f"{era.kanji}{'元' if year == 1 else year}年"


def date_ja(d: date) -> str:
    """``d`` in Japanese with its era year: "2026年5月1日（令和8年）"."""
    return f"{d.year}年{d.month}月{d.day}日（{era_year(d)}）"


_MONTHS_EN: Final[tuple[str, ...]] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
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


def _era_info(key: str, era: Era, *, max_year: int) -> EraInfo:
    return EraInfo(key=key, kanji=era.kanji, english=era.english, first_day=era.since,
                   max_year=max_year)


# "western" (西暦) is the third choice of the input; the caller handles it with date_from_parts.
ERAS: Final[dict[str, EraInfo]] = {
    # Era years are printed and typed with at most two digits.
    "reiwa": _era_info("reiwa", _REIWA, max_year=99),
    # Plastic licenses issued before the 2019 change printed expiries such as 平成32年 (= 2020),
    # so 平成 years run on past 31 here instead of stopping at the era's real end.
    "heisei": _era_info("heisei", _HEISEI, max_year=50),
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


# An era written in the year box, as people write it: 令和9, R9, r9, 令和９年, ㋿9 (NFKC makes
# the one-character era signs and full-width letters plain). Longest names first.
_TYPED_ERAS: Final[tuple[tuple[str, str], ...]] = (
    ("令和", "reiwa"), ("平成", "heisei"), ("r", "reiwa"), ("h", "heisei"),
)
# Eras too old for any card or license date here: named, so the message can say so.
_OLD_ERAS: Final[tuple[str, ...]] = ("昭和", "大正", "明治", "s", "t", "m")
_SPACES: Final[re.Pattern[str]] = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class TypedYear:
    """What a person typed in a year box, read: the calendar it is in and the number."""

    era: str  # "western", or a key of ERAS
    year: int
    era_typed: bool  # the era was written in the box (令和9, R9), not only chosen


def year_parse(text: str, *, era: str = "western") -> TypedYear:
    """The year in a year box, read with the calendar chosen beside it (``era``).

    Accepts ASCII and full-width digits, 元 and 元年 for an era's first year, a trailing 年,
    and an era written in the box (令和9, R9, r9, 平成32, H32), which wins over the choice
    beside it. Four digits are a Western year whatever the choice: no 令和 or 平成 year has
    four digits, so 2027 typed with 令和 chosen can only mean 2027.

    Raises DateInputError: "not_a_number", "gannen_western" (元 without an era) or
    "old_era" (昭和 or earlier).
    """
    typed = _SPACES.sub("", digits_normalize(text)).lower()
    if typed.endswith("年"):
        typed = typed[:-1]
    era_typed = False
    for prefix, key in _TYPED_ERAS:
        if typed.startswith(prefix):
            era, typed, era_typed = key, typed[len(prefix):], True
            break
    else:
        if any(typed.startswith(prefix) for prefix in _OLD_ERAS) and typed[:1] not in "0123456789":
            raise DateInputError("old_era", text)
    if typed == "元":
        if era == "western":
            raise DateInputError("gannen_western", text)
        return TypedYear(era=era, year=1, era_typed=era_typed)
    if _ASCII_DIGITS.fullmatch(typed) is None:
        raise DateInputError("not_a_number", text)
    if len(typed) == 4 and not era_typed:
        return TypedYear(era="western", year=int(typed), era_typed=False)
    return TypedYear(era=era, year=int(typed), era_typed=era_typed)
