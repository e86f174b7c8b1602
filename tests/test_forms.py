"""The date forms of the wizard, used directly: what a person may type in the boxes, and
the message they get when it cannot be used (English messages; the words of the Japanese
ones are the translator's)."""

from __future__ import annotations

import pytest
from django.utils import translation

from wizard.codec import question_data
from wizard.forms import FORMS, CheckForm
from wizard.questions import QUESTION_BY_STEP

FORM = dict(FORMS)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def bound(step: str, **fields: str):
    """The form of `step` as the wizard binds it (prefixed with the step name)."""
    return FORM[step](data={f"{step}-{name}": value for name, value in fields.items()},
                      prefix=step)


def errors(form) -> dict[str, list[str]]:
    assert not form.is_valid()
    return {name: list(messages) for name, messages in form.errors.items()}


# --- the license expiry (with 和暦) --------------------------------------------------------


@pytest.mark.parametrize(("era", "year", "month", "day", "value"), [
    ("reiwa", "9", "4", "20", "2027-04-20"),  # 令和9年4月20日
    ("heisei", "32", "1", "20", "2020-01-20"),  # 平成32年: printed on licenses before 2019
    ("heisei", "31", "4", "30", "2019-04-30"),
    ("reiwa", "1", "5", "1", "2019-05-01"),  # 令和元年5月1日, the era's first day
    ("reiwa", "10", "2", "29", "2028-02-29"),  # 令和10年 = 2028, a leap year
    ("western", "2027", "4", "20", "2027-04-20"),
    ("western", "2027", "04", "05", "2027-04-05"),
    ("reiwa", "０９", "０４", "２０", "2027-04-20"),  # full-width digits
    ("western", "２０２７", "１２", "３１", "2027-12-31"),
    ("western", " 2027 ", "　4　", "1", "2027-04-01"),  # spaces, ASCII and full-width
])
def test_license_expiry_accepts_western_and_japanese_years(era, year, month, day, value):
    form = bound("license_expiry", era=era, year=year, month=month, day=day)
    assert form.is_valid(), form.errors
    assert form.answer() == value


def test_license_expiry_without_an_era_is_western():
    form = bound("license_expiry", year="2027", month="4", day="20")
    assert form.is_valid(), form.errors
    assert form.answer() == "2027-04-20"


def test_reiwa_gannen_before_may_is_refused_with_a_message_about_reiwas_start():
    form = bound("license_expiry", era="reiwa", year="1", month="4", day="30")
    assert errors(form) == {"year": [
        "令和 began on May 1, 2019 (令和元年). Check the year, or choose another calendar."]}


@pytest.mark.parametrize(("era", "year", "month", "day"), [
    ("heisei", "1", "1", "7"),  # 昭和64年1月7日, the day before 平成元年
    ("heisei", "0", "5", "1"),
    ("heisei", "51", "1", "1"),
])
def test_a_heisei_year_out_of_its_range_is_refused(era, year, month, day):
    form = bound("license_expiry", era=era, year=year, month=month, day=day)
    assert errors(form) == {"year": [
        "Check the 平成 year: 平成 began on January 8, 1989 (平成元年)."]}


@pytest.mark.parametrize("year", ["0", "100"])
def test_a_reiwa_year_out_of_its_range_is_refused(year):
    form = bound("license_expiry", era="reiwa", year=year, month="1", day="1")
    assert list(errors(form)) == ["year"]
    assert "令和 began on May 1, 2019" in errors(form)["year"][0]


def test_a_japanese_date_that_does_not_exist_names_the_days_of_that_month():
    form = bound("license_expiry", era="reiwa", year="8", month="2", day="29")  # 2026
    assert errors(form) == {"day": ["That month has 28 days: enter a day from 1 to 28."]}


def test_an_unknown_era_is_refused():
    form = bound("license_expiry", era="showa", year="60", month="1", day="1")
    assert list(errors(form)) == ["era"]


@pytest.mark.parametrize(("year", "message"), [
    ("1989", "Check the year: it should be a Western-calendar year between 1990 and 2040."),
    ("2041", "Check the year: it should be a Western-calendar year between 1990 and 2040."),
    ("27", "Check the year: it should have four digits, such as 2027."),
    ("9999", "Check the year: it should be a Western-calendar year between 1990 and 2040."),  # four digits already
    ("2207", "Check the year: it should be a Western-calendar year between 1990 and 2040."),
])
def test_license_years_out_of_range_are_refused(year, message):
    form = bound("license_expiry", era="western", year=year, month="1", day="1")
    assert errors(form) == {"year": [message]}


# --- the card expiry --------------------------------------------------------------------------


def test_a_blank_date_is_no_answer():
    for step in ("card_expiry", "license_expiry"):
        form = bound(step, year="", month="", day="")
        assert form.is_valid(), form.errors
        assert form.answer() == ""
    form = bound("license_expiry", era="reiwa", year=" ", month="", day="　")
    assert form.is_valid(), form.errors
    assert form.answer() == ""


def test_a_date_form_with_no_boxes_sent_is_no_answer():
    form = FORM["card_expiry"](data={}, prefix="card_expiry")
    assert form.is_valid(), form.errors
    assert form.answer() == ""


@pytest.mark.parametrize(("fields", "expected"), [
    ({"year": "2027", "month": "", "day": ""},
     {"month": ["Enter the month."], "day": ["Enter the day."]}),
    ({"year": "", "month": "4", "day": ""},
     {"year": ["Enter the year."], "day": ["Enter the day."]}),
    ({"year": "", "month": "", "day": "20"},
     {"year": ["Enter the year."], "month": ["Enter the month."]}),
    ({"year": "2027", "month": "4", "day": ""}, {"day": ["Enter the day."]}),
    ({"year": "", "month": "4", "day": "20"}, {"year": ["Enter the year."]}),
])
def test_a_partly_blank_date_gets_a_message_per_missing_box(fields, expected):
    assert errors(bound("card_expiry", **fields)) == expected


def test_february_30_is_refused_saying_the_month_has_28_days():
    form = bound("card_expiry", year="2026", month="2", day="30")
    assert errors(form) == {"day": ["That month has 28 days: enter a day from 1 to 28."]}


def test_february_29_in_a_leap_year_is_accepted_and_april_31_refused():
    leap = bound("card_expiry", year="2028", month="2", day="29")
    assert leap.is_valid(), leap.errors
    assert leap.answer() == "2028-02-29"
    assert errors(bound("card_expiry", year="2027", month="4", day="31")) == {
        "day": ["That month has 30 days: enter a day from 1 to 30."]}


@pytest.mark.parametrize("month", ["13", "0", "００"])
def test_a_month_outside_1_to_12_is_refused(month):
    form = bound("card_expiry", year="2026", month=month, day="1")
    assert errors(form) == {"month": ["The month must be a number from 1 to 12."]}


@pytest.mark.parametrize(("fields", "bad"), [
    ({"year": "next", "month": "1", "day": "1"}, ["year"]),
    ({"year": "2027", "month": "April", "day": "1"}, ["month"]),
    ({"year": "2027", "month": "4", "day": "20日"}, ["day"]),
    ({"year": "令和9", "month": "4", "day": "1"}, ["year"]),
    ({"year": "2027", "month": "-4", "day": "1.5"}, ["month", "day"]),
    ({"year": "2O27", "month": "4", "day": "1"}, ["year"]),  # the letter O, not a zero
])
def test_letters_are_refused(fields, bad):
    assert errors(bound("card_expiry", **fields)) == {name: ["Use numbers only."] for name in bad}


@pytest.mark.parametrize(("year", "message"), [
    ("2015", "Check the year: it should be a Western-calendar year between 2016 and 2040."),
    ("2041", "Check the year: it should be a Western-calendar year between 2016 and 2040."),
    ("1899", "Check the year: it should be a Western-calendar year between 2016 and 2040."),
    ("2999", "Check the year: it should be a Western-calendar year between 2016 and 2040."),
    ("999", "Check the year: it should have four digits, such as 2027."),
    ("26", "Check the year: it should have four digits, such as 2027."),
])
def test_card_years_out_of_range_are_refused(year, message):
    assert errors(bound("card_expiry", year=year, month="1", day="1")) == {"year": [message]}


def test_a_box_longer_than_it_can_be_is_refused():
    form = bound("card_expiry", year="2" * 9, month="1", day="1")
    assert list(errors(form)) == ["year"]


def test_the_card_expiry_has_no_era_select():
    assert "era" not in bound("card_expiry").fields
    assert "era" in bound("license_expiry").fields


# --- the birthday -------------------------------------------------------------------------


@pytest.mark.parametrize(("month", "day", "value"), [
    ("2", "29", "02-29"),  # a leap-day birthday is a real birthday
    ("12", "31", "12-31"),
    ("01", "01", "01-01"),
    ("１", "２０", "01-20"),
])
def test_birthday_accepts_real_month_days(month, day, value):
    form = bound("birthday", month=month, day=day)
    assert form.is_valid(), form.errors
    assert form.answer() == value


@pytest.mark.parametrize(("month", "day", "expected"), [
    ("2", "30", {"day": ["That month has 29 days: enter a day from 1 to 29."]}),
    ("4", "31", {"day": ["That month has 30 days: enter a day from 1 to 30."]}),
    ("13", "1", {"month": ["The month must be a number from 1 to 12."]}),
    ("0", "1", {"month": ["The month must be a number from 1 to 12."]}),
    ("1", "0", {"day": ["That month has 31 days: enter a day from 1 to 31."]}),
    ("", "5", {"month": ["Enter the month."]}),
    ("5", "", {"day": ["Enter the day."]}),
    ("May", "5", {"month": ["Use numbers only."]}),
    ("5", "五", {"day": ["Use numbers only."]}),
])
def test_birthday_refuses_what_is_not_a_month_day(month, day, expected):
    assert errors(bound("birthday", month=month, day=day)) == expected


def test_a_blank_birthday_is_no_answer():
    form = bound("birthday", month="", day="")
    assert form.is_valid(), form.errors
    assert form.answer() == ""


# --- choices, the check page, refilling from a permalink -------------------------------------


def test_a_choice_form_cleans_to_the_parameter_value():
    form = bound("channel", channel="photo_booth")
    assert form.is_valid(), form.errors
    assert form.answer() == "photo_booth"
    assert errors(bound("channel", channel="fax")) == {
        "channel": ["Select one of the answers shown."]}
    assert errors(bound("channel")) == {"channel": ["Select one of the answers."]}


def test_a_choice_question_words_itself_for_after_the_application():
    before = FORM["channel"](prefix="channel")
    later = FORM["channel"](prefix="channel", later=True)
    assert str(before.title) == "How will you apply for the new card?"
    assert str(later.title) == "How did you apply for the new card?"
    assert dict(later.fields["channel"].choices)["undecided"] == "I don't remember"


def test_the_check_form_has_nothing_to_fill_in():
    form = CheckForm(data={}, prefix="check")
    assert form.is_valid()
    assert str(form.title) == "Check your answers"


@pytest.mark.parametrize(("step", "value"), [
    ("card_expiry", "2027-01-10"), ("license_expiry", "2020-01-20"), ("birthday", "02-29"),
])
def test_the_codec_refills_a_form_that_cleans_back_to_the_same_value(step, value):
    data = question_data(QUESTION_BY_STEP[step], value)
    form = dict(FORMS)[step](data=data, prefix=step)
    assert form.is_valid(), form.errors
    assert form.answer() == value
    assert question_data(QUESTION_BY_STEP[step], "") == {}


def test_era_year_may_be_typed_as_gan_for_the_first_year():
    from wizard.forms import FORMS
    form = dict(FORMS)["license_expiry"](data={"license_expiry-era": "reiwa", "license_expiry-year": "元",
                                               "license_expiry-month": "12", "license_expiry-day": "1"},
                                         prefix="license_expiry")
    assert form.is_valid(), form.errors
    assert form.answer() == "2019-12-01"
