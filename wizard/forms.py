"""One form per question. Each form cleans to the parameter's permalink value
(`<parameter>`: a choice value, "YYYY-MM-DD", "MM-DD" or "" when left blank)."""

from __future__ import annotations

import calendar
from datetime import date

from django import forms
from django.utils.translation import gettext as _, gettext_lazy

from guide.answers import DATE_YEARS

from .dates import ERAS as ERA_INFO, DateInputError, date_from_era, date_from_parts, int_parse
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


class DateForm(forms.Form):
    """A date as separate year, month and day boxes, optional, full-width digits accepted.
    With an era select, the year may be in 令和 or 平成 (the plastic license prints it so)."""

    question: Question
    with_era = False
    years: tuple[int, int] = CARD_YEARS

    def __init__(self, *args, later: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.title = self.question.title
        if self.with_era:
            self.fields["era"] = forms.ChoiceField(choices=ERAS, initial="western", required=False)
        for name, label in (("year", gettext_lazy("Year")), ("month", gettext_lazy("Month")),
                            ("day", gettext_lazy("Day"))):
            self.fields[name] = forms.CharField(label=label, required=False, max_length=8)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        parts = _parts(self, ("year", "month", "day"))
        if not any(parts.values()):
            cleaned["value"] = ""
            return cleaned
        numbers = {name: int_parse(text) for name, text in parts.items()}
        if (cleaned.get("era") or "western") != "western" and parts["year"] == "元":
            numbers["year"] = 1  # 元年, the first year of an era, as licenses print it
        missing = [name for name, text in parts.items() if not text]
        for name in ("year", "month", "day"):
            if name in missing:
                self.add_error(name, {
                    "year": _("Enter the year."), "month": _("Enter the month."),
                    "day": _("Enter the day."),
                }[name])
            elif numbers[name] is None:
                self.add_error(name, _("Use numbers only."))
        if self.errors:
            return cleaned
        year, month, day = numbers["year"], numbers["month"], numbers["day"]
        if not 1 <= month <= 12:
            self.add_error("month", _("The month must be a number from 1 to 12."))
            return cleaned
        era = cleaned.get("era") or "western"
        try:
            if era == "western":
                value = date_from_parts(year=year, month=month, day=day)
            else:
                value = date_from_era(era=era, year=year, month=month, day=day)
        except DateInputError as error:
            self._date_error(error, era=era, year=year, month=month, day=day)
            return cleaned
        low, high = self.years
        if not low <= value.year <= high:
            self.add_error("year", _("Check the year: it should be a Western-calendar year between %(low)s and %(high)s.")
                           % {"low": low, "high": high})
            return cleaned
        cleaned["value"] = value.isoformat()
        return cleaned

    def _date_error(self, error: DateInputError, *, era: str, year: int, month: int,
                    day: int) -> None:
        if error.code == "invalid_date":
            # Only the day can be wrong here: the month was checked above.
            western = year if era == "western" else ERA_INFO[era].to_western_year(year)
            last = calendar.monthrange(western, month)[1]
            self.add_error("day", _day_message(last))
        elif error.code == "era_year":
            self.add_error("year", {
                "reiwa": _("令和 began on May 1, 2019 (令和元年). Check the year, or choose another calendar."),
                "heisei": _("Check the 平成 year: 平成 began on January 8, 1989 (平成元年)."),
            }[era])
        elif year < 1000:  # year_range: a short year such as 27
            self.add_error("year", _("Check the year: it should have four digits, such as 2027."))
        else:  # year_range: four digits, far off (2207 for 2027)
            low, high = self.years
            self.add_error("year", _("Check the year: it should be a Western-calendar year between %(low)s and %(high)s.")
                           % {"low": low, "high": high})

    def answer(self) -> str:
        return self.cleaned_data["value"]


class MonthDayForm(forms.Form):
    """A birthday: month and day, optional."""

    question: Question

    def __init__(self, *args, later: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.title = self.question.title
        self.fields["month"] = forms.CharField(label=gettext_lazy("Month"), required=False, max_length=8)
        self.fields["day"] = forms.CharField(label=gettext_lazy("Day"), required=False, max_length=8)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        parts = _parts(self, ("month", "day"))
        if not any(parts.values()):
            cleaned["value"] = ""
            return cleaned
        month, day = int_parse(parts["month"]), int_parse(parts["day"])
        if not parts["month"]:
            self.add_error("month", _("Enter the month."))
        elif month is None:
            self.add_error("month", _("Use numbers only."))
        elif not 1 <= month <= 12:
            self.add_error("month", _("The month must be a number from 1 to 12."))
        if not parts["day"]:
            self.add_error("day", _("Enter the day."))
        elif day is None:
            self.add_error("day", _("Use numbers only."))
        if self.errors:
            return cleaned
        last = calendar.monthrange(2000, month)[1]  # a leap year: 02-29 is a birthday
        if not 1 <= day <= last:
            self.add_error("day", _day_message(last))
            return cleaned
        cleaned["value"] = f"{month:02d}-{day:02d}"
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
