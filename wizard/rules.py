"""The rules of rules.md, as data: answers in, a plan out.

Pure Python (no Django). Read it beside ../shared/spec/rules.md: §2–3 are `situation_build`,
§4 is `ITEMS` (one row per item: id, step, condition, the values its text needs), §5 is
`OUTCOMES`, §6 is `REQUIREMENTS`, and `plan_build` puts them together.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .answers import (
    Answers,
    Channel,
    Holding,
    LicenseStatus,
    NoticeResult,
    Reason,
    Stage,
    YesNo,
    answers_concern_carryover,
    answers_normalize,
)
from .dates import birthday_last_on_or_before, months_add, next_open_day
from .fees import fee_recording

# This product's estimate of the time from an online application to holding the new card.
# It is an estimate: every text that it shapes says so.
LEAD_DAYS = 42
LEAD = timedelta(days=LEAD_DAYS)

H, S, C, Y, L, N = Holding, Stage, Channel, YesNo, LicenseStatus, NoticeResult
OFFLINE = (C.WINDOW, C.MAIL, C.PHOTO_BOOTH)
STEPS = ("1", "2", "3", "4", "na")


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date


@dataclass(frozen=True, kw_only=True, slots=True)
class RenewalPeriod:
    """The driving-license renewal period (rules.md §3)."""

    start: date
    end: date  # the last valid day printed on the license
    deadline: date  # `end`, moved to the next open day when the office is closed
    start_approximate: bool  # no birthday given: the start is end − 2 months

    @property
    def deadline_moved(self) -> bool:
        return self.deadline != self.end


@dataclass(frozen=True, kw_only=True, slots=True)
class Situation:
    """The names of rules.md §2–3, worked out once from the answers and today."""

    a: Answers
    today: date
    M: bool  # the carryover concerns this person
    offline: bool
    later: bool
    ineligible: bool
    card_window: Period | None
    renewal: RenewalPeriod | None
    apply_by: date | None
    same_season: bool
    R: NoticeResult  # the expected (or, with a notice, the actual) record result
    fee: int  # the recording fee in force today

    @property
    def deadline(self) -> date | None:
        return self.renewal.deadline if self.renewal else None


def renewal_period_build(*, license_expiry: date, birthday: tuple[int, int] | None) -> RenewalPeriod:
    if birthday is None:
        start, approximate = months_add(license_expiry, -2), True
    else:
        month, day = birthday
        last = birthday_last_on_or_before(month=month, day=day, on_or_before=license_expiry)
        start, approximate = months_add(last, -1), False
    return RenewalPeriod(start=start, end=license_expiry, deadline=next_open_day(license_expiry),
                         start_approximate=approximate)


def _expected_result(a: Answers, *, ineligible: bool, offline: bool, later: bool) -> NoticeResult:
    """R of rules.md §4, step ③ (first rule that holds)."""
    if a.stage in (S.NOTICE, S.COLLECTED) and a.notice_result is not None:
        return a.notice_result
    if ineligible or offline or (later and a.channel is C.ONLINE and a.continue_use is Y.NO):
        return N.NOT_STATED
    if (a.license_status is not L.VALID or a.special_chars is Y.YES
            or (later and (a.cert_submitted is Y.NO
                           or (a.channel is C.ONLINE and a.cert_requested is Y.NO)))):
        return N.NOT_RECORDED
    return N.RECORDED


def situation_build(*, answers: Answers, today: date) -> Situation:
    a = answers_normalize(answers)
    later = a.stage is not S.BEFORE
    offline = a.channel in OFFLINE
    ineligible = a.reason in (Reason.LOST_DAMAGED, Reason.EXPIRED) or (
        a.stage is S.BEFORE and a.card_expiry is not None and a.card_expiry < today)

    card_window = None
    if a.reason is Reason.EXPIRING and a.card_expiry is not None:
        card_window = Period(months_add(a.card_expiry, -3), a.card_expiry)

    renewal = None
    if a.license_expiry is not None:
        birthday = (a.birthday.month, a.birthday.day) if a.birthday else None
        renewal = renewal_period_build(license_expiry=a.license_expiry, birthday=birthday)

    apply_by = renewal.deadline - LEAD if renewal else None
    same_season = bool(
        not ineligible and card_window and renewal and a.reason is Reason.EXPIRING
        and renewal.deadline >= today
        and renewal.start <= card_window.end + LEAD
        and renewal.end >= card_window.start
    )
    return Situation(
        a=a, today=today, M=answers_concern_carryover(a), offline=offline, later=later,
        ineligible=ineligible, card_window=card_window, renewal=renewal, apply_by=apply_by,
        same_season=same_season,
        R=_expected_result(a, ineligible=ineligible, offline=offline, later=later),
        fee=fee_recording(on=today),
    )


def _card_first(s: Situation) -> bool:
    """Same season: can the card still be applied for by the apply-by date?"""
    assert s.card_window and s.apply_by
    return max(s.today, s.card_window.start) <= s.apply_by


def _online_or_undecided_before(s: Situation) -> bool:
    """The condition shared by the online-application items of step ②."""
    return (s.M and s.a.stage is S.BEFORE and s.a.channel in (C.ONLINE, C.UNDECIDED)
            and not s.ineligible)


def _ineligible_reason(s: Situation) -> Reason:
    """Why no carryover: the reason given, or EXPIRED when the card's date has passed."""
    if s.a.reason in (Reason.LOST_DAMAGED, Reason.EXPIRED):
        return s.a.reason
    return Reason.EXPIRED


def _no_values(s: Situation) -> Mapping[str, Any]:
    return {}


def _renewal_values(s: Situation) -> Mapping[str, Any]:
    return {"renewal": s.renewal}


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    step: str
    condition: Callable[[Situation], bool]
    values: Callable[[Situation], Mapping[str, Any]] = field(default=_no_values)


# rules.md §4, row by row. `s.a` is the answers; s.M, s.later, s.offline, s.ineligible,
# s.same_season and s.R are the names of §2–3.
ITEMS: tuple[Item, ...] = (
    # Step ① before applying for the new card
    Item("s1.check_holding", "1",
         lambda s: s.a.holding is H.UNSURE),
    Item("s1.submit_certificate", "1",
         lambda s: s.M and s.a.stage is S.BEFORE and s.a.cert_submitted is not Y.YES
         and not s.ineligible),
    Item("s1.certificate_on_file", "1",
         lambda s: s.M and s.a.cert_submitted is Y.YES),
    Item("s1.apply_while_valid", "1",
         lambda s: s.M and s.a.stage is S.BEFORE and not s.ineligible,
         lambda s: {"card_expiry": s.a.card_expiry}),
    Item("s1.license_suspended", "1",
         lambda s: s.M and s.a.license_status is L.SUSPENDED,
         lambda s: {"before": not s.later}),
    Item("s1.license_invalid", "1",
         lambda s: s.M and s.a.license_status is L.REVOKED_OR_LAPSED),
    Item("s1.special_characters", "1",
         lambda s: s.M and s.a.special_chars in (Y.YES, Y.UNSURE),
         lambda s: {"sure": s.a.special_chars is Y.YES}),
    Item("s1.renew_card_first", "1",
         lambda s: s.M and s.a.stage is S.BEFORE and s.same_season and _card_first(s),
         lambda s: {"apply_by": s.apply_by, "renewal": s.renewal, "lead_days": LEAD_DAYS}),
    Item("s1.renew_license_first", "1",
         lambda s: s.M and s.a.stage is S.BEFORE and s.same_season and not _card_first(s),
         lambda s: {"renewal": s.renewal, "lead_days": LEAD_DAYS}),
    Item("s1.license_change_pending", "1",
         lambda s: s.M and s.a.stage in (S.APPLIED, S.NOTICE) and s.renewal is not None
         and s.renewal.start <= s.today + LEAD and s.renewal.deadline >= s.today,
         _renewal_values),

    # Step ② applying for the new card
    Item("s2.apply_online", "2", _online_or_undecided_before),
    Item("s2.switch_to_online", "2",
         lambda s: s.M and s.a.stage is S.BEFORE and s.offline and not s.ineligible,
         lambda s: {"channel": s.a.channel}),
    Item("s2.offline_no_carryover", "2",
         lambda s: s.M and s.later and s.offline,
         lambda s: {"channel": s.a.channel, "fee": s.fee}),
    Item("s2.continue_use", "2", _online_or_undecided_before),
    Item("s2.request_certificate", "2", _online_or_undecided_before),
    Item("s2.record_number", "2", _online_or_undecided_before),
    Item("s2.apply_window", "2",
         lambda s: s.M and s.a.stage is S.BEFORE and s.a.reason is Reason.EXPIRING
         and s.a.card_expiry is not None and not s.ineligible,
         lambda s: {"window": s.card_window}),
    Item("s2.continue_use_missed", "2",
         lambda s: s.M and s.later and s.a.channel is C.ONLINE and s.a.continue_use is Y.NO,
         lambda s: {"fee": s.fee}),
    Item("s2.certificate_request_missed", "2",
         lambda s: s.M and s.later and s.a.channel is C.ONLINE and s.a.cert_requested is Y.NO),
    Item("s2.result_unknown", "2",
         lambda s: s.M and s.a.stage is S.APPLIED and s.a.channel is C.ONLINE
         and Y.UNSURE in (s.a.continue_use, s.a.cert_requested)),

    # Step ③ the issuance notice (交付通知書) and collecting the card
    Item("s3.check_notice", "3",
         lambda s: s.M and (s.a.stage in (S.BEFORE, S.APPLIED) or s.a.notice_result is None),
         lambda s: {"fee": s.fee}),
    Item("s3.keep_notice", "3",
         lambda s: s.M and s.a.stage is not S.COLLECTED),
    Item("s3.collect_card", "3",
         lambda s: s.M and s.a.stage is not S.COLLECTED),
    Item("s3.confirm_with_app", "3",
         lambda s: s.M and s.R is N.RECORDED),
    Item("s3.may_still_fail", "3",
         lambda s: s.M and s.R is N.RECORDED and s.a.stage in (S.BEFORE, S.APPLIED)),
    Item("s3.record_free", "3",
         lambda s: s.M and s.R is N.NOT_RECORDED and s.a.license_status is not L.REVOKED_OR_LAPSED),
    Item("s3.record_with_fee", "3",
         lambda s: s.M and s.R is N.NOT_STATED and s.a.license_status is not L.REVOKED_OR_LAPSED,
         lambda s: {"fee": s.fee}),
    Item("s3.no_driving_myna_only", "3",
         lambda s: s.a.holding is H.MYNA_ONLY and s.a.license_status is L.VALID
         and s.R in (N.NOT_RECORDED, N.NOT_STATED)),
    Item("s3.drive_with_plastic", "3",
         lambda s: s.a.holding is H.BOTH and s.a.license_status is L.VALID
         and s.R in (N.NOT_RECORDED, N.NOT_STATED)),

    # Step ④ at the license renewal
    Item("s4.bring_new_card", "4",
         lambda s: s.M),
    Item("s4.bring_plastic_license", "4",
         lambda s: s.a.holding is H.BOTH),
    Item("s4.renewal_period", "4",
         lambda s: s.a.holding is not H.NONE and s.renewal is not None,
         _renewal_values),
    Item("s4.license_expiry_past", "4",
         lambda s: s.a.holding is not H.NONE and s.deadline is not None and s.deadline < s.today,
         _renewal_values),

    # Not applicable
    Item("na.no_myna_license", "na",
         lambda s: s.a.holding is H.LICENSE_ONLY),
    Item("na.no_license", "na",
         lambda s: s.a.holding is H.NONE),
    Item("na.reason_not_eligible", "na",
         lambda s: s.M and s.ineligible,
         lambda s: {"reason": _ineligible_reason(s), "fee": s.fee}),
)
ITEM_IDS: frozenset[str] = frozenset(item.id for item in ITEMS)


# rules.md §5: the first outcome whose condition holds.
def _later_online_missed(s: Situation) -> bool:
    return s.later and (s.a.cert_submitted is Y.NO or s.a.license_status is L.SUSPENDED or (
        s.a.channel is C.ONLINE and Y.NO in (s.a.continue_use, s.a.cert_requested)))


def _notice_given(s: Situation) -> bool:
    return s.a.stage in (S.NOTICE, S.COLLECTED) and s.a.notice_result is not None


NOTICE_OUTCOMES = {N.RECORDED: "recorded", N.NOT_RECORDED: "record_free",
                   N.NOT_STATED: "record_with_fee"}

OUTCOMES: tuple[tuple[str, Callable[[Situation], bool]], ...] = (
    ("not_applicable",
     lambda s: s.a.holding in (H.LICENSE_ONLY, H.NONE)),
    ("notice",  # replaced by the notice's own result, see NOTICE_OUTCOMES
     _notice_given),
    ("no_carryover",
     lambda s: s.ineligible or s.offline or s.a.license_status is L.REVOKED_OR_LAPSED
     or s.a.special_chars is Y.YES or _later_online_missed(s)),
    ("at_risk",
     lambda s: s.a.holding is H.UNSURE or s.a.cert_submitted is Y.UNSURE
     or s.a.special_chars is Y.UNSURE
     or (s.a.license_status is L.SUSPENDED and s.a.stage is S.BEFORE)
     or (s.later and s.a.channel is C.ONLINE and Y.UNSURE in (s.a.continue_use, s.a.cert_requested))
     or (s.later and s.a.channel is C.UNDECIDED)),
    ("on_track",
     lambda s: True),
)
OUTCOME_IDS = ("not_applicable", "recorded", "record_free", "record_with_fee", "no_carryover",
               "at_risk", "on_track")


def outcome_choose(s: Situation) -> str:
    for outcome, condition in OUTCOMES:
        if condition(s):
            return NOTICE_OUTCOMES[s.a.notice_result] if outcome == "notice" else outcome
    raise AssertionError("on_track always holds")


# rules.md §6: each requirement's status, first match wins.
def _certificate_submitted(s: Situation) -> str:
    match s.a.cert_submitted:
        case Y.YES:
            return "met"
        case Y.NO:
            return "unmet" if s.later else "todo"
    return "unknown"


def _online_application(s: Situation) -> str:
    if s.a.channel is C.ONLINE:
        return "met"
    return "unmet" if s.offline else "unknown"


def _new_certificate(s: Situation) -> str:
    if s.offline:
        return "unmet"
    if not s.later:
        return "todo"
    if s.a.channel is C.ONLINE and s.a.cert_requested is Y.YES:
        return "met"
    if s.a.channel is C.ONLINE and s.a.cert_requested is Y.NO:
        return "unmet"
    return "unknown"


REQUIREMENTS: tuple[tuple[str, Callable[[Situation], str]], ...] = (
    ("holding", lambda s: {H.MYNA_ONLY: "met", H.BOTH: "met", H.UNSURE: "unknown"}.get(
        s.a.holding, "unmet")),
    ("certificate_submitted", _certificate_submitted),
    ("online_application", _online_application),
    ("new_certificate", _new_certificate),
)
REQUIREMENT_STATUSES = ("met", "unmet", "unknown", "todo")


@dataclass(frozen=True, slots=True)
class PlannedItem:
    id: str
    step: str
    values: Mapping[str, Any]


@dataclass(frozen=True, kw_only=True, slots=True)
class Plan:
    outcome: str
    requirements: tuple[tuple[str, str], ...]  # (id, status); empty when not M
    items: tuple[PlannedItem, ...]
    situation: Situation

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    def step_items(self, step: str) -> tuple[PlannedItem, ...]:
        return tuple(item for item in self.items if item.step == step)


def plan_build(*, answers: Answers, today: date) -> Plan:
    """The checklist for these answers on this day (in Asia/Tokyo)."""
    s = situation_build(answers=answers, today=today)
    items = tuple(PlannedItem(item.id, item.step, item.values(s)) for item in ITEMS
                  if item.condition(s))
    requirements = tuple((rid, status(s)) for rid, status in REQUIREMENTS) if s.M else ()
    return Plan(outcome=outcome_choose(s), requirements=requirements, items=items, situation=s)
