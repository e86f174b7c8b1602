"""The names of rules.md §2–3, the expected result R of §4 step ③, the outcome of §5 and the
requirement panel of §6: answers and a day in, a `Situation` and its verdicts out.

Read it beside ../shared/spec/rules.md. The items of §4 are in catalogue.py; plan.py puts
everything together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

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
from .dates import birthday_last_on_or_before, months_add, next_open_day, previous_open_day
from .fees import fee_recording

# This product's estimate of the time from an online application to holding the new card
# (LEAD of rules.md §2). It is an estimate: every sentence it shapes says so.
LEAD_DAYS = 42
LEAD = timedelta(days=LEAD_DAYS)

H, S, C, Y, L, N = Holding, Stage, Channel, YesNo, LicenseStatus, NoticeResult
OFFLINE = frozenset({C.WINDOW, C.MAIL, C.PHOTO_BOOTH})


class Expected(StrEnum):
    """R of rules.md §4, step ③: what the notice says, or is expected to say."""

    RECORDED = "recorded"
    NOT_RECORDED = "not_recorded"
    NOT_STATED = "not_stated"
    UNKNOWN = "unknown"  # (v2) the notice came without its result given, or the channel is forgotten


class Outcome(StrEnum):
    """rules.md §5, in the order the rules are tried."""

    NOT_APPLICABLE = "not_applicable"
    RECORDED = "recorded"
    RECORD_FREE = "record_free"
    RECORD_WITH_FEE = "record_with_fee"
    NO_CARRYOVER = "no_carryover"
    AT_RISK = "at_risk"
    ON_TRACK = "on_track"


class Status(StrEnum):
    """A requirement's status on the panel of rules.md §6."""

    MET = "met"
    UNMET = "unmet"
    UNKNOWN = "unknown"
    TODO = "todo"


class Requirement(StrEnum):
    """The four conditions of the seed's ①–④ (rules.md §6), in order."""

    HOLDING = "holding"
    CERTIFICATE_SUBMITTED = "certificate_submitted"
    ONLINE_APPLICATION = "online_application"
    NEW_CERTIFICATE = "new_certificate"


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date


@dataclass(frozen=True, kw_only=True, slots=True)
class RenewalPeriod:
    """The driving-license renewal period P and its deadline (rules.md §3)."""

    start: date
    end: date  # the last valid day printed on the license
    deadline: date  # `end`, moved to the next open day when the offices are closed
    start_approximate: bool  # no birthday given: the start is end − 2 months

    @property
    def deadline_moved(self) -> bool:
        return self.deadline != self.end


@dataclass(frozen=True, kw_only=True, slots=True)
class Situation:
    """The names of rules.md §2–3, worked out once from the (normalized) answers and today."""

    a: Answers
    today: date
    M: bool  # the carryover concerns this person
    HIST: bool  # (v2) a マイナ経歴証明書: 運転経歴情報, no license
    LIC: bool  # (v2) there is a license, or a 運転経歴, to carry
    offline: bool
    later: bool
    NR: bool  # (v2) a notice result counts
    ineligible: bool
    CARRY: bool  # (v2) M, LIC and not ineligible: a carryover is still possible
    card_window: Period | None  # W
    renewal: RenewalPeriod | None  # P
    apply_by: date | None
    renew_by: date | None
    same_season: bool
    card_first: bool
    license_first_possible: bool
    R: Expected
    fee: int  # the recording fee in force today

    @property
    def deadline(self) -> date | None:
        return self.renewal.deadline if self.renewal else None

    @property
    def deadline_passed(self) -> bool:
        return self.renewal is not None and self.renewal.deadline < self.today

    @property
    def fee_known(self) -> int | None:
        """The recording fee where facts.md backs one: none for 運転経歴情報 (ask instead)."""
        return None if self.HIST else self.fee


def renewal_period_build(*, license_expiry: date, birthday: tuple[int, int] | None) -> RenewalPeriod:
    """P of rules.md §3: from the last birthday on or before the expiry, less a month, to the
    expiry; without a birthday, from the expiry less two months (approximate)."""
    if birthday is None:
        start, approximate = months_add(license_expiry, -2), True
    else:
        month, day = birthday
        last = birthday_last_on_or_before(month=month, day=day, on_or_before=license_expiry)
        start, approximate = months_add(last, -1), False
    return RenewalPeriod(start=start, end=license_expiry, deadline=next_open_day(license_expiry),
                         start_approximate=approximate)


def _expected_result(a: Answers, *, NR: bool, ineligible: bool, offline: bool,
                     later: bool) -> Expected:
    """R of rules.md §4, step ③: the first rule that holds."""
    if NR:
        return Expected(a.notice_result)
    online = a.channel is C.ONLINE
    if ineligible or (later and offline) or (later and online and a.continue_use is Y.NO):
        return Expected.NOT_STATED
    if (a.license_status is L.REVOKED_OR_LAPSED or a.special_chars is Y.YES
            or (later and (a.license_status is L.SUSPENDED or a.cert_submitted is Y.NO
                           or (online and a.cert_requested is Y.NO)))):
        return Expected.NOT_RECORDED
    if later and (a.channel is C.UNDECIDED or a.stage in (S.NOTICE, S.COLLECTED)):
        return Expected.UNKNOWN
    return Expected.RECORDED


def card_window_of(card_expiry: date) -> Period:
    """W of rules.md §3: the days on which a card can be renewed because fewer than 3 months
    are left. (v2) The first is the day after expiry − 3 months: 2024-09-24 opens on 2024-06-25."""
    return Period(months_add(card_expiry, -3) + timedelta(days=1), card_expiry)


def situation_build(*, answers: Answers, today: date) -> Situation:
    a = answers_normalize(answers)
    M = answers_concern_carryover(a)
    later = a.has_applied
    offline = a.channel in OFFLINE
    NR = a.stage in (S.NOTICE, S.COLLECTED) and a.notice_result is not None
    LIC = a.license_status is not L.REVOKED_OR_LAPSED
    ineligible = a.reason in (Reason.LOST_DAMAGED, Reason.EXPIRED) or (
        a.stage is S.BEFORE and a.card_expiry is not None and a.card_expiry < today)
    CARRY = M and LIC and not ineligible

    card_window = None
    if a.reason is Reason.EXPIRING and a.card_expiry is not None:
        card_window = card_window_of(a.card_expiry)

    renewal = None
    if a.license_expiry is not None:
        birthday = (a.birthday.month, a.birthday.day) if a.birthday else None
        renewal = renewal_period_build(license_expiry=a.license_expiry, birthday=birthday)

    apply_by = renew_by = None
    same_season = card_first = license_first_possible = False
    if renewal is not None:
        # (v2) The license must be renewed while the card is valid, when the card comes first.
        renew_by = (renewal.deadline if a.card_expiry is None or renewal.deadline <= a.card_expiry
                    else previous_open_day(a.card_expiry))
    if renewal is not None and a.card_expiry is not None:
        # (v2) Applying for the card first only works while the card is valid.
        apply_by = min(renewal.deadline - LEAD, a.card_expiry)
        if card_window is not None:
            same_season = (CARRY and renewal.deadline >= today
                           and renewal.start <= a.card_expiry + LEAD
                           and renewal.end >= card_window.start)
            card_first = max(today, card_window.start) <= apply_by
        license_first_possible = (next_open_day(max(today, renewal.start))
                                  <= min(a.card_expiry, renewal.deadline))

    return Situation(
        a=a, today=today, M=M, HIST=a.holding is H.MYNA_HISTORY, LIC=LIC, offline=offline,
        later=later, NR=NR, ineligible=ineligible, CARRY=CARRY, card_window=card_window,
        renewal=renewal, apply_by=apply_by, renew_by=renew_by, same_season=same_season,
        card_first=card_first, license_first_possible=license_first_possible,
        R=_expected_result(a, NR=NR, ineligible=ineligible, offline=offline, later=later),
        fee=fee_recording(on=today),
    )


# --- §5 ----------------------------------------------------------------------------------

_NOTICE_OUTCOMES = {N.RECORDED: Outcome.RECORDED, N.NOT_RECORDED: Outcome.RECORD_FREE,
                    N.NOT_STATED: Outcome.RECORD_WITH_FEE}


def outcome_choose(s: Situation) -> Outcome:
    """rules.md §5: the first rule that holds."""
    a = s.a
    if a.holding in (H.LICENSE_ONLY, H.NONE):
        return Outcome.NOT_APPLICABLE
    if s.NR and s.LIC:
        return _NOTICE_OUTCOMES[a.notice_result]
    online = a.channel is C.ONLINE
    if (s.ineligible or s.offline or a.license_status is L.REVOKED_OR_LAPSED
            or a.special_chars is Y.YES
            or (s.later and (a.cert_submitted is Y.NO or a.license_status is L.SUSPENDED
                             or (online and Y.NO in (a.continue_use, a.cert_requested))))):
        return Outcome.NO_CARRYOVER
    if (a.holding is H.UNSURE or a.cert_submitted is Y.UNSURE or a.special_chars is Y.UNSURE
            or (a.license_status is L.SUSPENDED and a.stage is S.BEFORE)
            or (s.later and online and Y.UNSURE in (a.continue_use, a.cert_requested))
            or (s.later and a.channel is C.UNDECIDED)
            or s.R is Expected.UNKNOWN
            or (not s.HIST and s.deadline_passed)):
        return Outcome.AT_RISK
    return Outcome.ON_TRACK


# --- §6 ----------------------------------------------------------------------------------

def panel_shown(s: Situation) -> bool:
    """(v2) Only where the four conditions tell the story: a carryover still possible, no
    notice result yet, and no cause of failure the four do not name."""
    return (s.CARRY and not s.NR and s.a.special_chars is not Y.YES
            and not (s.later and s.a.license_status is L.SUSPENDED))


def _later_status(s: Situation, answer: YesNo) -> Status:
    """online_application / new_certificate once applied: `answer` is the step's own answer."""
    if s.offline:
        return Status.UNMET
    if s.a.channel is C.ONLINE and answer is Y.YES:
        return Status.MET
    if s.a.channel is C.ONLINE and answer is Y.NO:
        return Status.UNMET
    return Status.UNKNOWN


def requirement_status(s: Situation, requirement: Requirement) -> Status:
    a = s.a
    match requirement:
        case Requirement.HOLDING:
            return Status.UNKNOWN if a.holding is H.UNSURE else Status.MET
        case Requirement.CERTIFICATE_SUBMITTED:
            if a.cert_submitted is Y.YES:
                return Status.MET
            if a.cert_submitted is Y.NO:
                return Status.UNMET if s.later else Status.TODO
            return Status.UNKNOWN
        case Requirement.ONLINE_APPLICATION:
            return _later_status(s, a.continue_use) if s.later else Status.TODO
        case Requirement.NEW_CERTIFICATE:
            return _later_status(s, a.cert_requested) if s.later else Status.TODO
    raise AssertionError(requirement)


def requirements_build(s: Situation) -> tuple[tuple[Requirement, Status], ...]:
    """The panel, or () where it is not shown."""
    if not panel_shown(s):
        return ()
    return tuple((r, requirement_status(s, r)) for r in Requirement)
