"""The items of rules.md §4, each declared once: id, step, condition, its values (a frozen
dataclass), the office service it sends the person to, its sources, the date it is due by,
whether it is a warning, and the dates it puts in the person's calendar.

Read it beside rules.md §4, table by table. `s` is the Situation of rules.py: `s.a` holds the
answers; s.M, s.HIST, s.LIC, s.CARRY, s.NR, s.later, s.offline, s.ineligible, s.same_season
and s.R are the names of §2–4. The words of each item are in the Django app
(wizard/texts.py), keyed by the same id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .answers import Channel, Holding, LicenseStatus, NoticeResult, Reason, Stage, YesNo
from .offices import Service
from .rules import LEAD, LEAD_DAYS, Expected, Period, RenewalPeriod, Situation

H, S, C, Y, L = Holding, Stage, Channel, YesNo, LicenseStatus


class Step(StrEnum):
    BEFORE = "1"  # ① before applying for the new card
    APPLY = "2"  # ② applying
    NOTICE = "3"  # ③ the issuance notice and collecting the card
    RENEWAL = "4"  # ④ at the license renewal
    NOT_APPLICABLE = "na"


class MilestoneKind(StrEnum):
    CARD_WINDOW = "card_window"  # W: when the new card can be applied for
    APPLY_BY = "apply_by"  # apply for the card by this day (card first)
    RENEW_BY = "renew_by"  # renew the license by this day (license first)
    RENEWAL = "renewal"  # P: the license renewal period
    DEADLINE = "deadline"  # the last day to renew the license


@dataclass(frozen=True, slots=True)
class Milestone:
    """A dated milestone of the person's plan: a period, or a single day (start == end)."""

    kind: MilestoneKind
    start: date
    end: date


# --- the values each item's words need -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class NoValues:
    pass


@dataclass(frozen=True, kw_only=True, slots=True)
class CardExpiry:
    card_expiry: date | None


@dataclass(frozen=True, kw_only=True, slots=True)
class Suspension:
    before: bool  # not applied yet: apply after the suspension ends
    notice: NoticeResult | None  # applied, with the notice's result given: it stands


@dataclass(frozen=True, kw_only=True, slots=True)
class Characters:
    sure: bool  # special_chars = yes (else: not sure)


@dataclass(frozen=True, kw_only=True, slots=True)
class CardFirst:
    apply_by: date
    renewal: RenewalPeriod
    lead_days: int


@dataclass(frozen=True, kw_only=True, slots=True)
class LicenseFirst:
    renew_by: date
    renewal: RenewalPeriod
    card_expiry: date
    lead_days: int


@dataclass(frozen=True, kw_only=True, slots=True)
class OrderConflict:
    card_expiry: date
    renewal: RenewalPeriod
    lead_days: int


@dataclass(frozen=True, kw_only=True, slots=True)
class ChangePending:
    renewal: RenewalPeriod
    before: bool  # not applied yet: renew before applying, or ask


@dataclass(frozen=True, kw_only=True, slots=True)
class ApplyOnline:
    by: date | None  # the apply-by date when the card goes first, else the card's expiry
    card_first: bool
    history: bool  # 運転経歴情報: the 運転経歴情報記録番号 is entered instead


@dataclass(frozen=True, kw_only=True, slots=True)
class ChannelValues:
    channel: Channel


@dataclass(frozen=True, kw_only=True, slots=True)
class ChannelFee:
    channel: Channel
    fee: int | None  # None: no amount is known (運転経歴情報): ask the license center


@dataclass(frozen=True, kw_only=True, slots=True)
class History:
    history: bool  # 運転経歴情報 rather than license information


@dataclass(frozen=True, kw_only=True, slots=True)
class Window:
    window: Period


@dataclass(frozen=True, kw_only=True, slots=True)
class Fee:
    fee: int | None  # None: no amount is known (運転経歴情報): ask the license center


@dataclass(frozen=True, kw_only=True, slots=True)
class Recording:
    fee: int | None  # the fee to bring; None where none is charged or none is known
    history: bool
    suspended: bool  # recording only after the suspension ends: ask the license center
    notice: bool  # the notice has said so (not only expected): name what may have happened


@dataclass(frozen=True, kw_only=True, slots=True)
class NoDriving:
    unsure: bool  # holding = unsure: "if the card is your only license"


@dataclass(frozen=True, kw_only=True, slots=True)
class BeforeDriving:
    unsure: bool
    collected: bool  # the card is in hand: check it with the app before driving


@dataclass(frozen=True, kw_only=True, slots=True)
class Renewal:
    renewal: RenewalPeriod


@dataclass(frozen=True, kw_only=True, slots=True)
class NotEligible:
    reason: Reason  # lost_damaged or expired (an expiry date in the past counts as expired)
    fee: int | None


Values = (NoValues | CardExpiry | Suspension | Characters | CardFirst | LicenseFirst
          | OrderConflict | ChangePending | ApplyOnline | ChannelValues | ChannelFee | History
          | Window | Fee | Recording | NoDriving | BeforeDriving | Renewal | NotEligible)

NO_VALUES = NoValues()


def _no_values(s: Situation) -> NoValues:
    return NO_VALUES


def _no_date(s: Situation) -> date | None:
    return None


def _no_milestones(s: Situation) -> tuple[Milestone, ...]:
    return ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Entry:
    id: str
    step: Step
    condition: Callable[[Situation], bool]
    values: Callable[[Situation], Values] = _no_values
    service: Service | None = None  # the office service the item sends the person to
    sources: tuple[str, ...] = ()  # guide/sources.py ids
    due: Callable[[Situation], date | None] = _no_date  # the date of its next action
    warning: bool = False  # shown first, as a warning, besides in its step
    done: bool = False  # says something is already done: a step of nothing else is folded
    milestones: Callable[[Situation], tuple[Milestone, ...]] = _no_milestones
    # rules.md §7: its place in the order of urgency of the next actions (1 = most urgent);
    # None: never a next action. A callable where the place depends on the answers.
    urgency: int | Callable[[Situation], int] | None = None

    def urgency_for(self, s: Situation) -> int | None:
        return self.urgency(s) if callable(self.urgency) else self.urgency


# --- shared conditions ---------------------------------------------------------------------

def _apply_online(s: Situation) -> bool:
    """s2.apply_online and the items that share its condition: CARRY, stage = before."""
    return s.CARRY and s.a.stage is S.BEFORE


def _same_season_before(s: Situation) -> bool:
    return s.M and s.a.stage is S.BEFORE and s.same_season


def _license_change_pending(s: Situation) -> bool:
    r = s.renewal
    if not (s.M and s.LIC and r is not None and r.start <= s.today + LEAD
            and r.deadline >= s.today):
        return False
    return s.a.stage in (S.APPLIED, S.NOTICE) or (
        s.a.stage is S.BEFORE and s.CARRY and not s.same_season)


def _apply_online_by(s: Situation) -> date | None:
    return s.apply_by if _same_season_before(s) and s.card_first else s.a.card_expiry


def _ineligible_reason(s: Situation) -> Reason:
    """Why no carryover: the reason given, or EXPIRED when the card's date has passed."""
    return s.a.reason if s.a.reason in (Reason.LOST_DAMAGED, Reason.EXPIRED) else Reason.EXPIRED


def _renewal_milestones(s: Situation) -> tuple[Milestone, ...]:
    r = s.renewal
    if r is None or r.deadline < s.today:
        return ()
    return (Milestone(MilestoneKind.RENEWAL, r.start, r.end),
            Milestone(MilestoneKind.DEADLINE, r.deadline, r.deadline))


_RECORD_SOURCES = ("flyer", "shimane", "toyama")
_ONLINE_SOURCES = ("flyer", "chiba", "tottori", "toyama")


CATALOGUE: tuple[Entry, ...] = (
    # Step ① before applying for the new card
    Entry(id="s1.check_holding", step=Step.BEFORE,
          condition=lambda s: s.a.holding is H.UNSURE,
          sources=("yamanashi",),
          urgency=5),
    Entry(id="s1.submit_certificate", step=Step.BEFORE,
          condition=lambda s: s.CARRY and s.a.stage is S.BEFORE and s.a.cert_submitted is not Y.YES,
          service=Service.CERTIFICATE, sources=("flyer", "kumamoto"),
          due=lambda s: _apply_online_by(s),
          urgency=6),
    Entry(id="s1.certificate_on_file", step=Step.BEFORE,
          condition=lambda s: s.M and s.a.cert_submitted is Y.YES,
          sources=("flyer", "kumamoto", "hirakata"), done=True),
    Entry(id="s1.apply_while_valid", step=Step.BEFORE,
          condition=lambda s: s.CARRY and s.a.stage is S.BEFORE,
          values=lambda s: CardExpiry(card_expiry=s.a.card_expiry),
          sources=("tottori", "hyogo")),
    Entry(id="s1.license_suspended", step=Step.BEFORE,
          condition=lambda s: s.M and not s.HIST and s.a.license_status is L.SUSPENDED,
          values=lambda s: Suspension(before=not s.later,
                                      notice=s.a.notice_result if s.NR else None),
          service=Service.INQUIRY, sources=("flyer", "kumamoto", "chiba"),
          urgency=7),
    Entry(id="s1.license_invalid", step=Step.BEFORE,
          condition=lambda s: s.M and not s.HIST and s.a.license_status is L.REVOKED_OR_LAPSED,
          service=Service.INQUIRY, sources=("flyer", "chiba"), warning=True,
          urgency=3),
    Entry(id="s1.special_characters", step=Step.BEFORE,
          condition=lambda s: s.M and s.a.special_chars in (Y.YES, Y.UNSURE)
          and not (s.NR and s.a.notice_result is NoticeResult.RECORDED),
          values=lambda s: Characters(sure=s.a.special_chars is Y.YES),
          sources=("flyer", "chiba", "kumamoto"),
          # Early when the characters are known to stop it, late when only in doubt.
          urgency=lambda s: 8 if s.a.special_chars is Y.YES else 23),
    Entry(id="s1.renew_card_first", step=Step.BEFORE,
          condition=lambda s: _same_season_before(s) and s.card_first,
          values=lambda s: CardFirst(apply_by=s.apply_by, renewal=s.renewal, lead_days=LEAD_DAYS),
          sources=("flyer", "estimate"), due=lambda s: s.apply_by,
          milestones=lambda s: (Milestone(MilestoneKind.APPLY_BY, s.apply_by, s.apply_by),),
          urgency=11),
    Entry(id="s1.renew_license_first", step=Step.BEFORE,
          condition=lambda s: _same_season_before(s) and not s.card_first
          and s.license_first_possible,
          values=lambda s: LicenseFirst(renew_by=s.renew_by, renewal=s.renewal,
                                        card_expiry=s.a.card_expiry, lead_days=LEAD_DAYS),
          service=Service.RENEWAL, sources=("flyer", "estimate"), due=lambda s: s.renew_by,
          milestones=lambda s: (Milestone(MilestoneKind.RENEW_BY, s.renew_by, s.renew_by),),
          urgency=10),
    Entry(id="s1.order_conflict", step=Step.BEFORE,
          condition=lambda s: _same_season_before(s) and not s.card_first
          and not s.license_first_possible,
          values=lambda s: OrderConflict(card_expiry=s.a.card_expiry, renewal=s.renewal,
                                         lead_days=LEAD_DAYS),
          service=Service.INQUIRY, sources=("flyer", "hyogo", "estimate"),
          due=lambda s: s.a.card_expiry,
          urgency=9),
    Entry(id="s1.license_change_pending", step=Step.BEFORE,
          condition=_license_change_pending,
          values=lambda s: ChangePending(renewal=s.renewal, before=not s.later),
          service=Service.INQUIRY, sources=("flyer", "estimate"),
          urgency=15),

    # Step ② applying for the new card
    Entry(id="s2.apply_online", step=Step.APPLY,
          condition=_apply_online,
          values=lambda s: ApplyOnline(by=_apply_online_by(s), history=s.HIST,
                                       card_first=_apply_online_by(s) != s.a.card_expiry),
          sources=("flyer", "kumamoto", "tokyo"), due=_apply_online_by,
          urgency=12),
    Entry(id="s2.switch_to_online", step=Step.APPLY,
          condition=lambda s: s.CARRY and s.a.stage is S.BEFORE and s.offline,
          values=lambda s: ChannelValues(channel=s.a.channel),
          sources=("flyer", "akita", "chiba", "toyama"), warning=True,
          urgency=1),
    Entry(id="s2.offline_no_carryover", step=Step.APPLY,
          condition=lambda s: s.M and s.LIC and s.later and s.offline and not s.NR,
          values=lambda s: ChannelFee(channel=s.a.channel, fee=s.fee_known),
          service=Service.RECORDING, sources=("flyer", "akita", "toyama")),
    Entry(id="s2.continue_use", step=Step.APPLY,
          condition=_apply_online,
          sources=_ONLINE_SOURCES),
    Entry(id="s2.request_certificate", step=Step.APPLY,
          condition=_apply_online,
          sources=_ONLINE_SOURCES),
    Entry(id="s2.record_number", step=Step.APPLY,
          condition=_apply_online,
          values=lambda s: History(history=s.HIST),
          sources=("flyer", "yamanashi", "akita")),
    Entry(id="s2.apply_window", step=Step.APPLY,
          condition=lambda s: s.CARRY and s.a.stage is S.BEFORE and s.card_window is not None,
          values=lambda s: Window(window=s.card_window),
          sources=("tokyo", "setagaya"),
          milestones=lambda s: (Milestone(MilestoneKind.CARD_WINDOW, s.card_window.start,
                                          s.card_window.end),)),
    Entry(id="s2.continue_use_missed", step=Step.APPLY,
          condition=lambda s: s.M and s.LIC and s.later and s.a.channel is C.ONLINE
          and s.a.continue_use is Y.NO and not s.NR,
          values=lambda s: Fee(fee=s.fee_known),
          service=Service.RECORDING, sources=("flyer", "toyama")),
    Entry(id="s2.certificate_request_missed", step=Step.APPLY,
          condition=lambda s: s.M and s.LIC and s.later and s.a.channel is C.ONLINE
          and s.a.cert_requested is Y.NO and not s.NR,
          service=Service.RECORDING, sources=("flyer", "chiba")),
    Entry(id="s2.result_unknown", step=Step.APPLY,
          condition=lambda s: s.M and s.a.stage is S.APPLIED and s.a.channel is C.ONLINE
          and Y.UNSURE in (s.a.continue_use, s.a.cert_requested)
          and Y.NO not in (s.a.continue_use, s.a.cert_requested),
          sources=("flyer",),
          urgency=14),
    Entry(id="s2.channel_unknown", step=Step.APPLY,
          condition=lambda s: s.M and s.later and s.a.channel is C.UNDECIDED and not s.NR,
          sources=("flyer", "akita"),
          urgency=13),

    # Step ③ the issuance notice (交付通知書) and collecting the card
    Entry(id="s3.check_notice", step=Step.NOTICE,
          condition=lambda s: s.M and (s.a.stage in (S.BEFORE, S.APPLIED) or not s.NR),
          values=lambda s: Fee(fee=s.fee_known),
          sources=("flyer", "akita", "hagi"),
          urgency=19),
    Entry(id="s3.keep_notice", step=Step.NOTICE,
          condition=lambda s: s.M and s.LIC and s.a.stage is not S.COLLECTED,
          sources=("flyer",)),
    Entry(id="s3.collect_card", step=Step.NOTICE,
          condition=lambda s: s.M and s.a.stage is not S.COLLECTED,
          sources=("flyer",)),
    Entry(id="s3.confirm_with_app", step=Step.NOTICE,
          condition=lambda s: s.M and s.LIC and s.R in (Expected.RECORDED, Expected.UNKNOWN),
          values=lambda s: History(history=s.HIST),
          sources=("flyer", "yamanashi"),
          urgency=21),
    Entry(id="s3.may_still_fail", step=Step.NOTICE,
          condition=lambda s: s.M and s.R is Expected.RECORDED
          and s.a.stage in (S.BEFORE, S.APPLIED),
          sources=("flyer", "akita")),
    Entry(id="s3.record_free", step=Step.NOTICE,
          condition=lambda s: s.M and s.LIC and s.R is Expected.NOT_RECORDED,
          values=lambda s: Recording(fee=None, history=s.HIST,
                                     suspended=s.a.license_status is L.SUSPENDED, notice=s.NR),
          service=Service.RECORDING, sources=_RECORD_SOURCES,
          urgency=16),
    Entry(id="s3.record_with_fee", step=Step.NOTICE,
          condition=lambda s: s.M and s.LIC and s.R is Expected.NOT_STATED,
          values=lambda s: Recording(fee=s.fee_known, history=s.HIST,
                                     suspended=s.a.license_status is L.SUSPENDED, notice=s.NR),
          service=Service.RECORDING, sources=("flyer", "toyama", "shimane"),
          urgency=17),
    Entry(id="s3.no_driving_myna_only", step=Step.NOTICE,
          condition=lambda s: s.a.holding in (H.MYNA_ONLY, H.UNSURE) and s.LIC
          and s.R in (Expected.NOT_RECORDED, Expected.NOT_STATED),
          values=lambda s: NoDriving(unsure=s.a.holding is H.UNSURE),
          sources=("flyer", "kanagawa", "tokyo"), warning=True,
          urgency=2),
    Entry(id="s3.check_before_driving", step=Step.NOTICE,
          condition=lambda s: s.a.holding in (H.MYNA_ONLY, H.UNSURE) and s.LIC
          and s.R in (Expected.RECORDED, Expected.UNKNOWN),
          values=lambda s: BeforeDriving(unsure=s.a.holding is H.UNSURE,
                                         collected=s.a.stage is S.COLLECTED),
          sources=("flyer", "akita", "kanagawa"), warning=True,
          urgency=20),
    Entry(id="s3.drive_with_plastic", step=Step.NOTICE,
          condition=lambda s: s.a.holding is H.BOTH and s.a.license_status is L.VALID
          and s.R in (Expected.NOT_RECORDED, Expected.NOT_STATED) and not s.deadline_passed,
          sources=("gunma", "nagasaki", "setagaya")),

    # Step ④ at the license renewal
    Entry(id="s4.bring_new_card", step=Step.RENEWAL,
          condition=lambda s: s.M and not s.HIST and s.LIC,
          sources=("flyer",)),
    Entry(id="s4.bring_plastic_license", step=Step.RENEWAL,
          condition=lambda s: s.a.holding is H.BOTH and s.LIC,
          sources=("flyer",)),
    Entry(id="s4.renewal_period", step=Step.RENEWAL,
          condition=lambda s: s.a.holding not in (H.NONE, H.MYNA_HISTORY) and s.LIC
          and s.renewal is not None,
          values=lambda s: Renewal(renewal=s.renewal),
          service=Service.RENEWAL, sources=("oita", "flyer"),
          due=lambda s: s.deadline if not s.deadline_passed else None,
          milestones=_renewal_milestones,
          urgency=22),
    Entry(id="s4.license_expiry_past", step=Step.RENEWAL,
          condition=lambda s: s.a.holding not in (H.NONE, H.MYNA_HISTORY) and s.LIC
          and s.deadline_passed,
          values=lambda s: Renewal(renewal=s.renewal),
          service=Service.INQUIRY, sources=("oita",),
          urgency=4),

    # Not applicable
    Entry(id="na.no_myna_license", step=Step.NOT_APPLICABLE,
          condition=lambda s: s.a.holding is H.LICENSE_ONLY,
          service=Service.RECORDING, sources=("flyer", "digital_agency", "yamanashi"),
          urgency=24),
    Entry(id="na.no_license", step=Step.NOT_APPLICABLE,
          condition=lambda s: s.a.holding is H.NONE,
          sources=("flyer",),
          urgency=25),
    Entry(id="na.reason_not_eligible", step=Step.NOT_APPLICABLE,
          condition=lambda s: s.M and s.LIC and s.ineligible and not s.NR,
          values=lambda s: NotEligible(reason=_ineligible_reason(s), fee=s.fee_known),
          service=Service.RECORDING,
          sources=("flyer", "akita", "chiba", "kanagawa", "tokyo"),
          urgency=18),
)
ENTRY_BY_ID: dict[str, Entry] = {entry.id: entry for entry in CATALOGUE}


# rules.md §7: at most this many next actions lead the page.
NEXT_ACTIONS_MAX = 3
