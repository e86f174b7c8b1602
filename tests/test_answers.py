"""Tests for guide.answers against ../shared/spec/rules.md §1 (pure Python: runs without Django).

The parameter names, values and defaults below are written out again from rules.md §1; they
are not read from the module under test.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest

from guide.answers import (
    CHOICES,
    AnswerError,
    Answers,
    MonthDay,
    answers_allowed,
    answers_applies,
    answers_normalize,
    answers_parse,
    answers_query,
)
from guide.plan import plan_build
from guide.rules import Outcome

TODAY = date(2026, 11, 26)

# rules.md §1: the categorical parameters, their values in the table's order, their defaults.
SPEC_VALUES: dict[str, tuple[str, ...]] = {
    "holding": ("myna_only", "both", "myna_history", "license_only", "none", "unsure"),
    "reason": ("expiring", "field_full", "lost_damaged", "expired"),
    "stage": ("before", "applied", "notice", "collected"),
    "channel": ("online", "window", "mail", "photo_booth", "undecided"),
    "continue_use": ("yes", "no", "unsure"),
    "cert_requested": ("yes", "no", "unsure"),
    "cert_submitted": ("yes", "no", "unsure"),
    "license_status": ("valid", "suspended", "revoked_or_lapsed"),
    "special_chars": ("no", "yes", "unsure"),
    "notice_result": ("recorded", "not_recorded", "not_stated"),
}
SPEC_DEFAULTS: dict[str, str | None] = {
    "holding": "unsure",
    "reason": "expiring",
    "stage": "before",
    "channel": "undecided",
    "continue_use": "unsure",
    "cert_requested": "unsure",
    "cert_submitted": "unsure",
    "license_status": "valid",
    "special_chars": "unsure",
    "notice_result": None,
    "birthday": None,
    "license_expiry": None,
    "card_expiry": None,
}
SPEC_ORDER = tuple(SPEC_DEFAULTS)  # the order of §1's table
DATE_PARAMETERS = ("license_expiry", "card_expiry")


def make(**values: Any) -> Answers:
    """Answers from plain strings (dates "YYYY-MM-DD", birthday "MM-DD"); the rest default."""
    converted: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            converted[name] = None
        elif name in CHOICES:
            converted[name] = CHOICES[name](value)
        elif name == "birthday":
            month, day = value.split("-")
            converted[name] = MonthDay(int(month), int(day))
        else:
            converted[name] = date.fromisoformat(value)
    return Answers(**converted)


def _refused(query: dict[str, str]) -> AnswerError:
    with pytest.raises(AnswerError) as caught:
        answers_parse(query=query)
    return caught.value


# --- every allowed value --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parameter", "value"),
    [pytest.param(name, value, id=f"{name}={value}")
     for name, values in SPEC_VALUES.items() for value in values],
)
def test_parse_accepts_every_value_of_a_categorical_parameter(parameter: str, value: str) -> None:
    parsed = answers_parse(query={parameter: value})
    # The rules compare with `is`: the value must be the enum member itself, not a str.
    assert getattr(parsed, parameter) is CHOICES[parameter](value)
    assert parsed == make(**{parameter: value})


def _same_values(allowed: tuple[str, ...] | str, parameter: str) -> bool:
    # The order shown is not part of the contract (special_chars lists yes, no, unsure).
    return (isinstance(allowed, tuple) and len(allowed) == len(SPEC_VALUES[parameter])
            and set(allowed) == set(SPEC_VALUES[parameter]))


@pytest.mark.parametrize("parameter", list(SPEC_VALUES))
def test_allowed_values_are_those_of_section_1(parameter: str) -> None:
    assert _same_values(answers_allowed(parameter=parameter), parameter)


@pytest.mark.parametrize(
    ("parameter", "allowed"),
    [("license_expiry", "YYYY-MM-DD"), ("card_expiry", "YYYY-MM-DD"), ("birthday", "MM-DD")],
)
def test_allowed_format_of_a_date_parameter(parameter: str, allowed: str) -> None:
    assert answers_allowed(parameter=parameter) == allowed


@pytest.mark.parametrize(
    ("parameter", "value", "expected"),
    [
        pytest.param("license_expiry", "2027-01-20", date(2027, 1, 20), id="license_expiry"),
        pytest.param("card_expiry", "2026-12-31", date(2026, 12, 31), id="card_expiry"),
        pytest.param("card_expiry", "2026-02-28", date(2026, 2, 28), id="feb-28-common-year"),
        pytest.param("license_expiry", "2028-02-29", date(2028, 2, 29), id="feb-29-leap-year"),
        pytest.param("birthday", "12-20", MonthDay(12, 20), id="birthday"),
        pytest.param("birthday", "01-01", MonthDay(1, 1), id="birthday-jan-1"),
        pytest.param("birthday", "12-31", MonthDay(12, 31), id="birthday-dec-31"),
        pytest.param("birthday", "04-30", MonthDay(4, 30), id="birthday-apr-30"),
        pytest.param("birthday", "02-29", MonthDay(2, 29), id="birthday-feb-29"),
    ],
)
def test_parse_accepts_an_existing_date(parameter: str, value: str, expected: Any) -> None:
    assert getattr(answers_parse(query={parameter: value}), parameter) == expected


# --- defaults, empty values, unknown names ----------------------------------------------------


def test_parse_of_an_empty_query_gives_every_default() -> None:
    assert answers_parse(query={}) == Answers()


@pytest.mark.parametrize(("parameter", "default"), list(SPEC_DEFAULTS.items()),
                         ids=list(SPEC_DEFAULTS))
def test_missing_parameter_takes_the_default_of_section_1(parameter: str, default: Any) -> None:
    assert getattr(answers_parse(query={}), parameter) == default


@pytest.mark.parametrize("parameter", SPEC_ORDER)
def test_empty_parameter_takes_its_default(parameter: str) -> None:
    assert answers_parse(query={parameter: ""}) == Answers()


@pytest.mark.parametrize(
    "query",
    [
        pytest.param({"foo": "bar"}, id="unknown-name"),
        pytest.param({"lang": "en"}, id="lang"),
        pytest.param({"Holding": "both"}, id="name-in-other-case"),
        pytest.param({"holding ": "both"}, id="name-with-space"),
        pytest.param({"birthday_": "13-01"}, id="near-name-with-bad-value"),
    ],
)
def test_unknown_parameter_names_are_ignored(query: dict[str, str]) -> None:
    assert answers_parse(query=query) == Answers()


def test_unknown_parameter_names_are_ignored_beside_known_ones() -> None:
    assert answers_parse(query={"holding": "both", "utm_source": "x" * 500}) == make(
        holding="both")


# --- refused values ---------------------------------------------------------------------------

BAD_CHOICES = [
    ("holding", "maybe"), ("holding", "Both"), ("holding", " both"), ("holding", "both "),
    ("holding", "myna-only"), ("reason", "lost"), ("reason", "EXPIRING"), ("stage", "done"),
    ("stage", "0"), ("channel", "window "), ("channel", "photo booth"), ("continue_use", "true"),
    ("continue_use", "1"), ("cert_requested", "YES"), ("cert_submitted", "n"),
    ("license_status", "revoked"), ("special_chars", "no,yes"), ("notice_result", "none"),
    ("notice_result", "有"),
]


@pytest.mark.parametrize(("parameter", "value"),
                         [pytest.param(p, v, id=f"{p}={v!r}") for p, v in BAD_CHOICES])
def test_a_value_outside_the_list_is_refused_naming_the_parameter_and_its_values(
        parameter: str, value: str) -> None:
    error = _refused({"holding": "myna_only", parameter: value})
    assert (error.parameter, error.value) == (parameter, value)
    assert _same_values(error.allowed, parameter)


def test_a_bad_value_is_refused_even_for_a_parameter_off_the_path() -> None:
    # §1: "A known parameter with a value not in its list … gets HTTP 400", unconditionally.
    error = _refused({"holding": "none", "stage": "bogus"})
    assert error.parameter == "stage"
    assert _same_values(error.allowed, "stage")


@pytest.mark.parametrize("parameter", DATE_PARAMETERS)
@pytest.mark.parametrize(
    "value",
    [
        pytest.param("2026-02-30", id="feb-30"),
        pytest.param("2026-02-29", id="feb-29-common-year"),
        pytest.param("2026-04-31", id="apr-31"),
        pytest.param("2026-13-01", id="month-13"),
        pytest.param("2026-00-10", id="month-0"),
        pytest.param("2026-01-00", id="day-0"),
        pytest.param("2026-1-5", id="digits-missing"),
        pytest.param("26-01-05", id="two-digit-year"),
        pytest.param("2026/01/05", id="slashes"),
        pytest.param("20260105", id="no-separators"),
        pytest.param("2026-01-05T00:00", id="datetime"),
        pytest.param(" 2026-01-05", id="leading-space"),
        pytest.param("2026-01-05\n", id="trailing-newline"),
        pytest.param("R8-01-05", id="era"),
        pytest.param("\uff12\uff10\uff12\uff16-\uff10\uff11-\uff10\uff15", id="full-width-digits"),
        pytest.param("2026-\uff10\uff11-05", id="full-width-month"),
        pytest.param("\u0662\u0660\u0662\u0666-\u0660\u0661-\u0660\u0665",
                     id="arabic-indic-digits"),
        pytest.param("0000-01-01", id="year-0"),
    ],
)
def test_a_date_that_does_not_exist_or_is_misformatted_is_refused(
        parameter: str, value: str) -> None:
    error = _refused({parameter: value})
    assert (error.parameter, error.value, error.allowed) == (parameter, value, "YYYY-MM-DD")


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("02-30", id="feb-30"),
        pytest.param("13-01", id="month-13"),
        pytest.param("00-10", id="month-0"),
        pytest.param("04-31", id="apr-31"),
        pytest.param("12-00", id="day-0"),
        pytest.param("2-29", id="digit-missing"),
        pytest.param("0229", id="no-separator"),
        pytest.param("02/29", id="slash"),
        pytest.param("2026-02-28", id="full-date"),
        pytest.param("12-20 ", id="trailing-space"),
        pytest.param("\uff11\uff12-\uff12\uff10", id="full-width-digits"),
    ],
)
def test_a_birthday_that_does_not_exist_or_is_misformatted_is_refused(value: str) -> None:
    error = _refused({"birthday": value})
    assert (error.parameter, error.value, error.allowed) == ("birthday", value, "MM-DD")


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        pytest.param("holding", "x" * 21, id="holding-21-chars"),
        pytest.param("holding", "myna_only" * 3, id="holding-repeated"),
        pytest.param("notice_result", "not_recorded" * 1000, id="notice_result-12000-chars"),
        pytest.param("license_expiry", "2026-01-05" + "0" * 11, id="date-21-chars"),
        pytest.param("card_expiry", "9" * 100_000, id="date-100000-chars"),
        pytest.param("birthday", "12-20" * 5, id="birthday-25-chars"),
    ],
)
def test_an_over_long_value_is_refused_without_echoing_it_whole(parameter: str, value: str) -> None:
    error = _refused({parameter: value})
    assert (error.parameter, error.allowed) == (parameter, answers_allowed(parameter=parameter))
    assert len(error.value) <= 21
    assert value.startswith(error.value.rstrip("…"))


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        pytest.param("card_expiry", "0001-01-01", id="card-year-1"),
        pytest.param("card_expiry", "2015-12-31", id="card-before-2016"),
        pytest.param("card_expiry", "2041-01-01", id="card-after-2040"),
        pytest.param("card_expiry", "2200-12-31", id="card-year-2200"),
        pytest.param("license_expiry", "1989-12-31", id="license-before-1990"),
        pytest.param("license_expiry", "2041-01-01", id="license-after-2040"),
        pytest.param("license_expiry", "9999-12-31", id="license-year-9999"),
    ],
)
def test_a_date_outside_the_years_the_wizard_accepts_is_refused(parameter: str, value: str) -> None:
    # Issue 10: a permalink cannot hold a date the wizard's own boxes would refuse (a far
    # future date would otherwise draw a timeline of centuries).
    error = _refused({parameter: value})
    assert (error.parameter, error.value, error.allowed) == (parameter, value, "YYYY-MM-DD")
    assert error.years == {"card_expiry": (2016, 2040), "license_expiry": (1990, 2040)}[parameter]


# A permalink is typed by anyone: every date it accepts must give a checklist, not a crash.
@pytest.mark.parametrize(
    "query",
    [
        pytest.param({"license_expiry": value, "card_expiry": value, "birthday": birthday},
                     id=f"{value}-birthday-{birthday}")
        for value in ("2016-01-01", "2016-03-31", "2040-12-31", "2040-12-28")
        for birthday in ("01-01", "02-29", "12-31", "")
    ],
)
def test_every_date_the_permalink_accepts_gives_a_plan(query: dict[str, str]) -> None:
    for stage in SPEC_VALUES["stage"]:
        a = answers_parse(query={"holding": "myna_only", "stage": stage, **query})
        assert plan_build(answers=a, today=TODAY).outcome in set(Outcome)


# --- answers_applies ------------------------------------------------------------------------

M_ONLY = ("reason", "stage", "channel", "cert_submitted", "special_chars")
M = ("myna_only", "both", "myna_history", "unsure")
APPLIES_ROWS: list[tuple[str, dict[str, str], bool, str]] = [
    *[("holding", {"holding": h}, True, h) for h in SPEC_VALUES["holding"]],
    *[(p, {"holding": h}, h in M, h)
      for p in M_ONLY for h in SPEC_VALUES["holding"]],
    # (v2) With a マイナ経歴証明書 there is no license: license_status does not apply.
    *[("license_status", {"holding": h}, h in ("myna_only", "both", "unsure"), h)
      for h in SPEC_VALUES["holding"]],
    *[(p, {"holding": "myna_only", "stage": "collected", "channel": "window"}, True,
       "M-collected-window") for p in M_ONLY],
    *[(p, overrides, expected, name)
      for p in ("continue_use", "cert_requested")
      for overrides, expected, name in [
          ({"holding": "myna_only", "stage": "applied", "channel": "online"}, True,
           "applied-online"),
          ({"holding": "both", "stage": "notice", "channel": "online"}, True, "notice-online"),
          ({"holding": "unsure", "stage": "collected", "channel": "online"}, True,
           "collected-online"),
          ({"holding": "myna_only", "stage": "before", "channel": "online"}, False,
           "before-online"),
          ({"holding": "myna_only", "stage": "applied", "channel": "window"}, False,
           "applied-window"),
          ({"holding": "myna_only", "stage": "applied", "channel": "undecided"}, False,
           "applied-undecided"),
          ({"holding": "license_only", "stage": "applied", "channel": "online"}, False,
           "not-M-applied-online"),
      ]],
    *[("notice_result", overrides, expected, name) for overrides, expected, name in [
        ({"holding": "myna_only", "stage": "notice"}, True, "notice"),
        ({"holding": "both", "stage": "collected", "channel": "window"}, True, "collected"),
        ({"holding": "myna_only", "stage": "before"}, False, "before"),
        ({"holding": "myna_only", "stage": "applied"}, False, "applied"),
        ({"holding": "license_only", "stage": "notice"}, False, "not-M-notice"),
    ]],
    *[("card_expiry", overrides, expected, name) for overrides, expected, name in [
        ({"holding": "myna_only"}, True, "before"),
        ({"holding": "unsure", "reason": "lost_damaged"}, True, "before-lost_damaged"),
        ({"holding": "myna_only", "stage": "applied"}, False, "applied"),
        ({"holding": "myna_only", "stage": "collected"}, False, "collected"),
        ({"holding": "license_only"}, False, "not-M-before"),
    ]],
    *[(p, overrides, expected, name)
      for p in ("license_expiry", "birthday")
      for overrides, expected, name in [
          ({"holding": "myna_only"}, True, "myna_only"),
          ({"holding": "both", "stage": "collected"}, True, "both-collected"),
          ({"holding": "unsure"}, True, "unsure"),
          ({"holding": "license_only"}, True, "license_only"),
          ({"holding": "none"}, False, "none"),
          ({"holding": "myna_history"}, False, "myna_history"),
      ]],
]


@pytest.mark.parametrize(
    ("parameter", "overrides", "expected"),
    [pytest.param(p, o, e, id=f"{p}-{'applies' if e else 'ignored'}-{n}")
     for p, o, e, n in APPLIES_ROWS],
)
def test_a_parameter_applies_only_on_the_paths_that_use_it(
        parameter: str, overrides: dict[str, str], expected: bool) -> None:
    assert answers_applies(parameter=parameter, answers=make(**overrides)) is expected


def _spec_applies(parameter: str, holding: str, stage: str, channel: str) -> bool:
    """Where rules.md reads each parameter: §4–§6 read only holding and the license dates for
    people who are not M (s4.renewal_period: holding ≠ none); §1 restricts continue_use and
    cert_requested to channel=online after applying and notice_result to notice/collected;
    card_expiry is read only with stage=before (ineligible, card window, same season)."""
    mine = holding in ("myna_only", "both", "myna_history", "unsure")
    later = stage != "before"
    if parameter == "holding":
        return True
    # (v2) With holding=myna_history there is no license: its questions do not apply.
    if parameter in ("license_expiry", "birthday"):
        return holding not in ("none", "myna_history")
    if parameter == "license_status":
        return mine and holding != "myna_history"
    if parameter in ("continue_use", "cert_requested"):
        return mine and later and channel == "online"
    if parameter == "notice_result":
        return mine and stage in ("notice", "collected")
    if parameter == "card_expiry":
        return mine and not later
    return mine


@pytest.mark.parametrize(
    ("holding", "stage", "channel"),
    [pytest.param(h, s, c, id=f"{h}-{s}-{c}") for h, s, c in itertools.product(
        SPEC_VALUES["holding"], SPEC_VALUES["stage"], SPEC_VALUES["channel"])],
)
def test_each_parameter_applies_on_each_path_as_the_spec_reads_it(
        holding: str, stage: str, channel: str) -> None:
    a = make(holding=holding, stage=stage, channel=channel)
    assert {p: answers_applies(parameter=p, answers=a) for p in SPEC_ORDER} == {
        p: _spec_applies(p, holding, stage, channel) for p in SPEC_ORDER}


def test_applies_table_covers_every_parameter_both_ways() -> None:
    assert {p for p, _, e, _ in APPLIES_ROWS if e} == set(SPEC_ORDER)
    assert {p for p, _, e, _ in APPLIES_ROWS if not e} == set(SPEC_ORDER) - {"holding"}


def test_applies_refuses_an_unknown_parameter() -> None:
    with pytest.raises(KeyError):
        answers_applies(parameter="lang", answers=Answers())


# --- answers_normalize and answers_query ----------------------------------------------------

# Non-default values for everything but the path (holding, stage, channel), two ways.
FILLINGS: dict[str, dict[str, str]] = {
    "defaults": {},
    "filled-a": {"reason": "field_full", "continue_use": "yes", "cert_requested": "no",
                 "cert_submitted": "no", "license_status": "suspended", "special_chars": "yes",
                 "notice_result": "not_recorded", "birthday": "02-29",
                 "license_expiry": "2027-01-20", "card_expiry": "2027-03-31"},
    "filled-b": {"reason": "lost_damaged", "continue_use": "no", "cert_requested": "yes",
                 "cert_submitted": "yes", "license_status": "revoked_or_lapsed",
                 "special_chars": "no", "notice_result": "recorded", "birthday": "12-20"},
}
ROUND_TRIP = [
    pytest.param(make(holding=h, stage=s, channel=c, **filling), id=f"{h}-{s}-{c}-{name}")
    for h, s, c in itertools.product(SPEC_VALUES["holding"], SPEC_VALUES["stage"],
                                     SPEC_VALUES["channel"])
    for name, filling in FILLINGS.items()
]


@pytest.mark.parametrize("answers", ROUND_TRIP)
def test_query_round_trips_to_the_normalized_answers(answers: Answers) -> None:
    assert answers_parse(query=answers_query(answers)) == answers_normalize(answers)


@pytest.mark.parametrize("answers", ROUND_TRIP)
def test_query_carries_exactly_the_known_parameters_that_apply_in_section_1_order(
        answers: Answers) -> None:
    expected = [name for name in SPEC_ORDER
                if answers_applies(parameter=name, answers=answers)
                and getattr(answers, name) is not None]
    assert list(answers_query(answers)) == expected


@pytest.mark.parametrize("answers", ROUND_TRIP)
def test_normalize_resets_exactly_the_parameters_that_do_not_apply(answers: Answers) -> None:
    normal = answers_normalize(answers)
    for name in SPEC_ORDER:
        if answers_applies(parameter=name, answers=answers):
            assert getattr(normal, name) == getattr(answers, name), name
        else:
            assert getattr(normal, name) == SPEC_DEFAULTS[name], name
    assert answers_normalize(normal) == normal


@pytest.mark.parametrize(
    ("answers", "query"),
    [
        pytest.param(Answers(), {"holding": "unsure", "reason": "expiring", "stage": "before",
                                 "channel": "undecided", "cert_submitted": "unsure",
                                 "license_status": "valid", "special_chars": "unsure"},
                     id="defaults"),
        pytest.param(make(holding="none", stage="applied", channel="window",
                          license_expiry="2027-01-20", birthday="12-20"),
                     {"holding": "none"}, id="no-license-only-holding"),
        pytest.param(make(holding="license_only", stage="notice", notice_result="recorded",
                          license_expiry="2027-01-20", birthday="02-29",
                          card_expiry="2027-03-31"),
                     {"holding": "license_only", "birthday": "02-29",
                      "license_expiry": "2027-01-20"}, id="license-only-keeps-license-dates"),
        pytest.param(make(holding="myna_only", stage="collected", channel="online",
                          continue_use="yes", cert_requested="no", cert_submitted="yes",
                          license_status="valid", special_chars="no",
                          notice_result="not_recorded", card_expiry="2027-03-31"),
                     {"holding": "myna_only", "reason": "expiring", "stage": "collected",
                      "channel": "online", "continue_use": "yes", "cert_requested": "no",
                      "cert_submitted": "yes", "license_status": "valid",
                      "special_chars": "no", "notice_result": "not_recorded"},
                     id="collected-online-drops-card-expiry"),
        pytest.param(make(holding="both", channel="online", continue_use="no",
                          cert_requested="no", notice_result="recorded",
                          card_expiry="2027-03-31", license_expiry="2027-01-09"),
                     {"holding": "both", "reason": "expiring", "stage": "before",
                      "channel": "online", "cert_submitted": "unsure",
                      "license_status": "valid", "special_chars": "unsure",
                      "license_expiry": "2027-01-09", "card_expiry": "2027-03-31"},
                     id="before-drops-continue-use-and-notice"),
    ],
)
def test_query_is_exact_for_a_path(answers: Answers, query: dict[str, str]) -> None:
    assert answers_query(answers) == query


def test_lenient_reading_keeps_the_choices_that_parse_and_defaults_the_rest():
    from guide.answers import answers_lenient
    answers = answers_lenient(query={"holding": "both", "stage": "tomorrow", "channel": None,
                                     "cert_submitted": ""})
    assert (answers.holding, answers.stage, answers.channel, answers.cert_submitted) == (
        "both", "before", "undecided", "unsure")
