"""The pages the tests and the benchmarks measure (the richest checklist, a common one, the
first question), so that the page-weight and layout tests, bench/server.py and
bench/lighthouse.py all measure the same pages. bench/pages.py reads them from here.

Pure Python (no Django): the richest checklist is built from the rules module.
"""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from guide.answers import Answers, MonthDay, answers_parse, answers_query
from guide.dates import months_add

LANGUAGES = ("ja", "en")

# The richest checklist: every date known and the most items any answers give (20 of the 40),
# with the timeline, the offices, the four conditions and a long answer list. Found by
# evaluating every categorical combination with these dates (bench/rules.py checks that no
# combination gives more items); among the combinations with 20 items this one makes the
# longest page in both languages. (rules.md v2: a plan to apply at the window now also gets
# the online steps it is told to switch to.)
RICHEST_CHOICES = {
    "holding": "unsure",
    "reason": "expiring",
    "stage": "before",
    "channel": "window",
    "cert_submitted": "unsure",
    "license_status": "suspended",
    "special_chars": "unsure",
}
RICHEST_ITEM_COUNT = 20


def richest_dates(today: date) -> dict[str, str]:
    """Dates, relative to today, that put the card application and the license renewal in
    the same season with the card first (rules.md §3): every dated item applies."""
    # Fewer than 3 months left on the card, as the reason says (the wizard checks it).
    card_expiry = today + timedelta(days=80)
    license_expiry = today + timedelta(days=160)
    birthday = months_add(license_expiry, -1)
    return {"card_expiry": card_expiry.isoformat(),
            "license_expiry": license_expiry.isoformat(),
            "birthday": str(MonthDay(birthday.month, birthday.day))}


# A common checklist: someone with a マイナ免許証 only, before applying online, everything in
# order, card and license dates known (the path most people of the flyer take).
COMMON_CHOICES = {
    "holding": "myna_only",
    "reason": "expiring",
    "stage": "before",
    "channel": "online",
    "cert_submitted": "yes",
    "license_status": "valid",
    "special_chars": "no",
}


def common_query(today: date) -> str:
    card_expiry = today + timedelta(days=80)
    license_expiry = today + timedelta(days=400)
    birthday = months_add(license_expiry, -1)
    answers = answers_parse(query={**COMMON_CHOICES, "card_expiry": card_expiry.isoformat(),
                                   "license_expiry": license_expiry.isoformat(),
                                   "birthday": str(MonthDay(birthday.month, birthday.day))})
    return urlencode(answers_query(answers))


def richest_answers(today: date) -> Answers:
    return answers_parse(query={**RICHEST_CHOICES, **richest_dates(today)})


def richest_query(today: date) -> str:
    """The permalink query of the richest checklist (the order the guide itself writes)."""
    return urlencode(answers_query(richest_answers(today)))


def checklist_path(lang: str, today: date) -> str:
    return f"/{lang}/checklist/?{richest_query(today)}"


def question_path(lang: str, step: str = "holding") -> str:
    return f"/{lang}/questions/{step}/"


# The wizard's pages of each kind (wizard/questions.py), all on the richest checklist's path:
# its answers, loaded into a session with /<lang>/questions/load/, make every one of them apply.
QUESTION_KINDS = {
    "choice": "holding",
    "date": "card_expiry",
    "era_date": "license_expiry",
    "month_day": "birthday",
    "check": "check",
}
