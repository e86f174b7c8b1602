"""Tests for the date arithmetic of the core (guide.dates) and for reading and formatting the
dates people type and see (wizard.dates)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from guide.dates import (
    TOKYO,
    birthday_last_on_or_before,
    is_closed_day,
    months_add,
    next_open_day,
    previous_open_day,
    today_tokyo,
)
from wizard.dates import (
    ERAS,
    DateInputError,
    date_en,
    date_from_era,
    date_from_parts,
    date_ja,
    digits_normalize,
    era_year,
    int_parse,
)

D = date


# --- today_tokyo --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param(datetime(2026, 4, 30, 14, 59, 59, tzinfo=UTC), D(2026, 4, 30),
                     id="utc-23:59:59-tokyo-still-same-day"),
        pytest.param(datetime(2026, 4, 30, 15, 0, tzinfo=UTC), D(2026, 5, 1),
                     id="utc-15:00-is-next-day-in-tokyo"),
        pytest.param(datetime(2026, 12, 31, 23, 30, tzinfo=timezone(timedelta(hours=-5))),
                     D(2027, 1, 1), id="new-york-evening-is-tokyo-new-year"),
        pytest.param(datetime(2026, 5, 1, 0, 0, tzinfo=TOKYO), D(2026, 5, 1),
                     id="tokyo-midnight"),
    ],
)
def test_today_tokyo_converts_aware_now_to_tokyo_date(now: datetime, expected: date) -> None:
    assert today_tokyo(now=now) == expected


def test_today_tokyo_without_now_uses_current_tokyo_date() -> None:
    before = datetime.now(TOKYO).date()
    result = today_tokyo()
    after = datetime.now(TOKYO).date()
    assert type(result) is date
    assert result in {before, after}


def test_today_tokyo_rejects_naive_now() -> None:
    with pytest.raises(ValueError, match="aware"):
        today_tokyo(now=datetime(2026, 5, 1, 12, 0))


def test_tokyo_is_asia_tokyo() -> None:
    assert TOKYO.key == "Asia/Tokyo"


# --- months_add ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        pytest.param(D(2026, 3, 31), -1, D(2026, 2, 28), id="back-to-common-february-clamps"),
        pytest.param(D(2028, 3, 31), -1, D(2028, 2, 29), id="back-to-leap-february-clamps"),
        pytest.param(D(2026, 1, 31), 1, D(2026, 2, 28), id="forward-to-common-february-clamps"),
        pytest.param(D(2028, 1, 31), 1, D(2028, 2, 29), id="forward-to-leap-february-clamps"),
        pytest.param(D(2100, 3, 31), -1, D(2100, 2, 28), id="2100-is-not-leap"),
        pytest.param(D(2000, 3, 31), -1, D(2000, 2, 29), id="2000-is-leap"),
        pytest.param(D(2026, 8, 31), 1, D(2026, 9, 30), id="31st-into-30-day-month"),
        pytest.param(D(2026, 5, 31), -3, D(2026, 2, 28), id="three-months-back-clamps"),
        pytest.param(D(2026, 11, 30), 3, D(2027, 2, 28), id="forward-across-year-clamps"),
        pytest.param(D(2026, 1, 15), -1, D(2025, 12, 15), id="back-across-year"),
        pytest.param(D(2026, 12, 15), 1, D(2027, 1, 15), id="forward-across-year"),
        pytest.param(D(2026, 3, 15), -14, D(2025, 1, 15), id="more-than-a-year-back"),
        pytest.param(D(2028, 2, 29), 12, D(2029, 2, 28), id="leap-day-plus-a-year"),
        pytest.param(D(2026, 5, 1), 0, D(2026, 5, 1), id="zero-months"),
    ],
)
def test_months_add_moves_calendar_months_and_clamps_to_month_end(
    start: date, months: int, expected: date
) -> None:
    assert months_add(start, months) == expected


# --- birthday_last_on_or_before -----------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "day", "on_or_before", "expected"),
    [
        pytest.param(12, 20, D(2027, 1, 20), D(2026, 12, 20), id="december-birthday-january-date"),
        pytest.param(12, 20, D(2026, 12, 20), D(2026, 12, 20), id="on-the-birthday-itself"),
        pytest.param(12, 20, D(2026, 12, 19), D(2025, 12, 20), id="day-before-birthday"),
        pytest.param(1, 1, D(2026, 12, 31), D(2026, 1, 1), id="earlier-same-year"),
        pytest.param(2, 29, D(2027, 3, 1), D(2027, 2, 28), id="feb29-common-year-is-feb28"),
        pytest.param(2, 29, D(2027, 2, 28), D(2027, 2, 28), id="feb29-common-year-on-feb28"),
        pytest.param(2, 29, D(2027, 2, 27), D(2026, 2, 28), id="feb29-before-feb28-goes-back"),
        pytest.param(2, 29, D(2028, 3, 31), D(2028, 2, 29), id="feb29-leap-year-is-feb29"),
        pytest.param(2, 29, D(2028, 2, 28), D(2027, 2, 28), id="feb29-leap-year-not-yet-reached"),
        pytest.param(2, 29, D(2100, 3, 1), D(2100, 2, 28), id="feb29-in-2100-is-feb28"),
    ],
)
def test_birthday_last_on_or_before_finds_latest_birthday(
    month: int, day: int, on_or_before: date, expected: date
) -> None:
    assert birthday_last_on_or_before(month=month, day=day, on_or_before=on_or_before) == expected


@pytest.mark.parametrize(
    ("month", "day"),
    [
        pytest.param(2, 30, id="feb-30"),
        pytest.param(4, 31, id="apr-31"),
        pytest.param(13, 1, id="month-13"),
        pytest.param(0, 1, id="month-0"),
        pytest.param(1, 0, id="day-0"),
    ],
)
def test_birthday_last_on_or_before_rejects_impossible_birthdays(month: int, day: int) -> None:
    with pytest.raises(ValueError, match="no birthday"):
        birthday_last_on_or_before(month=month, day=day, on_or_before=D(2026, 5, 1))


# --- closed days --------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "expected"), [
    pytest.param(D(2026, 11, 26), D(2026, 11, 26), id="thursday-open"),
    pytest.param(D(2026, 11, 29), D(2026, 11, 27), id="sunday-to-friday"),
    pytest.param(D(2027, 1, 3), D(2026, 12, 28), id="year-end-closure-to-dec-28"),
    pytest.param(D(2026, 11, 23), D(2026, 11, 20), id="labour-thanksgiving-monday-to-friday"),
])
def test_previous_open_day_steps_back_over_closed_days(day: date, expected: date) -> None:
    assert previous_open_day(day) == expected


@pytest.mark.parametrize(
    ("day", "closed"),
    [
        pytest.param(D(2026, 5, 7), False, id="ordinary-thursday-open"),
        pytest.param(D(2026, 6, 6), True, id="saturday"),
        pytest.param(D(2026, 5, 31), True, id="sunday"),
        pytest.param(D(2026, 7, 20), True, id="umi-no-hi-monday-holiday"),
        pytest.param(D(2026, 5, 4), True, id="golden-week-midori-no-hi"),
        pytest.param(D(2026, 5, 6), True, id="substitute-holiday-2026-05-06"),
        pytest.param(D(2025, 11, 24), True, id="substitute-holiday-2025-11-24"),
        pytest.param(D(2026, 9, 22), True, id="kokumin-no-kyujitsu-2026-09-22"),
        pytest.param(D(2019, 5, 1), True, id="one-off-enthronement-day-2019"),
        pytest.param(D(2020, 7, 24), True, id="moved-sports-day-2020"),
        pytest.param(D(2020, 10, 12), False, id="sports-day-not-on-usual-date-in-2020"),
        pytest.param(D(2026, 12, 28), False, id="monday-before-year-end-closure-open"),
        pytest.param(D(2026, 12, 29), True, id="year-end-closure-starts-dec-29"),
        pytest.param(D(2026, 12, 30), True, id="year-end-closure-weekday-dec-30"),
        pytest.param(D(2026, 12, 31), True, id="year-end-closure-weekday-dec-31"),
        pytest.param(D(2026, 1, 2), True, id="year-end-closure-weekday-jan-2"),
        pytest.param(D(2028, 1, 3), True, id="year-end-closure-monday-jan-3"),
        pytest.param(D(2027, 1, 4), False, id="monday-jan-4-open"),
        pytest.param(D(2028, 1, 4), False, id="tuesday-jan-4-open"),
    ],
)
def test_is_closed_day(day: date, closed: bool) -> None:
    assert is_closed_day(day) is closed


def test_2027_01_04_is_an_open_monday() -> None:
    assert D(2027, 1, 4).weekday() == 0
    assert is_closed_day(D(2027, 1, 4)) is False


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(D(2026, 5, 7), D(2026, 5, 7), id="open-day-is-itself"),
        pytest.param(D(2026, 12, 28), D(2026, 12, 28), id="dec-28-weekday-is-itself"),
        pytest.param(D(2026, 5, 2), D(2026, 5, 7), id="golden-week-saturday"),
        pytest.param(D(2026, 5, 4), D(2026, 5, 7), id="golden-week-holiday"),
        pytest.param(D(2026, 5, 5), D(2026, 5, 7), id="golden-week-kodomo-no-hi"),
        pytest.param(D(2026, 5, 6), D(2026, 5, 7), id="golden-week-substitute-holiday"),
        pytest.param(D(2025, 11, 23), D(2025, 11, 25), id="sunday-holiday-then-substitute"),
        pytest.param(D(2026, 5, 31), D(2026, 6, 1), id="sunday"),
        pytest.param(D(2026, 6, 6), D(2026, 6, 8), id="saturday"),
        pytest.param(D(2026, 9, 19), D(2026, 9, 24), id="silver-week-with-kokumin-no-kyujitsu"),
        pytest.param(D(2026, 12, 29), D(2027, 1, 4), id="year-end-closure-start"),
        pytest.param(D(2026, 12, 31), D(2027, 1, 4), id="new-years-eve"),
        pytest.param(D(2027, 1, 3), D(2027, 1, 4), id="jan-3-sunday"),
        pytest.param(D(2026, 1, 3), D(2026, 1, 5), id="jan-3-saturday"),
        pytest.param(D(2025, 1, 3), D(2025, 1, 6), id="jan-3-friday-then-weekend"),
        pytest.param(D(2028, 1, 3), D(2028, 1, 4), id="jan-3-monday"),
    ],
)
def test_next_open_day_skips_weekends_holidays_and_year_end(day: date, expected: date) -> None:
    assert next_open_day(day) == expected


# --- 和暦 and formatting ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(D(2026, 5, 1), "令和8年", id="reiwa-8"),
        pytest.param(D(2027, 1, 1), "令和9年", id="reiwa-9-new-year"),
        pytest.param(D(2020, 1, 1), "令和2年", id="reiwa-2"),
        pytest.param(D(2019, 5, 1), "令和元年", id="reiwa-first-day-gannen"),
        pytest.param(D(2019, 12, 31), "令和元年", id="reiwa-gannen-year-end"),
        pytest.param(D(2019, 4, 30), "平成31年", id="heisei-last-day"),
        pytest.param(D(1990, 1, 1), "平成2年", id="heisei-2"),
        pytest.param(D(1989, 1, 8), "平成元年", id="heisei-first-day-gannen"),
        pytest.param(D(1989, 1, 7), "昭和64年", id="showa-last-day"),
        pytest.param(D(1988, 12, 31), "昭和63年", id="showa-63"),
    ],
)
def test_era_year_uses_arabic_digits_and_gannen(day: date, expected: str) -> None:
    assert era_year(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(D(2026, 5, 1), "2026年5月1日（令和8年）", id="single-digit-month-and-day"),
        pytest.param(D(2027, 1, 4), "2027年1月4日（令和9年）", id="january"),
        pytest.param(D(2026, 12, 9), "2026年12月9日（令和8年）", id="two-digit-month"),
        pytest.param(D(2019, 5, 1), "2019年5月1日（令和元年）", id="gannen"),
        pytest.param(D(2019, 4, 30), "2019年4月30日（平成31年）", id="heisei"),
    ],
)
def test_date_ja_shows_western_and_era_year_without_padding(day: date, expected: str) -> None:
    assert date_ja(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(D(2026, 5, 1), "May 1, 2026", id="may"),
        pytest.param(D(2027, 1, 4), "January 4, 2027", id="january-single-digit-day"),
        pytest.param(D(2026, 2, 28), "February 28, 2026", id="february"),
        pytest.param(D(2026, 3, 9), "March 9, 2026", id="march"),
        pytest.param(D(2026, 4, 30), "April 30, 2026", id="april"),
        pytest.param(D(2026, 6, 1), "June 1, 2026", id="june"),
        pytest.param(D(2026, 7, 20), "July 20, 2026", id="july"),
        pytest.param(D(2026, 8, 11), "August 11, 2026", id="august"),
        pytest.param(D(2026, 9, 9), "September 9, 2026", id="september"),
        pytest.param(D(2026, 10, 12), "October 12, 2026", id="october"),
        pytest.param(D(2026, 11, 3), "November 3, 2026", id="november"),
        pytest.param(D(2026, 12, 31), "December 31, 2026", id="december"),
    ],
)
def test_date_en_spells_out_month_without_padding(day: date, expected: str) -> None:
    assert date_en(day) == expected


# --- era input ----------------------------------------------------------------------------


def test_eras_offers_reiwa_and_heisei() -> None:
    assert list(ERAS) == ["reiwa", "heisei"]
    assert (ERAS["reiwa"].kanji, ERAS["reiwa"].first_day) == ("令和", D(2019, 5, 1))
    assert (ERAS["heisei"].kanji, ERAS["heisei"].first_day) == ("平成", D(1989, 1, 8))
    assert ERAS["heisei"].max_year == 50


@pytest.mark.parametrize(
    ("era", "year", "month", "day", "expected"),
    [
        pytest.param("reiwa", 8, 5, 1, D(2026, 5, 1), id="reiwa-8"),
        pytest.param("reiwa", 1, 5, 1, D(2019, 5, 1), id="reiwa-gannen-first-day"),
        pytest.param("reiwa", 1, 12, 31, D(2019, 12, 31), id="reiwa-gannen-year-end"),
        pytest.param("reiwa", 2, 2, 29, D(2020, 2, 29), id="reiwa-2-leap-day"),
        pytest.param("reiwa", 99, 12, 31, D(2117, 12, 31), id="reiwa-max-year"),
        pytest.param("heisei", 1, 1, 8, D(1989, 1, 8), id="heisei-gannen-first-day"),
        pytest.param("heisei", 31, 4, 30, D(2019, 4, 30), id="heisei-31-last-real-day"),
        pytest.param("heisei", 31, 5, 1, D(2019, 5, 1), id="heisei-31-past-era-end"),
        pytest.param("heisei", 32, 1, 20, D(2020, 1, 20), id="heisei-32-is-2020"),
        pytest.param("heisei", 33, 12, 20, D(2021, 12, 20), id="heisei-33-is-2021"),
        pytest.param("heisei", 50, 12, 31, D(2038, 12, 31), id="heisei-max-year"),
    ],
)
def test_date_from_era_converts_printed_era_dates(
    era: str, year: int, month: int, day: int, expected: date
) -> None:
    assert date_from_era(era=era, year=year, month=month, day=day) == expected


@pytest.mark.parametrize(
    ("era", "year", "month", "day", "code"),
    [
        pytest.param("reiwa", 8, 2, 30, "invalid_date", id="reiwa-8-feb-30"),
        pytest.param("reiwa", 8, 4, 31, "invalid_date", id="reiwa-8-apr-31"),
        pytest.param("reiwa", 8, 13, 1, "invalid_date", id="month-13"),
        pytest.param("reiwa", 8, 0, 1, "invalid_date", id="month-0"),
        pytest.param("reiwa", 8, 5, 0, "invalid_date", id="day-0"),
        pytest.param("heisei", 31, 2, 29, "invalid_date", id="heisei-31-feb-29-common-year"),
        pytest.param("reiwa", 1, 2, 30, "invalid_date", id="impossible-before-era-check"),
        pytest.param("reiwa", 1, 4, 30, "era_year", id="reiwa-gannen-before-may-1"),
        pytest.param("reiwa", 0, 5, 1, "era_year", id="reiwa-0"),
        pytest.param("reiwa", -1, 5, 1, "era_year", id="reiwa-negative"),
        pytest.param("reiwa", 100, 5, 1, "era_year", id="reiwa-100"),
        pytest.param("heisei", 1, 1, 7, "era_year", id="heisei-gannen-jan-7-is-showa"),
        pytest.param("heisei", 0, 5, 1, "era_year", id="heisei-0"),
        pytest.param("heisei", 51, 5, 1, "era_year", id="heisei-51"),
        pytest.param("showa", 60, 5, 1, "unknown_era", id="showa"),
        pytest.param("western", 2026, 5, 1, "unknown_era", id="western-is-for-the-caller"),
        pytest.param("Reiwa", 8, 5, 1, "unknown_era", id="case-sensitive-key"),
        pytest.param("令和", 8, 5, 1, "unknown_era", id="kanji-is-not-a-key"),
        pytest.param("", 8, 5, 1, "unknown_era", id="empty"),
    ],
)
def test_date_from_era_rejects_bad_input_with_code(
    era: str, year: int, month: int, day: int, code: str
) -> None:
    with pytest.raises(DateInputError) as info:
        date_from_era(era=era, year=year, month=month, day=day)
    assert info.value.code == code


# --- western input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "month", "day", "expected"),
    [
        pytest.param(2026, 5, 1, D(2026, 5, 1), id="ordinary"),
        pytest.param(2028, 2, 29, D(2028, 2, 29), id="leap-day"),
        pytest.param(1900, 1, 1, D(1900, 1, 1), id="lowest-year"),
        pytest.param(2200, 12, 31, D(2200, 12, 31), id="highest-year"),
    ],
)
def test_date_from_parts_builds_date(year: int, month: int, day: int, expected: date) -> None:
    assert date_from_parts(year=year, month=month, day=day) == expected


@pytest.mark.parametrize(
    ("year", "month", "day", "code"),
    [
        pytest.param(2026, 2, 30, "invalid_date", id="feb-30"),
        pytest.param(2026, 4, 31, "invalid_date", id="apr-31"),
        pytest.param(2026, 13, 1, "invalid_date", id="month-13"),
        pytest.param(2026, 0, 10, "invalid_date", id="month-0"),
        pytest.param(2026, 5, 0, "invalid_date", id="day-0"),
        pytest.param(2100, 2, 29, "invalid_date", id="2100-not-leap"),
        pytest.param(1899, 12, 31, "year_range", id="year-1899"),
        pytest.param(2201, 1, 1, "year_range", id="year-2201"),
        pytest.param(0, 1, 1, "year_range", id="year-0"),
        pytest.param(10000, 1, 1, "year_range", id="year-10000"),
    ],
)
def test_date_from_parts_rejects_bad_input_with_code(
    year: int, month: int, day: int, code: str
) -> None:
    with pytest.raises(DateInputError) as info:
        date_from_parts(year=year, month=month, day=day)
    assert info.value.code == code


def test_date_input_error_is_a_value_error_with_code() -> None:
    error = DateInputError("era_year")
    assert isinstance(error, ValueError)
    assert error.code == "era_year"
    assert str(error) == "era_year"
    assert str(DateInputError("invalid_date", "2026-2-30")) == "2026-2-30"


# --- typed digits -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("２０２６", "2026", id="full-width-digits"),
        pytest.param("　２０２６　", "2026", id="ideographic-spaces-stripped"),
        pytest.param(" 12\n", "12", id="ascii-whitespace-stripped"),
        pytest.param("０５", "05", id="leading-zero-kept"),
        pytest.param("令和８", "令和8", id="kanji-kept-digits-normalized"),
        pytest.param("", "", id="empty"),
    ],
)
def test_digits_normalize_applies_nfkc_and_strips(text: str, expected: str) -> None:
    assert digits_normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("２０２６", 2026, id="full-width-year"),
        pytest.param("　５　", 5, id="full-width-with-ideographic-spaces"),
        pytest.param("2026", 2026, id="ascii-year"),
        pytest.param("05", 5, id="leading-zero"),
        pytest.param("0", 0, id="zero"),
        pytest.param("9999", 9999, id="four-digits"),
        pytest.param("12345", None, id="five-digits"),
        pytest.param("１２３４５", None, id="five-full-width-digits"),
        pytest.param("", None, id="empty"),
        pytest.param("　", None, id="only-space"),
        pytest.param("1a", None, id="letter"),
        pytest.param("-1", None, id="minus-sign"),
        pytest.param("+1", None, id="plus-sign"),
        pytest.param("1.5", None, id="decimal"),
        pytest.param("1 2", None, id="inner-space"),
        pytest.param("٣", None, id="arabic-indic-digit-not-ascii"),
        pytest.param("三", None, id="kanji-numeral"),
    ],
)
def test_int_parse_accepts_only_one_to_four_digits(text: str, expected: int | None) -> None:
    assert int_parse(text) == expected
