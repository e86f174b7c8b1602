"""The questionnaire codec, shared by the wizard and the counter: answers → form data,
forms → answers, and which questions apply. Field names are formtools' and Django's:
`<step>-<field>` (the step is the form's prefix)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from guide.answers import CHOICES, Answers, answers_applicable, answers_lenient, answers_parse, answers_query

from .questions import QUESTION_BY_STEP, QUESTIONS, Question


def questions_applicable(answers: Answers) -> tuple[Question, ...]:
    """The questions on this person's path, in the order they are asked."""
    applicable = answers_applicable(answers)
    return tuple(q for q in QUESTIONS if q.step in applicable)


def _date_fields(value: str, *, with_year: bool) -> dict[str, str]:
    if not value:
        return {}
    if with_year:
        parsed = date.fromisoformat(value)
        return {"era": "western", "year": str(parsed.year), "month": str(parsed.month),
                "day": str(parsed.day)}
    month, day = value.split("-")
    return {"month": str(int(month)), "day": str(int(day))}


def question_data(question: Question, value: str) -> dict[str, str]:
    """One question's form data (prefixed) for its permalink value ("" when not given)."""
    if question.kind == "choice":
        fields = {question.step: value} if value else {}
    else:
        fields = _date_fields(value, with_year=question.kind != "month_day")
    return {f"{question.step}-{name}": text for name, text in fields.items()}


def form_data(answers: Answers) -> dict[str, dict[str, str]]:
    """The form data of every applicable question, by step: to refill the forms."""
    query = answers_query(answers)
    return {q.step: question_data(q, query.get(q.step, "")) for q in questions_applicable(answers)}


def answers_from_raw(get: Callable[[str], str | None]) -> Answers:
    """The choices in raw form data (`get` of a prefixed field name), each that does not parse
    left at its default: to decide which questions apply while a person is still answering."""
    return answers_lenient(query={step: get(f"{step}-{step}") for step in CHOICES})


def answers_from_forms(forms: Iterable[tuple[str, object]]) -> Answers:
    """The answers of valid forms (step, form), each cleaned to its permalink value."""
    return answers_parse(query={step: form.answer() for step, form in forms
                                if step in QUESTION_BY_STEP})


def storage_data(data: Mapping[str, str]) -> dict[str, list[str]]:
    """Form data as formtools stores it: every value in a list."""
    return {key: [value] for key, value in data.items()}
