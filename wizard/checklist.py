"""From a plan to what the checklist page shows, in the active language.

The rules decide; this module only words and formats: headline, requirement panel, the
items of each step, and the person's answers with links to change them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import get_language, gettext as _

from .answers import Answers, answers_applies, answers_query
from .dates import date_en, date_ja
from .questions import QUESTION_BY_STEP, QUESTIONS
from .rules import STEPS, Plan
from .texts import TEXTS, ItemText


def date_format(d: date) -> str:
    """A date for a person: 西暦 and 和暦 in Japanese, a plain date in English."""
    return date_ja(d) if get_language() == "ja" else date_en(d)


def birthday_format(month: int, day: int) -> str:
    if get_language() == "ja":
        return f"{month}月{day}日"
    return date_en(date(2000, month, day)).rsplit(",", 1)[0]


def outcome_words(outcome: str) -> tuple[str, str]:
    """The headline and the one thing to do next, for each outcome of rules.md §5."""
    return {
        "on_track": (
            _("Your license information should be carried over to the new card."),
            _("Follow the steps below. Check the result on the issuance notice when it comes."),
        ),
        "at_risk": (
            _("Your license information may not be carried over."),
            _("Some answers are not known yet. Check the points below before you go on."),
        ),
        "no_carryover": (
            _("Your license information will not be carried over to the new card."),
            _("See below how to have it recorded at the license center, or how to change course while you still can."),
        ),
        "recorded": (
            _("Your license information was recorded on the new card."),
            _("Collect the card and check it with the license-reading app."),
        ),
        "record_free": (
            _("Your license information was not recorded on the new card."),
            _("Have it recorded at the license center: no fee is charged."),
        ),
        "record_with_fee": (
            _("Your license information was not carried over to the new card."),
            _("Have it recorded at the license center: the recording fee is charged."),
        ),
        "not_applicable": (
            _("The carryover of license information does not concern you."),
            _("See below why, and what you can do instead."),
        ),
    }[outcome]


def step_heading(step: str) -> str:
    return {
        "1": _("Before you apply for the new card"),
        "2": _("Applying for the new card"),
        "3": _("The issuance notice (交付通知書) and collecting the card"),
        "4": _("At your license renewal"),
        "na": _("Why the carryover does not apply"),
    }[step]


STEP_MARKS = {"1": "①", "2": "②", "3": "③", "4": "④", "na": ""}


def requirement_words(requirement: str) -> str:
    return {
        "holding": _("You hold a マイナ免許証"),
        "certificate_submitted": _("Your 署名用電子証明書 was submitted to the police before the application"),
        "online_application": _("You apply online"),
        "new_certificate": _("In the application, you do the マイナ免許証等継続利用 step and ask for a new 署名用電子証明書"),
    }[requirement]


def status_words(status: str) -> str:
    return {"met": _("Done"), "unmet": _("Not met"), "unknown": _("Not known"),
            "todo": _("To do")}[status]


@dataclass(frozen=True, slots=True)
class ShownItem:
    id: str
    text: ItemText


@dataclass(frozen=True, slots=True)
class ShownStep:
    step: str
    mark: str
    heading: str
    items: tuple[ShownItem, ...]


def answer_rows(answers: Answers, *, change_url) -> list[dict[str, str]]:
    """The person's answers to the questions on their path, each with a link to change it."""
    return [
        {
            "step": question.step,
            "question": str(question.summary),
            "answer": answer_words(question.step, getattr(answers, question.step), answers),
            "change_url": change_url(question.step),
        }
        for question in QUESTIONS
        if answers_applies(parameter=question.step, answers=answers)
    ]


def answer_words(step: str, value, answers: Answers) -> str:
    if value is None:
        return _("Not given")
    question = QUESTION_BY_STEP[step]
    if question.kind == "choice":
        later = answers.stage != "before"
        choices = question.choices_later if later and question.choices_later else question.choices
        return str({c.value: c.label for c in choices}[str(value)])
    if question.kind == "month_day":
        return birthday_format(value.month, value.day)
    return date_format(value)


def checklist_context(*, plan: Plan, answers: Answers) -> dict:
    """Everything the checklist templates show."""
    headline, next_step = outcome_words(plan.outcome)
    steps = []
    for step in STEPS:
        items = tuple(
            ShownItem(item.id, TEXTS[item.id](item.values, date_format))
            for item in plan.step_items(step)
        )
        if items:
            steps.append(ShownStep(step, STEP_MARKS[step], step_heading(step), items))
    query = answers_query(answers)
    encoded = urlencode(query)
    load_url = reverse("wizard_load")

    def change_url(step: str) -> str:
        return f"{load_url}?{urlencode({**query, 'step': step})}"

    return {
        "plan": plan,
        "outcome": plan.outcome,
        "headline": headline,
        "next_step": next_step,
        "requirements": [
            {"id": rid, "status": status, "label": requirement_words(rid),
             "status_label": status_words(status)}
            for rid, status in plan.requirements
        ],
        "steps": steps,
        "answers": answer_rows(answers, change_url=change_url),
        "query": encoded,
        "today": date_format(plan.situation.today),
    }
