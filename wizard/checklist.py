"""From a plan to what the checklist page shows, in the active language.

The rules decide; this module only words and formats: headline, requirement panel, the
items of each step, and the person's answers with links to change them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from types import UnionType
from typing import Union, get_args, get_origin, get_type_hints
from urllib.parse import quote_plus, urlencode

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import get_language, gettext as _, gettext_lazy

from guide.answers import Answers, LicenseStatus, Stage, answers_applicable, answers_query
from guide.catalogue import MilestoneKind, Step
from guide.fees import fee_in_force
from guide.offices import Service
from guide.plan import Plan
from guide.rules import OFFLINE, Outcome
from mynalicense.jinja2 import url

from .apps import offices
from .dates import date_en, date_ja
from .questions import QUESTION_BY_STEP, QUESTIONS
from .texts import ItemText, channel_phrase, item_text, yen
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
def outcome_words(plan: Plan) -> tuple[str, str]:
    """The headline (where the person stands, in words true for their stage) and the line
    under it (what must happen next), for each outcome of rules.md §5."""
    a = plan.answers
    applied = a.has_applied
    match plan.outcome:
        case Outcome.ON_TRACK if not applied:
            return (_("Follow the steps below and your license information can be carried over."),
                    _("Start with “What to do next”."))
        case Outcome.ON_TRACK:
            return (_("Your application should carry your license information over."),
                    _("When the issuance notice comes, read its result: it tells you for sure."))
        case Outcome.AT_RISK if not applied:
            return (_("Your license information may not be carried over."),
                    _("Some things are not known yet: check the points below before you apply."))
        case Outcome.AT_RISK:
            return (_("Your license information may not have been carried over."),
                    _("The issuance notice will tell you; below is what to check and what to do."))
        case Outcome.NO_CARRYOVER if not applied and plan.answers.channel in OFFLINE:
            return (_("Applying %(channel)s does not carry your license information over.") % {
                        "channel": channel_phrase(a.channel)},
                    _("Apply online instead: the steps are below."))
        case Outcome.NO_CARRYOVER:
            return (_("Your license information will not be carried over to the new card."),
                    _("See below for how to have it recorded afterwards at a license center or police station."))
        case Outcome.RECORDED:
            return (_("The notice says your license information was recorded on the new card."),
                    _("Check the new card with the license-reading app before you drive with it."))
        case Outcome.RECORD_FREE:
            if plan.history:
                then = _("Have it recorded at a license center or police station, and ask there whether a fee is charged.")
            elif a.license_status is LicenseStatus.SUSPENDED:
                then = _("Once the suspension has ended, ask a license center or police station about having it recorded.")
            else:
                then = _("Have it recorded at a license center or police station: no fee is charged.")
            return (_("The notice says 記録：無 (not recorded): your license information is not on the new card."), then)
        case Outcome.RECORD_WITH_FEE:
            then = (_("Have it recorded at a license center or police station, and ask there whether a fee is charged.")
                    if plan.history else
                    _("Have it recorded at a license center or police station: the recording fee of %(fee)s is charged.") % {
                        "fee": yen(plan.fee)})
            return (_("The notice gives no result: your license information was not carried over."), then)
        case Outcome.NOT_APPLICABLE:
            return (_("The carryover of license information does not concern you."),
                    _("See below for why, and for what you can do instead."))
    raise AssertionError(plan.outcome)


def step_heading(step: Step, *, stage: Stage) -> str:
    """Each step's heading, in words that fit where the person is."""
    applied = stage is not Stage.BEFORE
    match step:
        case Step.BEFORE:
            return _("Before the application") if applied else _("Before you apply for the new card")
        case Step.APPLY:
            return _("The application you made") if applied else _("Applying for the new card")
        case Step.NOTICE:
            if stage is Stage.COLLECTED:
                return _("The new card")
            if stage is Stage.NOTICE:
                return _("The issuance notice (交付通知書) has come: collecting the card")
            return _("The issuance notice (交付通知書) and collecting the card")
        case Step.RENEWAL:
            return _("At your license renewal")
        case Step.NOT_APPLICABLE:
            return _("Why the carryover does not apply")
    raise AssertionError(step)


STEP_MARKS = {Step.BEFORE: "①", Step.APPLY: "②", Step.NOTICE: "③", Step.RENEWAL: "④",
              Step.NOT_APPLICABLE: ""}


_REQUIREMENT_WORDS = {
    "holding": gettext_lazy("You hold a My Number Card with license information (マイナ免許証)"),
    "certificate_submitted": gettext_lazy("The police have your signature certificate (署名用電子証明書) before you apply"),
    "online_application": gettext_lazy("You apply online with the continued-use step (マイナ免許証等継続利用)"),
    "new_certificate": gettext_lazy("You ask for a new signature certificate in the application"),
}
# (v2) With a マイナ経歴証明書, what is carried over is the 運転経歴情報.
_HISTORY_HOLDING = gettext_lazy("You hold a My Number Card with driving history information (マイナ経歴証明書)")


def requirement_words(requirement: str, *, history: bool = False) -> str:
    if history and requirement == "holding":
        return str(_HISTORY_HOLDING)
    return str(_REQUIREMENT_WORDS[requirement])


_STATUS_WORDS = {"met": gettext_lazy("Met"), "unmet": gettext_lazy("Not met"),
                 "unknown": gettext_lazy("Not known"), "todo": gettext_lazy("To do")}


def status_words(status: str) -> str:
    return str(_STATUS_WORDS[status])


@dataclass(frozen=True, slots=True)
class ShownItem:
    id: str
    text: ItemText
    offices: tuple = ()
    warning: bool = False
    done: bool = False
    # The one plain sentence shown before "more" (the first of the first paragraph), and the
    # rest: worked out once (_item_words), read by the page, the warnings and the print.
    summary: str = ""
    more: tuple[str, ...] = ()


# Where a sentence ends: after 。 (Japanese), or after . ! ? and a space before the next
# sentence's first letter (English). Text in brackets does not end a sentence.
_SENTENCE_END = re.compile(r"。(?![」）)])|(?<=[.!?])\s+(?=[A-Z0-9“\"(])")


def _sentences(paragraph: str) -> tuple[str, str]:
    """The paragraph's first sentence, and the rest ("" when it is one sentence)."""
    match = _SENTENCE_END.search(paragraph)
    if match is None or match.end() >= len(paragraph):
        return paragraph, ""
    head = paragraph[:match.end()].rstrip()
    return head, paragraph[match.end():].lstrip()


@dataclass(frozen=True, slots=True)
class ShownAction:
    id: str  # the item it links to
    text: str
    due: str | None  # the formatted date it is due by


@dataclass(frozen=True, slots=True)
class ShownStep:
    step: str
    mark: str
    heading: str
    items: tuple[ShownItem, ...]

    @property
    def folded(self) -> bool:
        """Nothing in it but what is already done: one "done" line, opened on request."""
        return all(item.done for item in self.items)


def answer_rows(answers: Answers, *, change_url) -> list[dict[str, str]]:
    """The person's answers to the questions on their path, each with a link to change it."""
    applicable = answers_applicable(answers)
    return [
        {
            "step": question.step,
            "question": str(question.summary),
            "answer": answer_words(question.step, getattr(answers, question.step), answers),
            "change_url": change_url(question.step),
        }
        for question in QUESTIONS
        if question.step in applicable
    ]


def answer_words(step: str, value, answers: Answers) -> str:
    if value is None:
        return _("Not given")
    question = QUESTION_BY_STEP[step]
    if question.kind == "choice":
        return str(question.label_for(value, later=answers.has_applied))
    if question.kind == "month_day":
        return birthday_format(value.month, value.day)
    return date_format(value)


# The words of an item whose values hold no date (no values at all, flags, a channel, a fee
# from the fee table) are the same for everyone in that situation: worked out once per
# language and kept, with the summary split off. An item with a date is worded afresh for
# each page: no one's dates are kept. Bounded: the items and their few combinations of
# flags, in two languages, come to a few hundred.
_WORDS_KEPT: dict[tuple, tuple[ItemText, str, tuple[str, ...]]] = {}
_WORDS_KEPT_MAX = 2000
_DATELESS: dict[type, bool] = {}


def _plain(hint) -> bool:
    """A type hint of values that are never a date: bool, int, None, an enum, or a union of
    those."""
    if hint in (bool, int, type(None)):
        return True
    if isinstance(hint, type) and issubclass(hint, Enum):
        return True
    if get_origin(hint) in (Union, UnionType):
        return all(_plain(arg) for arg in get_args(hint))
    return False


def _dateless(values) -> bool:
    kind = type(values)
    known = _DATELESS.get(kind)
    if known is None:
        known = _DATELESS[kind] = all(_plain(hint) for hint in get_type_hints(kind).values())
    return known


def _item_words(item, language: str) -> tuple[ItemText, str, tuple[str, ...]]:
    """An item's words, its summary sentence and the rest (see ShownItem)."""
    key = (language, item.id, item.values) if _dateless(item.values) else None
    found = _WORDS_KEPT.get(key) if key else None
    if found is None:
        text = item_text(item.id, item.values, date_format)
        head, rest = _sentences(text.paragraphs[0])
        found = (text, head, ((rest,) if rest else ()) + text.paragraphs[1:])
        if key and len(_WORDS_KEPT) < _WORDS_KEPT_MAX:
            _WORDS_KEPT[key] = found
    return found


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    """Tests switch catalogues: word everything again."""
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "USE_I18N"):
        _WORDS_KEPT.clear()


def checklist_context(*, plan: Plan) -> dict:
    """Everything the checklist templates show, from the plan alone."""
    headline, next_step = outcome_words(plan)
    deployment = offices()
    language = get_language()
    used_offices: dict[str, object] = {}
    used_services: set[Service] = set()
    words = {item.id: _item_words(item, language) for item in plan.items}
    steps = []
    for step in Step:
        items = []
        for item in plan.step_items(step):
            places = deployment.for_service(item.service) if item.service else ()
            if item.service:
                used_services.add(item.service)
            used_offices.update((office.id, office) for office in places)
            text, summary, more = words[item.id]
            items.append(ShownItem(item.id, text, tuple(_office_name(o, language) for o in places),
                                   item.warning, item.done, summary, more))
        if items:
            steps.append(ShownStep(step.value, STEP_MARKS[step],
                                   step_heading(step, stage=plan.stage), tuple(items)))
    next_actions = [
        ShownAction(action.id, words[action.id][0].action or words[action.id][0].title,
                    date_format(action.due) if action.due else None)
        for action in plan.next_actions
    ]
    warnings = [shown for step in steps for shown in step.items if shown.warning]
    query = answers_query(plan.answers)
    encoded = urlencode(query)
    load_url = url("wizard_load")

    def change_url(step: str) -> str:
        # urlencode({**query, "step": step}), without encoding the whole query for each row.
        return f"{load_url}?{encoded}{'&' if encoded else ''}step={quote_plus(step)}"

    return {
        "offices": [_office_row(office, language, used_services) for office in deployment.offices
                    if office.id in used_offices],
        "timeline": timeline_view(plan),
        "plan": plan,
        "outcome": plan.outcome.value,
        "headline": headline,
        "next_step": next_step,
        "next_actions": next_actions,
        "warnings": warnings,
        "requirements": [
            {"id": rid.value, "status": status.value, "label": requirement_words(rid, history=plan.history),
             "status_label": status_words(status)}
            for rid, status in plan.requirements
        ],
        "steps": steps,
        "answers": answer_rows(plan.answers, change_url=change_url),
        "query": encoded,
        "step_links": [step for step in steps if step.step != Step.NOT_APPLICABLE],
        "today": date_format(plan.today),
    }


def _office_name(office, language: str) -> dict[str, str]:
    return {"id": office.id, "name": office.name.get(language)}


_SERVICE_WORDS = {
    Service.CERTIFICATE: gettext_lazy("submitting the signature certificate"),
    Service.RECORDING: gettext_lazy("recording the information on the card"),
    Service.RENEWAL: gettext_lazy("license renewal"),
    Service.INQUIRY: gettext_lazy("questions about your license"),
}


def _office_row(office, language: str, used: set[Service]) -> dict:
    return {
        "id": office.id, "name": office.name.get(language), "address": office.address.get(language),
        "hours": office.hours.get(language), "phone": office.phone,
        "reservation": office.reservation.get(language), "url": office.url,
        # What this person goes there for: each office is listed once, with its services.
        "services": _(", ").join(str(_SERVICE_WORDS[service]) for service in Service
                                 if service in used and service in office.services),
    }


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _month_label(day: date, *, with_year: bool, ja: bool) -> str:
    if ja:
        return f"{day.year}年{day.month}月" if with_year else f"{day.month}月"
    name = _MONTHS_EN[day.month - 1]
    return f"{name} {day.year}" if with_year else name


def _year_label(day: date, *, ja: bool) -> str:
    return f"{day.year}年" if ja else str(day.year)


def timeline_view(plan: Plan) -> dict | None:
    """The timeline's geometry with its labels in the page's language."""
    timeline = timeline_build(plan=plan)
    if timeline is None:
        return None
    ja = get_language() == "ja"
    day_format = date_ja if ja else date_en
    bar_labels = {MilestoneKind.CARD_WINDOW: _("Card application period"),
                  MilestoneKind.RENEWAL: _("License renewal period")}
    marker_labels = {"today": _("Today"), "apply_by": _("Apply by"), "renew_by": _("Renew by")}
    months = []
    shown_until = float("-inf")  # where the last label shown ends: labels never overlap
    ticks = timeline.ticks
    for i, t in enumerate(ticks):
        label = _year_label(t.start, ja=ja) if t.yearly else _month_label(t.start, with_year=False, ja=ja)
        # The year under the first month and under each January.
        year = _year_label(t.start, ja=ja) if not t.yearly and (i == 0 or t.start.month == 1) else ""
        text_x = round(t.x + 2, 1)
        # The first month's year gives way when a January follows too closely.
        if year and i == 0:
            year_end = text_x + _text_width(year) + 4
            if any(u.start.month == 1 and u.x + 2 < year_end for u in ticks[1:]):
                year = ""
        width = _text_width(label)
        fits = text_x >= shown_until + 4 and text_x + width <= timeline.width
        if fits:
            shown_until = text_x + width
        months.append({"x": t.x, "width": t.width, "label": label if fits else "",
                       "year": year, "text_x": text_x, "alt": i % 2 == 1})
    bars = []
    for b in timeline.bars:
        label = bar_labels[b.kind]
        width = _text_width(label)
        # Labelled from its end when the label would run off the right edge.
        from_end = b.x + width > timeline.width - RIGHT_MARGIN
        bars.append({"kind": b.kind.value, "x": b.x, "y": b.y, "width": b.width, "label": label,
                     "text_y": b.y - 5, "start": day_format(b.start), "end": day_format(b.end),
                     "anchor": "end" if from_end else "start",
                     "text_x": round(max(b.x + b.width, width), 1) if from_end else b.x})
    first_row = timeline.bars[-1].y + BAR_HEIGHT + 16
    markers = []
    for i, m in enumerate(timeline.markers):
        label = marker_labels[m.kind]
        width = _text_width(label)
        from_end = m.x + 3 + width > timeline.width - RIGHT_MARGIN
        markers.append({
            "kind": m.kind, "x": m.x, "label": label, "date": day_format(m.day),
            "anchor": "end" if from_end else "start",
            "text_x": round(max(m.x - 3, width) if from_end else m.x + 3, 1),
            # Each label on its own row below the bars (today first), so close dates never
            # overlap.
            "text_y": first_row + 17 * i})
    return {"width": timeline.width, "height": timeline.height, "months": months, "bars": bars,
            "markers": markers, "bottom": timeline.height - 2}


RIGHT_MARGIN = 2
BAR_HEIGHT = 18
# The width of each label drawn so far: month and year names and the few fixed words, in two
# languages (a bound, not a size).
_WIDTHS: dict[str, int] = {}


def _text_width(text: str) -> float:
    """About how wide a label is drawn at the timeline's 14-unit font: a kanji or kana is
    one em, a Latin letter or digit a little over half."""
    width = _WIDTHS.get(text)
    if width is None:
        width = sum(14 if ord(ch) > 0x2E7F else 8 for ch in text)
        if len(_WIDTHS) < 500:
            _WIDTHS[text] = width
    return width


def fee_rows(*, on: date) -> list[dict[str, str]]:
    """The fees in force on a day, for the sources page."""
    labels = {
        "recording": _("Recording license information on a new card"),
        "renewal_card_only": _("License renewal, My Number Card with license information only (plus the lecture fee)"),
        "renewal_plastic_only": _("License renewal, plastic license only (plus the lecture fee)"),
        "renewal_both": _("License renewal, both (plus the lecture fee)"),
    }
    rows = []
    for kind, label in labels.items():
        fee = fee_in_force(kind=kind, on=on)
        rows.append({"label": label, "amount": yen(fee.yen),
                     "since": date_format(fee.effective_from), "source": fee.source})
    return rows
