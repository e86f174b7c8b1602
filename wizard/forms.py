"""One form per question. Each form cleans to the parameter's permalink value
(`<parameter>`: a choice value, "YYYY-MM-DD", "MM-DD" or "" when left blank)."""

from __future__ import annotations

import calendar
from datetime import date

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext as _, gettext_lazy

from guide.answers import DATE_YEARS, Reason
from guide.rules import card_window_of

from .checklist import date_format
from .dates import ERAS as ERA_INFO, DateInputError, date_from_era, date_from_parts, int_parse, year_parse
from .questions import ERAS, QUESTION_BY_STEP, Question

# Plausible ranges: My Number Cards exist since 2016 and last at most 10 years; a license
# lasts at most 5 years. A year outside these is almost surely a typing mistake.
CARD_YEARS = DATE_YEARS["card_expiry"]
LICENSE_YEARS = DATE_YEARS["license_expiry"]


class QuestionForm(forms.Form):
    """A question whose answer is one of its choices (radios)."""

    question: Question

    def __init__(self, *args, later: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        q = self.question
        choices = q.choices_for(later=later)
        self.title = q.title_for(later=later)
        self.choice_hints = {c.value: c.hint for c in choices}
        self.fields[q.step] = forms.ChoiceField(
            choices=[(c.value, c.label) for c in choices],
            widget=forms.RadioSelect,
            error_messages={
                "required": gettext_lazy("Select one of the answers."),
                "invalid_choice": gettext_lazy("Select one of the answers shown."),
            },
        )

    @classmethod
    def stored_answer(cls, data, *, prefix: str, later: bool = False) -> str | None:
        """What a form of this question bound to `data` cleans to, or None when it would not
        validate, without building the form: the check page reads every stored answer, and
        a form with its ChoiceField costs ~25 µs to build. The same rules as the field's
        (required, one of the choices shown for the stage, compared as text);
        tests/test_forms.py checks both agree for every question and value."""
        if data is None:
            return None
        values = [c.value for c in cls.question.choices_for(later=later)]
        return _stored_choice_box(data, f"{prefix}-{cls.question.step}", values) or None  # required

    @property
    def answer_field(self):
        return self[self.question.step]

    def options(self) -> list[dict]:
        """The radios, each with its hint, for the template."""
        field = self.answer_field
        current = field.value()
        return [
            {"id": f"{field.auto_id}_{index}", "value": value, "label": label,
             "hint": self.choice_hints.get(value), "checked": value == current}
            for index, (value, label) in enumerate(field.field.choices)
        ]

    def answer(self) -> str:
        return self.cleaned_data[self.question.step]


def _parts(form: forms.Form, names: tuple[str, ...]) -> dict[str, str]:
    return {name: (form.cleaned_data.get(name) or "").strip() for name in names}


def _day_message(last: int) -> str:
    return _("That month has %(last)s days: enter a day from 1 to %(last)s.") % {"last": last}


# Where each date is printed: every refusal says it, after what to type instead.
WHERE_PRINTED = {
    "card_expiry": gettext_lazy("The expiry date is printed on the front of your current My Number Card."),
    "license_expiry": gettext_lazy("The date is printed on the plastic license. If you have only a My Number Card with license information, read it with the license-reading app or マイナポータル."),
}


# Each date box as its field cleans it (forms.CharField: stripped, at most BOX_MAX characters,
# no NUL), and the era select (forms.ChoiceField, not stripped): for reading stored data the
# way the forms would, without building them (the check page reads every stored date).
BOX_MAX = 8
CONFIRMED_MAX = 10


def _stored_box(data, key: str, *, limit: int) -> str | None:
    """A CharField's cleaned value of stored data, or None when the field would refuse it."""
    value = data.get(key)
    if value in forms.Field.empty_values:
        return ""
    value = str(value).strip()
    if len(value) > limit or "\x00" in value:
        return None
    return value


def _stored_choice_box(data, key: str, values) -> str | None:
    """A ChoiceField's cleaned value of stored data ("" when blank), or None when it is not
    one of `values` (compared as text, as the field compares)."""
    value = data.get(key)
    if value in forms.Field.empty_values:
        return ""
    value = str(value)
    return value if any(value == str(v) for v in values) else None


class _Refused(Exception):
    """Stored data that its form would refuse (see _Refusing)."""


class _Refusing:
    """Rules reading stored data rather than a form: any refusal ends the reading."""

    def _refuse(self, message: str, *boxes: str) -> None:
        raise _Refused

    def _question_date(self, kind: str, value: date, message: str) -> None:
        raise _Refused


class _DateRules:
    """How a date's boxes are read once their fields have cleaned them: what DateForm.clean()
    does, apart from Django's fields, so that the same rules read stored data
    (DateForm.stored_answer). A subclass says how a refusal is recorded (`_refuse`,
    `_question_date`)."""

    question: Question
    with_era = False
    years: tuple[int, int] = CARD_YEARS
    box_names: tuple[str, ...] = ("year", "month", "day")
    reason: str | None
    today: date | None

    def _with_where(self, message: str) -> str:
        return _with_where(message, self.question.step)

    def _refuse(self, message: str, *boxes: str) -> None:
        raise NotImplementedError

    def _question_date(self, kind: str, value: date, message: str) -> None:
        raise NotImplementedError

    def _read(self, parts: dict[str, str], *, era: str | None, confirmed: str | None) -> str | None:
        """The date's permalink value ("" when all boxes are blank), or None after a refusal.
        A date that contradicts the reason is questioned and still read (the form keeps it)."""
        if not any(parts.values()):
            return ""
        missing = [name for name in self.box_names if not parts[name]]
        if missing:
            self._refuse(_("Fill in the year, the month and the day, or leave all three boxes blank."), *missing)
            return None
        # Without an era sent, the choice shown first (令和), as the page shows it.
        chosen = (era or "reiwa") if self.with_era else "western"
        try:
            typed = year_parse(parts["year"], era=chosen)
        except DateInputError as error:
            typed = error
        month, day = int_parse(parts["month"]), int_parse(parts["day"])
        bad = [name for name, wrong in (("year", isinstance(typed, DateInputError)
                                         and typed.code == "not_a_number"),
                                        ("month", month is None), ("day", day is None)) if wrong]
        if bad:
            self._refuse(self._number_message(bad[0]), *bad)
            return None
        if isinstance(typed, DateInputError):
            self._year_refusal(typed.code)
            return None
        if not 1 <= month <= 12:
            self._refuse(_("The month must be a number from 1 to 12."), "month")
            return None
        try:
            if typed.era == "western":
                value = date_from_parts(year=typed.year, month=month, day=day)
            else:
                value = date_from_era(era=typed.era, year=typed.year, month=month, day=day)
        except DateInputError as error:
            self._date_error(error, typed=typed, month=month)
            return None
        low, high = self.years
        if not low <= value.year <= high:
            self._out_of_range()
            return None
        self._cross_check(value, confirmed=confirmed)
        return value.isoformat()

    def _number_message(self, box: str) -> str:
        if box == "month":
            return _("Type the month as a number from 1 to 12.")
        if box == "day":
            return _("Type the day as a number from 1 to 31.")
        if self.with_era:
            return _("Type the year as a number: for 令和9年, choose 令和 and type 9 (or type 令和9); or type a Western year, such as 2027.")
        return _("Type the year as a number, such as 2027 (令和9 is understood too).")

    def _year_refusal(self, code: str) -> None:
        if code == "gannen_western":
            self._refuse(_("元 is the first year of an era: type 令和元 (or choose 令和 under Calendar and type 元), or type the Western year, such as 2019."), "year")
        else:  # old_era
            self._refuse(_("Type a 令和 or 平成 year, such as 令和9, or a Western year, such as 2027."), "year")

    def _date_error(self, error: DateInputError, *, typed, month: int) -> None:
        era = typed.era
        if error.code == "invalid_date":
            # Only the day can be wrong here: the month was checked above.
            western = typed.year if era == "western" else ERA_INFO[era].to_western_year(typed.year)
            self._refuse(_day_message(calendar.monthrange(western, month)[1]), "day")
        elif error.code == "era_year" and era == "reiwa":
            if typed.year == 1:  # 令和元年 before May 1
                self._refuse(_("令和 began on May 1, 2019 (令和元年5月1日): a date before that is in 平成, such as 平成31年4月30日. Choose 平成, or check the month."), "year", "month")
            else:
                self._refuse(_("A 令和 year is 元 or a number from 1 to 99, such as 9 for 令和9年. Or type a Western year in 4 digits, such as 2027."), "year")
        elif error.code == "era_year":
            self._refuse(_("A 平成 year is 元 or a number such as 31 (平成元年 began on January 8, 1989). Or type a Western year in 4 digits, such as 2019."), "year")
        elif typed.year >= 1000:  # year_range: four digits, far off (2207 for 2027)
            self._out_of_range()
        elif self.with_era:  # year_range: a short Western year such as 9 or 27
            self._refuse(_("With 西暦 chosen, type the year in 4 digits, such as 2027. For a year such as 令和9年, choose 令和 under Calendar and type 9."), "year")
        else:
            self._refuse(_("Type the year in 4 digits, such as 2027, or as a 令和 year, such as 令和9."), "year")

    def _out_of_range(self) -> None:
        low, high = self.years
        self._refuse(_("Check the year: the date should fall between %(low)s and %(high)s.")
                     % {"low": low, "high": high}, "year")

    def _cross_check(self, value: date, *, confirmed: str | None) -> None:
        """rules.md §2–3: "fewer than 3 months left" means the card has not expired and its
        renewal window W has opened. A date outside that is questioned, never acted on."""
        if self.reason != Reason.EXPIRING or self.today is None:
            return
        window = card_window_of(value)
        if value < self.today:
            self._question_date("past", value, _("%(date)s has already passed, but you answered that your card expires in less than 3 months. Check the expiry date on the front of your card. If your card has already expired, change your answer to “My card has already expired”.") % {
                "date": date_format(value)})
        elif self.today < window.start and confirmed != value.isoformat():
            self._question_date("far", value, _("%(date)s is more than 3 months away, but you answered that your card expires in less than 3 months: for that reason the new card can be applied for from %(start)s. Check the expiry date on the front of your card, or your reason for getting a new card. If both are right, confirm the date.") % {
                "date": date_format(value), "start": date_format(window.start)})


class _StoredDate(_Refusing, _DateRules):
    """The rules of a date form, reading stored data."""

    def __init__(self, form_class, *, reason: str | None, today: date | None) -> None:
        self.question = form_class.question
        self.with_era = form_class.with_era
        self.years = form_class.years
        self.reason = reason
        self.today = today


class DateForm(_DateRules, forms.Form):
    """A date as separate year, month and day boxes, optional, full-width digits accepted.

    With an era select (the license expiry: 令和 first, as the plastic license prints it), the
    year may be in 令和 or 平成; an era written in the year box (令和9, R9) is understood with or
    without it. A refusal is one message for the whole date (on its first wrong box, with every
    wrong box marked), saying what to type instead and where the date is printed.

    The card expiry is checked against the reason given earlier (`reason`, `today`: formtools
    has no cross-step validation, so the wizard and the counter pass them in): "fewer than 3
    months left" with a date already past or more than 3 months away is questioned, never
    silently turned into another plan. A date far off may be confirmed (`confirmed` holds the
    date confirmed, so a changed date is questioned again).
    """

    def __init__(self, *args, later: bool = False, reason: str | None = None,
                 today: date | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.title = self.question.title
        self.reason = reason
        self.today = today
        self.error_boxes: set[str] = set()
        # Set when the date contradicts the reason: "past" or "far" (see _cross_check).
        self.cross_check: str | None = None
        self.cross_check_value: str | None = None
        self.cross_check_date: str | None = None
        if self.with_era:
            self.fields["era"] = forms.ChoiceField(
                choices=ERAS, initial="reiwa", required=False,
                error_messages={"invalid_choice": gettext_lazy("Choose 令和, 平成 or 西暦 under Calendar.")})
        too_long = _too_long(self.question.step)  # lazy: read only when refused
        for name, label in (("year", gettext_lazy("Year")), ("month", gettext_lazy("Month")),
                            ("day", gettext_lazy("Day"))):
            self.fields[name] = forms.CharField(label=label, required=False, max_length=BOX_MAX,
                                                error_messages={"max_length": too_long})
        if self.question.step == "card_expiry":
            self.fields["confirmed"] = forms.CharField(required=False, max_length=CONFIRMED_MAX)

    @classmethod
    def stored_answer(cls, data, *, prefix: str, later: bool = False, reason: str | None = None,
                      today: date | None = None) -> str | None:
        """What a form of this question bound to `data` cleans to, or None when it would not
        validate, without building the form (~70 µs with its fields): each box as its field
        cleans it, then the same rules as clean(). tests/test_forms.py checks both agree."""
        if data is None:  # nothing stored: the form would be unbound
            return None
        parts = {name: _stored_box(data, f"{prefix}-{name}", limit=BOX_MAX) for name in cls.box_names}
        confirmed = (_stored_box(data, f"{prefix}-confirmed", limit=CONFIRMED_MAX)
                     if cls.question.step == "card_expiry" else "")
        era = _stored_choice_box(data, f"{prefix}-era", [v for v, _label in ERAS]) if cls.with_era else ""
        if None in parts.values() or confirmed is None or era is None:
            return None
        try:
            return _StoredDate(cls, reason=reason, today=today)._read(
                parts, era=era or None, confirmed=confirmed)
        except _Refused:
            return None

    def _refuse(self, message: str, *boxes: str) -> None:
        """One message for the date, on its first wrong box; every wrong box is marked."""
        self.error_boxes.update(boxes)
        self.add_error(boxes[0], self._with_where(message))

    def _question_date(self, kind: str, value: date, message: str) -> None:
        self.cross_check = kind
        self.cross_check_value = value.isoformat()
        self.cross_check_date = date_format(value)
        self.error_boxes.update(self.box_names)
        self.add_error("year", message)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        value = self._read(_parts(self, self.box_names), era=cleaned.get("era"),
                           confirmed=cleaned.get("confirmed"))
        if value is not None:
            cleaned["value"] = value
        return cleaned

    def answer(self) -> str:
        return self.cleaned_data["value"]


def _with_where(message: str, step: str) -> str:
    """A refusal of a date, then where the date is printed."""
    where = WHERE_PRINTED.get(step)
    return _("%(problem)s %(where)s") % {"problem": message, "where": where} if where else message


def _too_long_text(step: str) -> str:
    return _with_where(_("That is too long for a date box: type numbers, such as 2027, 4 and 20."), step)


_too_long = lazy(_too_long_text, str)


class _MonthDayRules:
    """How a birthday's boxes are read once their fields have cleaned them (as _DateRules)."""

    box_names: tuple[str, ...] = ("month", "day")

    def _refuse(self, message: str, *boxes: str) -> None:
        raise NotImplementedError

    def _read(self, parts: dict[str, str]) -> str | None:
        """The birthday's "MM-DD" ("" when both boxes are blank), or None after a refusal."""
        if not any(parts.values()):
            return ""
        missing = [name for name in self.box_names if not parts[name]]
        if missing:
            self._refuse(_("Fill in both the month and the day, or leave both boxes blank."), *missing)
            return None
        month, day = int_parse(parts["month"]), int_parse(parts["day"])
        if month is None:
            self._refuse(_("Type the month as a number from 1 to 12."), "month", *(("day",) if day is None else ()))
            return None
        if day is None:
            self._refuse(_("Type the day as a number from 1 to 31."), "day")
            return None
        if not 1 <= month <= 12:
            self._refuse(_("The month must be a number from 1 to 12."), "month")
            return None
        last = calendar.monthrange(2000, month)[1]  # a leap year: 02-29 is a birthday
        if not 1 <= day <= last:
            self._refuse(_day_message(last), "day")
            return None
        return f"{month:02d}-{day:02d}"


class _StoredMonthDay(_Refusing, _MonthDayRules):
    """The rules of the birthday form, reading stored data."""


class MonthDayForm(_MonthDayRules, forms.Form):
    """A birthday: month and day, optional; one message for the whole date, like DateForm."""

    question: Question

    def __init__(self, *args, later: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.title = self.question.title
        self.error_boxes: set[str] = set()
        self.cross_check = None
        self.fields["month"] = forms.CharField(label=gettext_lazy("Month"), required=False, max_length=BOX_MAX)
        self.fields["day"] = forms.CharField(label=gettext_lazy("Day"), required=False, max_length=BOX_MAX)

    @classmethod
    def stored_answer(cls, data, *, prefix: str, later: bool = False) -> str | None:
        """As DateForm.stored_answer: the form's cleaned value without building it."""
        if data is None:
            return None
        parts = {name: _stored_box(data, f"{prefix}-{name}", limit=BOX_MAX) for name in cls.box_names}
        if None in parts.values():
            return None
        try:
            return _StoredMonthDay()._read(parts)
        except _Refused:
            return None

    def _refuse(self, message: str, *boxes: str) -> None:
        self.error_boxes.update(boxes)
        self.add_error(boxes[0], message)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        value = self._read(_parts(self, self.box_names))
        if value is not None:
            cleaned["value"] = value
        return cleaned

    def answer(self) -> str:
        return self.cleaned_data["value"]


class CheckForm(forms.Form):
    """The check-your-answers page: nothing to fill in, a button to see the checklist."""

    def __init__(self, *args, later: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.title = gettext_lazy("Check your answers")


def _form_class(question: Question) -> type[forms.Form]:
    base = {"choice": QuestionForm, "date": DateForm, "era_date": DateForm,
            "month_day": MonthDayForm}[question.kind]
    attrs: dict[str, object] = {"question": question}
    if question.kind == "era_date":
        attrs.update(with_era=True, years=LICENSE_YEARS)
    return type(f"{question.step.title().replace('_', '')}Form", (base,), attrs)


FORMS: list[tuple[str, type[forms.Form]]] = [
    (step, _form_class(q)) for step, q in QUESTION_BY_STEP.items()
] + [("check", CheckForm)]
