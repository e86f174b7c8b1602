"""Tests for the rules core (guide/) against ../shared/spec/rules.md, version 2 (pure Python:
runs without Django).

Every expectation here is read from rules.md, not from the code: the item ids and their steps,
the names of §2, the dates of §3, the conditions of §4 (with R, the expected result of step ③),
the outcome rules of §5, the requirement panel of §6 and the next actions of §7 are written out
again below. TODAY is fixed (a Thursday, an open day); the real date is never used.
tests/test_rules_oracle.py compares the core with an independent oracle over every
combination; these tables are the human-readable layer beside it, one row per clause.
"""

from __future__ import annotations

import functools
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import holidays
import pytest

from guide.answers import (
    CHOICES,
    Answers,
    MonthDay,
    answers_applicable,
    answers_normalize,
    answers_parse,
)
from guide.catalogue import CATALOGUE
from guide.plan import Plan, plan_build
from guide.rules import situation_build
from tests.support.people import TODAY


def answers(**overrides: str | None) -> Answers:
    """Answers from plain strings, as in a permalink (dates "YYYY-MM-DD", birthday "MM-DD"),
    starting from holding=myna_only (the person is M); everything else takes §1's default.
    A value of None leaves the parameter out (an unknown date, or §1's default)."""
    query = {"holding": "myna_only", **overrides}
    return answers_parse(query={name: value for name, value in query.items() if value is not None})


def plan(today: date = TODAY, **overrides: str | None) -> Plan:
    return plan_build(answers=answers(**overrides), today=today)


def situation(today: date = TODAY, **overrides: str | None) -> Any:
    return situation_build(answers=answers(**overrides), today=today)


def d(text: str) -> date:
    return date.fromisoformat(text)


# --- the catalogue of §4 ----------------------------------------------------------------

SPEC_ITEM_STEPS: dict[str, str] = {
    "s1.check_holding": "1",
    "s1.submit_certificate": "1",
    "s1.certificate_on_file": "1",
    "s1.apply_while_valid": "1",
    "s1.license_suspended": "1",
    "s1.license_invalid": "1",
    "s1.special_characters": "1",
    "s1.renew_card_first": "1",
    "s1.renew_license_first": "1",
    "s1.order_conflict": "1",  # (v2)
    "s1.license_change_pending": "1",
    "s2.apply_online": "2",
    "s2.switch_to_online": "2",
    "s2.offline_no_carryover": "2",
    "s2.continue_use": "2",
    "s2.request_certificate": "2",
    "s2.record_number": "2",
    "s2.apply_window": "2",
    "s2.continue_use_missed": "2",
    "s2.certificate_request_missed": "2",
    "s2.result_unknown": "2",
    "s2.channel_unknown": "2",  # (v2)
    "s3.check_notice": "3",
    "s3.keep_notice": "3",
    "s3.collect_card": "3",
    "s3.confirm_with_app": "3",
    "s3.may_still_fail": "3",
    "s3.record_free": "3",
    "s3.record_with_fee": "3",
    "s3.no_driving_myna_only": "3",
    "s3.check_before_driving": "3",  # (v2)
    "s3.drive_with_plastic": "3",
    "s4.bring_new_card": "4",
    "s4.bring_plastic_license": "4",
    "s4.renewal_period": "4",
    "s4.license_expiry_past": "4",
    "na.no_myna_license": "na",
    "na.no_license": "na",
    "na.reason_not_eligible": "na",
}
SPEC_OUTCOME_IDS = {"not_applicable", "recorded", "record_free", "record_with_fee",
                    "no_carryover", "at_risk", "on_track"}


def test_item_catalogue_has_exactly_the_ids_and_steps_of_the_spec() -> None:
    assert {entry.id: entry.step for entry in CATALOGUE} == SPEC_ITEM_STEPS
    assert len(CATALOGUE) == len(SPEC_ITEM_STEPS)  # no id defined twice


# --- dates used by the tables -------------------------------------------------------------

# Same season (card window and license renewal overlap), at TODAY. The card window starts
# 2026-11-01 (the day after 2027-01-31 − 3 months), before TODAY: max(today, W start) = TODAY.
CARD_FIRST = {"card_expiry": "2027-01-31", "license_expiry": "2027-01-07", "birthday": "12-07"}
# apply by = min(2027-01-07 − 42 days, 2027-01-31) = TODAY: card first (≤ holds with equality).
LICENSE_FIRST = {"card_expiry": "2027-01-31", "license_expiry": "2027-01-06", "birthday": "12-06"}
# apply by = 2027-01-06 − 42 days = 2026-11-25 < TODAY: not card first. The renewal period
# opened 2026-11-06; TODAY is an open day ≤ min(card_expiry, deadline): license first possible.
ORDER_CONFLICT = {"card_expiry": "2026-12-01", "license_expiry": "2027-01-05", "birthday": "01-05"}
# apply by = min(2026-11-24, 2026-12-01) < TODAY; the renewal period opens 2026-12-05 (a
# Saturday), first open day 12-07 > min(card_expiry 12-01, deadline 01-05): no order fits.
LICENSE_FIRST_EDGE = {**ORDER_CONFLICT, "card_expiry": "2026-12-07"}
# The same renewal period, the card valid to Monday 12-07 = its first open day: still possible.
CONFLICT_EDGE = {**ORDER_CONFLICT, "card_expiry": "2026-12-06"}
# The card expires on Sunday 12-06, the day before that first open day: no order fits.
CARD_BY_EXPIRY = {"card_expiry": "2027-01-10", "license_expiry": "2027-02-28", "birthday": "02-10"}
# (v2) Deadline Sunday 02-28 → Monday 03-01; 03-01 − 42 days = 01-18, but the card expires 01-10
# first: apply by = 2027-01-10. Renewal from 2027-01-10 ≤ card_expiry + 42: same season.
PENDING = {"license_expiry": "2027-01-20", "birthday": "12-20"}  # renewal from 2026-11-20
FAR_CARD = {"card_expiry": "2027-06-30"}  # window from 2027-04-01: after PENDING's 2027-01-20
DEADLINE_PASSED = {"license_expiry": "2026-11-25", "birthday": "10-25"}
CARD_EXPIRED = {"card_expiry": "2026-11-25"}  # yesterday
ONLINE_LATER = {"stage": "applied", "channel": "online"}
# Answers whose expected result R is "recorded" before and after applying.
CLEAN = {"cert_submitted": "yes", "special_chars": "no"}
CLEAN_ONLINE_LATER = {**CLEAN, **ONLINE_LATER, "continue_use": "yes", "cert_requested": "yes"}
HIST = {"holding": "myna_history"}
REVOKED = {"license_status": "revoked_or_lapsed"}
SUSPENDED = {"license_status": "suspended"}


# --- §2 names ------------------------------------------------------------------------------

NAME_ROWS = [
    # M: holding ∈ {myna_only, both, myna_history, unsure}
    ("M", "myna_only", {}, True),
    ("M", "both", {"holding": "both"}, True),
    ("M", "myna_history", HIST, True),
    ("M", "unsure", {"holding": "unsure"}, True),
    ("M", "license_only", {"holding": "license_only"}, False),
    ("M", "none", {"holding": "none"}, False),
    # HIST: holding = myna_history
    ("HIST", "myna_history", HIST, True),
    ("HIST", "myna_only", {}, False),
    ("HIST", "unsure", {"holding": "unsure"}, False),
    # LIC: license_status ≠ revoked_or_lapsed; with HIST license_status counts as valid (§1)
    ("LIC", "valid", {}, True),
    ("LIC", "suspended", SUSPENDED, True),
    ("LIC", "revoked", REVOKED, False),
    ("LIC", "hist-revoked-is-ignored", {**HIST, **REVOKED}, True),
    # offline: channel ∈ {window, mail, photo_booth}
    ("offline", "window", {"channel": "window"}, True),
    ("offline", "mail", {"channel": "mail"}, True),
    ("offline", "photo_booth", {"channel": "photo_booth"}, True),
    ("offline", "online", {"channel": "online"}, False),
    ("offline", "undecided", {"channel": "undecided"}, False),
    # later: stage ≠ before
    ("later", "before", {}, False),
    ("later", "applied", {"stage": "applied"}, True),
    ("later", "notice", {"stage": "notice"}, True),
    ("later", "collected", {"stage": "collected"}, True),
    # NR: stage ∈ {notice, collected} and notice_result given
    ("NR", "notice-with-result", {"stage": "notice", "notice_result": "not_stated"}, True),
    ("NR", "collected-with-result", {"stage": "collected", "notice_result": "recorded"}, True),
    ("NR", "notice-without-result", {"stage": "notice"}, False),
    ("NR", "applied-with-result", {"stage": "applied", "notice_result": "recorded"}, False),
    ("NR", "before-with-result", {"notice_result": "recorded"}, False),
    # CARRY: M, LIC and not ineligible
    ("CARRY", "defaults", {}, True),
    ("CARRY", "myna_history", HIST, True),
    ("CARRY", "suspended", SUSPENDED, True),
    ("CARRY", "applied", {"stage": "applied", "channel": "window"}, True),
    ("CARRY", "not-M", {"holding": "license_only"}, False),
    ("CARRY", "not-LIC", REVOKED, False),
    ("CARRY", "ineligible-lost_damaged", {"reason": "lost_damaged"}, False),
    ("CARRY", "ineligible-card-expired-yesterday", CARD_EXPIRED, False),
]


@pytest.mark.parametrize(("name", "overrides", "value"),
                         [pytest.param(n, o, v, id=f"{n}-{i}") for n, i, o, v in NAME_ROWS])
def test_names_of_section_2(name: str, overrides: dict[str, str], value: bool) -> None:
    assert getattr(situation(**overrides), name) is value


@pytest.mark.parametrize(
    ("overrides", "ineligible"),
    [
        pytest.param(CARD_EXPIRED, True, id="before-card-expired-yesterday"),
        pytest.param({"card_expiry": "2026-11-26"}, False, id="before-card-expires-today"),
        pytest.param({**CARD_EXPIRED, "stage": "applied"}, False,
                     id="applied-card-expired-yesterday"),
        pytest.param({**CARD_EXPIRED, "stage": "notice"}, False,
                     id="notice-card-expired-yesterday"),
        pytest.param({}, False, id="card-expiry-unknown"),
        pytest.param({"reason": "lost_damaged"}, True, id="lost_damaged"),
        pytest.param({"reason": "expired"}, True, id="expired"),
        pytest.param({"reason": "expired", "stage": "collected"}, True, id="expired-collected"),
        pytest.param({"reason": "field_full", **CARD_EXPIRED}, True,
                     id="field_full-card-expired-yesterday"),
        pytest.param({"reason": "field_full"}, False, id="field_full"),
    ],
)
def test_ineligible_when_reason_not_eligible_or_card_expired_before_applying(
        overrides: dict[str, str], ineligible: bool) -> None:
    assert situation(**overrides).ineligible is ineligible


# --- §4 tables: one row where each item's condition holds, one per clause made false -----

Row = tuple[str, bool, str, dict[str, Any]]  # item id, present, row name, answers


def _params(rows: list[Row]) -> list[Any]:
    return [pytest.param(item_id, overrides, present,
                         id=f"{item_id}-{'listed' if present else 'absent'}-{name}")
            for item_id, present, name, overrides in rows]


STEP1_ROWS: list[Row] = [
    ("s1.check_holding", True, "holding-unsure", {"holding": "unsure"}),
    ("s1.check_holding", False, "holding-myna_only", {}),
    ("s1.check_holding", False, "holding-both", {"holding": "both"}),
    ("s1.check_holding", False, "holding-myna_history", HIST),
    ("s1.check_holding", False, "holding-license_only", {"holding": "license_only"}),
    ("s1.check_holding", False, "holding-none", {"holding": "none"}),

    # CARRY, stage = before, cert_submitted ≠ yes
    ("s1.submit_certificate", True, "cert-unsure", {}),
    ("s1.submit_certificate", True, "cert-no", {"cert_submitted": "no"}),
    ("s1.submit_certificate", True, "holding-both", {"holding": "both"}),
    ("s1.submit_certificate", True, "holding-unsure", {"holding": "unsure"}),
    ("s1.submit_certificate", True, "holding-myna_history", HIST),
    ("s1.submit_certificate", True, "suspended-is-LIC", SUSPENDED),
    ("s1.submit_certificate", True, "card-expires-today", {"card_expiry": "2026-11-26"}),
    ("s1.submit_certificate", False, "not-M-license_only", {"holding": "license_only"}),
    ("s1.submit_certificate", False, "not-M-none", {"holding": "none"}),
    ("s1.submit_certificate", False, "not-LIC-revoked", REVOKED),
    ("s1.submit_certificate", False, "stage-applied", {"stage": "applied"}),
    ("s1.submit_certificate", False, "cert-yes", {"cert_submitted": "yes"}),
    ("s1.submit_certificate", False, "ineligible-lost_damaged", {"reason": "lost_damaged"}),
    ("s1.submit_certificate", False, "ineligible-expired", {"reason": "expired"}),
    ("s1.submit_certificate", False, "ineligible-card-expired-yesterday", CARD_EXPIRED),

    # M, cert_submitted = yes
    ("s1.certificate_on_file", True, "cert-yes-before", {"cert_submitted": "yes"}),
    ("s1.certificate_on_file", True, "cert-yes-collected",
     {"cert_submitted": "yes", "stage": "collected"}),
    ("s1.certificate_on_file", True, "holding-unsure",
     {"holding": "unsure", "cert_submitted": "yes"}),
    ("s1.certificate_on_file", True, "holding-myna_history", {**HIST, "cert_submitted": "yes"}),
    ("s1.certificate_on_file", True, "revoked-needs-only-M", {**REVOKED, "cert_submitted": "yes"}),
    ("s1.certificate_on_file", True, "lost_damaged-needs-only-M",
     {"reason": "lost_damaged", "cert_submitted": "yes"}),
    ("s1.certificate_on_file", False, "not-M",
     {"holding": "license_only", "cert_submitted": "yes"}),
    ("s1.certificate_on_file", False, "cert-no", {"cert_submitted": "no"}),
    ("s1.certificate_on_file", False, "cert-unsure", {"cert_submitted": "unsure"}),

    # CARRY, stage = before
    ("s1.apply_while_valid", True, "before", {}),
    ("s1.apply_while_valid", True, "card-expires-today", {"card_expiry": "2026-11-26"}),
    ("s1.apply_while_valid", True, "field_full", {"reason": "field_full"}),
    ("s1.apply_while_valid", True, "holding-myna_history", HIST),
    ("s1.apply_while_valid", True, "suspended-is-LIC", SUSPENDED),
    ("s1.apply_while_valid", False, "not-M", {"holding": "license_only"}),
    ("s1.apply_while_valid", False, "not-LIC-revoked", REVOKED),
    ("s1.apply_while_valid", False, "stage-applied", {"stage": "applied"}),
    ("s1.apply_while_valid", False, "stage-collected", {"stage": "collected"}),
    ("s1.apply_while_valid", False, "ineligible-lost_damaged", {"reason": "lost_damaged"}),
    ("s1.apply_while_valid", False, "ineligible-card-expired-yesterday", CARD_EXPIRED),

    # M, not HIST, license_status = suspended
    ("s1.license_suspended", True, "suspended-before", SUSPENDED),
    ("s1.license_suspended", True, "suspended-notice", {**SUSPENDED, "stage": "notice"}),
    ("s1.license_suspended", True, "suspended-collected-with-NR",
     {**SUSPENDED, "stage": "collected", "notice_result": "recorded"}),
    ("s1.license_suspended", True, "holding-both", {**SUSPENDED, "holding": "both"}),
    ("s1.license_suspended", True, "holding-unsure", {**SUSPENDED, "holding": "unsure"}),
    ("s1.license_suspended", False, "not-M-none", {**SUSPENDED, "holding": "none"}),
    ("s1.license_suspended", False, "not-M-license_only", {**SUSPENDED, "holding": "license_only"}),
    ("s1.license_suspended", False, "HIST", {**SUSPENDED, **HIST}),
    ("s1.license_suspended", False, "valid", {"license_status": "valid"}),
    ("s1.license_suspended", False, "revoked", REVOKED),

    # M, not HIST, license_status = revoked_or_lapsed
    ("s1.license_invalid", True, "revoked-before", REVOKED),
    ("s1.license_invalid", True, "revoked-collected", {**REVOKED, "stage": "collected"}),
    ("s1.license_invalid", True, "revoked-notice-with-NR",
     {**REVOKED, "stage": "notice", "notice_result": "not_recorded"}),
    ("s1.license_invalid", True, "holding-unsure", {**REVOKED, "holding": "unsure"}),
    ("s1.license_invalid", False, "not-M", {**REVOKED, "holding": "license_only"}),
    ("s1.license_invalid", False, "HIST", {**REVOKED, **HIST}),
    ("s1.license_invalid", False, "valid", {"license_status": "valid"}),
    ("s1.license_invalid", False, "suspended", SUSPENDED),

    # M, special_chars ∈ {yes, unsure}, not (NR and notice_result = recorded)
    ("s1.special_characters", True, "special-yes", {"special_chars": "yes"}),
    ("s1.special_characters", True, "special-unsure", {"special_chars": "unsure"}),
    ("s1.special_characters", True, "holding-myna_history", {**HIST, "special_chars": "yes"}),
    ("s1.special_characters", True, "revoked-needs-only-M", {**REVOKED, "special_chars": "yes"}),
    ("s1.special_characters", True, "NR-not_recorded",
     {"special_chars": "yes", "stage": "notice", "notice_result": "not_recorded"}),
    ("s1.special_characters", True, "notice-without-result",
     {"special_chars": "yes", "stage": "notice"}),
    ("s1.special_characters", True, "recorded-but-not-NR-when-applied",
     {"special_chars": "yes", "stage": "applied", "notice_result": "recorded"}),
    ("s1.special_characters", False, "special-no", {"special_chars": "no"}),
    ("s1.special_characters", False, "not-M", {"holding": "license_only", "special_chars": "yes"}),
    ("s1.special_characters", False, "NR-recorded-special-yes",
     {"special_chars": "yes", "stage": "notice", "notice_result": "recorded"}),
    ("s1.special_characters", False, "NR-recorded-special-unsure",
     {"special_chars": "unsure", "stage": "collected", "notice_result": "recorded"}),

    # M, stage = before, same season, card first
    ("s1.renew_card_first", True, "same-season-card-first", CARD_FIRST),
    ("s1.renew_card_first", True, "holding-both", {**CARD_FIRST, "holding": "both"}),
    ("s1.renew_card_first", True, "apply-by-is-card-expiry", CARD_BY_EXPIRY),
    ("s1.renew_card_first", False, "not-M", {**CARD_FIRST, "holding": "license_only"}),
    ("s1.renew_card_first", False, "stage-applied", {**CARD_FIRST, "stage": "applied"}),
    ("s1.renew_card_first", False, "not-same-season-field_full",
     {**CARD_FIRST, "reason": "field_full"}),
    ("s1.renew_card_first", False, "not-same-season-card-expiry-unknown",
     {**CARD_FIRST, "card_expiry": None}),
    ("s1.renew_card_first", False, "not-same-season-license-expiry-unknown",
     {**CARD_FIRST, "license_expiry": None}),
    ("s1.renew_card_first", False, "not-same-season-not-LIC", {**CARD_FIRST, **REVOKED}),
    ("s1.renew_card_first", False, "not-same-season-HIST-license-expiry-ignored",
     {**CARD_FIRST, **HIST}),
    ("s1.renew_card_first", False, "not-card-first", LICENSE_FIRST),

    # M, stage = before, same season, not card first, license first possible
    ("s1.renew_license_first", True, "same-season-license-first", LICENSE_FIRST),
    ("s1.renew_license_first", True, "card-expiry-on-the-first-open-day-of-renewal",
     LICENSE_FIRST_EDGE),
    ("s1.renew_license_first", True, "holding-unsure", {**LICENSE_FIRST, "holding": "unsure"}),
    ("s1.renew_license_first", False, "not-M", {**LICENSE_FIRST, "holding": "license_only"}),
    ("s1.renew_license_first", False, "stage-applied", {**LICENSE_FIRST, "stage": "applied"}),
    ("s1.renew_license_first", False, "not-same-season-field_full",
     {**LICENSE_FIRST, "reason": "field_full"}),
    ("s1.renew_license_first", False, "not-same-season-card-expiry-unknown",
     {**LICENSE_FIRST, "card_expiry": None}),
    ("s1.renew_license_first", False, "card-first", CARD_FIRST),
    ("s1.renew_license_first", False, "license-first-not-possible", ORDER_CONFLICT),
    ("s1.renew_license_first", False, "card-expires-before-the-first-open-day", CONFLICT_EDGE),

    # (v2) M, stage = before, same season, not card first, not license first possible
    ("s1.order_conflict", True, "no-order-fits", ORDER_CONFLICT),
    ("s1.order_conflict", True, "card-expires-before-the-first-open-day", CONFLICT_EDGE),
    ("s1.order_conflict", True, "holding-unsure", {**ORDER_CONFLICT, "holding": "unsure"}),
    ("s1.order_conflict", True, "suspended-is-CARRY", {**ORDER_CONFLICT, **SUSPENDED}),
    ("s1.order_conflict", False, "not-M", {**ORDER_CONFLICT, "holding": "license_only"}),
    ("s1.order_conflict", False, "stage-applied", {**ORDER_CONFLICT, "stage": "applied"}),
    ("s1.order_conflict", False, "not-same-season-field_full",
     {**ORDER_CONFLICT, "reason": "field_full"}),
    ("s1.order_conflict", False, "not-same-season-not-LIC", {**ORDER_CONFLICT, **REVOKED}),
    ("s1.order_conflict", False, "card-first", CARD_FIRST),
    ("s1.order_conflict", False, "license-first-possible", LICENSE_FIRST),
    ("s1.order_conflict", False, "license-first-possible-on-the-edge", LICENSE_FIRST_EDGE),

    # M, LIC, license_expiry known, P starts ≤ today + LEAD, deadline ≥ today, and either
    # stage ∈ {applied, notice} or (v2) (stage = before, CARRY, not same season)
    ("s1.license_change_pending", True, "applied", {**PENDING, "stage": "applied"}),
    ("s1.license_change_pending", True, "notice", {**PENDING, "stage": "notice"}),
    ("s1.license_change_pending", True, "notice-with-NR",
     {**PENDING, "stage": "notice", "notice_result": "recorded"}),
    ("s1.license_change_pending", True, "applied-suspended-is-LIC",
     {**PENDING, **SUSPENDED, "stage": "applied"}),
    ("s1.license_change_pending", True, "applied-ineligible-needs-no-CARRY",
     {**PENDING, "stage": "applied", "reason": "lost_damaged"}),
    ("s1.license_change_pending", True, "before-card-expiry-unknown", PENDING),
    ("s1.license_change_pending", True, "before-field_full",
     {**PENDING, **FAR_CARD, "reason": "field_full"}),
    ("s1.license_change_pending", True, "before-license-expiry-before-card-window",
     {**PENDING, **FAR_CARD}),
    ("s1.license_change_pending", True, "before-holding-both", {**PENDING, "holding": "both"}),
    ("s1.license_change_pending", False, "not-M",
     {**PENDING, "stage": "applied", "holding": "license_only"}),
    ("s1.license_change_pending", False, "not-LIC", {**PENDING, **REVOKED, "stage": "applied"}),
    ("s1.license_change_pending", False, "HIST-license-expiry-ignored",
     {**PENDING, **HIST, "stage": "applied"}),
    ("s1.license_change_pending", False, "stage-collected", {**PENDING, "stage": "collected"}),
    ("s1.license_change_pending", False, "license-expiry-unknown", {"stage": "applied"}),
    ("s1.license_change_pending", False, "renewal-starts-after-today-plus-lead",
     {"stage": "applied", "license_expiry": "2027-03-08", "birthday": "02-08"}),
    ("s1.license_change_pending", False, "deadline-passed",
     {**DEADLINE_PASSED, "stage": "applied"}),
    ("s1.license_change_pending", False, "before-same-season-card-first", CARD_FIRST),
    ("s1.license_change_pending", False, "before-same-season-license-first", LICENSE_FIRST),
    ("s1.license_change_pending", False, "before-same-season-order-conflict", ORDER_CONFLICT),
    ("s1.license_change_pending", False, "before-not-CARRY-lost_damaged",
     {**PENDING, "reason": "lost_damaged"}),
    ("s1.license_change_pending", False, "before-not-CARRY-card-expired",
     {**PENDING, **CARD_EXPIRED}),
]

ONLINE_BEFORE_IDS = ("s2.apply_online", "s2.continue_use", "s2.request_certificate",
                     "s2.record_number")
# CARRY, stage = before (v2: whatever channel is planned)
ONLINE_BEFORE_CASES: list[tuple[bool, str, dict[str, Any]]] = [
    (True, "channel-online", {"channel": "online"}),
    (True, "channel-undecided", {"channel": "undecided"}),
    (True, "channel-window", {"channel": "window"}),
    (True, "channel-mail", {"channel": "mail"}),
    (True, "channel-photo_booth", {"channel": "photo_booth"}),
    (True, "holding-unsure", {"holding": "unsure", "channel": "online"}),
    (True, "holding-myna_history", {**HIST, "channel": "online"}),
    (True, "suspended-is-LIC", {**SUSPENDED, "channel": "online"}),
    (True, "card-expires-today", {"card_expiry": "2026-11-26"}),
    (False, "not-M", {"holding": "license_only", "channel": "online"}),
    (False, "not-LIC", {**REVOKED, "channel": "online"}),
    (False, "stage-applied", {"stage": "applied", "channel": "online"}),
    (False, "ineligible-lost_damaged", {"reason": "lost_damaged", "channel": "online"}),
    (False, "ineligible-card-expired-yesterday", {**CARD_EXPIRED, "channel": "online"}),
]

STEP2_ROWS: list[Row] = [
    (item_id, present, name, overrides)
    for item_id in ONLINE_BEFORE_IDS
    for present, name, overrides in ONLINE_BEFORE_CASES
] + [
    # CARRY, stage = before, offline
    ("s2.switch_to_online", True, "window", {"channel": "window"}),
    ("s2.switch_to_online", True, "mail", {"channel": "mail"}),
    ("s2.switch_to_online", True, "photo_booth", {"channel": "photo_booth"}),
    ("s2.switch_to_online", True, "holding-myna_history", {**HIST, "channel": "window"}),
    ("s2.switch_to_online", False, "not-M", {"holding": "license_only", "channel": "window"}),
    ("s2.switch_to_online", False, "not-LIC", {**REVOKED, "channel": "window"}),
    ("s2.switch_to_online", False, "stage-applied", {"stage": "applied", "channel": "window"}),
    ("s2.switch_to_online", False, "channel-online", {"channel": "online"}),
    ("s2.switch_to_online", False, "channel-undecided", {"channel": "undecided"}),
    ("s2.switch_to_online", False, "ineligible-expired",
     {"reason": "expired", "channel": "window"}),
    ("s2.switch_to_online", False, "ineligible-card-expired-yesterday",
     {**CARD_EXPIRED, "channel": "mail"}),

    # M, LIC, later, offline, not NR
    ("s2.offline_no_carryover", True, "applied-window", {"stage": "applied", "channel": "window"}),
    ("s2.offline_no_carryover", True, "notice-mail-without-result",
     {"stage": "notice", "channel": "mail"}),
    ("s2.offline_no_carryover", True, "collected-photo_booth",
     {"stage": "collected", "channel": "photo_booth"}),
    ("s2.offline_no_carryover", True, "holding-myna_history",
     {**HIST, "stage": "applied", "channel": "window"}),
    ("s2.offline_no_carryover", True, "ineligible-needs-no-CARRY",
     {"reason": "lost_damaged", "stage": "applied", "channel": "window"}),
    ("s2.offline_no_carryover", False, "not-M",
     {"holding": "none", "stage": "applied", "channel": "window"}),
    ("s2.offline_no_carryover", False, "not-LIC",
     {**REVOKED, "stage": "applied", "channel": "window"}),
    ("s2.offline_no_carryover", False, "stage-before", {"channel": "window"}),
    ("s2.offline_no_carryover", False, "channel-online", {"stage": "applied", "channel": "online"}),
    ("s2.offline_no_carryover", False, "channel-undecided",
     {"stage": "applied", "channel": "undecided"}),
    ("s2.offline_no_carryover", False, "NR",
     {"stage": "notice", "channel": "window", "notice_result": "not_stated"}),

    # CARRY, stage = before, reason = expiring, card_expiry known
    ("s2.apply_window", True, "card-expiry-known", {"card_expiry": "2027-03-31"}),
    ("s2.apply_window", True, "card-expires-today", {"card_expiry": "2026-11-26"}),
    ("s2.apply_window", True, "holding-myna_history", {**HIST, "card_expiry": "2027-03-31"}),
    ("s2.apply_window", False, "not-M", {"holding": "license_only", "card_expiry": "2027-03-31"}),
    ("s2.apply_window", False, "not-LIC", {**REVOKED, "card_expiry": "2027-03-31"}),
    ("s2.apply_window", False, "stage-applied", {"stage": "applied", "card_expiry": "2027-03-31"}),
    ("s2.apply_window", False, "reason-field_full",
     {"reason": "field_full", "card_expiry": "2027-03-31"}),
    ("s2.apply_window", False, "card-expiry-unknown", {}),
    ("s2.apply_window", False, "ineligible-card-expired-yesterday", CARD_EXPIRED),

    # M, LIC, later, channel = online, continue_use = no, not NR
    ("s2.continue_use_missed", True, "applied", {**ONLINE_LATER, "continue_use": "no"}),
    ("s2.continue_use_missed", True, "collected-without-result",
     {**ONLINE_LATER, "stage": "collected", "continue_use": "no"}),
    ("s2.continue_use_missed", True, "holding-myna_history",
     {**ONLINE_LATER, **HIST, "continue_use": "no"}),
    ("s2.continue_use_missed", True, "ineligible-needs-no-CARRY",
     {**ONLINE_LATER, "reason": "expired", "continue_use": "no"}),
    ("s2.continue_use_missed", False, "not-M",
     {**ONLINE_LATER, "holding": "license_only", "continue_use": "no"}),
    ("s2.continue_use_missed", False, "not-LIC", {**ONLINE_LATER, **REVOKED, "continue_use": "no"}),
    ("s2.continue_use_missed", False, "stage-before",
     {**ONLINE_LATER, "stage": "before", "continue_use": "no"}),
    ("s2.continue_use_missed", False, "channel-window",
     {**ONLINE_LATER, "channel": "window", "continue_use": "no"}),
    ("s2.continue_use_missed", False, "channel-undecided",
     {**ONLINE_LATER, "channel": "undecided", "continue_use": "no"}),
    ("s2.continue_use_missed", False, "continue-yes", {**ONLINE_LATER, "continue_use": "yes"}),
    ("s2.continue_use_missed", False, "continue-unsure",
     {**ONLINE_LATER, "continue_use": "unsure"}),
    ("s2.continue_use_missed", False, "NR",
     {**ONLINE_LATER, "stage": "notice", "continue_use": "no", "notice_result": "not_stated"}),

    # M, LIC, later, channel = online, cert_requested = no, not NR
    ("s2.certificate_request_missed", True, "applied", {**ONLINE_LATER, "cert_requested": "no"}),
    ("s2.certificate_request_missed", True, "notice-without-result",
     {**ONLINE_LATER, "stage": "notice", "cert_requested": "no"}),
    ("s2.certificate_request_missed", True, "holding-myna_history",
     {**ONLINE_LATER, **HIST, "cert_requested": "no"}),
    ("s2.certificate_request_missed", False, "not-M",
     {**ONLINE_LATER, "holding": "none", "cert_requested": "no"}),
    ("s2.certificate_request_missed", False, "not-LIC",
     {**ONLINE_LATER, **REVOKED, "cert_requested": "no"}),
    ("s2.certificate_request_missed", False, "stage-before",
     {**ONLINE_LATER, "stage": "before", "cert_requested": "no"}),
    ("s2.certificate_request_missed", False, "channel-mail",
     {**ONLINE_LATER, "channel": "mail", "cert_requested": "no"}),
    ("s2.certificate_request_missed", False, "requested-yes",
     {**ONLINE_LATER, "cert_requested": "yes"}),
    ("s2.certificate_request_missed", False, "requested-unsure",
     {**ONLINE_LATER, "cert_requested": "unsure"}),
    ("s2.certificate_request_missed", False, "NR",
     {**ONLINE_LATER, "stage": "collected", "cert_requested": "no",
      "notice_result": "not_recorded"}),

    # M, stage = applied, channel = online, continue_use or cert_requested = unsure,
    # (v2) neither = no
    ("s2.result_unknown", True, "continue-unsure",
     {**ONLINE_LATER, "continue_use": "unsure", "cert_requested": "yes"}),
    ("s2.result_unknown", True, "requested-unsure",
     {**ONLINE_LATER, "continue_use": "yes", "cert_requested": "unsure"}),
    ("s2.result_unknown", True, "both-unsure", ONLINE_LATER),
    ("s2.result_unknown", True, "holding-myna_history", {**ONLINE_LATER, **HIST}),
    ("s2.result_unknown", True, "revoked-needs-only-M", {**ONLINE_LATER, **REVOKED}),
    ("s2.result_unknown", False, "not-M", {**ONLINE_LATER, "holding": "license_only"}),
    ("s2.result_unknown", False, "stage-notice", {**ONLINE_LATER, "stage": "notice"}),
    ("s2.result_unknown", False, "stage-before", {**ONLINE_LATER, "stage": "before"}),
    ("s2.result_unknown", False, "channel-window", {**ONLINE_LATER, "channel": "window"}),
    ("s2.result_unknown", False, "channel-undecided", {**ONLINE_LATER, "channel": "undecided"}),
    ("s2.result_unknown", False, "both-yes",
     {**ONLINE_LATER, "continue_use": "yes", "cert_requested": "yes"}),
    ("s2.result_unknown", False, "both-no",
     {**ONLINE_LATER, "continue_use": "no", "cert_requested": "no"}),
    ("s2.result_unknown", False, "yes-and-no",
     {**ONLINE_LATER, "continue_use": "yes", "cert_requested": "no"}),
    ("s2.result_unknown", False, "continue-no-requested-unsure",
     {**ONLINE_LATER, "continue_use": "no", "cert_requested": "unsure"}),
    ("s2.result_unknown", False, "continue-unsure-requested-no",
     {**ONLINE_LATER, "continue_use": "unsure", "cert_requested": "no"}),

    # (v2) M, later, channel = undecided, not NR
    ("s2.channel_unknown", True, "applied", {"stage": "applied", "channel": "undecided"}),
    ("s2.channel_unknown", True, "notice-without-result", {"stage": "notice"}),
    ("s2.channel_unknown", True, "collected-without-result", {"stage": "collected"}),
    ("s2.channel_unknown", True, "holding-myna_history", {**HIST, "stage": "applied"}),
    ("s2.channel_unknown", True, "revoked-needs-only-M", {**REVOKED, "stage": "applied"}),
    ("s2.channel_unknown", False, "not-M", {"holding": "license_only", "stage": "applied"}),
    ("s2.channel_unknown", False, "stage-before", {"channel": "undecided"}),
    ("s2.channel_unknown", False, "channel-online", ONLINE_LATER),
    ("s2.channel_unknown", False, "channel-window", {"stage": "applied", "channel": "window"}),
    ("s2.channel_unknown", False, "NR", {"stage": "notice", "notice_result": "recorded"}),
]

STEP3_ROWS: list[Row] = [
    # M, and either stage ∈ {before, applied} or (stage ∈ {notice, collected} and no result)
    ("s3.check_notice", True, "before", {}),
    ("s3.check_notice", True, "applied", {"stage": "applied"}),
    ("s3.check_notice", True, "notice-without-result", {"stage": "notice"}),
    ("s3.check_notice", True, "collected-without-result", {"stage": "collected"}),
    ("s3.check_notice", True, "holding-myna_history", HIST),
    ("s3.check_notice", True, "revoked-needs-only-M", REVOKED),
    ("s3.check_notice", False, "not-M", {"holding": "license_only"}),
    ("s3.check_notice", False, "notice-recorded", {"stage": "notice", "notice_result": "recorded"}),
    ("s3.check_notice", False, "notice-not_recorded",
     {"stage": "notice", "notice_result": "not_recorded"}),
    ("s3.check_notice", False, "collected-not_stated",
     {"stage": "collected", "notice_result": "not_stated"}),

    # M, LIC, stage ≠ collected
    ("s3.keep_notice", True, "before", {}),
    ("s3.keep_notice", True, "applied", {"stage": "applied"}),
    ("s3.keep_notice", True, "notice-recorded", {"stage": "notice", "notice_result": "recorded"}),
    ("s3.keep_notice", True, "holding-myna_history", HIST),
    ("s3.keep_notice", False, "collected", {"stage": "collected"}),
    ("s3.keep_notice", False, "not-M", {"holding": "license_only"}),
    ("s3.keep_notice", False, "not-LIC", REVOKED),

    # M, stage ≠ collected
    ("s3.collect_card", True, "before", {}),
    ("s3.collect_card", True, "applied", {"stage": "applied"}),
    ("s3.collect_card", True, "notice-recorded", {"stage": "notice", "notice_result": "recorded"}),
    ("s3.collect_card", True, "holding-myna_history", HIST),
    ("s3.collect_card", True, "revoked-needs-only-M", REVOKED),
    ("s3.collect_card", False, "collected", {"stage": "collected"}),
    ("s3.collect_card", False, "not-M", {"holding": "license_only"}),

    # M, LIC, R ∈ {recorded, unknown}
    ("s3.confirm_with_app", True, "expected-recorded", {}),
    ("s3.confirm_with_app", True, "notice-recorded-despite-window",
     {"stage": "notice", "channel": "window", "notice_result": "recorded"}),
    ("s3.confirm_with_app", True, "window-before-applying-expects-recorded", {"channel": "window"}),
    ("s3.confirm_with_app", True, "expected-unknown-channel-forgotten",
     {**CLEAN, "stage": "applied"}),
    ("s3.confirm_with_app", True, "expected-unknown-notice-without-result",
     {**CLEAN_ONLINE_LATER, "stage": "notice"}),
    ("s3.confirm_with_app", True, "holding-myna_history", HIST),
    ("s3.confirm_with_app", False, "not-M", {"holding": "license_only"}),
    ("s3.confirm_with_app", False, "expected-not_recorded", {"special_chars": "yes"}),
    ("s3.confirm_with_app", False, "expected-not_stated",
     {"stage": "applied", "channel": "window"}),
    ("s3.confirm_with_app", False, "notice-not_recorded",
     {"stage": "collected", "notice_result": "not_recorded"}),
    ("s3.confirm_with_app", False, "not-LIC-notice-recorded",
     {**REVOKED, "stage": "notice", "notice_result": "recorded"}),

    # M, R = recorded, stage ∈ {before, applied}
    ("s3.may_still_fail", True, "before", CLEAN),
    ("s3.may_still_fail", True, "applied", CLEAN_ONLINE_LATER),
    ("s3.may_still_fail", True, "window-before-applying-expects-recorded",
     {**CLEAN, "channel": "window"}),
    ("s3.may_still_fail", True, "suspended-before-applying-expects-recorded",
     {**CLEAN, **SUSPENDED}),
    ("s3.may_still_fail", True, "holding-myna_history", {**CLEAN, **HIST}),
    ("s3.may_still_fail", False, "not-M", {"holding": "none"}),
    ("s3.may_still_fail", False, "expected-not_recorded", {"special_chars": "yes"}),
    ("s3.may_still_fail", False, "expected-not_stated", {"stage": "applied", "channel": "window"}),
    ("s3.may_still_fail", False, "expected-unknown", {**CLEAN, "stage": "applied"}),
    ("s3.may_still_fail", False, "notice-recorded",
     {**CLEAN_ONLINE_LATER, "stage": "notice", "notice_result": "recorded"}),
    ("s3.may_still_fail", False, "collected-recorded",
     {**CLEAN_ONLINE_LATER, "stage": "collected", "notice_result": "recorded"}),

    # M, LIC, R = not_recorded
    ("s3.record_free", True, "special-yes", {"special_chars": "yes"}),
    ("s3.record_free", True, "suspended-later", {**SUSPENDED, **ONLINE_LATER}),
    ("s3.record_free", True, "certificate-not-submitted-later",
     {"stage": "applied", "cert_submitted": "no"}),
    ("s3.record_free", True, "certificate-not-requested",
     {**ONLINE_LATER, "continue_use": "yes", "cert_requested": "no"}),
    ("s3.record_free", True, "notice-not_recorded",
     {"stage": "notice", "notice_result": "not_recorded"}),
    ("s3.record_free", True, "holding-myna_history", {**HIST, "special_chars": "yes"}),
    ("s3.record_free", False, "not-M", {"holding": "license_only", "special_chars": "yes"}),
    ("s3.record_free", False, "expected-recorded", {}),
    ("s3.record_free", False, "suspended-before-applying-expects-recorded", SUSPENDED),
    ("s3.record_free", False, "expected-not_stated", {"stage": "applied", "channel": "window"}),
    ("s3.record_free", False, "not-LIC", REVOKED),

    # M, LIC, R = not_stated
    ("s3.record_with_fee", True, "applied-window", {"stage": "applied", "channel": "window"}),
    ("s3.record_with_fee", True, "lost_damaged", {"reason": "lost_damaged"}),
    ("s3.record_with_fee", True, "card-expired-yesterday", CARD_EXPIRED),
    ("s3.record_with_fee", True, "continue-use-missed", {**ONLINE_LATER, "continue_use": "no"}),
    ("s3.record_with_fee", True, "notice-not_stated",
     {"stage": "notice", "notice_result": "not_stated"}),
    ("s3.record_with_fee", True, "holding-myna_history",
     {**HIST, "stage": "applied", "channel": "window"}),
    ("s3.record_with_fee", False, "not-M",
     {"holding": "license_only", "stage": "applied", "channel": "window"}),
    ("s3.record_with_fee", False, "expected-recorded", {}),
    ("s3.record_with_fee", False, "window-before-applying-expects-recorded", {"channel": "window"}),
    ("s3.record_with_fee", False, "expected-not_recorded", {"special_chars": "yes"}),
    ("s3.record_with_fee", False, "not-LIC", {**REVOKED, "reason": "lost_damaged"}),

    # (v2) holding ∈ {myna_only, unsure}, LIC, R ∈ {not_recorded, not_stated}
    ("s3.no_driving_myna_only", True, "expected-not_recorded", {"special_chars": "yes"}),
    ("s3.no_driving_myna_only", True, "expected-not_stated",
     {"stage": "applied", "channel": "window"}),
    ("s3.no_driving_myna_only", True, "notice-not_recorded",
     {"stage": "notice", "notice_result": "not_recorded"}),
    ("s3.no_driving_myna_only", True, "holding-unsure",
     {"holding": "unsure", "stage": "applied", "channel": "window"}),
    ("s3.no_driving_myna_only", True, "suspended-later-is-LIC", {**SUSPENDED, **ONLINE_LATER}),
    ("s3.no_driving_myna_only", True, "lost_damaged", {"reason": "lost_damaged"}),
    ("s3.no_driving_myna_only", False, "holding-both",
     {"holding": "both", "stage": "applied", "channel": "window"}),
    ("s3.no_driving_myna_only", False, "holding-myna_history",
     {**HIST, "stage": "applied", "channel": "window"}),
    ("s3.no_driving_myna_only", False, "holding-license_only",
     {"holding": "license_only", "special_chars": "yes"}),
    ("s3.no_driving_myna_only", False, "not-LIC",
     {**REVOKED, "stage": "applied", "channel": "window"}),
    ("s3.no_driving_myna_only", False, "expected-recorded", {}),
    ("s3.no_driving_myna_only", False, "suspended-before-applying-expects-recorded", SUSPENDED),
    ("s3.no_driving_myna_only", False, "window-before-applying-expects-recorded",
     {"channel": "window"}),
    ("s3.no_driving_myna_only", False, "expected-unknown", {"stage": "applied"}),

    # (v2) holding ∈ {myna_only, unsure}, LIC, R ∈ {recorded, unknown}
    ("s3.check_before_driving", True, "expected-recorded", {}),
    ("s3.check_before_driving", True, "holding-unsure", {"holding": "unsure"}),
    ("s3.check_before_driving", True, "expected-unknown-channel-forgotten", {"stage": "applied"}),
    ("s3.check_before_driving", True, "notice-recorded",
     {"stage": "notice", "notice_result": "recorded"}),
    ("s3.check_before_driving", True, "collected-without-result",
     {**CLEAN_ONLINE_LATER, "stage": "collected"}),
    ("s3.check_before_driving", False, "holding-both", {"holding": "both"}),
    ("s3.check_before_driving", False, "holding-myna_history", HIST),
    ("s3.check_before_driving", False, "holding-license_only", {"holding": "license_only"}),
    ("s3.check_before_driving", False, "not-LIC-notice-recorded",
     {**REVOKED, "stage": "notice", "notice_result": "recorded"}),
    ("s3.check_before_driving", False, "expected-not_recorded", {"special_chars": "yes"}),
    ("s3.check_before_driving", False, "expected-not_stated",
     {"stage": "applied", "channel": "window"}),

    # holding = both, license_status = valid, R ∈ {not_recorded, not_stated},
    # (v2) not (license deadline < today)
    ("s3.drive_with_plastic", True, "expected-not_recorded",
     {"holding": "both", "special_chars": "yes"}),
    ("s3.drive_with_plastic", True, "expected-not_stated",
     {"holding": "both", "stage": "applied", "channel": "window"}),
    ("s3.drive_with_plastic", True, "deadline-today",
     {"holding": "both", "special_chars": "yes", "license_expiry": "2026-11-26",
      "birthday": "10-26"}),
    ("s3.drive_with_plastic", False, "holding-myna_only",
     {"stage": "applied", "channel": "window"}),
    ("s3.drive_with_plastic", False, "holding-unsure",
     {"holding": "unsure", "stage": "applied", "channel": "window"}),
    ("s3.drive_with_plastic", False, "suspended",
     {"holding": "both", **SUSPENDED, **ONLINE_LATER}),
    ("s3.drive_with_plastic", False, "revoked",
     {"holding": "both", **REVOKED, "stage": "applied", "channel": "window"}),
    ("s3.drive_with_plastic", False, "expected-recorded", {"holding": "both"}),
    ("s3.drive_with_plastic", False, "window-before-applying-expects-recorded",
     {"holding": "both", "channel": "window"}),
    ("s3.drive_with_plastic", False, "deadline-passed",
     {"holding": "both", "special_chars": "yes", **DEADLINE_PASSED}),
]

STEP4_ROWS: list[Row] = [
    # M, not HIST, LIC
    ("s4.bring_new_card", True, "myna_only", {}),
    ("s4.bring_new_card", True, "both", {"holding": "both"}),
    ("s4.bring_new_card", True, "unsure", {"holding": "unsure"}),
    ("s4.bring_new_card", True, "suspended-is-LIC", SUSPENDED),
    ("s4.bring_new_card", False, "license_only", {"holding": "license_only"}),
    ("s4.bring_new_card", False, "none", {"holding": "none"}),
    ("s4.bring_new_card", False, "HIST", HIST),
    ("s4.bring_new_card", False, "not-LIC", REVOKED),

    # holding = both, LIC
    ("s4.bring_plastic_license", True, "both", {"holding": "both"}),
    ("s4.bring_plastic_license", True, "both-suspended", {"holding": "both", **SUSPENDED}),
    ("s4.bring_plastic_license", False, "myna_only", {}),
    ("s4.bring_plastic_license", False, "unsure", {"holding": "unsure"}),
    ("s4.bring_plastic_license", False, "HIST", HIST),
    ("s4.bring_plastic_license", False, "license_only", {"holding": "license_only"}),
    ("s4.bring_plastic_license", False, "none", {"holding": "none"}),
    ("s4.bring_plastic_license", False, "both-not-LIC", {"holding": "both", **REVOKED}),

    # holding ∉ {none, myna_history}, LIC, license_expiry known
    ("s4.renewal_period", True, "myna_only", {"license_expiry": "2027-01-20"}),
    ("s4.renewal_period", True, "both", {"holding": "both", "license_expiry": "2027-01-20"}),
    ("s4.renewal_period", True, "license_only",
     {"holding": "license_only", "license_expiry": "2027-01-20"}),
    ("s4.renewal_period", True, "unsure", {"holding": "unsure", "license_expiry": "2027-01-20"}),
    ("s4.renewal_period", False, "holding-none",
     {"holding": "none", "license_expiry": "2027-01-20"}),
    ("s4.renewal_period", False, "holding-myna_history", {**HIST, "license_expiry": "2027-01-20"}),
    ("s4.renewal_period", False, "not-LIC", {**REVOKED, "license_expiry": "2027-01-20"}),
    ("s4.renewal_period", False, "license-expiry-unknown", {}),

    # holding ∉ {none, myna_history}, LIC, license deadline < today
    ("s4.license_expiry_past", True, "deadline-yesterday", {"license_expiry": "2026-11-25"}),
    ("s4.license_expiry_past", True, "license_only",
     {"holding": "license_only", "license_expiry": "2026-11-25"}),
    ("s4.license_expiry_past", True, "unsure",
     {"holding": "unsure", "license_expiry": "2026-11-25"}),
    # 2026-11-21 is a Saturday; 11-23 a holiday: the deadline moves to 11-24, still past.
    ("s4.license_expiry_past", True, "moved-deadline-still-past", {"license_expiry": "2026-11-21"}),
    ("s4.license_expiry_past", False, "holding-none",
     {"holding": "none", "license_expiry": "2026-11-25"}),
    ("s4.license_expiry_past", False, "holding-myna_history",
     {**HIST, "license_expiry": "2026-11-25"}),
    ("s4.license_expiry_past", False, "not-LIC", {**REVOKED, "license_expiry": "2026-11-25"}),
    ("s4.license_expiry_past", False, "deadline-today", {"license_expiry": "2026-11-26"}),
    ("s4.license_expiry_past", False, "license-expiry-unknown", {}),
]

NA_ROWS: list[Row] = [
    ("na.no_myna_license", True, "license_only", {"holding": "license_only"}),
    ("na.no_myna_license", False, "none", {"holding": "none"}),
    ("na.no_myna_license", False, "myna_only", {}),
    ("na.no_myna_license", False, "both", {"holding": "both"}),
    ("na.no_myna_license", False, "myna_history", HIST),
    ("na.no_myna_license", False, "unsure", {"holding": "unsure"}),

    ("na.no_license", True, "none", {"holding": "none"}),
    ("na.no_license", False, "license_only", {"holding": "license_only"}),
    ("na.no_license", False, "myna_only", {}),
    ("na.no_license", False, "myna_history", HIST),
    ("na.no_license", False, "unsure", {"holding": "unsure"}),

    # M, LIC, ineligible, not NR
    ("na.reason_not_eligible", True, "lost_damaged", {"reason": "lost_damaged"}),
    ("na.reason_not_eligible", True, "expired", {"reason": "expired"}),
    ("na.reason_not_eligible", True, "card-expired-yesterday", CARD_EXPIRED),
    ("na.reason_not_eligible", True, "holding-unsure",
     {"holding": "unsure", "reason": "lost_damaged"}),
    ("na.reason_not_eligible", True, "holding-myna_history", {**HIST, "reason": "lost_damaged"}),
    ("na.reason_not_eligible", True, "applied-expired", {"reason": "expired", "stage": "applied"}),
    ("na.reason_not_eligible", True, "notice-without-result",
     {"reason": "expired", "stage": "notice"}),
    ("na.reason_not_eligible", False, "not-M",
     {"holding": "license_only", "reason": "lost_damaged"}),
    ("na.reason_not_eligible", False, "not-LIC", {**REVOKED, "reason": "lost_damaged"}),
    ("na.reason_not_eligible", False, "NR",
     {"reason": "expired", "stage": "notice", "notice_result": "not_stated"}),
    ("na.reason_not_eligible", False, "expiring", {"reason": "expiring"}),
    ("na.reason_not_eligible", False, "field_full", {"reason": "field_full"}),
    ("na.reason_not_eligible", False, "card-expires-today", {"card_expiry": "2026-11-26"}),
    ("na.reason_not_eligible", False, "card-expired-but-applied",
     {"stage": "applied", **CARD_EXPIRED}),
]


def _assert_item(item_id: str, step: str, overrides: dict[str, Any], present: bool) -> None:
    result = plan(**overrides)
    if present:
        assert item_id in [item.id for item in result.items if item.step == step]
    else:
        assert item_id not in result.item_ids


@pytest.mark.parametrize(("item_id", "overrides", "present"), _params(STEP1_ROWS))
def test_step1_item_is_listed_in_step_1_exactly_when_its_condition_holds(
        item_id: str, overrides: dict[str, Any], present: bool) -> None:
    _assert_item(item_id, "1", overrides, present)


@pytest.mark.parametrize(("item_id", "overrides", "present"), _params(STEP2_ROWS))
def test_step2_item_is_listed_in_step_2_exactly_when_its_condition_holds(
        item_id: str, overrides: dict[str, Any], present: bool) -> None:
    _assert_item(item_id, "2", overrides, present)


@pytest.mark.parametrize(("item_id", "overrides", "present"), _params(STEP3_ROWS))
def test_step3_item_is_listed_in_step_3_exactly_when_its_condition_holds(
        item_id: str, overrides: dict[str, Any], present: bool) -> None:
    _assert_item(item_id, "3", overrides, present)


@pytest.mark.parametrize(("item_id", "overrides", "present"), _params(STEP4_ROWS))
def test_step4_item_is_listed_in_step_4_exactly_when_its_condition_holds(
        item_id: str, overrides: dict[str, Any], present: bool) -> None:
    _assert_item(item_id, "4", overrides, present)


@pytest.mark.parametrize(("item_id", "overrides", "present"), _params(NA_ROWS))
def test_not_applicable_item_is_listed_in_step_na_exactly_when_its_condition_holds(
        item_id: str, overrides: dict[str, Any], present: bool) -> None:
    _assert_item(item_id, "na", overrides, present)


@pytest.mark.parametrize(
    ("step", "rows"),
    [pytest.param("1", STEP1_ROWS, id="step-1"), pytest.param("2", STEP2_ROWS, id="step-2"),
     pytest.param("3", STEP3_ROWS, id="step-3"), pytest.param("4", STEP4_ROWS, id="step-4"),
     pytest.param("na", NA_ROWS, id="step-na")],
)
def test_each_step_table_has_a_listed_and_an_absent_row_for_every_item_of_that_step(
        step: str, rows: list[Row]) -> None:
    ids = {item_id for item_id, item_step in SPEC_ITEM_STEPS.items() if item_step == step}
    assert {item_id for item_id, present, _, _ in rows if present} == ids
    assert {item_id for item_id, present, _, _ in rows if not present} == ids


# --- §4 what the items say: the dates and branches their words depend on -----------------


def _item(result: Plan, item_id: str) -> Any:
    (item,) = [item for item in result.items if item.id == item_id]
    return item


VALUE_ROWS: list[tuple[str, str, dict[str, Any], str, Any]] = [
    # s1.renew_card_first: by the apply-by date
    ("card-first-apply-by-today", "s1.renew_card_first", CARD_FIRST, "apply_by", TODAY),
    ("card-first-apply-by-card-expiry", "s1.renew_card_first", CARD_BY_EXPIRY, "apply_by",
     d("2027-01-10")),
    ("card-first-lead-estimate", "s1.renew_card_first", CARD_FIRST, "lead_days", 42),
    # s1.renew_license_first: by the renew-by date, then the card by card_expiry
    ("license-first-renew-by-deadline", "s1.renew_license_first", LICENSE_FIRST, "renew_by",
     d("2027-01-06")),
    ("license-first-renew-by-card-expiry", "s1.renew_license_first", LICENSE_FIRST_EDGE,
     "renew_by", d("2026-12-07")),
    ("license-first-card-by-card-expiry", "s1.renew_license_first", LICENSE_FIRST,
     "card_expiry", d("2027-01-31")),
    # s1.order_conflict: apply for the card by card_expiry
    ("order-conflict-card-by-card-expiry", "s1.order_conflict", ORDER_CONFLICT, "card_expiry",
     d("2026-12-01")),
    # s2.apply_online (v2): by the apply-by date when s1.renew_card_first is present, else by
    # card_expiry when known
    ("apply-online-card-first", "s2.apply_online", CARD_FIRST, "by", TODAY),
    ("apply-online-card-first-by-card-expiry", "s2.apply_online", CARD_BY_EXPIRY, "by",
     d("2027-01-10")),
    ("apply-online-license-first", "s2.apply_online", LICENSE_FIRST, "by", d("2027-01-31")),
    ("apply-online-order-conflict", "s2.apply_online", ORDER_CONFLICT, "by", d("2026-12-01")),
    ("apply-online-card-expiry-only", "s2.apply_online", {"card_expiry": "2027-03-31"}, "by",
     d("2027-03-31")),
    ("apply-online-no-date", "s2.apply_online", {}, "by", None),
    # s1.license_change_pending (v2): before applying, renew before you apply
    ("change-pending-before", "s1.license_change_pending", PENDING, "before", True),
    ("change-pending-applied", "s1.license_change_pending", {**PENDING, "stage": "applied"},
     "before", False),
    # s1.license_suspended: before applying / later without NR / (v2) with NR the result stands
    ("suspended-before", "s1.license_suspended", SUSPENDED, "before", True),
    ("suspended-later-without-NR", "s1.license_suspended", {**SUSPENDED, **ONLINE_LATER},
     "notice", None),
    ("suspended-later-without-NR-not-before", "s1.license_suspended",
     {**SUSPENDED, **ONLINE_LATER}, "before", False),
    ("suspended-with-NR", "s1.license_suspended",
     {**SUSPENDED, "stage": "notice", "notice_result": "recorded"}, "notice", "recorded"),
    # s1.special_characters: yes and unsure say different things
    ("special-yes", "s1.special_characters", {"special_chars": "yes"}, "sure", True),
    ("special-unsure", "s1.special_characters", {"special_chars": "unsure"}, "sure", False),
    # s3.record_free: no fee; (v2) suspended: after the suspension ends, ask
    ("record-free-no-fee", "s3.record_free", {"special_chars": "yes"}, "fee", None),
    ("record-free-suspended", "s3.record_free", {**SUSPENDED, **ONLINE_LATER}, "suspended", True),
    ("record-free-not-suspended", "s3.record_free", {"special_chars": "yes"}, "suspended", False),
    # s3.no_driving_myna_only / s3.check_before_driving: unsure: if the card is your only license
    ("no-driving-unsure", "s3.no_driving_myna_only",
     {"holding": "unsure", "special_chars": "yes"}, "unsure", True),
    ("no-driving-myna_only", "s3.no_driving_myna_only", {"special_chars": "yes"}, "unsure", False),
    ("check-before-driving-unsure", "s3.check_before_driving", {"holding": "unsure"}, "unsure",
     True),
    ("check-before-driving-collected", "s3.check_before_driving",
     {**CLEAN_ONLINE_LATER, "stage": "collected"}, "collected", True),
    ("check-before-driving-not-collected", "s3.check_before_driving", {"stage": "applied"},
     "collected", False),
    # the recording fee (1,500 yen) where the items name it
    ("fee-record_with_fee", "s3.record_with_fee", {"stage": "applied", "channel": "window"},
     "fee", 1500),
    ("fee-offline_no_carryover", "s2.offline_no_carryover",
     {"stage": "applied", "channel": "mail"}, "fee", 1500),
    ("fee-continue_use_missed", "s2.continue_use_missed", {**ONLINE_LATER, "continue_use": "no"},
     "fee", 1500),
    ("fee-reason_not_eligible", "na.reason_not_eligible", {"reason": "lost_damaged"}, "fee", 1500),
]


@pytest.mark.parametrize(("item_id", "overrides", "field", "expected"),
                         [pytest.param(i, o, f, e, id=n) for n, i, o, f, e in VALUE_ROWS])
def test_item_carries_what_its_words_depend_on(
        item_id: str, overrides: dict[str, Any], field: str, expected: Any) -> None:
    assert getattr(_item(plan(**overrides), item_id).values, field) == expected


def test_card_window_item_carries_the_window() -> None:
    window = _item(plan(card_expiry="2027-02-15"), "s2.apply_window").values.window
    assert (window.start, window.end) == (d("2026-11-16"), d("2027-02-15"))


@pytest.mark.parametrize(
    ("item_id", "overrides", "due"),
    [
        pytest.param("s1.renew_card_first", CARD_BY_EXPIRY, "2027-01-10", id="renew_card_first"),
        pytest.param("s1.renew_license_first", LICENSE_FIRST_EDGE, "2026-12-07",
                     id="renew_license_first"),
        pytest.param("s1.order_conflict", ORDER_CONFLICT, "2026-12-01", id="order_conflict"),
        pytest.param("s2.apply_online", CARD_FIRST, "2026-11-26", id="apply_online-card-first"),
        pytest.param("s2.apply_online", LICENSE_FIRST, "2027-01-31",
                     id="apply_online-license-first"),
    ],
)
def test_dated_item_is_due_by_the_date_it_names(
        item_id: str, overrides: dict[str, Any], due: str) -> None:
    assert _item(plan(**overrides), item_id).due == d(due)


# --- §5 outcome, first rule that holds ----------------------------------------------------

ON_TRACK = CLEAN  # with holding=myna_only, before, channel undecided

OUTCOME_ROWS = [
    # 1. not_applicable beats everything
    ("not_applicable-license_only", {"holding": "license_only"}, "not_applicable"),
    ("not_applicable-none", {"holding": "none"}, "not_applicable"),
    ("not_applicable-beats-offline-and-ineligible",
     {"holding": "license_only", "stage": "applied", "channel": "window", "reason": "lost_damaged",
      **REVOKED, "special_chars": "yes"}, "not_applicable"),
    ("not_applicable-beats-notice-result",
     {"holding": "none", "stage": "notice", "notice_result": "recorded"}, "not_applicable"),
    ("not_applicable-beats-deadline-passed",
     {"holding": "license_only", **DEADLINE_PASSED}, "not_applicable"),
    # 2. NR and (v2) LIC: the notice's own result
    ("notice-recorded", {"stage": "notice", "notice_result": "recorded"}, "recorded"),
    ("notice-not_recorded", {"stage": "notice", "notice_result": "not_recorded"}, "record_free"),
    ("notice-not_stated", {"stage": "notice", "notice_result": "not_stated"}, "record_with_fee"),
    ("collected-recorded", {"stage": "collected", "notice_result": "recorded"}, "recorded"),
    ("collected-not_recorded",
     {"stage": "collected", "notice_result": "not_recorded"}, "record_free"),
    ("collected-not_stated",
     {"stage": "collected", "notice_result": "not_stated"}, "record_with_fee"),
    ("notice-result-beats-offline",
     {"stage": "notice", "channel": "window", "notice_result": "recorded"}, "recorded"),
    ("notice-result-beats-ineligible",
     {"stage": "collected", "reason": "lost_damaged", "notice_result": "recorded"}, "recorded"),
    ("notice-result-beats-suspended",
     {"stage": "notice", **SUSPENDED, "notice_result": "recorded"}, "recorded"),
    ("notice-result-beats-at_risk",
     {"holding": "unsure", "stage": "notice", "notice_result": "recorded"}, "recorded"),
    ("notice-result-beats-deadline-passed",
     {**DEADLINE_PASSED, "stage": "notice", "notice_result": "recorded"}, "recorded"),
    ("notice-result-beats-on_track",
     {**CLEAN_ONLINE_LATER, "stage": "notice", "notice_result": "not_stated"}, "record_with_fee"),
    ("notice-result-myna_history",
     {**HIST, "stage": "collected", "notice_result": "not_recorded"}, "record_free"),
    ("notice-result-myna_history-license-status-ignored",
     {**HIST, **REVOKED, "stage": "notice", "notice_result": "not_stated"}, "record_with_fee"),
    ("notice-result-needs-LIC-not_recorded",
     {"stage": "notice", **REVOKED, "notice_result": "not_recorded"}, "no_carryover"),
    ("notice-result-needs-LIC-recorded",
     {"stage": "collected", **REVOKED, "notice_result": "recorded"}, "no_carryover"),
    ("notice-result-ignored-when-applied",
     {"stage": "applied", "channel": "window", "notice_result": "recorded"}, "no_carryover"),
    ("notice-result-ignored-before-applying",
     {**ON_TRACK, "notice_result": "not_stated"}, "on_track"),
    # 3. no_carryover, each clause, over an at_risk answer (holding=unsure)
    ("no_carryover-lost_damaged", {"holding": "unsure", "reason": "lost_damaged"}, "no_carryover"),
    ("no_carryover-expired", {"holding": "unsure", "reason": "expired"}, "no_carryover"),
    ("no_carryover-card-expired-yesterday",
     {"holding": "unsure", **CARD_EXPIRED}, "no_carryover"),
    ("no_carryover-window", {"holding": "unsure", "channel": "window"}, "no_carryover"),
    ("no_carryover-mail", {"holding": "unsure", "channel": "mail"}, "no_carryover"),
    ("no_carryover-photo_booth", {"holding": "unsure", "channel": "photo_booth"}, "no_carryover"),
    ("no_carryover-window-before-applying-over-on_track",
     {**ON_TRACK, "channel": "window"}, "no_carryover"),
    ("no_carryover-revoked", {"holding": "unsure", **REVOKED}, "no_carryover"),
    ("no_carryover-special-yes", {"holding": "unsure", "special_chars": "yes"}, "no_carryover"),
    ("no_carryover-later-certificate-not-submitted",
     {"holding": "unsure", "stage": "applied", "cert_submitted": "no"}, "no_carryover"),
    ("no_carryover-later-suspended",
     {"holding": "unsure", "stage": "collected", **SUSPENDED}, "no_carryover"),
    ("no_carryover-later-online-continue-no",
     {"holding": "unsure", **ONLINE_LATER, "continue_use": "no"}, "no_carryover"),
    ("no_carryover-later-online-requested-no",
     {"holding": "unsure", **ONLINE_LATER, "cert_requested": "no"}, "no_carryover"),
    ("no_carryover-notice-without-result-offline",
     {"stage": "notice", "channel": "mail"}, "no_carryover"),
    ("no_carryover-beats-deadline-passed",
     {**ON_TRACK, **DEADLINE_PASSED, "channel": "window"}, "no_carryover"),
    ("certificate-not-yet-submitted-before-is-not-no_carryover",
     {**ON_TRACK, "cert_submitted": "no"}, "on_track"),
    ("card-expires-today-is-not-no_carryover",
     {**ON_TRACK, "card_expiry": "2026-11-26"}, "on_track"),
    ("card-expired-but-applied-is-not-no_carryover",
     {**CLEAN_ONLINE_LATER, **CARD_EXPIRED}, "on_track"),
    ("suspended-before-is-not-no_carryover", {**ON_TRACK, **SUSPENDED}, "at_risk"),
    ("continue-no-before-applying-is-ignored",
     {**ON_TRACK, "channel": "online", "continue_use": "no", "cert_requested": "no"}, "on_track"),
    ("myna_history-license-status-ignored", {**ON_TRACK, **HIST, **REVOKED}, "on_track"),
    # 4. at_risk, each clause, over otherwise on-track answers
    ("at_risk-holding-unsure", {**ON_TRACK, "holding": "unsure"}, "at_risk"),
    ("at_risk-certificate-unsure", {**ON_TRACK, "cert_submitted": "unsure"}, "at_risk"),
    ("at_risk-special-unsure", {**ON_TRACK, "special_chars": "unsure"}, "at_risk"),
    ("at_risk-suspended-before", {**ON_TRACK, **SUSPENDED}, "at_risk"),
    ("at_risk-later-online-continue-unsure",
     {**CLEAN_ONLINE_LATER, "continue_use": "unsure"}, "at_risk"),
    ("at_risk-later-online-requested-unsure",
     {**CLEAN_ONLINE_LATER, "cert_requested": "unsure"}, "at_risk"),
    ("at_risk-later-undecided",
     {**ON_TRACK, "stage": "applied", "channel": "undecided"}, "at_risk"),
    ("at_risk-notice-without-result-undecided",
     {**ON_TRACK, "stage": "notice", "channel": "undecided"}, "at_risk"),
    ("at_risk-R-unknown-notice-without-result",
     {**CLEAN_ONLINE_LATER, "stage": "notice"}, "at_risk"),
    ("at_risk-R-unknown-collected-without-result",
     {**CLEAN_ONLINE_LATER, "stage": "collected"}, "at_risk"),
    ("at_risk-deadline-passed", {**ON_TRACK, **DEADLINE_PASSED}, "at_risk"),
    ("at_risk-moved-deadline-passed", {**ON_TRACK, "license_expiry": "2026-11-21"}, "at_risk"),
    ("at_risk-deadline-passed-applied", {**CLEAN_ONLINE_LATER, **DEADLINE_PASSED}, "at_risk"),
    ("at_risk-myna_history-deadline-ignored", {**ON_TRACK, **HIST, **DEADLINE_PASSED}, "on_track"),
    ("deadline-today-is-not-at_risk",
     {**ON_TRACK, "license_expiry": "2026-11-26", "birthday": "10-26"}, "on_track"),
    # 5. on_track
    ("on_track-before-undecided", ON_TRACK, "on_track"),
    ("on_track-before-online", {**ON_TRACK, "channel": "online"}, "on_track"),
    ("on_track-both", {**ON_TRACK, "holding": "both", "channel": "online"}, "on_track"),
    ("on_track-myna_history", {**ON_TRACK, **HIST, "channel": "online"}, "on_track"),
    ("on_track-applied-online", CLEAN_ONLINE_LATER, "on_track"),
    ("on_track-myna_history-applied-online", {**CLEAN_ONLINE_LATER, **HIST}, "on_track"),
    ("on_track-card-first", {**ON_TRACK, **CARD_FIRST}, "on_track"),
]


@pytest.mark.parametrize(("overrides", "outcome"),
                         [pytest.param(o, e, id=i) for i, o, e in OUTCOME_ROWS])
def test_outcome_is_the_first_rule_of_section_5_that_holds(
        overrides: dict[str, Any], outcome: str) -> None:
    assert plan(**overrides).outcome == outcome


# --- §6 the four requirements -------------------------------------------------------------

PANEL_SHOWN_ROWS = [
    # (v2) CARRY, not NR, special_chars ≠ yes and not (later and license_status = suspended)
    ("defaults", {}, True),
    ("holding-both", {"holding": "both"}, True),
    ("holding-unsure", {"holding": "unsure"}, True),
    ("holding-myna_history", HIST, True),
    ("suspended-before", SUSPENDED, True),
    ("window-before", {"channel": "window"}, True),
    ("applied-window", {"stage": "applied", "channel": "window"}, True),
    ("applied-online-continue-no", {**ONLINE_LATER, "continue_use": "no"}, True),
    ("notice-without-result", {"stage": "notice"}, True),
    ("card-expires-today", {"card_expiry": "2026-11-26"}, True),
    ("card-expired-but-applied", {"stage": "applied", **CARD_EXPIRED}, True),
    ("not-M-license_only", {"holding": "license_only"}, False),
    ("not-M-none", {"holding": "none"}, False),
    ("not-LIC", REVOKED, False),
    ("ineligible-lost_damaged", {"reason": "lost_damaged"}, False),
    ("ineligible-expired-applied", {"reason": "expired", "stage": "applied"}, False),
    ("ineligible-card-expired-yesterday", CARD_EXPIRED, False),
    ("NR-recorded", {"stage": "notice", "notice_result": "recorded"}, False),
    ("NR-not_recorded", {"stage": "collected", "notice_result": "not_recorded"}, False),
    ("special-yes", {"special_chars": "yes"}, False),
    ("later-suspended", {**SUSPENDED, **ONLINE_LATER}, False),
    ("collected-suspended", {**SUSPENDED, "stage": "collected"}, False),
]


@pytest.mark.parametrize(("overrides", "shown"),
                         [pytest.param(o, s, id=i) for i, o, s in PANEL_SHOWN_ROWS])
def test_requirements_panel_is_shown_exactly_when_section_6_says(
        overrides: dict[str, Any], shown: bool) -> None:
    requirements = plan(**overrides).requirements
    if shown:
        assert [r for r, _ in requirements] == [
            "holding", "certificate_submitted", "online_application", "new_certificate"]
    else:
        assert requirements == ()


REQUIREMENT_ROWS = [
    ("holding", {}, "met", "myna_only"),
    ("holding", {"holding": "both"}, "met", "both"),
    ("holding", HIST, "met", "myna_history"),
    ("holding", {"holding": "unsure"}, "unknown", "unsure"),
    ("certificate_submitted", {"cert_submitted": "yes"}, "met", "yes-before"),
    ("certificate_submitted", {"cert_submitted": "yes", "stage": "applied"}, "met", "yes-applied"),
    ("certificate_submitted", {"cert_submitted": "no", "stage": "applied"}, "unmet", "no-applied"),
    ("certificate_submitted", {"cert_submitted": "no", "stage": "collected"}, "unmet",
     "no-collected"),
    ("certificate_submitted", {"cert_submitted": "no"}, "todo", "no-before"),
    ("certificate_submitted", {"cert_submitted": "unsure"}, "unknown", "unsure-before"),
    ("certificate_submitted", {"cert_submitted": "unsure", "stage": "notice"}, "unknown",
     "unsure-notice"),
    # (v2) apply online *and* do the continued-use step
    ("online_application", {**ONLINE_LATER, "continue_use": "yes"}, "met", "online-applied-yes"),
    ("online_application", {**ONLINE_LATER, "stage": "collected", "continue_use": "yes"}, "met",
     "online-collected-yes"),
    ("online_application", {"stage": "applied", "channel": "window"}, "unmet", "window-applied"),
    ("online_application", {"stage": "collected", "channel": "mail"}, "unmet", "mail-collected"),
    ("online_application", {**ONLINE_LATER, "continue_use": "no"}, "unmet", "online-applied-no"),
    ("online_application", {**ONLINE_LATER, "continue_use": "unsure"}, "unknown",
     "online-applied-unsure"),
    ("online_application", {"stage": "applied", "channel": "undecided"}, "unknown",
     "undecided-applied"),
    ("online_application", {"stage": "notice", "channel": "undecided"}, "unknown",
     "undecided-notice"),
    ("online_application", {"channel": "online"}, "todo", "online-before"),
    ("online_application", {"channel": "window"}, "todo", "window-before"),
    ("online_application", {"channel": "undecided"}, "todo", "undecided-before"),
    ("online_application", {"channel": "online", "continue_use": "yes"}, "todo",
     "online-before-continue-yes-does-not-count"),
    ("new_certificate", {**ONLINE_LATER, "cert_requested": "yes"}, "met", "online-applied-yes"),
    ("new_certificate", {**ONLINE_LATER, "stage": "collected", "cert_requested": "yes"}, "met",
     "online-collected-yes"),
    ("new_certificate", {"channel": "mail", "stage": "applied"}, "unmet", "mail-applied"),
    ("new_certificate", {"channel": "photo_booth", "stage": "collected"}, "unmet",
     "photo_booth-collected"),
    ("new_certificate", {**ONLINE_LATER, "cert_requested": "no"}, "unmet", "online-applied-no"),
    ("new_certificate", {**ONLINE_LATER, "cert_requested": "unsure"}, "unknown",
     "online-applied-unsure"),
    ("new_certificate", {"stage": "applied", "channel": "undecided"}, "unknown",
     "undecided-applied"),
    ("new_certificate", {"stage": "notice", "channel": "undecided", "cert_requested": "no"},
     "unknown", "undecided-notice-requested-no-does-not-count"),
    ("new_certificate", {"channel": "online"}, "todo", "online-before"),
    ("new_certificate", {"channel": "undecided"}, "todo", "undecided-before"),
    ("new_certificate", {"channel": "window"}, "todo", "window-before"),
    ("new_certificate", {"channel": "online", "cert_requested": "no"}, "todo",
     "online-before-requested-no-does-not-count"),
    ("new_certificate", {"channel": "online", "cert_requested": "yes"}, "todo",
     "online-before-requested-yes-does-not-count"),
]


@pytest.mark.parametrize(
    ("requirement", "overrides", "status"),
    [pytest.param(r, o, s, id=f"{r}-{s}-{name}") for r, o, s, name in REQUIREMENT_ROWS],
)
def test_requirement_status_follows_the_table_of_section_6(
        requirement: str, overrides: dict[str, Any], status: str) -> None:
    assert dict(plan(**overrides).requirements)[requirement] == status


def test_every_cell_of_the_requirement_table_has_a_row() -> None:
    cells = {(r, s) for r, _, s, _ in REQUIREMENT_ROWS}
    assert cells == {("holding", "met"), ("holding", "unknown"),
                     *((r, s) for r in ("certificate_submitted", "online_application",
                                        "new_certificate")
                       for s in ("met", "unmet", "unknown", "todo"))}


def test_requirements_panel_lists_the_four_requirements_in_order() -> None:
    assert plan(**CLEAN_ONLINE_LATER).requirements == (
        ("holding", "met"), ("certificate_submitted", "met"),
        ("online_application", "met"), ("new_certificate", "met"))


def test_requirements_panel_before_applying_shows_what_is_left_to_do_as_todo() -> None:
    assert plan(**CLEAN, channel="online").requirements == (
        ("holding", "met"), ("certificate_submitted", "met"),
        ("online_application", "todo"), ("new_certificate", "todo"))


# --- §4 step ③: the expected result R -----------------------------------------------------

R_ROWS = [
    # 1. NR → the notice's own result
    ("notice-recorded-beats-offline",
     {"stage": "notice", "channel": "window", "notice_result": "recorded"}, "recorded"),
    ("collected-not_recorded-beats-ineligible",
     {"stage": "collected", "reason": "lost_damaged", "notice_result": "not_recorded"},
     "not_recorded"),
    ("collected-recorded-beats-special-yes",
     {"stage": "collected", "special_chars": "yes", "notice_result": "recorded"}, "recorded"),
    ("notice-recorded-beats-revoked",
     {"stage": "notice", **REVOKED, "notice_result": "recorded"}, "recorded"),
    ("notice-not_stated-beats-clean-answers",
     {**CLEAN_ONLINE_LATER, "stage": "notice", "notice_result": "not_stated"}, "not_stated"),
    ("notice-result-ignored-when-applied",
     {**CLEAN, "stage": "applied", "channel": "window", "notice_result": "recorded"},
     "not_stated"),
    # 2. not_stated: ineligible, (v2) later and offline, or later, online, continue_use = no
    ("ineligible-beats-special-yes", {"reason": "lost_damaged", "special_chars": "yes"},
     "not_stated"),
    ("ineligible-expired", {**CLEAN, "reason": "expired"}, "not_stated"),
    ("ineligible-expired-applied", {**CLEAN_ONLINE_LATER, "reason": "expired"}, "not_stated"),
    ("ineligible-card-expired-yesterday", {**CLEAN, **CARD_EXPIRED}, "not_stated"),
    ("card-expired-but-applied-is-not-ineligible", {**CLEAN_ONLINE_LATER, **CARD_EXPIRED},
     "recorded"),
    ("later-offline-beats-revoked",
     {"stage": "applied", "channel": "window", **REVOKED}, "not_stated"),
    ("later-offline-mail", {**CLEAN, "stage": "applied", "channel": "mail"}, "not_stated"),
    ("later-offline-photo_booth-collected",
     {**CLEAN, "channel": "photo_booth", "stage": "collected"}, "not_stated"),
    ("notice-without-result-offline", {**CLEAN, "stage": "notice", "channel": "window"},
     "not_stated"),
    ("offline-before-applying-does-not-count", {**CLEAN, "channel": "window"}, "recorded"),
    ("offline-before-applying-with-revoked", {"channel": "window", **REVOKED}, "not_recorded"),
    ("continue-no-beats-requested-no",
     {**CLEAN, **ONLINE_LATER, "continue_use": "no", "cert_requested": "no"}, "not_stated"),
    ("continue-no-before-applying-does-not-count",
     {**CLEAN, "channel": "online", "continue_use": "no"}, "recorded"),
    # 3. not_recorded
    ("revoked", {**CLEAN, **REVOKED}, "not_recorded"),
    ("special-yes", {**CLEAN, "special_chars": "yes"}, "not_recorded"),
    ("later-suspended", {**CLEAN_ONLINE_LATER, **SUSPENDED}, "not_recorded"),
    ("suspended-before-applying-does-not-count", {**CLEAN, **SUSPENDED}, "recorded"),
    ("later-certificate-not-submitted-beats-unknown",
     {**CLEAN, "stage": "applied", "cert_submitted": "no"}, "not_recorded"),
    ("collected-certificate-not-submitted",
     {**CLEAN_ONLINE_LATER, "stage": "collected", "cert_submitted": "no"}, "not_recorded"),
    ("later-online-not-requested",
     {**CLEAN_ONLINE_LATER, "cert_requested": "no"}, "not_recorded"),
    ("notice-without-result-special-yes-beats-unknown",
     {**CLEAN_ONLINE_LATER, "stage": "notice", "special_chars": "yes"}, "not_recorded"),
    ("certificate-not-yet-submitted-before-applying", {**CLEAN, "cert_submitted": "no"},
     "recorded"),
    ("myna_history-license-status-ignored", {**CLEAN, **HIST, **REVOKED}, "recorded"),
    # 4. (v2) unknown: later and (channel = undecided, or stage ∈ {notice, collected})
    ("applied-undecided", {**CLEAN, "stage": "applied"}, "unknown"),
    ("requested-no-with-undecided-channel-does-not-count",
     {**CLEAN, "stage": "applied", "channel": "undecided", "cert_requested": "no"}, "unknown"),
    ("notice-without-result-undecided", {**CLEAN, "stage": "notice"}, "unknown"),
    ("notice-without-result-online", {**CLEAN_ONLINE_LATER, "stage": "notice"}, "unknown"),
    ("collected-without-result-online", {**CLEAN_ONLINE_LATER, "stage": "collected"}, "unknown"),
    ("myna_history-collected-without-result",
     {**CLEAN_ONLINE_LATER, **HIST, "stage": "collected"}, "unknown"),
    ("undecided-before-applying-is-not-unknown", CLEAN, "recorded"),
    # 5. recorded (expected)
    ("defaults", {}, "recorded"),
    ("clean-before", CLEAN, "recorded"),
    ("clean-applied-online", CLEAN_ONLINE_LATER, "recorded"),
    ("unsure-answers-still-expect-recorded", {**ONLINE_LATER, "holding": "unsure"}, "recorded"),
]


@pytest.mark.parametrize(("overrides", "expected"),
                         [pytest.param(o, e, id=i) for i, o, e in R_ROWS])
def test_expected_result_is_the_first_rule_of_step_3_that_holds(
        overrides: dict[str, Any], expected: str) -> None:
    result = plan(**overrides)
    assert (result.expected, situation(**overrides).R) == (expected, expected)


# --- §7 next actions ----------------------------------------------------------------------

NEXT_ROWS = [
    ("defaults", {}, ("s1.submit_certificate", "s2.apply_online", "s3.check_notice")),
    ("window-before-switch-first", {**CLEAN, "channel": "window"},
     ("s2.switch_to_online", "s2.apply_online", "s3.check_notice")),
    ("switch-no-driving-certificate-then-cut",
     {"channel": "window", "special_chars": "yes"},
     ("s2.switch_to_online", "s3.no_driving_myna_only", "s1.submit_certificate")),
    ("special-yes-early", {"cert_submitted": "yes", "special_chars": "yes"},
     ("s3.no_driving_myna_only", "s1.special_characters", "s2.apply_online")),
    ("holding-unsure", {"holding": "unsure"},
     ("s1.check_holding", "s1.submit_certificate", "s2.apply_online")),
    ("revoked-special-unsure-late", REVOKED,
     ("s1.license_invalid", "s3.check_notice", "s1.special_characters")),
    ("revoked-special-yes-early", {**REVOKED, "special_chars": "yes"},
     ("s1.license_invalid", "s1.special_characters", "s3.check_notice")),
    ("deadline-passed", {**CLEAN, "channel": "online", **DEADLINE_PASSED},
     ("s4.license_expiry_past", "s2.apply_online", "s3.check_notice")),
    ("suspended-before", {**CLEAN, **SUSPENDED},
     ("s1.license_suspended", "s2.apply_online", "s3.check_notice")),
    ("suspended-certificate-first", {"special_chars": "no", **SUSPENDED},
     ("s1.submit_certificate", "s1.license_suspended", "s2.apply_online")),
    ("order-conflict", {**CLEAN, **ORDER_CONFLICT},
     ("s1.order_conflict", "s2.apply_online", "s3.check_notice")),
    ("license-first", {**CLEAN, **LICENSE_FIRST},
     ("s1.renew_license_first", "s2.apply_online", "s3.check_notice")),
    ("card-first", {**CLEAN, **CARD_FIRST},
     ("s1.renew_card_first", "s2.apply_online", "s3.check_notice")),
    ("pending-before-after-apply-online", {**CLEAN, **PENDING},
     ("s2.apply_online", "s1.license_change_pending", "s3.check_notice")),
    ("result-unknown",
     {**CLEAN_ONLINE_LATER, "continue_use": "unsure"},
     ("s2.result_unknown", "s3.check_notice", "s3.check_before_driving")),
    ("channel-unknown", {**CLEAN, "stage": "applied"},
     ("s2.channel_unknown", "s3.check_notice", "s3.check_before_driving")),
    ("pending-applied", {**CLEAN_ONLINE_LATER, **PENDING},
     ("s1.license_change_pending", "s3.check_notice", "s3.check_before_driving")),
    ("applied-window", {**CLEAN, "stage": "applied", "channel": "window"},
     ("s3.no_driving_myna_only", "s3.record_with_fee", "s3.check_notice")),
    ("lost_damaged", {**CLEAN, "reason": "lost_damaged"},
     ("s3.no_driving_myna_only", "s3.record_with_fee", "na.reason_not_eligible")),
    ("notice-not_recorded-two-only",
     {**CLEAN_ONLINE_LATER, "stage": "notice", "notice_result": "not_recorded"},
     ("s3.no_driving_myna_only", "s3.record_free")),
    ("both-notice-not_stated-one-only",
     {**CLEAN_ONLINE_LATER, "holding": "both", "stage": "notice", "notice_result": "not_stated"},
     ("s3.record_with_fee",)),
    ("myna_history-collected-recorded",
     {**CLEAN_ONLINE_LATER, **HIST, "stage": "collected", "notice_result": "recorded"},
     ("s3.confirm_with_app",)),
    ("myna_history-before", {**CLEAN, **HIST, "channel": "online"},
     ("s2.apply_online", "s3.check_notice", "s3.confirm_with_app")),
    ("collected-without-result",
     {**CLEAN_ONLINE_LATER, "stage": "collected"},
     ("s3.check_notice", "s3.check_before_driving", "s3.confirm_with_app")),
    ("special-unsure-after-renewal-period",
     {**CLEAN_ONLINE_LATER, "special_chars": "unsure", "stage": "collected",
      "notice_result": "not_recorded", "license_expiry": "2028-06-30"},
     ("s3.no_driving_myna_only", "s3.record_free", "s4.renewal_period")),
    ("special-yes-before-record-free",
     {**CLEAN_ONLINE_LATER, "special_chars": "yes", "stage": "collected",
      "notice_result": "not_recorded", "license_expiry": "2028-06-30"},
     ("s3.no_driving_myna_only", "s1.special_characters", "s3.record_free")),
    ("license_only", {"holding": "license_only"}, ("na.no_myna_license",)),
    ("license_only-renewal", {"holding": "license_only", "license_expiry": "2027-06-30"},
     ("s4.renewal_period", "na.no_myna_license")),
    ("license_only-expiry-past", {"holding": "license_only", "license_expiry": "2026-11-25"},
     ("s4.license_expiry_past", "s4.renewal_period", "na.no_myna_license")),
    ("none", {"holding": "none"}, ("na.no_license",)),
]

# rules.md §7, written out again; s1.special_characters has two places.
SPEC_NEXT_ORDER = (
    "s2.switch_to_online", "s3.no_driving_myna_only", "s1.license_invalid",
    "s4.license_expiry_past", "s1.check_holding", "s1.submit_certificate",
    "s1.license_suspended", "s1.special_characters/yes", "s1.order_conflict",
    "s1.renew_license_first", "s1.renew_card_first", "s2.apply_online", "s2.channel_unknown",
    "s2.result_unknown", "s1.license_change_pending", "s3.record_free", "s3.record_with_fee",
    "na.reason_not_eligible", "s3.check_notice", "s3.check_before_driving",
    "s3.confirm_with_app", "s4.renewal_period", "s1.special_characters/unsure",
    "na.no_myna_license", "na.no_license",
)
SPEC_NEXT_IDS = frozenset(key.split("/")[0] for key in SPEC_NEXT_ORDER)


@pytest.mark.parametrize(("overrides", "expected"),
                         [pytest.param(o, e, id=i) for i, o, e in NEXT_ROWS])
def test_next_actions_are_the_first_three_present_in_the_order_of_section_7(
        overrides: dict[str, Any], expected: tuple[str, ...]) -> None:
    assert tuple(action.id for action in plan(**overrides).next_actions) == expected


def test_next_action_table_reaches_every_place_in_the_order_of_section_7() -> None:
    reached = set()
    for _, overrides, expected in NEXT_ROWS:
        special = answers(**overrides).special_chars
        reached |= {f"{i}/{special}" if i == "s1.special_characters" else i for i in expected}
    assert reached == set(SPEC_NEXT_ORDER)


def test_next_action_carries_the_date_of_its_item() -> None:
    (first, *_) = plan(**CLEAN, **CARD_BY_EXPIRY).next_actions
    assert (first.id, first.due) == ("s1.renew_card_first", d("2027-01-10"))


# --- §3 dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("card_expiry", "window_start"),
    [
        pytest.param("2024-09-24", "2024-06-25", id="setagaya-example"),
        pytest.param("2027-05-31", "2027-03-01", id="clamped-to-february-end-then-next-day"),
        pytest.param("2028-05-31", "2028-03-01", id="clamped-to-leap-february-end-then-next-day"),
        pytest.param("2028-05-29", "2028-03-01", id="leap-february-29-then-next-day"),
        pytest.param("2027-03-31", "2027-01-01", id="across-year-end"),
        pytest.param("2027-02-15", "2026-11-16", id="plain"),
        pytest.param("2027-04-28", "2027-01-29", id="after-today"),
    ],
)
def test_card_window_opens_the_day_after_card_expiry_minus_three_months(
        card_expiry: str, window_start: str) -> None:
    # The window is a date computation: TODAY does not enter it (the Setagaya expiry is past).
    window = situation(card_expiry=card_expiry).card_window
    assert (window.start, window.end) == (d(window_start), d(card_expiry))


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"reason": "field_full", "card_expiry": "2027-03-31"}, id="field_full"),
        pytest.param({"reason": "lost_damaged", "card_expiry": "2027-03-31"}, id="lost_damaged"),
        pytest.param({}, id="card-expiry-unknown"),
    ],
)
def test_card_window_is_unknown_unless_expiring_and_card_expiry_known(
        overrides: dict[str, Any]) -> None:
    assert situation(**overrides).card_window is None


@pytest.mark.parametrize(
    ("license_expiry", "birthday", "start", "approximate"),
    [
        pytest.param("2027-01-20", "12-20", "2026-11-20", False,
                     id="birthday-in-the-year-before-expiry"),
        pytest.param("2027-03-10", "03-10", "2027-02-10", False, id="birthday-on-expiry-day"),
        pytest.param("2027-03-10", "06-15", "2026-05-15", False,
                     id="birthday-later-in-the-year-uses-last-year"),
        pytest.param("2027-03-28", "02-29", "2027-01-28", False,
                     id="feb-29-birthday-counts-as-feb-28-in-common-year"),
        pytest.param("2028-03-29", "02-29", "2028-01-29", False,
                     id="feb-29-birthday-in-leap-year"),
        pytest.param("2027-04-30", "03-31", "2027-02-28", False, id="month-end-clamped"),
        pytest.param("2027-01-20", None, "2026-11-20", True,
                     id="without-birthday-approximate-two-months"),
        pytest.param("2027-04-30", None, "2027-02-28", True,
                     id="without-birthday-month-end-clamped"),
        pytest.param("2028-04-30", None, "2028-02-29", True,
                     id="without-birthday-leap-month-end-clamped"),
    ],
)
def test_renewal_period_starts_one_month_before_the_last_birthday_on_or_before_expiry(
        license_expiry: str, birthday: str | None, start: str, approximate: bool) -> None:
    renewal = situation(license_expiry=license_expiry, birthday=birthday).renewal
    assert (renewal.start, renewal.end, renewal.start_approximate) == (
        d(start), d(license_expiry), approximate)


@pytest.mark.parametrize("holding", ["myna_only", "license_only"])
def test_renewal_period_is_unknown_without_license_expiry(holding: str) -> None:
    s = situation(holding=holding, birthday="12-20", card_expiry="2027-01-31")
    assert (s.renewal, s.apply_by, s.renew_by) == (None, None, None)


def test_myna_history_has_no_renewal_period_its_license_questions_are_ignored() -> None:
    # §1 (v2): with holding=myna_history, license_expiry and birthday do not apply.
    s = situation(**HIST, **CARD_FIRST)
    assert (s.renewal, s.same_season) == (None, False)


@pytest.mark.parametrize(
    ("license_expiry", "deadline"),
    [
        pytest.param("2027-01-20", "2027-01-20", id="wednesday-unchanged"),
        pytest.param("2027-03-07", "2027-03-08", id="sunday-to-monday"),
        pytest.param("2027-01-09", "2027-01-12", id="saturday-past-coming-of-age-day"),
        pytest.param("2026-11-23", "2026-11-24", id="labor-thanksgiving-holiday"),
        pytest.param("2027-05-01", "2027-05-06", id="golden-week"),
        pytest.param("2026-12-28", "2026-12-28", id="last-open-day-of-the-year-unchanged"),
        pytest.param("2026-12-29", "2027-01-04", id="year-end-closure-start"),
        pytest.param("2026-12-31", "2027-01-04", id="year-end-closure-new-years-eve"),
        pytest.param("2027-01-03", "2027-01-04", id="year-end-closure-last-day"),
        pytest.param("2027-01-04", "2027-01-04", id="first-open-day-unchanged"),
    ],
)
def test_license_deadline_moves_to_the_next_working_day(license_expiry: str, deadline: str) -> None:
    renewal = situation(license_expiry=license_expiry).renewal
    assert renewal.deadline == d(deadline)


@pytest.mark.parametrize(
    ("overrides", "apply_by"),
    [
        pytest.param({"license_expiry": "2027-01-20", "card_expiry": "2027-03-31"}, "2026-12-09",
                     id="unmoved-deadline-minus-42"),
        pytest.param({"license_expiry": "2026-12-29", "card_expiry": "2027-03-31"}, "2026-11-23",
                     id="from-the-moved-deadline-2027-01-04"),
        pytest.param({"license_expiry": "2027-01-20", "card_expiry": "2026-12-09"}, "2026-12-09",
                     id="card-expiry-equals-deadline-minus-42"),
        pytest.param({"license_expiry": "2027-01-20", "card_expiry": "2026-12-08"}, "2026-12-08",
                     id="card-expiry-a-day-earlier"),
        pytest.param(CARD_BY_EXPIRY, "2027-01-10", id="card-expiry-before-moved-deadline-minus-42"),
    ],
)
def test_apply_by_is_the_earlier_of_deadline_minus_42_days_and_card_expiry(
        overrides: dict[str, Any], apply_by: str) -> None:
    assert situation(**overrides).apply_by == d(apply_by)


@pytest.mark.parametrize(
    ("overrides", "renew_by"),
    [
        pytest.param({"license_expiry": "2027-01-20"}, "2027-01-20", id="card-expiry-unknown"),
        pytest.param({"license_expiry": "2027-01-09"}, "2027-01-12",
                     id="card-expiry-unknown-moved-deadline"),
        pytest.param(CARD_FIRST, "2027-01-07", id="card-expires-after-the-deadline"),
        pytest.param({"license_expiry": "2027-01-20", "card_expiry": "2027-01-20"}, "2027-01-20",
                     id="card-expires-on-the-deadline"),
        pytest.param({"license_expiry": "2027-01-20", "card_expiry": "2027-01-15"}, "2027-01-15",
                     id="card-expires-first-on-an-open-day"),
        pytest.param({"license_expiry": "2027-01-20", "card_expiry": "2027-01-17"}, "2027-01-15",
                     id="card-expires-first-on-a-sunday"),
        pytest.param({"license_expiry": "2027-01-20", "card_expiry": "2027-01-11"}, "2027-01-08",
                     id="card-expires-first-on-coming-of-age-day"),
        pytest.param({"license_expiry": "2027-01-20", "card_expiry": "2027-01-02"}, "2026-12-28",
                     id="card-expires-first-in-the-year-end-closure"),
        pytest.param({"license_expiry": "2027-01-09", "card_expiry": "2027-01-10"}, "2027-01-08",
                     id="card-expires-between-printed-expiry-and-moved-deadline"),
    ],
)
def test_renew_by_is_the_deadline_or_the_last_open_day_of_an_earlier_card(
        overrides: dict[str, Any], renew_by: str) -> None:
    assert situation(**overrides).renew_by == d(renew_by)


SAME_SEASON_ROWS = [
    # renewal start vs card_expiry + LEAD (card_expiry 2027-02-01 + 42 days = 2027-03-15)
    ("renewal-starts-exactly-card-expiry-plus-lead",
     {"card_expiry": "2027-02-01", "license_expiry": "2027-05-15", "birthday": "04-15"}, True),
    ("renewal-starts-one-day-later",
     {"card_expiry": "2027-02-01", "license_expiry": "2027-05-16", "birthday": "04-16"}, False),
    # printed license_expiry vs card window start (card_expiry 2027-03-31: window from 2027-01-01)
    ("license-expiry-exactly-at-card-window-start",
     {"card_expiry": "2027-03-31", "license_expiry": "2027-01-01", "birthday": "11-30"}, True),
    ("license-expiry-one-day-before-card-window-start-though-deadline-moves-past-it",
     {"card_expiry": "2027-03-31", "license_expiry": "2026-12-31", "birthday": "11-30"}, False),
    # license deadline vs today
    ("deadline-today",
     {"card_expiry": "2027-01-31", "license_expiry": "2026-11-26", "birthday": "10-26"}, True),
    ("deadline-yesterday", {"card_expiry": "2027-01-31", **DEADLINE_PASSED}, False),
    # CARRY (v2)
    ("holding-both", {**CARD_FIRST, "holding": "both"}, True),
    ("holding-unsure", {**CARD_FIRST, "holding": "unsure"}, True),
    ("suspended-is-CARRY", {**CARD_FIRST, **SUSPENDED}, True),
    ("not-M", {**CARD_FIRST, "holding": "license_only"}, False),
    ("not-LIC", {**CARD_FIRST, **REVOKED}, False),
    ("myna_history-license-expiry-ignored", {**CARD_FIRST, **HIST}, False),
    ("card-expires-today-is-not-ineligible", {**CARD_FIRST, "card_expiry": "2026-11-26"}, True),
    ("ineligible-card-expired-yesterday", {**CARD_FIRST, **CARD_EXPIRED}, False),
    ("ineligible-lost_damaged", {**CARD_FIRST, "reason": "lost_damaged"}, False),
    # the other clauses
    ("reason-field_full", {**CARD_FIRST, "reason": "field_full"}, False),
    ("card-expiry-unknown", {**CARD_FIRST, "card_expiry": None}, False),
    ("license-expiry-unknown", {**CARD_FIRST, "license_expiry": None}, False),
]


@pytest.mark.parametrize(("overrides", "same_season"),
                         [pytest.param(o, e, id=i) for i, o, e in SAME_SEASON_ROWS])
def test_same_season_holds_exactly_at_its_boundaries(
        overrides: dict[str, Any], same_season: bool) -> None:
    assert situation(**overrides).same_season is same_season


@pytest.mark.parametrize(
    ("overrides", "apply_by", "order"),
    [
        # card window started before TODAY: max(today, window start) = TODAY
        pytest.param(CARD_FIRST, "2026-11-26", "s1.renew_card_first",
                     id="apply-by-equals-today-card-first"),
        pytest.param(LICENSE_FIRST, "2026-11-25", "s1.renew_license_first",
                     id="apply-by-yesterday-license-first"),
        pytest.param(CARD_BY_EXPIRY, "2027-01-10", "s1.renew_card_first",
                     id="apply-by-is-card-expiry-card-first"),
        # card_expiry 2027-04-28: window from 2027-01-29, after TODAY
        pytest.param({"card_expiry": "2027-04-28", "license_expiry": "2027-03-12",
                      "birthday": "02-12"}, "2027-01-29", "s1.renew_card_first",
                     id="apply-by-equals-window-start-card-first"),
        pytest.param({"card_expiry": "2027-04-28", "license_expiry": "2027-03-11",
                      "birthday": "02-11"}, "2027-01-28", "s1.renew_license_first",
                     id="apply-by-day-before-window-start-license-first"),
        pytest.param(ORDER_CONFLICT, "2026-11-24", "s1.order_conflict",
                     id="apply-by-passed-license-first-impossible"),
    ],
)
def test_exactly_one_order_when_same_season_before_applying(
        overrides: dict[str, Any], apply_by: str, order: str) -> None:
    s = situation(**overrides)
    assert (s.same_season, s.apply_by) == (True, d(apply_by))
    orders = {"s1.renew_card_first", "s1.renew_license_first", "s1.order_conflict"}
    assert orders & set(plan(**overrides).item_ids) == {order}


@pytest.mark.parametrize(
    ("today", "overrides", "possible"),
    [
        pytest.param(TODAY, LICENSE_FIRST, True, id="today-an-open-day-in-the-period"),
        pytest.param(TODAY, LICENSE_FIRST_EDGE, True,
                     id="period-opens-saturday-card-valid-to-monday"),
        pytest.param(TODAY, CONFLICT_EDGE, False, id="period-opens-saturday-card-ends-sunday"),
        pytest.param(TODAY, ORDER_CONFLICT, False, id="card-expires-before-the-period-opens"),
        pytest.param(TODAY, {"card_expiry": "2027-01-31", **DEADLINE_PASSED}, False,
                     id="deadline-passed"),
        pytest.param(d("2026-11-28"), {**LICENSE_FIRST, "card_expiry": "2026-11-30"}, True,
                     id="today-saturday-card-valid-to-monday"),
        pytest.param(d("2026-11-28"), {**LICENSE_FIRST, "card_expiry": "2026-11-29"}, False,
                     id="today-saturday-card-ends-sunday"),
        pytest.param(d("2026-11-23"), {**LICENSE_FIRST, "card_expiry": "2026-11-24"}, True,
                     id="today-a-holiday-card-valid-to-the-next-day"),
        pytest.param(d("2026-11-23"), {**LICENSE_FIRST, "card_expiry": "2026-11-23"}, False,
                     id="today-a-holiday-card-ends-today"),
    ],
)
def test_license_first_possible_when_the_first_open_day_comes_before_card_and_deadline(
        today: date, overrides: dict[str, Any], possible: bool) -> None:
    assert situation(today=today, **overrides).license_first_possible is possible


@pytest.mark.parametrize(
    ("today", "overrides", "present"),
    [
        pytest.param(TODAY, {"license_expiry": "2027-03-07", "birthday": "02-07"}, True,
                     id="renewal-starts-today-plus-42"),
        pytest.param(TODAY, {"license_expiry": "2027-03-08", "birthday": "02-08"}, False,
                     id="renewal-starts-today-plus-43"),
        pytest.param(TODAY, {"license_expiry": "2026-11-26", "birthday": "10-26"}, True,
                     id="deadline-today"),
        pytest.param(TODAY, DEADLINE_PASSED, False, id="deadline-yesterday"),
        pytest.param(d("2027-01-04"), {"license_expiry": "2026-12-29", "birthday": "11-29"}, True,
                     id="deadline-moved-past-year-end-to-today"),
    ],
)
@pytest.mark.parametrize("stage", ["applied", "before"])
def test_license_change_pending_at_renewal_start_and_deadline_boundaries(
        today: date, overrides: dict[str, Any], present: bool, stage: str) -> None:
    # stage=before without card_expiry: CARRY, and not same season.
    result = plan(today=today, stage=stage, **overrides)
    assert ("s1.license_change_pending" in result.item_ids) is present


@pytest.mark.parametrize(
    ("today", "license_expiry", "past"),
    [
        pytest.param(TODAY, "2026-11-25", True, id="deadline-yesterday"),
        pytest.param(TODAY, "2026-11-26", False, id="deadline-today"),
        pytest.param(d("2026-11-24"), "2026-11-21", False,
                     id="saturday-expiry-moved-to-today-past-weekend-and-holiday"),
        pytest.param(d("2026-11-25"), "2026-11-21", True, id="day-after-the-moved-deadline"),
        pytest.param(d("2027-01-04"), "2026-12-29", False, id="moved-past-year-end-to-today"),
        pytest.param(d("2027-01-02"), "2026-12-29", False, id="within-year-end-closure"),
        pytest.param(d("2027-01-05"), "2026-12-29", True, id="day-after-year-end-deadline"),
    ],
)
def test_license_expiry_past_only_when_the_moved_deadline_is_before_today(
        today: date, license_expiry: str, past: bool) -> None:
    result = plan(today=today, license_expiry=license_expiry)
    assert ("s4.license_expiry_past" in result.item_ids) is past


# --- exhaustive invariants ----------------------------------------------------------------

exhaustive = pytest.mark.exhaustive

# rules.md §1, written out again: every value of every categorical parameter.
SPEC_VALUES: dict[str, tuple[str | None, ...]] = {
    "holding": ("myna_only", "both", "myna_history", "license_only", "none", "unsure"),
    "reason": ("expiring", "field_full", "lost_damaged", "expired"),
    "stage": ("before", "applied", "notice", "collected"),
    "channel": ("online", "window", "mail", "photo_booth", "undecided"),
    "continue_use": ("yes", "no", "unsure"),
    "cert_requested": ("yes", "no", "unsure"),
    "cert_submitted": ("yes", "no", "unsure"),
    "license_status": ("valid", "suspended", "revoked_or_lapsed"),
    "special_chars": ("no", "yes", "unsure"),
    "notice_result": ("recorded", "not_recorded", "not_stated", None),
}
CATEGORICAL_COMBINATIONS = 6 * 4 * 4 * 5 * 3 * 3 * 3 * 3 * 3 * 4  # 466,560
RANDOM_SAMPLE_SIZE = 10_000
RANDOM_SEED = 20261201

# Date scenarios for the categorical run, as in the tables above.
DATE_SCENARIOS: tuple[dict[str, str], ...] = (
    CARD_FIRST, LICENSE_FIRST, ORDER_CONFLICT, CONFLICT_EDGE, CARD_BY_EXPIRY, PENDING,
    {**PENDING, **FAR_CARD}, DEADLINE_PASSED, CARD_EXPIRED,
    {"card_expiry": "2028-05-01", "license_expiry": "2030-01-10", "birthday": "12-10"},
)


def test_answers_take_exactly_the_values_of_section_1() -> None:
    # (as sets: the order of a parameter's values is the wizard's business)
    assert {name: {v.value for v in CHOICES[name]} for name in CHOICES} == {
        name: {v for v in values if v is not None} for name, values in SPEC_VALUES.items()}


def _enum(name: str, value: str | None) -> Any:
    return None if value is None else CHOICES[name](value)


def _dated(a: Answers, dates: dict[str, str]) -> Answers:
    values: dict[str, Any] = {}
    for name, text in dates.items():
        if name == "birthday":
            month, day = text.split("-")
            values[name] = MonthDay(int(month), int(day))
        else:
            values[name] = d(text)
    return replace(a, **values)


def _representatives() -> tuple[int, list[Answers]]:
    """Every categorical combination of §1, one raw (unnormalized) representative kept for
    each distinct normalized answer set (~44,000): the others plan alike by construction,
    which the random sample below checks."""
    names = tuple(SPEC_VALUES)
    enums = [[_enum(name, v) for v in SPEC_VALUES[name]] for name in names]
    seen: dict[Answers, Answers] = {}
    count = 0
    for combination in itertools.product(*enums):
        a = Answers(**dict(zip(names, combination, strict=True)))
        seen.setdefault(answers_normalize(a), a)
        count += 1
    return count, list(seen.values())


def _random_dated(rng: random.Random, count: int) -> Iterator[Answers]:
    """Random raw categorical answers with random dates around TODAY (and unknown dates)."""
    names = tuple(SPEC_VALUES)
    for _ in range(count):
        values: dict[str, Any] = {name: _enum(name, rng.choice(SPEC_VALUES[name]))
                                  for name in names}
        if rng.random() < 0.85:
            values["card_expiry"] = TODAY + timedelta(days=rng.randint(-60, 400))
        if rng.random() < 0.85:
            values["license_expiry"] = TODAY + timedelta(days=rng.randint(-60, 800))
        if rng.random() < 0.7:
            month = rng.randint(1, 12)
            day = 29 if month == 2 and rng.random() < 0.2 else rng.randint(1, 28)
            values["birthday"] = MonthDay(month, day)
        yield Answers(**values)


Summary = tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], tuple[str, ...]]


def _summary(result: Plan) -> Summary:
    return (str(result.outcome), tuple((item.id, str(item.step)) for item in result.items),
            tuple((str(r), str(s)) for r, s in result.requirements),
            tuple(action.id for action in result.next_actions))


@dataclass(frozen=True, slots=True)
class Case:
    """One combination, reduced to what the invariants read."""

    answers: Answers  # raw, as given
    summary: Summary
    R: str
    # Only for the random sample (None elsewhere):
    same_as_normalized: bool | None  # plan(answers) == plan(answers_normalize(answers))
    same_without_license_answers: bool | None  # HIST: the license questions change nothing

    @property
    def outcome(self) -> str:
        return self.summary[0]

    @property
    def items(self) -> tuple[tuple[str, str], ...]:
        return self.summary[1]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(item_id for item_id, _ in self.summary[1])

    @property
    def requirements(self) -> tuple[tuple[str, str], ...]:
        return self.summary[2]

    @property
    def next_actions(self) -> tuple[str, ...]:
        return self.summary[3]


@dataclass(frozen=True, slots=True)
class Run:
    cases: tuple[Case, ...]
    categorical: int
    representatives: int


@pytest.fixture(scope="module")
def run() -> Run:
    """Every categorical combination (deduplicated by its normalized answers) without dates,
    again with one of DATE_SCENARIOS each, then a seeded random sample of raw answers with
    random dates. (plan_build takes ~30 µs; the raw product alone is 466,560 plans.)"""
    interned: dict[Any, Any] = {}
    cases: list[Case] = []
    rng = random.Random(RANDOM_SEED)

    def add(a: Answers, *, compare: bool = False) -> None:
        result = plan_build(answers=a, today=TODAY)
        summary = interned.setdefault(s := _summary(result), s)
        same = same_hist = None
        if compare:
            same = _summary(plan_build(answers=answers_normalize(a), today=TODAY)) == summary
            if a.holding == "myna_history":
                bare = replace(a, license_status=CHOICES["license_status"]("valid"),
                               license_expiry=None, birthday=None)
                same_hist = _summary(plan_build(answers=bare, today=TODAY)) == summary
        cases.append(Case(answers=a, summary=summary, R=str(result.expected),
                          same_as_normalized=same, same_without_license_answers=same_hist))

    categorical, representatives = _representatives()
    for a in representatives:
        add(a)
        add(_dated(a, rng.choice(DATE_SCENARIOS)))
    for a in _random_dated(rng, RANDOM_SAMPLE_SIZE):
        add(a, compare=True)
    return Run(cases=tuple(cases), categorical=categorical,
               representatives=len(representatives))


def _failures(run: Run, problem: Callable[[Case], Any]) -> list[str]:
    """The first few cases for which `problem(case)` returns a message."""
    found = []
    for case in run.cases:
        message = problem(case)
        if message:
            found.append(f"{message}: {case.answers}")
            if len(found) == 5:
                break
    return found


# §1–§3 read literally on the answers as given (not normalized), for the oracles below.

_JAPAN_HOLIDAYS = holidays.country_holidays("JP")  # §3: a maintained holiday library


def _closed(day: date) -> bool:
    return (day.weekday() >= 5 or day in _JAPAN_HOLIDAYS
            or (day.month, day.day) >= (12, 29) or (day.month, day.day) <= (1, 3))


@functools.cache
def spec_deadline(license_expiry: date) -> date:
    day = license_expiry
    while _closed(day):
        day += timedelta(days=1)
    return day


@dataclass(frozen=True, slots=True)
class Names:
    """§2 on raw answers, with §1's rules on what does not count."""

    M: bool
    HIST: bool
    LIC: bool
    suspended: bool
    offline: bool
    later: bool
    NR: bool
    ineligible: bool
    online_later: bool
    deadline_passed: bool

    @property
    def CARRY(self) -> bool:
        return self.M and self.LIC and not self.ineligible


def spec_names(a: Answers, today: date) -> Names:
    hist = a.holding == "myna_history"
    status = "valid" if hist else a.license_status  # §1 (v2): counts as valid with HIST
    later = a.stage != "before"
    return Names(
        M=a.holding in ("myna_only", "both", "myna_history", "unsure"),
        HIST=hist,
        LIC=status != "revoked_or_lapsed",
        suspended=status == "suspended",
        offline=a.channel in ("window", "mail", "photo_booth"),
        later=later,
        NR=a.stage in ("notice", "collected") and a.notice_result is not None,
        ineligible=a.reason in ("lost_damaged", "expired") or (
            a.stage == "before" and a.card_expiry is not None and a.card_expiry < today),
        online_later=later and a.channel == "online",
        deadline_passed=(not hist and a.license_expiry is not None
                         and spec_deadline(a.license_expiry) < today),
    )


def oracle_R(a: Answers, today: date) -> str:
    """The expected result R of §4 step ③, first rule that holds."""
    n = spec_names(a, today)
    if n.NR:
        return str(a.notice_result)
    if n.ineligible or (n.later and n.offline) or (n.online_later and a.continue_use == "no"):
        return "not_stated"
    if (not n.LIC or a.special_chars == "yes"
            or (n.later and (n.suspended or a.cert_submitted == "no"
                             or (a.channel == "online" and a.cert_requested == "no")))):
        return "not_recorded"
    if n.later and (a.channel == "undecided" or a.stage in ("notice", "collected")):
        return "unknown"
    return "recorded"


def oracle_outcome(a: Answers, today: date) -> str:
    """§5, first rule that holds."""
    n = spec_names(a, today)
    if a.holding in ("license_only", "none"):
        return "not_applicable"
    if n.NR and n.LIC:
        return {"recorded": "recorded", "not_recorded": "record_free",
                "not_stated": "record_with_fee"}[str(a.notice_result)]
    if (n.ineligible or n.offline or not n.LIC or a.special_chars == "yes"
            or (n.later and (a.cert_submitted == "no" or n.suspended
                             or (a.channel == "online"
                                 and (a.continue_use == "no" or a.cert_requested == "no"))))):
        return "no_carryover"
    if (a.holding == "unsure" or a.cert_submitted == "unsure" or a.special_chars == "unsure"
            or (n.suspended and a.stage == "before")
            or (n.online_later and "unsure" in (a.continue_use, a.cert_requested))
            or (n.later and a.channel == "undecided")
            or oracle_R(a, today) == "unknown"
            or n.deadline_passed):
        return "at_risk"
    return "on_track"


def oracle_panel_shown(a: Answers, today: date) -> bool:
    n = spec_names(a, today)
    return n.CARRY and not n.NR and a.special_chars != "yes" and not (n.later and n.suspended)


def oracle_panel(a: Answers, today: date) -> tuple[tuple[str, str], ...]:
    """The table of §6, cell by cell; () where no panel is shown."""
    if not oracle_panel_shown(a, today):
        return ()
    n = spec_names(a, today)

    def application(answer: str) -> str:
        if not n.later:
            return "todo"
        if n.offline or (a.channel == "online" and answer == "no"):
            return "unmet"
        if a.channel == "online" and answer == "yes":
            return "met"
        return "unknown"

    return (
        ("holding", "unknown" if a.holding == "unsure" else "met"),
        ("certificate_submitted", {"yes": "met", "unsure": "unknown"}.get(
            str(a.cert_submitted), "unmet" if n.later else "todo")),
        ("online_application", application(str(a.continue_use))),
        ("new_certificate", application(str(a.cert_requested))),
    )


def _next_key(item_id: str, a: Answers) -> str:
    return f"{item_id}/{a.special_chars}" if item_id == "s1.special_characters" else item_id


def spec_next_actions(ids: tuple[str, ...], a: Answers) -> tuple[str, ...]:
    """§7: the first three items present, in its order of urgency."""
    rank = {key: index for index, key in enumerate(SPEC_NEXT_ORDER)}
    present = sorted((rank[_next_key(i, a)], i) for i in ids if _next_key(i, a) in rank)
    return tuple(i for _, i in present[:3])


@exhaustive
def test_exhaustive_run_covers_every_categorical_combination(run: Run) -> None:
    # (No wall-clock assertion: it would be flaky; see `pytest --durations`.)
    assert run.categorical == CATEGORICAL_COMBINATIONS
    assert len(run.cases) == 2 * run.representatives + RANDOM_SAMPLE_SIZE
    for name, values in SPEC_VALUES.items():
        assert {getattr(c.answers, name) for c in run.cases} == {
            _enum(name, v) for v in values}, name


@exhaustive
def test_exhaustive_run_reaches_every_outcome_item_status_and_next_action(run: Run) -> None:
    # Guards the other invariants against being vacuous.
    assert {case.outcome for case in run.cases} == SPEC_OUTCOME_IDS
    assert {item_id for case in run.cases for item_id in case.ids} == set(SPEC_ITEM_STEPS)
    assert {case.R for case in run.cases} == {"recorded", "not_recorded", "not_stated", "unknown"}
    assert {cell for case in run.cases for cell in case.requirements} == {
        ("holding", "met"), ("holding", "unknown"),
        *((r, s) for r in ("certificate_submitted", "online_application", "new_certificate")
          for s in ("met", "unmet", "unknown", "todo"))}
    assert {_next_key(i, c.answers) for c in run.cases for i in c.next_actions} == set(
        SPEC_NEXT_ORDER)


@exhaustive
def test_outcome_agrees_with_an_independent_reading_of_section_5(run: Run) -> None:
    assert _failures(run, lambda c: (
        (expected := oracle_outcome(c.answers, TODAY)) != c.outcome
        and f"outcome {c.outcome}, §5 says {expected}")) == []


@exhaustive
def test_expected_result_agrees_with_an_independent_reading_of_step_3_when_M(run: Run) -> None:
    # Every item that reads R requires M.
    assert _failures(run, lambda c: (
        spec_names(c.answers, TODAY).M and (expected := oracle_R(c.answers, TODAY)) != c.R
        and f"R {c.R}, §4 says {expected}")) == []


@exhaustive
def test_items_are_known_unique_and_in_their_catalogue_step(run: Run) -> None:
    assert _failures(run, lambda c: (
        (unknown := set(c.ids) - set(SPEC_ITEM_STEPS)) and f"unknown {unknown}"
        or len(set(c.ids)) != len(c.ids) and f"duplicates in {c.ids}"
        or (wrong := [i for i, step in c.items if SPEC_ITEM_STEPS[i] != step])
        and f"wrong step {wrong}")) == []


@exhaustive
@pytest.mark.parametrize(
    ("item_id", "holdings"),
    [pytest.param("s3.drive_with_plastic", {"both"}, id="drive_with_plastic-only-both"),
     pytest.param("s3.no_driving_myna_only", {"myna_only", "unsure"},
                  id="no_driving-only-myna_only-or-unsure"),
     pytest.param("s3.check_before_driving", {"myna_only", "unsure"},
                  id="check_before_driving-only-myna_only-or-unsure")],
)
def test_driving_advice_only_for_its_holding(run: Run, item_id: str, holdings: set[str]) -> None:
    assert _failures(run, lambda c: item_id in c.ids and c.answers.holding not in holdings
                     and f"{item_id} for holding={c.answers.holding}") == []


@exhaustive
def test_myna_history_gets_nothing_about_driving_or_license_renewal(run: Run) -> None:
    # §2 (v2): nothing about driving or license renewal applies to HIST.
    never = {"s1.license_suspended", "s1.license_invalid", "s1.renew_card_first",
             "s1.renew_license_first", "s1.order_conflict", "s1.license_change_pending",
             "s3.no_driving_myna_only", "s3.check_before_driving", "s3.drive_with_plastic",
             *(i for i, step in SPEC_ITEM_STEPS.items() if step == "4")}
    assert _failures(run, lambda c: (
        c.answers.holding == "myna_history" and (found := never & set(c.ids))
        and f"HIST with {found}")) == []


@exhaustive
def test_myna_history_plan_ignores_the_license_questions(run: Run) -> None:
    # §1 (v2): license_status, license_expiry and birthday do not apply to HIST.
    assert _failures(run, lambda c: c.same_without_license_answers is False
                     and "differs without license_status/license_expiry/birthday") == []
    assert any(c.same_without_license_answers for c in run.cases)


@exhaustive
def test_requirements_panel_agrees_with_the_table_of_section_6(run: Run) -> None:
    assert _failures(run, lambda c: (
        (expected := oracle_panel(c.answers, TODAY)) != c.requirements
        and f"panel {c.requirements}, §6 says {expected}")) == []


@exhaustive
def test_no_requirements_panel_where_section_6_says_none(run: Run) -> None:
    assert _failures(run, lambda c: (
        c.requirements and not oracle_panel_shown(c.answers, TODAY)
        and f"panel {c.requirements}")) == []


@exhaustive
def test_requirement_is_met_only_for_what_is_already_true_or_done(run: Run) -> None:
    def done(a: Answers, requirement: str) -> bool:
        later_online = a.stage != "before" and a.channel == "online"
        return {"holding": a.holding in ("myna_only", "both", "myna_history"),
                "certificate_submitted": a.cert_submitted == "yes",
                "online_application": later_online and a.continue_use == "yes",
                "new_certificate": later_online and a.cert_requested == "yes"}[requirement]
    assert _failures(run, lambda c: (
        (wrong := [r for r, s in c.requirements if s == "met" and not done(c.answers, r)])
        and f"met but not done: {wrong}")) == []


@exhaustive
def test_next_actions_are_items_of_the_plan_at_most_three_in_the_order_of_section_7(
        run: Run) -> None:
    rank = {key: index for index, key in enumerate(SPEC_NEXT_ORDER)}

    def problem(c: Case) -> str | bool:
        keys = [_next_key(i, c.answers) for i in c.next_actions]
        return ((extra := set(c.next_actions) - set(c.ids)) and f"not items: {extra}"
                or len(c.next_actions) > 3 and f"{len(c.next_actions)} next actions"
                or (unknown := [k for k in keys if k not in rank]) and f"not in §7: {unknown}"
                or [rank[k] for k in keys] != sorted(rank[k] for k in keys)
                and f"out of §7 order: {c.next_actions}")
    assert _failures(run, problem) == []


@exhaustive
def test_next_actions_are_exactly_the_first_three_present_in_the_order_of_section_7(
        run: Run) -> None:
    assert _failures(run, lambda c: (
        (expected := spec_next_actions(c.ids, c.answers)) != c.next_actions
        and f"next {c.next_actions}, §7 says {expected}")) == []


@exhaustive
def test_not_applicable_items_only_when_not_applicable_or_ineligible(run: Run) -> None:
    assert _failures(run, lambda c: (
        any(i.startswith("na.") for i in c.ids)
        and c.outcome != "not_applicable" and not spec_names(c.answers, TODAY).ineligible
        and f"{c.ids} with outcome {c.outcome}")) == []


@exhaustive
def test_not_applicable_exactly_when_holding_is_license_only_or_none(run: Run) -> None:
    assert _failures(run, lambda c: (
        (c.outcome == "not_applicable") != (c.answers.holding in ("license_only", "none"))
        and f"outcome {c.outcome}")) == []


@exhaustive
def test_keep_notice_is_listed_whenever_M_LIC_and_the_card_is_not_collected(run: Run) -> None:
    def problem(c: Case) -> str | bool:
        n = spec_names(c.answers, TODAY)
        expected = n.M and n.LIC and c.answers.stage != "collected"
        return expected != ("s3.keep_notice" in c.ids) and f"s3.keep_notice {not expected}"
    assert _failures(run, problem) == []


@exhaustive
@pytest.mark.parametrize(
    ("first", "second"),
    [pytest.param("s1.renew_card_first", "s1.renew_license_first", id="card-or-license-first"),
     pytest.param("s1.renew_card_first", "s1.order_conflict", id="card-first-or-conflict"),
     pytest.param("s1.renew_license_first", "s1.order_conflict", id="license-first-or-conflict"),
     pytest.param("s1.submit_certificate", "s1.certificate_on_file", id="submit-or-on-file"),
     pytest.param("s1.license_suspended", "s1.license_invalid", id="suspended-or-invalid"),
     pytest.param("s2.apply_online", "s2.offline_no_carryover", id="before-or-after-applying"),
     pytest.param("s3.record_free", "s3.record_with_fee", id="free-or-fee"),
     pytest.param("s3.may_still_fail", "s3.record_free", id="expected-recorded-or-not"),
     pytest.param("s3.no_driving_myna_only", "s3.check_before_driving", id="no-driving-or-check"),
     pytest.param("s3.no_driving_myna_only", "s3.drive_with_plastic", id="no-driving-or-plastic")],
)
def test_contradictory_items_are_never_listed_together(run: Run, first: str, second: str) -> None:
    assert _failures(run, lambda c: first in c.ids and second in c.ids and "both listed") == []


@exhaustive
def test_the_steps_of_applying_online_come_together_and_with_any_switch(run: Run) -> None:
    # §4: s2.continue_use, s2.request_certificate, s2.record_number: "same as s2.apply_online";
    # (v2) with an offline plan these are the steps of the switch.
    assert _failures(run, lambda c: (
        len({i in c.ids for i in ONLINE_BEFORE_IDS}) != 1 and "online steps split"
        or "s2.switch_to_online" in c.ids and "s2.apply_online" not in c.ids
        and "switch without the online steps")) == []


@exhaustive
def test_notice_outcomes_only_with_a_notice_result(run: Run) -> None:
    assert _failures(run, lambda c: (
        c.outcome in ("recorded", "record_free", "record_with_fee")
        and not spec_names(c.answers, TODAY).NR
        and f"outcome {c.outcome}")) == []


@exhaustive
def test_parameters_that_do_not_apply_do_not_change_the_plan(run: Run) -> None:
    assert _failures(run, lambda c: c.same_as_normalized is False
                     and "differs from normalized") == []
    assert sum(c.same_as_normalized is True for c in run.cases) == RANDOM_SAMPLE_SIZE


@exhaustive
def test_normalizing_resets_only_parameters_that_do_not_apply(run: Run) -> None:
    # The normalized answers must keep every applying parameter, or the comparison above
    # would hide a parameter that matters.
    def problem(c: Case) -> str | bool:
        normalized = answers_normalize(c.answers)
        applicable = answers_applicable(c.answers)
        changed = [name for name in (*SPEC_VALUES, "birthday", "license_expiry", "card_expiry")
                   if getattr(normalized, name) != getattr(c.answers, name)
                   and name in applicable]
        return bool(changed) and f"reset {changed}"
    assert _failures(run, problem) == []
