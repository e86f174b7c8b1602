"""The questionnaire codec, shared by the wizard and the counter: answers → form data,
forms → answers, and which questions apply. Field names are formtools' and Django's:
`<step>-<field>` (the step is the form's prefix)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from itertools import product

from guide.answers import (CHOICES, Answers, Reason, answers_applicable, answers_lenient, answers_parse,
                           answers_query)

from .questions import QUESTION_BY_STEP, QUESTIONS, Question


def questions_applicable(answers: Answers) -> tuple[Question, ...]:
    """The questions on this person's path, in the order they are asked."""
    applicable = answers_applicable(answers)
    return tuple(q for q in QUESTIONS if q.step in applicable)


# The answers that decide which questions apply (answers_applicable reads only these).
CONTROLS: tuple[str, ...] = ("holding", "stage", "channel")
DEFAULTS: dict[str, str] = {name: str(getattr(Answers(), name)) for name in CONTROLS}


def _only_if() -> dict[str, dict[str, frozenset[str]]]:
    """For each question that does not always apply, the values of each control answer it
    needs: it applies exactly when every control has one of them. Worked out from
    answers_applicable over every combination (so the counter's script and its "only if"
    words cannot drift from the rules); a rule that is not of that form stops the import."""
    combos = [dict(zip(CONTROLS, values))
              for values in product(*(tuple(v.value for v in CHOICES[c]) for c in CONTROLS))]
    applies = [(combo, answers_applicable(answers_lenient(query=combo))) for combo in combos]
    table: dict[str, dict[str, frozenset[str]]] = {}
    for question in QUESTIONS:
        step = question.step
        allowed = {c: frozenset(combo[c] for combo, names in applies if step in names)
                   for c in CONTROLS}
        for combo, names in applies:
            if (step in names) != all(combo[c] in allowed[c] for c in CONTROLS):
                raise AssertionError(f"{step}: which answers it needs is not a simple rule")
        everything = {c: frozenset(v.value for v in CHOICES[c]) for c in CONTROLS}
        needs = {c: values for c, values in allowed.items() if values != everything[c]}
        if needs:
            table[step] = needs
    return table


ONLY_IF: dict[str, dict[str, frozenset[str]]] = _only_if()


def _date_fields(value: str, *, with_year: bool) -> dict[str, str]:
    if not value:
        return {}
    if with_year:
        parsed = date.fromisoformat(value)
        return {"era": "western", "year": str(parsed.year), "month": str(parsed.month),
                "day": str(parsed.day)}
    month, day = value.split("-")
    return {"month": str(int(month)), "day": str(int(day))}


def question_data(question: Question, value: str, *, confirmed: bool = False) -> dict[str, str]:
    """One question's form data (prefixed) for its permalink value ("" when not given).
    `confirmed`: a card expiry far off was confirmed when it was given (forms.DateForm's
    cross-check): refilled, it is not questioned again."""
    if question.kind == "choice":
        fields = {question.step: value} if value else {}
    else:
        fields = _date_fields(value, with_year=question.kind != "month_day")
        if question.step == "card_expiry" and value and confirmed:
            fields["confirmed"] = value
    return {f"{question.step}-{name}": text for name, text in fields.items()}


def form_data(answers: Answers) -> dict[str, dict[str, str]]:
    """The form data of every applicable question, by step: to refill the forms."""
    return refill_data(answers_query(answers), questions_applicable(answers))


def refill_data(query: Mapping[str, str], questions: Iterable[Question]) -> dict[str, dict[str, str]]:
    """The form data of these questions, by step, for a permalink query: answers given and
    checked before (so a card expiry far off with "fewer than 3 months left" was confirmed)."""
    confirmed = query.get("reason", Reason.EXPIRING.value) == Reason.EXPIRING.value
    return {q.step: question_data(q, query.get(q.step, ""), confirmed=confirmed) for q in questions}


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
