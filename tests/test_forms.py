"""The date forms of the wizard, used directly: what a person may type in the boxes, and
the message they get when it cannot be used (English messages; the words of the Japanese
ones are the translator's). Issue 11: dates as people have them (令和 first, 令和9, R9, 元年,
full-width digits), one message per date saying what to type instead and where the date is
printed, and the card expiry checked against the reason given before."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from tests.support.people import TODAY
from wizard.codec import question_data
from wizard.forms import FORMS, CheckForm, QuestionForm
from wizard.questions import QUESTION_BY_STEP

FORM = dict(FORMS)
# Every refusal of a date ends saying where the date is printed.
CARD_WHERE = "The expiry date is printed on the front of your current My Number Card."
LICENSE_WHERE = ("The date is printed on the plastic license. If you have only a My Number Card "
                 "with license information, read it with the license-reading app or マイナポータル.")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def bound(step: str, *, reason: str | None = None, today: date | None = None, **fields: str):
    """The form of `step` as the wizard binds it (prefixed with the step name); the card
    expiry with the reason answered before and today's date, as the wizard passes them."""
    extra = {} if step != "card_expiry" else {"reason": reason, "today": today}
    return FORM[step](data={f"{step}-{name}": value for name, value in fields.items()},
                      prefix=step, **extra)


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


def test_license_expiry_without_an_era_sent_is_read_as_shown_first():
    # The select shows 令和 first: a short year sent without an era is a 令和 year; four
    # digits are a Western year whatever the era.
    form = bound("license_expiry", year="2027", month="4", day="20")
    assert form.is_valid(), form.errors
    assert form.answer() == "2027-04-20"
    form = bound("license_expiry", year="9", month="4", day="20")
    assert form.is_valid(), form.errors
    assert form.answer() == "2027-04-20"


def test_the_license_expiry_offers_reiwa_first():
    form = FORM["license_expiry"](prefix="license_expiry")
    assert [value for value, _label in form.fields["era"].choices] == ["reiwa", "heisei", "western"]
    assert form.fields["era"].initial == "reiwa"


@pytest.mark.parametrize(("era", "year", "value"), [
    ("reiwa", "9", "2027-04-20"),  # the era chosen, the number typed
    ("reiwa", "令和9", "2027-04-20"),
    ("reiwa", "R9", "2027-04-20"),
    ("reiwa", "r9", "2027-04-20"),
    ("reiwa", "令和9年", "2027-04-20"),
    ("reiwa", "Ｒ９", "2027-04-20"),  # full-width letter and digit
    ("reiwa", "令和９年", "2027-04-20"),
    ("reiwa", "９", "2027-04-20"),
    ("reiwa", "０９", "2027-04-20"),
    ("reiwa", "㋿9", "2027-04-20"),  # the one-character era sign
    ("reiwa", " 9 ", "2027-04-20"),
    ("reiwa", "令和 9", "2027-04-20"),
    ("reiwa", "2027", "2027-04-20"),  # four digits with 令和 chosen: only a Western year
    ("reiwa", "２０２７", "2027-04-20"),
    ("heisei", "2020", "2020-04-20"),
    ("western", "令和9", "2027-04-20"),  # an era written in the box wins over the choice
    ("western", "R9", "2027-04-20"),
    ("reiwa", "H31", "2019-04-20"),
    ("reiwa", "平成32", "2020-04-20"),  # licenses issued before 2019 print such years
    ("western", "h32", "2020-04-20"),
])
def test_the_year_box_takes_years_as_people_write_them(era, year, value):
    form = bound("license_expiry", era=era, year=year, month="4", day="20")
    assert form.is_valid(), form.errors
    assert form.answer() == value


@pytest.mark.parametrize("year", ["元", "元年", "令和元", "令和元年", "R元", "ｒ元年"])
def test_gannen_is_the_first_year_of_the_era(year):
    form = bound("license_expiry", era="reiwa", year=year, month="12", day="1")
    assert form.is_valid(), form.errors
    assert form.answer() == "2019-12-01"


def test_heisei_gannen_is_read_too_and_is_older_than_any_license_here():
    form = bound("license_expiry", era="heisei", year="元年", month="1", day="8")  # 1989-01-08
    assert errors(form) == {"year": [
        f"Check the year: the date should fall between 1990 and 2040. {LICENSE_WHERE}"]}
    form = bound("license_expiry", era="heisei", year="H2", month="1", day="8")
    assert form.is_valid(), form.errors
    assert form.answer() == "1990-01-08"


@pytest.mark.parametrize(("era", "year", "message"), [
    ("western", "9", "With 西暦 chosen, type the year in 4 digits, such as 2027. For a year such "
                     "as 令和9年, choose 令和 under Calendar and type 9."),
    ("western", "元", "元 is the first year of an era: type 令和元 (or choose 令和 under Calendar "
                      "and type 元), or type the Western year, such as 2019."),
    ("reiwa", "令和", "Type the year as a number: for 令和9年, choose 令和 and type 9 (or type "
                      "令和9); or type a Western year, such as 2027."),
    ("reiwa", "nine", "Type the year as a number: for 令和9年, choose 令和 and type 9 (or type "
                      "令和9); or type a Western year, such as 2027."),
    ("reiwa", "昭和60", "Type a 令和 or 平成 year, such as 令和9, or a Western year, such as 2027."),
    ("reiwa", "S60", "Type a 令和 or 平成 year, such as 令和9, or a Western year, such as 2027."),
    ("reiwa", "令和2027", "A 令和 year is 元 or a number from 1 to 99, such as 9 for 令和9年. Or "
                          "type a Western year in 4 digits, such as 2027."),
    ("reiwa", "100", "A 令和 year is 元 or a number from 1 to 99, such as 9 for 令和9年. Or type "
                     "a Western year in 4 digits, such as 2027."),
])
def test_each_refusal_of_a_license_year_says_what_to_type_and_where_it_is_printed(
        era, year, message):
    form = bound("license_expiry", era=era, year=year, month="4", day="20")
    assert errors(form) == {"year": [f"{message} {LICENSE_WHERE}"]}
    assert form.error_boxes == {"year"}


def test_reiwa_gannen_before_may_is_refused_with_a_message_about_reiwas_start():
    form = bound("license_expiry", era="reiwa", year="1", month="4", day="30")
    assert errors(form) == {"year": [
        "令和 began on May 1, 2019 (令和元年5月1日): a date before that is in 平成, such as "
        f"平成31年4月30日. Choose 平成, or check the month. {LICENSE_WHERE}"]}
    assert form.error_boxes == {"year", "month"}
    assert list(errors(bound("license_expiry", era="reiwa", year="元年", month="4", day="30"))) == [
        "year"]


@pytest.mark.parametrize(("era", "year", "month", "day"), [
    ("heisei", "1", "1", "7"),  # 昭和64年1月7日, the day before 平成元年
    ("heisei", "0", "5", "1"),
    ("heisei", "51", "1", "1"),
])
def test_a_heisei_year_out_of_its_range_is_refused(era, year, month, day):
    form = bound("license_expiry", era=era, year=year, month=month, day=day)
    assert errors(form) == {"year": [
        "A 平成 year is 元 or a number such as 31 (平成元年 began on January 8, 1989). Or type a "
        f"Western year in 4 digits, such as 2019. {LICENSE_WHERE}"]}


@pytest.mark.parametrize("year", ["0", "100"])
def test_a_reiwa_year_out_of_its_range_is_refused(year):
    form = bound("license_expiry", era="reiwa", year=year, month="1", day="1")
    assert list(errors(form)) == ["year"]
    assert errors(form)["year"][0].startswith("A 令和 year is 元 or a number from 1 to 99")


def test_a_japanese_date_that_does_not_exist_names_the_days_of_that_month():
    form = bound("license_expiry", era="reiwa", year="8", month="2", day="29")  # 2026
    assert errors(form) == {"day": [
        f"That month has 28 days: enter a day from 1 to 28. {LICENSE_WHERE}"]}


def test_an_unknown_era_is_refused():
    form = bound("license_expiry", era="showa", year="60", month="1", day="1")
    assert errors(form) == {"era": ["Choose 令和, 平成 or 西暦 under Calendar."]}


@pytest.mark.parametrize(("year", "message"), [
    ("1989", "Check the year: the date should fall between 1990 and 2040."),
    ("2041", "Check the year: the date should fall between 1990 and 2040."),
    ("27", "With 西暦 chosen, type the year in 4 digits, such as 2027. For a year such as "
           "令和9年, choose 令和 under Calendar and type 9."),
    ("9999", "Check the year: the date should fall between 1990 and 2040."),  # four digits already
    ("2207", "Check the year: the date should fall between 1990 and 2040."),
])
def test_license_years_out_of_range_are_refused(year, message):
    form = bound("license_expiry", era="western", year=year, month="1", day="1")
    assert errors(form) == {"year": [f"{message} {LICENSE_WHERE}"]}


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


@pytest.mark.parametrize(("fields", "boxes"), [
    ({"year": "2027", "month": "", "day": ""}, {"month", "day"}),
    ({"year": "", "month": "4", "day": ""}, {"year", "day"}),
    ({"year": "", "month": "", "day": "20"}, {"year", "month"}),
    ({"year": "2027", "month": "4", "day": ""}, {"day"}),
    ({"year": "", "month": "4", "day": "20"}, {"year"}),
])
def test_a_partly_blank_date_gets_one_message_and_marks_each_missing_box(fields, boxes):
    form = bound("card_expiry", **fields)
    first = next(name for name in ("year", "month", "day") if name in boxes)
    assert errors(form) == {first: [
        f"Fill in the year, the month and the day, or leave all three boxes blank. {CARD_WHERE}"]}
    assert form.error_boxes == boxes


def test_february_30_is_refused_saying_the_month_has_28_days():
    form = bound("card_expiry", year="2026", month="2", day="30")
    assert errors(form) == {"day": [f"That month has 28 days: enter a day from 1 to 28. {CARD_WHERE}"]}


def test_february_29_in_a_leap_year_is_accepted_and_april_31_refused():
    leap = bound("card_expiry", year="2028", month="2", day="29")
    assert leap.is_valid(), leap.errors
    assert leap.answer() == "2028-02-29"
    assert errors(bound("card_expiry", year="2027", month="4", day="31")) == {
        "day": [f"That month has 30 days: enter a day from 1 to 30. {CARD_WHERE}"]}


@pytest.mark.parametrize("month", ["13", "0", "００"])
def test_a_month_outside_1_to_12_is_refused(month):
    form = bound("card_expiry", year="2026", month=month, day="1")
    assert errors(form) == {"month": [f"The month must be a number from 1 to 12. {CARD_WHERE}"]}


@pytest.mark.parametrize(("fields", "boxes", "message"), [
    ({"year": "next", "month": "1", "day": "1"}, {"year"},
     "Type the year as a number, such as 2027 (令和9 is understood too)."),
    ({"year": "2027", "month": "April", "day": "1"}, {"month"},
     "Type the month as a number from 1 to 12."),
    ({"year": "2027", "month": "4", "day": "20日"}, {"day"}, "Type the day as a number from 1 to 31."),
    ({"year": "2027", "month": "-4", "day": "1.5"}, {"month", "day"},
     "Type the month as a number from 1 to 12."),
    ({"year": "2O27", "month": "4", "day": "1"}, {"year"},  # the letter O, not a zero
     "Type the year as a number, such as 2027 (令和9 is understood too)."),
])
def test_letters_are_refused(fields, boxes, message):
    form = bound("card_expiry", **fields)
    first = next(name for name in ("year", "month", "day") if name in boxes)
    assert errors(form) == {first: [f"{message} {CARD_WHERE}"]}
    assert form.error_boxes == boxes


@pytest.mark.parametrize("year", ["2027", "２０２７", "令和9", "R9", "r9", "令和９年", "Ｒ９"])
def test_the_card_expiry_understands_a_reiwa_year_too(year):
    form = bound("card_expiry", year=year, month="1", day="10")
    assert form.is_valid(), form.errors
    assert form.answer() == "2027-01-10"


@pytest.mark.parametrize(("year", "message"), [
    ("2015", "Check the year: the date should fall between 2016 and 2040."),
    ("2041", "Check the year: the date should fall between 2016 and 2040."),
    ("1899", "Check the year: the date should fall between 2016 and 2040."),
    ("2999", "Check the year: the date should fall between 2016 and 2040."),
    ("999", "Type the year in 4 digits, such as 2027, or as a 令和 year, such as 令和9."),
    ("26", "Type the year in 4 digits, such as 2027, or as a 令和 year, such as 令和9."),
    ("9", "Type the year in 4 digits, such as 2027, or as a 令和 year, such as 令和9."),
    ("元", "元 is the first year of an era: type 令和元 (or choose 令和 under Calendar and type "
           "元), or type the Western year, such as 2019."),
])
def test_card_years_out_of_range_are_refused(year, message):
    assert errors(bound("card_expiry", year=year, month="1", day="1")) == {
        "year": [f"{message} {CARD_WHERE}"]}


def test_a_box_longer_than_it_can_be_is_refused():
    form = bound("card_expiry", year="2" * 9, month="1", day="1")
    assert errors(form) == {"year": [
        f"That is too long for a date box: type numbers, such as 2027, 4 and 20. {CARD_WHERE}"]}


def test_the_card_expiry_has_no_era_select():
    assert "era" not in bound("card_expiry").fields
    assert "era" in bound("license_expiry").fields


# --- the card expiry against the reason -------------------------------------------------------

PAST = ("November 25, 2026 has already passed, but you answered that your card expires in less "
        "than 3 months. Check the expiry date on the front of your card. If your card has "
        "already expired, change your answer to “My card has already expired”.")
FAR = ("February 26, 2027 is more than 3 months away, but you answered that your card expires "
       "in less than 3 months: for that reason the new card can be applied for from November "
       "27, 2026. Check the expiry date on the front of your card, or your reason for getting "
       "a new card. If both are right, confirm the date.")


def card(day: str, *, reason: str | None = "expiring", **extra: str):
    year, month, dd = day.split("-")
    return bound("card_expiry", reason=reason, today=TODAY, year=year, month=month, day=dd,
                 **extra)


def test_fewer_than_3_months_with_a_date_already_past_is_questioned():
    form = card("2026-11-25")  # TODAY is 2026-11-26
    assert errors(form) == {"year": [PAST]}
    assert form.cross_check == "past"
    assert form.error_boxes == {"year", "month", "day"}
    # There is nothing to confirm: a card past its expiry has expired.
    assert errors(card("2026-11-25", confirmed="2026-11-25")) == {"year": [PAST]}


def test_fewer_than_3_months_with_a_date_more_than_3_months_away_is_questioned():
    # The window of 2027-02-26 opens on 2026-11-27 (rules.md §3), the day after TODAY.
    form = card("2027-02-26")
    assert errors(form) == {"year": [FAR]}
    assert (form.cross_check, form.cross_check_value) == ("far", "2027-02-26")


def test_a_date_far_off_may_be_confirmed_but_only_the_date_confirmed():
    confirmed = card("2027-02-26", confirmed="2027-02-26")
    assert confirmed.is_valid(), confirmed.errors
    assert confirmed.answer() == "2027-02-26"
    # The date changed after it was confirmed: questioned again.
    changed = card("2027-06-30", confirmed="2027-02-26")
    assert not changed.is_valid()
    assert changed.cross_check == "far"


@pytest.mark.parametrize("day", ["2026-11-26", "2026-12-31", "2027-02-25"])
def test_a_date_within_its_3_months_is_taken(day):
    # Today itself (the last valid day), and the window's first day (2027-02-25 opens today).
    form = card(day)
    assert form.is_valid(), form.errors
    assert form.answer() == day


@pytest.mark.parametrize(("reason", "day"), [
    ("expired", "2026-11-25"), ("field_full", "2030-06-30"), ("lost_damaged", "2026-01-10"),
    (None, "2030-06-30"),
])
def test_other_reasons_are_not_questioned(reason, day):
    form = card(day, reason=reason)
    assert form.is_valid(), form.errors


def test_without_today_nothing_is_cross_checked():
    form = bound("card_expiry", reason="expiring", year="2020", month="1", day="1")
    assert form.is_valid(), form.errors


def test_a_refusal_of_the_date_itself_comes_before_the_cross_check():
    form = card("2026-02-30")
    assert errors(form) == {"day": [f"That month has 28 days: enter a day from 1 to 28. {CARD_WHERE}"]}
    assert form.cross_check is None


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
    ("", "5", {"month": ["Fill in both the month and the day, or leave both boxes blank."]}),
    ("5", "", {"day": ["Fill in both the month and the day, or leave both boxes blank."]}),
    ("May", "5", {"month": ["Type the month as a number from 1 to 12."]}),
    ("5", "五", {"day": ["Type the day as a number from 1 to 31."]}),
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


def test_the_codec_refills_a_card_expiry_far_off_as_confirmed_when_asked():
    question = QUESTION_BY_STEP["card_expiry"]
    assert "card_expiry-confirmed" not in question_data(question, "2027-06-30")
    data = question_data(question, "2027-06-30", confirmed=True)
    form = FORM["card_expiry"](data=data, prefix="card_expiry", reason="expiring", today=TODAY)
    assert form.is_valid(), form.errors


# --- a stored choice read without building its form (the check page) -----------------------

CHOICE_STEPS = [step for step, form in FORMS if issubclass(form, QuestionForm)]


@pytest.mark.parametrize("later", [False, True])
@pytest.mark.parametrize("step", CHOICE_STEPS)
def test_a_stored_choice_reads_as_its_form_cleans_it(step, later):
    from django.utils.datastructures import MultiValueDict

    form_class = FORM[step]
    question = form_class.question
    values = {c.value for c in (*question.choices, *(question.choices_later or ()))}
    # Every value of either list, nothing, empty, unknown, padded, another case, a list.
    candidates = [*sorted(values), None, "", "bogus", " yes", "YES", ["no", "yes"]]
    seen = set()
    for value in candidates:
        if value is None:
            data = MultiValueDict({})
        elif isinstance(value, list):
            data = MultiValueDict({f"{step}-{step}": value})
        else:
            data = MultiValueDict({f"{step}-{step}": [value]})
        form = form_class(data=data, prefix=step, later=later)
        expected = form.answer() if form.is_valid() else None
        assert form_class.stored_answer(data, prefix=step, later=later) == expected, value
        seen.add(expected is None)
    assert form_class.stored_answer(None, prefix=step, later=later) is None
    assert seen == {True, False}  # both valid and refused values were tried


# --- a stored date read without building its form (the check page) --------------------------

# What people type, and what a stored form may hold (kept by a language switch as typed):
# every refusal of the rules, the fields' own (too long, NUL, an unknown era) and blanks.
# The fields refuse more than 8 characters where the rules would read the date: "令和   9  年"
# (9 characters; the spaces inside are ignored) and " 4  " (stripped first, so accepted).
YEARS = ["", "2027", " 2027 ", "２０２７", "令和9", "R9", "r9年", "9", "元", "平成31", "平成32",
         "昭和50", "2207", "27", "abc", "123456789", "20\x0027", "令和   9  年"]
MONTHS = ["", "1", "4", "12", "13", "0", "２", "x", "    4    "]
DAYS = ["", "1", "29", "31", "x"]
ERAS_SENT = [None, "", "reiwa", "heisei", "western", " reiwa", "showa"]


def stored_dates(step: str):
    era = step == "license_expiry"
    for year in YEARS:
        for month in MONTHS:
            for day in DAYS:
                for sent in (ERAS_SENT if era else [None]):
                    data = {"year": year, "month": month, "day": day}
                    if sent is not None:
                        data["era"] = sent
                    yield data
    if step == "card_expiry":  # a date far off confirmed: the date itself, another, too long
        for confirmed in ["2027-12-01", "2027-12-02", "", "x" * 11]:
            yield {"year": "2027", "month": "12", "day": "1", "confirmed": confirmed}


@pytest.mark.parametrize(("step", "reason"), [
    ("card_expiry", "expiring"), ("card_expiry", "expired"), ("card_expiry", None),
    ("license_expiry", None), ("birthday", None)])
def test_a_stored_date_reads_as_its_form_cleans_it(step, reason):
    from django.utils.datastructures import MultiValueDict

    form_class = FORM[step]
    kwargs = {"reason": reason, "today": date(2027, 2, 1)} if step == "card_expiry" else {}
    seen = set()
    boxes = ("month", "day") if step == "birthday" else None
    for fields in stored_dates(step):
        if boxes:
            fields = {name: value for name, value in fields.items() if name in boxes}
        data = MultiValueDict({f"{step}-{name}": [value] for name, value in fields.items()})
        form = form_class(data=data, prefix=step, **kwargs)
        expected = form.answer() if form.is_valid() else None
        assert form_class.stored_answer(data, prefix=step, **kwargs) == expected, fields
        seen.add(expected is None)
    assert form_class.stored_answer(None, prefix=step, **kwargs) is None  # an unbound form
    assert seen == {True, False}
