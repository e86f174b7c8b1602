"""From a plan to what the checklist page shows, in the active language.

The rules decide; this module only words and formats: headline, requirement panel, the
items of each step, and the person's answers with links to change them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote_plus, urlencode

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import get_language, gettext as _, gettext_lazy

from .answers import Answers, answers_applies, answers_query
from .dates import date_en, date_ja
from .questions import QUESTION_BY_STEP, QUESTIONS
from .apps import offices
from .fees import fee_in_force
from .rules import STEPS, Plan
from .texts import TEXTS, ItemText
from .timeline import timeline_build


def date_format(d: date) -> str:
    """A date for a person: 西暦 and 和暦 in Japanese, a plain date in English."""
    return date_ja(d) if get_language() == "ja" else date_en(d)


def birthday_format(month: int, day: int) -> str:
    if get_language() == "ja":
        return f"{month}月{day}日"
    return date_en(date(2000, month, day)).rsplit(",", 1)[0]


# The words of the page that do not depend on the person's answers, translated when shown
# (gettext_lazy): each page asks for a few of them, never for the whole table.
_OUTCOME_WORDS = {
    "on_track": (
        gettext_lazy("Your license information should be carried over to the new card."),
        gettext_lazy("Follow the steps below. Check the result on the issuance notice when it comes."),
    ),
    "at_risk": (
        gettext_lazy("Your license information may not be carried over."),
        gettext_lazy("Some answers are not known yet. Check the points below before you go on."),
    ),
    "no_carryover": (
        gettext_lazy("Your license information will not be carried over to the new card."),
        gettext_lazy("See below how to have it recorded at the license center, or how to change course while you still can."),
    ),
    "recorded": (
        gettext_lazy("Your license information was recorded on the new card."),
        gettext_lazy("Collect the card and check it with the license-reading app."),
    ),
    "record_free": (
        gettext_lazy("Your license information was not recorded on the new card."),
        gettext_lazy("Have it recorded at the license center: no fee is charged."),
    ),
    "record_with_fee": (
        gettext_lazy("Your license information was not carried over to the new card."),
        gettext_lazy("Have it recorded at the license center: the recording fee is charged."),
    ),
    "not_applicable": (
        gettext_lazy("The carryover of license information does not concern you."),
        gettext_lazy("See below why, and what you can do instead."),
    ),
}


def outcome_words(outcome: str) -> tuple[str, str]:
    """The headline and the one thing to do next, for each outcome of rules.md §5."""
    headline, next_step = _OUTCOME_WORDS[outcome]
    return str(headline), str(next_step)


_STEP_HEADINGS = {
    "1": gettext_lazy("Before you apply for the new card"),
    "2": gettext_lazy("Applying for the new card"),
    "3": gettext_lazy("The issuance notice (交付通知書) and collecting the card"),
    "4": gettext_lazy("At your license renewal"),
    "na": gettext_lazy("Why the carryover does not apply"),
}


def step_heading(step: str) -> str:
    return str(_STEP_HEADINGS[step])


STEP_MARKS = {"1": "①", "2": "②", "3": "③", "4": "④", "na": ""}


_REQUIREMENT_WORDS = {
    "holding": gettext_lazy("You hold a マイナ免許証"),
    "certificate_submitted": gettext_lazy("Your 署名用電子証明書 was submitted to the police before the application"),
    "online_application": gettext_lazy("You apply online"),
    "new_certificate": gettext_lazy("In the application, you do the マイナ免許証等継続利用 step and ask for a new 署名用電子証明書"),
}


def requirement_words(requirement: str) -> str:
    return str(_REQUIREMENT_WORDS[requirement])


_STATUS_WORDS = {"met": gettext_lazy("Done"), "unmet": gettext_lazy("Not met"),
                 "unknown": gettext_lazy("Not known"), "todo": gettext_lazy("To do")}


def status_words(status: str) -> str:
    return str(_STATUS_WORDS[status])


# Items that send the person somewhere, and the office service that takes them.
ITEM_SERVICES: dict[str, str] = {
    "s1.submit_certificate": "certificate",
    "s1.license_invalid": "inquiry",
    "s1.license_change_pending": "inquiry",
    "s2.offline_no_carryover": "recording",
    "s2.continue_use_missed": "recording",
    "s2.certificate_request_missed": "recording",
    "s3.record_free": "recording",
    "s3.record_with_fee": "recording",
    "s4.renewal_period": "renewal",
    "s4.license_expiry_past": "inquiry",
    "na.no_myna_license": "recording",
    "na.reason_not_eligible": "recording",
}


@dataclass(frozen=True, slots=True)
class ShownItem:
    id: str
    text: ItemText
    offices: tuple = ()


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


# The words of an item whose values hold no date (a channel, a fee, yes or no) are the same
# for everyone whose answers give that item: they are worded once per language and kept.
# Items with a date are the person's own and are worded on each request.
_PLAIN_VALUES = (bool, int, str)
_TEXT_CACHE: dict[tuple, ItemText] = {}


def _item_text(item_id: str, values, language: str) -> ItemText:
    if not all(isinstance(value, _PLAIN_VALUES) for value in values.values()):
        return TEXTS[item_id](values, date_format)
    key = (item_id, language, tuple(sorted(values.items())))
    text = _TEXT_CACHE.get(key)
    if text is None:
        text = _TEXT_CACHE[key] = TEXTS[item_id](values, date_format)
    return text


@receiver(setting_changed)
def _texts_forget(*, setting: str, **kwargs) -> None:
    """Tests switch catalogues (LOCALE_PATHS) and languages: word the items again."""
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "USE_I18N"):
        _TEXT_CACHE.clear()


def checklist_context(*, plan: Plan, answers: Answers) -> dict:
    """Everything the checklist templates show."""
    headline, next_step = outcome_words(plan.outcome)
    steps = []
    deployment = offices()
    language = get_language()
    used_offices: dict[str, object] = {}
    for step in STEPS:
        items = []
        for item in plan.step_items(step):
            service = ITEM_SERVICES.get(item.id)
            places = deployment.for_service(service) if service else ()
            used_offices.update((office.id, office) for office in places)
            items.append(ShownItem(item.id, _item_text(item.id, item.values, language),
                                   tuple(_office_name(o, language) for o in places)))
        items = tuple(items)
        if items:
            steps.append(ShownStep(step, STEP_MARKS[step], step_heading(step), items))
    query = answers_query(answers)
    encoded = urlencode(query)
    load_url = reverse("wizard_load")

    def change_url(step: str) -> str:
        # urlencode({**query, "step": step}), without encoding the whole query for each row.
        return f"{load_url}?{encoded}{'&' if encoded else ''}step={quote_plus(step)}"

    return {
        "offices": [_office_row(office, language) for office in deployment.offices
                    if office.id in used_offices],
        "timeline": timeline_view(plan),
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


def _office_name(office, language: str) -> dict[str, str]:
    return {"id": office.id, "name": office.name.get(language)}


def _office_row(office, language: str) -> dict[str, str]:
    return {
        "id": office.id, "name": office.name.get(language), "address": office.address.get(language),
        "hours": office.hours.get(language), "phone": office.phone,
        "reservation": office.reservation.get(language), "url": office.url,
    }


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _month_label(day: date, *, with_year: bool) -> str:
    if get_language() == "ja":
        return f"{day.year}年{day.month}月" if with_year else f"{day.month}月"
    name = _MONTHS_EN[day.month - 1]
    return f"{name} {day.year}" if with_year else name


def timeline_view(plan: Plan) -> dict | None:
    """The timeline's geometry with its labels in the page's language."""
    timeline = timeline_build(plan=plan)
    if timeline is None:
        return None
    bar_labels = {"card_window": _("Card application period"), "renewal": _("License renewal period")}
    marker_labels = {"today": _("Today"), "apply_by": _("Apply by")}
    months = [
        {"x": m.x, "width": m.width, "label": _month_label(m.start, with_year=i == 0 or m.start.month == 1),
         "text_x": round(m.x + 3, 1), "alt": i % 2 == 1}
        for i, m in enumerate(timeline.months)
    ]
    bars = [
        {"kind": b.kind, "x": b.x, "y": b.y, "width": b.width, "label": bar_labels[b.kind],
         "text_y": b.y - 4, "start": date_format(b.start), "end": date_format(b.end),
         # A bar that starts far right is labelled from its end, so the label stays inside.
         "anchor": "end" if b.x > timeline.width * 0.55 else "start",
         "text_x": round(b.x + b.width, 1) if b.x > timeline.width * 0.55 else b.x}
        for b in timeline.bars
    ]
    markers = [
        {"kind": m.kind, "x": m.x, "label": marker_labels[m.kind], "date": date_format(m.day),
         "anchor": "end" if m.x > timeline.width * 0.75 else "start",
         "text_x": round(m.x - 3 if m.x > timeline.width * 0.75 else m.x + 3, 1),
         # Each label on its own row (today first), the last one at the bottom.
         "text_y": timeline.height - 2 - 14 * (len(timeline.markers) - 1 - i)}
        for i, m in enumerate(timeline.markers)
    ]
    return {"width": timeline.width, "height": timeline.height, "months": months, "bars": bars,
            "markers": markers, "bottom": timeline.height - 2}


def fee_rows(*, on: date) -> list[dict[str, str]]:
    """The fees in force on a day, for the sources page."""
    labels = {
        "recording": _("Recording license information on a new card"),
        "renewal_card_only": _("License renewal, マイナ免許証 only (plus the lecture fee)"),
        "renewal_plastic_only": _("License renewal, plastic license only (plus the lecture fee)"),
        "renewal_both": _("License renewal, both (plus the lecture fee)"),
    }
    rows = []
    for kind, label in labels.items():
        fee = fee_in_force(kind=kind, on=on)
        rows.append({"label": label, "amount": _("%(amount)s yen") % {"amount": f"{fee.yen:,}"},
                     "since": date_format(fee.effective_from), "source": fee.source})
    return rows
