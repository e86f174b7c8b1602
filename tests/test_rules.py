"""Tests for wizard.rules against ../shared/spec/rules.md (pure Python: runs without Django).

Every expectation here is read from rules.md, not from rules.py: the item ids and their steps,
the conditions of §4, the outcome rules of §5 and the requirement table of §6 are written out
again below. TODAY is fixed (a Thursday, an open day); the real date is never used.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest

from tests.test_answers import make
from guide.answers import (
    CHOICES,
    Answers,
    MonthDay,
    answers_applies,
    answers_normalize,
)
from wizard.rules import ITEM_IDS, ITEMS, LEAD_DAYS, OUTCOME_IDS, Plan, plan_build

TODAY = date(2026, 11, 26)  # Thursday


def answers(**overrides: Any) -> Answers:
    """Answers from plain strings (dates as "YYYY-MM-DD", birthday as "MM-DD"), starting from
    a baseline that makes the person M (holding=myna_only); everything else takes §1's default."""
    return make(**{"holding": "myna_only", **overrides})


def plan(today: date = TODAY, **overrides: Any) -> Plan:
    return plan_build(answers=answers(**overrides), today=today)


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
    "s3.check_notice": "3",
    "s3.keep_notice": "3",
    "s3.collect_card": "3",
    "s3.confirm_with_app": "3",
    "s3.may_still_fail": "3",
    "s3.record_free": "3",
    "s3.record_with_fee": "3",
    "s3.no_driving_myna_only": "3",
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
    assert {item.id: item.step for item in ITEMS} == SPEC_ITEM_STEPS
    assert ITEM_IDS == frozenset(SPEC_ITEM_STEPS)
    assert len(ITEMS) == len(SPEC_ITEM_STEPS)  # no id defined twice


def test_outcome_ids_are_exactly_those_of_the_spec() -> None:
    assert set(OUTCOME_IDS) == SPEC_OUTCOME_IDS
    assert len(OUTCOME_IDS) == len(SPEC_OUTCOME_IDS)


# --- §4 tables: one row where each item's condition holds, one per clause made false -----

# Same season (card window and license renewal overlap), at TODAY. Card window starts
# 2026-10-31, before TODAY, so max(today, window start) = TODAY.
CARD_FIRST = {"card_expiry": "2027-01-31", "license_expiry": "2027-01-07", "birthday": "12-07"}
# apply by = 2027-01-07 − 42 days = TODAY: card first (≤ holds with equality).
LICENSE_FIRST = {"card_expiry": "2027-01-31", "license_expiry": "2027-01-06", "birthday": "12-06"}
# apply by = 2027-01-06 − 42 days = 2026-11-25 < TODAY: license first.
PENDING = {"license_expiry": "2027-01-20", "birthday": "12-20"}  # renewal from 2026-11-20
ONLINE_LATER = {"stage": "applied", "channel": "online"}

Row = tuple[str, bool, str, dict[str, Any]]  # item id, present, row name, answers


def _params(rows: list[Row]) -> list[Any]:
    return [pytest.param(item_id, overrides, present,
                         id=f"{item_id}-{'listed' if present else 'absent'}-{name}")
            for item_id, present, name, overrides in rows]


STEP1_ROWS: list[Row] = [
    ("s1.check_holding", True, "holding-unsure", {"holding": "unsure"}),
    ("s1.check_holding", False, "holding-myna_only", {}),
    ("s1.check_holding", False, "holding-both", {"holding": "both"}),
    ("s1.check_holding", False, "holding-license_only", {"holding": "license_only"}),
    ("s1.check_holding", False, "holding-none", {"holding": "none"}),

    ("s1.submit_certificate", True, "cert-unsure", {}),
    ("s1.submit_certificate", True, "cert-no", {"cert_submitted": "no"}),
    ("s1.submit_certificate", True, "holding-both", {"holding": "both"}),
    ("s1.submit_certificate", True, "holding-unsure", {"holding": "unsure"}),
    ("s1.submit_certificate", True, "card-expires-today", {"card_expiry": "2026-11-26"}),
    ("s1.submit_certificate", False, "not-M-license_only", {"holding": "license_only"}),
    ("s1.submit_certificate", False, "not-M-none", {"holding": "none"}),
    ("s1.submit_certificate", False, "stage-applied", {"stage": "applied"}),
    ("s1.submit_certificate", False, "cert-yes", {"cert_submitted": "yes"}),
    ("s1.submit_certificate", False, "ineligible-lost_damaged", {"reason": "lost_damaged"}),
    ("s1.submit_certificate", False, "ineligible-expired", {"reason": "expired"}),
    ("s1.submit_certificate", False, "ineligible-card-expired-yesterday",
     {"card_expiry": "2026-11-25"}),

    ("s1.certificate_on_file", True, "cert-yes-before", {"cert_submitted": "yes"}),
    ("s1.certificate_on_file", True, "cert-yes-collected",
     {"cert_submitted": "yes", "stage": "collected"}),
    ("s1.certificate_on_file", True, "holding-unsure",
     {"holding": "unsure", "cert_submitted": "yes"}),
    ("s1.certificate_on_file", False, "not-M",
     {"holding": "license_only", "cert_submitted": "yes"}),
    ("s1.certificate_on_file", False, "cert-no", {"cert_submitted": "no"}),
    ("s1.certificate_on_file", False, "cert-unsure", {"cert_submitted": "unsure"}),

    ("s1.apply_while_valid", True, "before", {}),
    ("s1.apply_while_valid", True, "card-expires-today", {"card_expiry": "2026-11-26"}),
    ("s1.apply_while_valid", True, "field_full", {"reason": "field_full"}),
    ("s1.apply_while_valid", False, "not-M", {"holding": "license_only"}),
    ("s1.apply_while_valid", False, "stage-applied", {"stage": "applied"}),
    ("s1.apply_while_valid", False, "stage-collected", {"stage": "collected"}),
    ("s1.apply_while_valid", False, "ineligible-lost_damaged", {"reason": "lost_damaged"}),
    ("s1.apply_while_valid", False, "ineligible-card-expired-yesterday",
     {"card_expiry": "2026-11-25"}),

    ("s1.license_suspended", True, "suspended-before", {"license_status": "suspended"}),
    ("s1.license_suspended", True, "suspended-notice",
     {"license_status": "suspended", "stage": "notice"}),
    ("s1.license_suspended", False, "not-M", {"holding": "none", "license_status": "suspended"}),
    ("s1.license_suspended", False, "valid", {"license_status": "valid"}),
    ("s1.license_suspended", False, "revoked", {"license_status": "revoked_or_lapsed"}),

    ("s1.license_invalid", True, "revoked-before", {"license_status": "revoked_or_lapsed"}),
    ("s1.license_invalid", True, "revoked-collected",
     {"license_status": "revoked_or_lapsed", "stage": "collected"}),
    ("s1.license_invalid", False, "not-M",
     {"holding": "license_only", "license_status": "revoked_or_lapsed"}),
    ("s1.license_invalid", False, "valid", {"license_status": "valid"}),
    ("s1.license_invalid", False, "suspended", {"license_status": "suspended"}),

    ("s1.special_characters", True, "special-yes", {"special_chars": "yes"}),
    ("s1.special_characters", True, "special-unsure", {"special_chars": "unsure"}),
    ("s1.special_characters", False, "special-no", {"special_chars": "no"}),
    ("s1.special_characters", False, "not-M", {"holding": "license_only", "special_chars": "yes"}),

    ("s1.renew_card_first", True, "same-season-card-first", CARD_FIRST),
    ("s1.renew_card_first", False, "not-M", {**CARD_FIRST, "holding": "license_only"}),
    ("s1.renew_card_first", False, "stage-applied", {**CARD_FIRST, "stage": "applied"}),
    ("s1.renew_card_first", False, "not-same-season-field_full",
     {**CARD_FIRST, "reason": "field_full"}),
    ("s1.renew_card_first", False, "not-same-season-card-expiry-unknown",
     {**CARD_FIRST, "card_expiry": None}),
    ("s1.renew_card_first", False, "not-same-season-license-expiry-unknown",
     {**CARD_FIRST, "license_expiry": None}),
    ("s1.renew_card_first", False, "apply-by-before-today", LICENSE_FIRST),

    ("s1.renew_license_first", True, "same-season-license-first", LICENSE_FIRST),
    ("s1.renew_license_first", False, "not-M", {**LICENSE_FIRST, "holding": "license_only"}),
    ("s1.renew_license_first", False, "stage-applied", {**LICENSE_FIRST, "stage": "applied"}),
    ("s1.renew_license_first", False, "not-same-season-field_full",
     {**LICENSE_FIRST, "reason": "field_full"}),
    ("s1.renew_license_first", False, "not-same-season-card-expiry-unknown",
     {**LICENSE_FIRST, "card_expiry": None}),
    ("s1.renew_license_first", False, "apply-by-is-today", CARD_FIRST),

    ("s1.license_change_pending", True, "applied", {**PENDING, "stage": "applied"}),
    ("s1.license_change_pending", True, "notice", {**PENDING, "stage": "notice"}),
    ("s1.license_change_pending", False, "not-M",
     {**PENDING, "stage": "applied", "holding": "license_only"}),
    ("s1.license_change_pending", False, "stage-before", {**PENDING, "stage": "before"}),
    ("s1.license_change_pending", False, "stage-collected", {**PENDING, "stage": "collected"}),
    ("s1.license_change_pending", False, "license-expiry-unknown", {"stage": "applied"}),
    ("s1.license_change_pending", False, "renewal-starts-after-today-plus-lead",
     {"stage": "applied", "license_expiry": "2027-03-08", "birthday": "02-08"}),
    ("s1.license_change_pending", False, "deadline-passed",
     {"stage": "applied", "license_expiry": "2026-11-25", "birthday": "10-25"}),
]

ONLINE_BEFORE_IDS = ("s2.apply_online", "s2.continue_use", "s2.request_certificate",
                     "s2.record_number")
ONLINE_BEFORE_CASES: list[tuple[bool, str, dict[str, Any]]] = [
    (True, "channel-online", {"channel": "online"}),
    (True, "channel-undecided", {"channel": "undecided"}),
    (True, "holding-unsure", {"holding": "unsure", "channel": "online"}),
    (False, "not-M", {"holding": "license_only", "channel": "online"}),
    (False, "stage-applied", {"stage": "applied", "channel": "online"}),
    (False, "channel-window", {"channel": "window"}),
    (False, "channel-mail", {"channel": "mail"}),
    (False, "channel-photo_booth", {"channel": "photo_booth"}),
    (False, "ineligible-lost_damaged", {"reason": "lost_damaged", "channel": "online"}),
    (False, "ineligible-card-expired-yesterday",
     {"card_expiry": "2026-11-25", "channel": "online"}),
]

STEP2_ROWS: list[Row] = [
    (item_id, present, name, overrides)
    for item_id in ONLINE_BEFORE_IDS
    for present, name, overrides in ONLINE_BEFORE_CASES
] + [
    ("s2.switch_to_online", True, "window", {"channel": "window"}),
    ("s2.switch_to_online", True, "mail", {"channel": "mail"}),
    ("s2.switch_to_online", True, "photo_booth", {"channel": "photo_booth"}),
    ("s2.switch_to_online", False, "not-M", {"holding": "license_only", "channel": "window"}),
    ("s2.switch_to_online", False, "stage-applied", {"stage": "applied", "channel": "window"}),
    ("s2.switch_to_online", False, "channel-online", {"channel": "online"}),
    ("s2.switch_to_online", False, "channel-undecided", {"channel": "undecided"}),
    ("s2.switch_to_online", False, "ineligible-expired",
     {"reason": "expired", "channel": "window"}),
    ("s2.switch_to_online", False, "ineligible-card-expired-yesterday",
     {"card_expiry": "2026-11-25", "channel": "mail"}),

    ("s2.offline_no_carryover", True, "applied-window", {"stage": "applied", "channel": "window"}),
    ("s2.offline_no_carryover", True, "notice-mail", {"stage": "notice", "channel": "mail"}),
    ("s2.offline_no_carryover", True, "collected-photo_booth",
     {"stage": "collected", "channel": "photo_booth"}),
    ("s2.offline_no_carryover", False, "not-M",
     {"holding": "none", "stage": "applied", "channel": "window"}),
    ("s2.offline_no_carryover", False, "stage-before", {"stage": "before", "channel": "window"}),
    ("s2.offline_no_carryover", False, "channel-online", {"stage": "applied", "channel": "online"}),
    ("s2.offline_no_carryover", False, "channel-undecided",
     {"stage": "applied", "channel": "undecided"}),

    ("s2.apply_window", True, "card-expiry-known", {"card_expiry": "2027-03-31"}),
    ("s2.apply_window", True, "card-expires-today", {"card_expiry": "2026-11-26"}),
    ("s2.apply_window", False, "not-M", {"holding": "license_only", "card_expiry": "2027-03-31"}),
    ("s2.apply_window", False, "stage-applied", {"stage": "applied", "card_expiry": "2027-03-31"}),
    ("s2.apply_window", False, "reason-field_full",
     {"reason": "field_full", "card_expiry": "2027-03-31"}),
    ("s2.apply_window", False, "card-expiry-unknown", {}),
    ("s2.apply_window", False, "ineligible-card-expired-yesterday", {"card_expiry": "2026-11-25"}),

    ("s2.continue_use_missed", True, "applied", {**ONLINE_LATER, "continue_use": "no"}),
    ("s2.continue_use_missed", True, "collected",
     {**ONLINE_LATER, "stage": "collected", "continue_use": "no"}),
    ("s2.continue_use_missed", False, "not-M",
     {**ONLINE_LATER, "holding": "license_only", "continue_use": "no"}),
    ("s2.continue_use_missed", False, "stage-before",
     {**ONLINE_LATER, "stage": "before", "continue_use": "no"}),
    ("s2.continue_use_missed", False, "channel-window",
     {**ONLINE_LATER, "channel": "window", "continue_use": "no"}),
    ("s2.continue_use_missed", False, "channel-undecided",
     {**ONLINE_LATER, "channel": "undecided", "continue_use": "no"}),
    ("s2.continue_use_missed", False, "continue-yes", {**ONLINE_LATER, "continue_use": "yes"}),
    ("s2.continue_use_missed", False, "continue-unsure",
     {**ONLINE_LATER, "continue_use": "unsure"}),

    ("s2.certificate_request_missed", True, "applied", {**ONLINE_LATER, "cert_requested": "no"}),
    ("s2.certificate_request_missed", True, "notice",
     {**ONLINE_LATER, "stage": "notice", "cert_requested": "no"}),
    ("s2.certificate_request_missed", False, "not-M",
     {**ONLINE_LATER, "holding": "none", "cert_requested": "no"}),
    ("s2.certificate_request_missed", False, "stage-before",
     {**ONLINE_LATER, "stage": "before", "cert_requested": "no"}),
    ("s2.certificate_request_missed", False, "channel-mail",
     {**ONLINE_LATER, "channel": "mail", "cert_requested": "no"}),
    ("s2.certificate_request_missed", False, "requested-yes",
     {**ONLINE_LATER, "cert_requested": "yes"}),
    ("s2.certificate_request_missed", False, "requested-unsure",
     {**ONLINE_LATER, "cert_requested": "unsure"}),

    ("s2.result_unknown", True, "continue-unsure",
     {**ONLINE_LATER, "continue_use": "unsure", "cert_requested": "yes"}),
    ("s2.result_unknown", True, "requested-unsure",
     {**ONLINE_LATER, "continue_use": "yes", "cert_requested": "unsure"}),
    ("s2.result_unknown", True, "both-unsure", ONLINE_LATER),
    ("s2.result_unknown", True, "continue-no-requested-unsure",
     {**ONLINE_LATER, "continue_use": "no", "cert_requested": "unsure"}),
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
]

# Answers whose expected result R is "recorded" before and after applying.
CLEAN = {"cert_submitted": "yes", "special_chars": "no"}
CLEAN_ONLINE_LATER = {**CLEAN, **ONLINE_LATER, "continue_use": "yes", "cert_requested": "yes"}

STEP3_ROWS: list[Row] = [
    ("s3.check_notice", True, "before", {}),
    ("s3.check_notice", True, "applied", {"stage": "applied"}),
    ("s3.check_notice", True, "notice-without-result", {"stage": "notice"}),
    ("s3.check_notice", True, "collected-without-result", {"stage": "collected"}),
    ("s3.check_notice", False, "not-M", {"holding": "license_only"}),
    ("s3.check_notice", False, "notice-recorded", {"stage": "notice", "notice_result": "recorded"}),
    ("s3.check_notice", False, "notice-not_recorded",
     {"stage": "notice", "notice_result": "not_recorded"}),
    ("s3.check_notice", False, "collected-not_stated",
     {"stage": "collected", "notice_result": "not_stated"}),
] + [
    (item_id, present, name, overrides)
    for item_id in ("s3.keep_notice", "s3.collect_card")
    for present, name, overrides in [
        (True, "before", {}),
        (True, "applied", {"stage": "applied"}),
        (True, "notice-recorded", {"stage": "notice", "notice_result": "recorded"}),
        (False, "collected", {"stage": "collected"}),
        (False, "not-M", {"holding": "license_only"}),
    ]
] + [
    ("s3.confirm_with_app", True, "expected-recorded", {}),
    ("s3.confirm_with_app", True, "notice-recorded-despite-window",
     {"stage": "notice", "channel": "window", "notice_result": "recorded"}),
    ("s3.confirm_with_app", False, "not-M", {"holding": "license_only"}),
    ("s3.confirm_with_app", False, "expected-not_recorded", {"special_chars": "yes"}),
    ("s3.confirm_with_app", False, "expected-not_stated", {"channel": "window"}),
    ("s3.confirm_with_app", False, "notice-not_recorded",
     {"stage": "collected", "notice_result": "not_recorded"}),

    ("s3.may_still_fail", True, "before", CLEAN),
    ("s3.may_still_fail", True, "applied", CLEAN_ONLINE_LATER),
    ("s3.may_still_fail", False, "not-M", {"holding": "none"}),
    ("s3.may_still_fail", False, "expected-not_recorded", {"special_chars": "yes"}),
    ("s3.may_still_fail", False, "expected-not_stated", {"channel": "window"}),
    ("s3.may_still_fail", False, "notice-recorded",
     {**CLEAN_ONLINE_LATER, "stage": "notice", "notice_result": "recorded"}),
    ("s3.may_still_fail", False, "collected-recorded",
     {**CLEAN_ONLINE_LATER, "stage": "collected", "notice_result": "recorded"}),

    ("s3.record_free", True, "special-yes", {"special_chars": "yes"}),
    ("s3.record_free", True, "suspended", {"license_status": "suspended"}),
    ("s3.record_free", True, "certificate-not-submitted-later",
     {"stage": "applied", "cert_submitted": "no"}),
    ("s3.record_free", True, "certificate-not-requested",
     {**ONLINE_LATER, "continue_use": "yes", "cert_requested": "no"}),
    ("s3.record_free", True, "notice-not_recorded",
     {"stage": "notice", "notice_result": "not_recorded"}),
    ("s3.record_free", False, "not-M", {"holding": "license_only", "special_chars": "yes"}),
    ("s3.record_free", False, "expected-recorded", {}),
    ("s3.record_free", False, "expected-not_stated", {"channel": "window"}),
    ("s3.record_free", False, "revoked", {"license_status": "revoked_or_lapsed"}),

    ("s3.record_with_fee", True, "window", {"channel": "window"}),
    ("s3.record_with_fee", True, "lost_damaged", {"reason": "lost_damaged"}),
    ("s3.record_with_fee", True, "card-expired-yesterday", {"card_expiry": "2026-11-25"}),
    ("s3.record_with_fee", True, "continue-use-missed", {**ONLINE_LATER, "continue_use": "no"}),
    ("s3.record_with_fee", True, "notice-not_stated",
     {"stage": "notice", "notice_result": "not_stated"}),
    ("s3.record_with_fee", False, "not-M", {"holding": "license_only", "channel": "window"}),
    ("s3.record_with_fee", False, "expected-recorded", {}),
    ("s3.record_with_fee", False, "expected-not_recorded", {"special_chars": "yes"}),
    ("s3.record_with_fee", False, "revoked",
     {"license_status": "revoked_or_lapsed", "channel": "window"}),

    ("s3.no_driving_myna_only", True, "expected-not_recorded", {"special_chars": "yes"}),
    ("s3.no_driving_myna_only", True, "expected-not_stated", {"channel": "window"}),
    ("s3.no_driving_myna_only", True, "notice-not_recorded",
     {"stage": "notice", "notice_result": "not_recorded"}),
    ("s3.no_driving_myna_only", False, "holding-both", {"holding": "both", "channel": "window"}),
    ("s3.no_driving_myna_only", False, "holding-unsure",
     {"holding": "unsure", "channel": "window"}),
    ("s3.no_driving_myna_only", False, "suspended", {"license_status": "suspended"}),
    ("s3.no_driving_myna_only", False, "revoked",
     {"license_status": "revoked_or_lapsed", "channel": "window"}),
    ("s3.no_driving_myna_only", False, "expected-recorded", {}),

    ("s3.drive_with_plastic", True, "expected-not_recorded",
     {"holding": "both", "special_chars": "yes"}),
    ("s3.drive_with_plastic", True, "expected-not_stated",
     {"holding": "both", "channel": "window"}),
    ("s3.drive_with_plastic", False, "holding-myna_only", {"channel": "window"}),
    ("s3.drive_with_plastic", False, "holding-unsure", {"holding": "unsure", "channel": "window"}),
    ("s3.drive_with_plastic", False, "suspended",
     {"holding": "both", "license_status": "suspended"}),
    ("s3.drive_with_plastic", False, "revoked",
     {"holding": "both", "license_status": "revoked_or_lapsed", "channel": "window"}),
    ("s3.drive_with_plastic", False, "expected-recorded", {"holding": "both"}),
]

STEP4_ROWS: list[Row] = [
    ("s4.bring_new_card", True, "myna_only", {}),
    ("s4.bring_new_card", True, "both", {"holding": "both"}),
    ("s4.bring_new_card", True, "unsure", {"holding": "unsure"}),
    ("s4.bring_new_card", False, "license_only", {"holding": "license_only"}),
    ("s4.bring_new_card", False, "none", {"holding": "none"}),

    ("s4.bring_plastic_license", True, "both", {"holding": "both"}),
    ("s4.bring_plastic_license", False, "myna_only", {}),
    ("s4.bring_plastic_license", False, "unsure", {"holding": "unsure"}),
    ("s4.bring_plastic_license", False, "license_only", {"holding": "license_only"}),
    ("s4.bring_plastic_license", False, "none", {"holding": "none"}),

    ("s4.renewal_period", True, "myna_only", {"license_expiry": "2027-01-20"}),
    ("s4.renewal_period", True, "license_only",
     {"holding": "license_only", "license_expiry": "2027-01-20"}),
    ("s4.renewal_period", True, "unsure", {"holding": "unsure", "license_expiry": "2027-01-20"}),
    ("s4.renewal_period", False, "holding-none",
     {"holding": "none", "license_expiry": "2027-01-20"}),
    ("s4.renewal_period", False, "license-expiry-unknown", {}),

    ("s4.license_expiry_past", True, "deadline-yesterday", {"license_expiry": "2026-11-25"}),
    ("s4.license_expiry_past", True, "license_only",
     {"holding": "license_only", "license_expiry": "2026-11-25"}),
    # 2026-11-21 is a Saturday; 11-23 a holiday: the deadline moves to 11-24, still past.
    ("s4.license_expiry_past", True, "moved-deadline-still-past", {"license_expiry": "2026-11-21"}),
    ("s4.license_expiry_past", False, "holding-none",
     {"holding": "none", "license_expiry": "2026-11-25"}),
    ("s4.license_expiry_past", False, "deadline-today", {"license_expiry": "2026-11-26"}),
    ("s4.license_expiry_past", False, "license-expiry-unknown", {}),
]

NA_ROWS: list[Row] = [
    ("na.no_myna_license", True, "license_only", {"holding": "license_only"}),
    ("na.no_myna_license", False, "none", {"holding": "none"}),
    ("na.no_myna_license", False, "myna_only", {}),
    ("na.no_myna_license", False, "both", {"holding": "both"}),
    ("na.no_myna_license", False, "unsure", {"holding": "unsure"}),

    ("na.no_license", True, "none", {"holding": "none"}),
    ("na.no_license", False, "license_only", {"holding": "license_only"}),
    ("na.no_license", False, "myna_only", {}),
    ("na.no_license", False, "unsure", {"holding": "unsure"}),

    ("na.reason_not_eligible", True, "lost_damaged", {"reason": "lost_damaged"}),
    ("na.reason_not_eligible", True, "expired", {"reason": "expired"}),
    ("na.reason_not_eligible", True, "card-expired-yesterday", {"card_expiry": "2026-11-25"}),
    ("na.reason_not_eligible", True, "holding-unsure",
     {"holding": "unsure", "reason": "lost_damaged"}),
    ("na.reason_not_eligible", True, "notice-given",
     {"reason": "expired", "stage": "notice", "notice_result": "not_stated"}),
    ("na.reason_not_eligible", False, "not-M",
     {"holding": "license_only", "reason": "lost_damaged"}),
    ("na.reason_not_eligible", False, "expiring", {"reason": "expiring"}),
    ("na.reason_not_eligible", False, "field_full", {"reason": "field_full"}),
    ("na.reason_not_eligible", False, "card-expires-today", {"card_expiry": "2026-11-26"}),
    ("na.reason_not_eligible", False, "card-expired-but-applied",
     {"stage": "applied", "card_expiry": "2026-11-25"}),
]


def _assert_item(item_id: str, step: str, overrides: Mapping[str, Any], present: bool) -> None:
    result = plan(**overrides)
    if present:
        assert item_id in [item.id for item in result.step_items(step)]
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


# --- §5 outcome, first rule that holds ----------------------------------------------------

ON_TRACK = {"cert_submitted": "yes", "special_chars": "no"}  # with holding=myna_only, before

OUTCOME_ROWS = [
    # 1. not_applicable beats everything
    ("not_applicable-license_only", {"holding": "license_only"}, "not_applicable"),
    ("not_applicable-none", {"holding": "none"}, "not_applicable"),
    ("not_applicable-beats-offline-and-ineligible",
     {"holding": "license_only", "stage": "applied", "channel": "window", "reason": "lost_damaged",
      "license_status": "revoked_or_lapsed", "special_chars": "yes"}, "not_applicable"),
    ("not_applicable-beats-notice-result",
     {"holding": "none", "stage": "notice", "notice_result": "recorded"}, "not_applicable"),
    # 2. the notice's own result
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
    ("notice-result-beats-revoked",
     {"stage": "notice", "license_status": "revoked_or_lapsed", "notice_result": "not_recorded"},
     "record_free"),
    ("notice-result-beats-at_risk",
     {"holding": "unsure", "stage": "notice", "notice_result": "recorded"}, "recorded"),
    ("notice-result-beats-on_track",
     {**CLEAN_ONLINE_LATER, "stage": "notice", "notice_result": "not_stated"}, "record_with_fee"),
    ("notice-result-ignored-when-applied",
     {"stage": "applied", "channel": "window", "notice_result": "recorded"}, "no_carryover"),
    ("notice-result-ignored-before-applying",
     {**ON_TRACK, "notice_result": "not_stated"}, "on_track"),
    # 3. no_carryover, each clause, over an at_risk answer (holding=unsure)
    ("no_carryover-lost_damaged", {"holding": "unsure", "reason": "lost_damaged"}, "no_carryover"),
    ("no_carryover-expired", {"holding": "unsure", "reason": "expired"}, "no_carryover"),
    ("no_carryover-card-expired-yesterday",
     {"holding": "unsure", "card_expiry": "2026-11-25"}, "no_carryover"),
    ("no_carryover-window", {"holding": "unsure", "channel": "window"}, "no_carryover"),
    ("no_carryover-mail", {"holding": "unsure", "channel": "mail"}, "no_carryover"),
    ("no_carryover-photo_booth", {"holding": "unsure", "channel": "photo_booth"}, "no_carryover"),
    ("no_carryover-revoked",
     {"holding": "unsure", "license_status": "revoked_or_lapsed"}, "no_carryover"),
    ("no_carryover-special-yes", {"holding": "unsure", "special_chars": "yes"}, "no_carryover"),
    ("no_carryover-later-certificate-not-submitted",
     {"holding": "unsure", "stage": "applied", "cert_submitted": "no"}, "no_carryover"),
    ("no_carryover-later-suspended",
     {"holding": "unsure", "stage": "collected", "license_status": "suspended"}, "no_carryover"),
    ("no_carryover-later-online-continue-no",
     {"holding": "unsure", **ONLINE_LATER, "continue_use": "no"}, "no_carryover"),
    ("no_carryover-later-online-requested-no",
     {"holding": "unsure", **ONLINE_LATER, "cert_requested": "no"}, "no_carryover"),
    ("no_carryover-notice-without-result-offline",
     {"stage": "notice", "channel": "mail"}, "no_carryover"),
    ("certificate-not-yet-submitted-before-is-not-no_carryover",
     {**ON_TRACK, "cert_submitted": "no"}, "on_track"),
    ("card-expires-today-is-not-no_carryover",
     {**ON_TRACK, "card_expiry": "2026-11-26"}, "on_track"),
    ("suspended-before-is-not-no_carryover",
     {**ON_TRACK, "license_status": "suspended"}, "at_risk"),
    ("continue-no-before-applying-is-ignored",
     {**ON_TRACK, "channel": "online", "continue_use": "no", "cert_requested": "no"}, "on_track"),
    # 4. at_risk, each clause, over otherwise on-track answers
    ("at_risk-holding-unsure", {**ON_TRACK, "holding": "unsure"}, "at_risk"),
    ("at_risk-certificate-unsure", {**ON_TRACK, "cert_submitted": "unsure"}, "at_risk"),
    ("at_risk-special-unsure", {**ON_TRACK, "special_chars": "unsure"}, "at_risk"),
    ("at_risk-suspended-before", {**ON_TRACK, "license_status": "suspended"}, "at_risk"),
    ("at_risk-later-online-continue-unsure",
     {**CLEAN_ONLINE_LATER, "continue_use": "unsure"}, "at_risk"),
    ("at_risk-later-online-requested-unsure",
     {**CLEAN_ONLINE_LATER, "cert_requested": "unsure"}, "at_risk"),
    ("at_risk-later-undecided",
     {**ON_TRACK, "stage": "applied", "channel": "undecided"}, "at_risk"),
    ("at_risk-notice-without-result-undecided",
     {**ON_TRACK, "stage": "notice", "channel": "undecided"}, "at_risk"),
    # 5. on_track
    ("on_track-before-undecided", ON_TRACK, "on_track"),
    ("on_track-before-online", {**ON_TRACK, "channel": "online"}, "on_track"),
    ("on_track-both", {**ON_TRACK, "holding": "both", "channel": "online"}, "on_track"),
    ("on_track-applied-online", CLEAN_ONLINE_LATER, "on_track"),
    ("on_track-collected-online-without-result",
     {**CLEAN_ONLINE_LATER, "stage": "collected"}, "on_track"),
]


@pytest.mark.parametrize(("overrides", "outcome"),
                         [pytest.param(o, e, id=i) for i, o, e in OUTCOME_ROWS])
def test_outcome_is_the_first_rule_of_section_5_that_holds(
        overrides: dict[str, Any], outcome: str) -> None:
    assert plan(**overrides).outcome == outcome


# --- §6 the four requirements -------------------------------------------------------------

REQUIREMENT_ROWS = [
    ("holding", {}, "met", "myna_only"),
    ("holding", {"holding": "both"}, "met", "both"),
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
    ("online_application", {"channel": "online"}, "met", "online-before"),
    ("online_application", ONLINE_LATER, "met", "online-applied"),
    ("online_application", {"channel": "window"}, "unmet", "window"),
    ("online_application", {"channel": "mail", "stage": "applied"}, "unmet", "mail"),
    ("online_application", {"channel": "photo_booth"}, "unmet", "photo_booth"),
    ("online_application", {"channel": "undecided"}, "unknown", "undecided-before"),
    ("online_application", {"channel": "undecided", "stage": "applied"}, "unknown",
     "undecided-applied"),
    ("new_certificate", {**ONLINE_LATER, "cert_requested": "yes"}, "met", "online-applied-yes"),
    ("new_certificate", {**ONLINE_LATER, "stage": "collected", "cert_requested": "yes"}, "met",
     "online-collected-yes"),
    ("new_certificate", {"channel": "window"}, "unmet", "window-before"),
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
    ("new_certificate", {"channel": "online", "cert_requested": "no"}, "todo",
     "online-before-requested-no-does-not-count"),
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
                     ("certificate_submitted", "met"), ("certificate_submitted", "unmet"),
                     ("certificate_submitted", "unknown"), ("certificate_submitted", "todo"),
                     ("online_application", "met"), ("online_application", "unmet"),
                     ("online_application", "unknown"),
                     ("new_certificate", "met"), ("new_certificate", "unmet"),
                     ("new_certificate", "unknown"), ("new_certificate", "todo")}


def test_requirements_panel_lists_the_four_requirements_in_order_when_M() -> None:
    assert plan(**CLEAN_ONLINE_LATER).requirements == (
        ("holding", "met"), ("certificate_submitted", "met"),
        ("online_application", "met"), ("new_certificate", "met"))


@pytest.mark.parametrize("holding", ["license_only", "none"])
def test_requirements_panel_is_empty_when_holding_is_unmet(holding: str) -> None:
    # holding=unmet (license_only, none) means not M: the panel is not shown at all.
    assert plan(holding=holding, channel="online", cert_submitted="yes").requirements == ()


# --- §4 step ③: the expected result R -----------------------------------------------------

R_ROWS = [
    # 1. the notice's own result
    ("notice-recorded-beats-offline",
     {"stage": "notice", "channel": "window", "notice_result": "recorded"}, "recorded"),
    ("collected-not_recorded-beats-ineligible",
     {"stage": "collected", "reason": "lost_damaged", "notice_result": "not_recorded"},
     "not_recorded"),
    ("collected-recorded-beats-special-yes",
     {"stage": "collected", "special_chars": "yes", "notice_result": "recorded"}, "recorded"),
    ("notice-not_stated-beats-clean-answers",
     {**CLEAN_ONLINE_LATER, "stage": "notice", "notice_result": "not_stated"}, "not_stated"),
    ("notice-result-ignored-when-applied",
     {**CLEAN, "stage": "applied", "channel": "window", "notice_result": "recorded"},
     "not_stated"),
    # 2. not_stated
    ("ineligible-beats-special-yes", {"reason": "lost_damaged", "special_chars": "yes"},
     "not_stated"),
    ("ineligible-expired", {**CLEAN, "reason": "expired"}, "not_stated"),
    ("ineligible-card-expired-yesterday", {**CLEAN, "card_expiry": "2026-11-25"}, "not_stated"),
    ("offline-beats-revoked", {"channel": "window", "license_status": "revoked_or_lapsed"},
     "not_stated"),
    ("offline-mail", {**CLEAN, "channel": "mail"}, "not_stated"),
    ("offline-photo_booth-later", {**CLEAN, "channel": "photo_booth", "stage": "collected"},
     "not_stated"),
    ("continue-no-beats-requested-no",
     {**CLEAN, **ONLINE_LATER, "continue_use": "no", "cert_requested": "no"}, "not_stated"),
    ("notice-without-result-offline", {**CLEAN, "stage": "notice", "channel": "window"},
     "not_stated"),
    ("continue-no-before-applying-does-not-count",
     {**CLEAN, "channel": "online", "continue_use": "no"}, "recorded"),
    # 3. not_recorded
    ("suspended", {**CLEAN, "license_status": "suspended"}, "not_recorded"),
    ("revoked", {**CLEAN, "license_status": "revoked_or_lapsed"}, "not_recorded"),
    ("special-yes", {**CLEAN, "special_chars": "yes"}, "not_recorded"),
    ("later-certificate-not-submitted",
     {**CLEAN, "stage": "applied", "cert_submitted": "no"}, "not_recorded"),
    ("collected-certificate-not-submitted",
     {**CLEAN_ONLINE_LATER, "stage": "collected", "cert_submitted": "no"}, "not_recorded"),
    ("later-online-not-requested",
     {**CLEAN_ONLINE_LATER, "cert_requested": "no"}, "not_recorded"),
    ("certificate-not-yet-submitted-before-applying", {**CLEAN, "cert_submitted": "no"},
     "recorded"),
    ("requested-no-with-undecided-channel-does-not-count",
     {**CLEAN, "stage": "applied", "channel": "undecided", "cert_requested": "no"}, "recorded"),
    # 4. recorded (expected)
    ("defaults", {}, "recorded"),
    ("clean-before", CLEAN, "recorded"),
    ("clean-applied-online", CLEAN_ONLINE_LATER, "recorded"),
    ("unsure-answers-still-expect-recorded",
     {**ONLINE_LATER, "holding": "unsure"}, "recorded"),
]


@pytest.mark.parametrize(("overrides", "expected"),
                         [pytest.param(o, e, id=i) for i, o, e in R_ROWS])
def test_expected_result_is_the_first_rule_of_step_3_that_holds(
        overrides: dict[str, Any], expected: str) -> None:
    assert plan(**overrides).situation.R == expected


# --- §3 dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("card_expiry", "window_start"),
    [
        pytest.param("2027-05-31", "2027-02-28", id="clamped-to-february-end"),
        pytest.param("2028-05-31", "2028-02-29", id="clamped-to-leap-february-end"),
        pytest.param("2027-03-31", "2026-12-31", id="across-year-end"),
        pytest.param("2027-02-15", "2026-11-15", id="plain"),
    ],
)
def test_card_window_runs_from_three_months_before_card_expiry_to_card_expiry(
        card_expiry: str, window_start: str) -> None:
    window = plan(card_expiry=card_expiry).situation.card_window
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
    assert plan(**overrides).situation.card_window is None


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
    renewal = plan(license_expiry=license_expiry, birthday=birthday).situation.renewal
    assert (renewal.start, renewal.end, renewal.start_approximate) == (
        d(start), d(license_expiry), approximate)


def test_renewal_period_is_unknown_without_license_expiry() -> None:
    situation = plan(birthday="12-20").situation
    assert (situation.renewal, situation.apply_by) == (None, None)


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
    renewal = plan(license_expiry=license_expiry).situation.renewal
    assert (renewal.deadline, renewal.deadline_moved) == (d(deadline), deadline != license_expiry)


@pytest.mark.parametrize(
    ("license_expiry", "apply_by"),
    [
        pytest.param("2027-01-20", "2026-12-09", id="unmoved-deadline"),
        pytest.param("2026-12-29", "2026-11-23", id="from-the-moved-deadline-2027-01-04"),
    ],
)
def test_apply_by_is_the_license_deadline_minus_42_days(license_expiry: str, apply_by: str) -> None:
    assert plan(license_expiry=license_expiry).situation.apply_by == d(apply_by)


SAME_SEASON_ROWS = [
    # renewal start vs card_expiry + LEAD (card_expiry 2027-02-01 + 42 days = 2027-03-15)
    ("renewal-starts-exactly-card-expiry-plus-lead",
     {"card_expiry": "2027-02-01", "license_expiry": "2027-05-15", "birthday": "04-15"}, True),
    ("renewal-starts-one-day-later",
     {"card_expiry": "2027-02-01", "license_expiry": "2027-05-16", "birthday": "04-16"}, False),
    # renewal end vs card window start (card_expiry 2027-03-31: window from 2026-12-31)
    ("renewal-ends-exactly-at-card-window-start",
     {"card_expiry": "2027-03-31", "license_expiry": "2026-12-31", "birthday": "11-30"}, True),
    ("renewal-ends-one-day-before-card-window-start",
     {"card_expiry": "2027-03-31", "license_expiry": "2026-12-30", "birthday": "11-30"}, False),
    # license deadline vs today
    ("deadline-today",
     {"card_expiry": "2027-01-31", "license_expiry": "2026-11-26", "birthday": "10-26"}, True),
    ("deadline-yesterday",
     {"card_expiry": "2027-01-31", "license_expiry": "2026-11-25", "birthday": "10-25"}, False),
    # the other clauses
    ("card-expires-today-is-not-ineligible", {**CARD_FIRST, "card_expiry": "2026-11-26"}, True),
    ("ineligible-card-expired-yesterday", {**CARD_FIRST, "card_expiry": "2026-11-25"}, False),
    ("ineligible-lost_damaged", {**CARD_FIRST, "reason": "lost_damaged"}, False),
    ("reason-field_full", {**CARD_FIRST, "reason": "field_full"}, False),
    ("card-expiry-unknown", {**CARD_FIRST, "card_expiry": None}, False),
    ("license-expiry-unknown", {**CARD_FIRST, "license_expiry": None}, False),
]


@pytest.mark.parametrize(("overrides", "same_season"),
                         [pytest.param(o, e, id=i) for i, o, e in SAME_SEASON_ROWS])
def test_same_season_holds_exactly_at_its_boundaries(
        overrides: dict[str, Any], same_season: bool) -> None:
    assert plan(**overrides).situation.same_season is same_season


@pytest.mark.parametrize(
    ("overrides", "apply_by", "card_first"),
    [
        # card window started before TODAY: max(today, window start) = TODAY
        pytest.param(CARD_FIRST, "2026-11-26", True, id="apply-by-equals-today-card-first"),
        pytest.param(LICENSE_FIRST, "2026-11-25", False, id="apply-by-yesterday-license-first"),
        # card_expiry 2027-04-28: window from 2027-01-28, after TODAY
        pytest.param({"card_expiry": "2027-04-28", "license_expiry": "2027-03-11",
                      "birthday": "02-11"}, "2027-01-28", True,
                     id="apply-by-equals-window-start-card-first"),
        pytest.param({"card_expiry": "2027-04-28", "license_expiry": "2027-03-10",
                      "birthday": "02-10"}, "2027-01-27", False,
                     id="apply-by-day-before-window-start-license-first"),
    ],
)
def test_renew_card_first_exactly_when_the_card_can_be_applied_for_by_apply_by(
        overrides: dict[str, Any], apply_by: str, card_first: bool) -> None:
    result = plan(**overrides)
    assert result.situation.same_season is True
    assert result.situation.apply_by == d(apply_by)
    assert ("s1.renew_card_first" in result.item_ids,
            "s1.renew_license_first" in result.item_ids) == (card_first, not card_first)


@pytest.mark.parametrize(
    ("today", "overrides", "present"),
    [
        pytest.param(TODAY, {"license_expiry": "2027-03-07", "birthday": "02-07"}, True,
                     id="renewal-starts-today-plus-42"),
        pytest.param(TODAY, {"license_expiry": "2027-03-08", "birthday": "02-08"}, False,
                     id="renewal-starts-today-plus-43"),
        pytest.param(TODAY, {"license_expiry": "2026-11-26", "birthday": "10-26"}, True,
                     id="deadline-today"),
        pytest.param(TODAY, {"license_expiry": "2026-11-25", "birthday": "10-25"}, False,
                     id="deadline-yesterday"),
        pytest.param(d("2027-01-04"), {"license_expiry": "2026-12-29", "birthday": "11-29"}, True,
                     id="deadline-moved-past-year-end-to-today"),
    ],
)
def test_license_change_pending_at_renewal_start_and_deadline_boundaries(
        today: date, overrides: dict[str, Any], present: bool) -> None:
    result = plan(today=today, stage="applied", **overrides)
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


@pytest.mark.parametrize(
    ("overrides", "ineligible"),
    [
        pytest.param({"card_expiry": "2026-11-25"}, True, id="before-card-expired-yesterday"),
        pytest.param({"card_expiry": "2026-11-26"}, False, id="before-card-expires-today"),
        pytest.param({"card_expiry": "2026-11-25", "stage": "applied"}, False,
                     id="applied-card-expired-yesterday"),
        pytest.param({"card_expiry": "2026-11-25", "stage": "notice"}, False,
                     id="notice-card-expired-yesterday"),
        pytest.param({}, False, id="card-expiry-unknown"),
        pytest.param({"reason": "lost_damaged"}, True, id="lost_damaged"),
        pytest.param({"reason": "expired"}, True, id="expired"),
        pytest.param({"reason": "field_full", "card_expiry": "2026-11-25"}, True,
                     id="field_full-card-expired-yesterday"),
        pytest.param({"reason": "field_full"}, False, id="field_full"),
    ],
)
def test_ineligible_when_reason_not_eligible_or_card_expired_before_applying(
        overrides: dict[str, Any], ineligible: bool) -> None:
    assert plan(**overrides).situation.ineligible is ineligible


# --- LEAD and the fee ---------------------------------------------------------------------


def test_lead_is_42_days() -> None:
    assert LEAD_DAYS == 42


def _values(result: Plan, item_id: str) -> Mapping[str, Any]:
    (item,) = [item for item in result.items if item.id == item_id]
    return item.values


@pytest.mark.parametrize(
    ("item_id", "overrides"),
    [
        pytest.param("s3.record_with_fee", {"channel": "window"}, id="s3.record_with_fee"),
        pytest.param("s2.offline_no_carryover", {"channel": "mail", "stage": "applied"},
                     id="s2.offline_no_carryover"),
        pytest.param("s2.continue_use_missed", {**ONLINE_LATER, "continue_use": "no"},
                     id="s2.continue_use_missed"),
        pytest.param("na.reason_not_eligible", {"reason": "lost_damaged"},
                     id="na.reason_not_eligible"),
    ],
)
def test_recording_fee_shown_is_1500_yen(item_id: str, overrides: dict[str, Any]) -> None:
    assert _values(plan(**overrides), item_id)["fee"] == 1500


def test_record_with_fee_values_are_exactly_the_fee() -> None:
    assert _values(plan(channel="window"), "s3.record_with_fee") == {"fee": 1500}


def test_renew_card_first_carries_apply_by_and_the_lead_estimate() -> None:
    values = _values(plan(**CARD_FIRST), "s1.renew_card_first")
    assert (values["apply_by"], values["lead_days"], values["renewal"].deadline) == (
        TODAY, 42, d("2027-01-07"))


def test_renew_license_first_carries_the_deadline_and_the_lead_estimate() -> None:
    values = _values(plan(**LICENSE_FIRST), "s1.renew_license_first")
    assert (values["lead_days"], values["renewal"].deadline) == (42, d("2027-01-06"))


# --- exhaustive invariants ----------------------------------------------------------------

# rules.md §1, written out again: every value of every categorical parameter.
SPEC_VALUES: dict[str, tuple[str | None, ...]] = {
    "holding": ("myna_only", "both", "license_only", "none", "unsure"),
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
CATEGORICAL_COMBINATIONS = 5 * 4 * 4 * 5 * 3 * 3 * 3 * 3 * 3 * 4  # 388,800
RANDOM_SAMPLE_SIZE = 20_000
RANDOM_SEED = 20261126


def _all_categorical() -> Iterator[Answers]:
    names = tuple(SPEC_VALUES)
    enums = [[None if v is None else CHOICES[name](v) for v in SPEC_VALUES[name]]
             for name in names]
    for combination in itertools.product(*enums):
        yield Answers(**dict(zip(names, combination, strict=True)))


def _random_dated(rng: random.Random, count: int) -> Iterator[Answers]:
    """Random categorical answers with random dates around TODAY (and unknown dates)."""
    names = tuple(SPEC_VALUES)
    for _ in range(count):
        values: dict[str, Any] = {
            name: None if (v := rng.choice(SPEC_VALUES[name])) is None else CHOICES[name](v)
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


@dataclass(frozen=True, slots=True)
class Case:
    """One combination, reduced to what the invariants read."""

    answers: Answers
    outcome: str
    items: tuple[tuple[str, str], ...]  # (id, step), in the plan's order
    requirements: tuple[tuple[str, str], ...]
    R: str
    ineligible: bool
    normalized: Answers  # answers_normalize(answers)
    same_as_normalized: bool  # plan(answers) == plan(answers_normalize(answers))

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(item_id for item_id, _ in self.items)


@dataclass(frozen=True, slots=True)
class Run:
    cases: tuple[Case, ...]
    categorical: int


def _summary(result: Plan) -> tuple[str, tuple[tuple[str, str], ...]]:
    return result.outcome, tuple((item.id, item.step) for item in result.items)


@pytest.fixture(scope="module")
def run() -> Run:
    """Every combination of the categorical parameters without dates, then a seeded random
    sample with dates. (The full product times even a few date scenarios is too slow:
    plan_build takes ~60 µs, and the product alone is 388,800 plans.)"""
    interned: dict[Any, Any] = {}
    normalized_plans: dict[Answers, tuple[str, tuple[tuple[str, str], ...]]] = {}
    cases: list[Case] = []
    categorical = 0

    def add(a: Answers) -> None:
        result = plan_build(answers=a, today=TODAY)
        summary = _summary(result)
        normal = answers_normalize(a)
        if normal == a:
            normal = a
            normalized_plans.setdefault(normal, summary)
        elif normal not in normalized_plans:
            normalized_plans[normal] = _summary(plan_build(answers=normal, today=TODAY))
        cases.append(Case(
            answers=a,
            outcome=result.outcome,
            items=interned.setdefault(summary[1], summary[1]),
            requirements=interned.setdefault(result.requirements, result.requirements),
            R=str(result.situation.R),
            ineligible=result.situation.ineligible,
            normalized=normal,
            same_as_normalized=summary == normalized_plans[normal],
        ))

    for a in _all_categorical():
        add(a)
        categorical += 1
    for a in _random_dated(random.Random(RANDOM_SEED), RANDOM_SAMPLE_SIZE):
        add(a)
    return Run(cases=tuple(cases), categorical=categorical)


def _failures(run: Run, problem: Any) -> list[str]:
    """The first few cases for which `problem(case)` returns a message."""
    found = []
    for case in run.cases:
        message = problem(case)
        if message:
            found.append(f"{message}: {case.answers}")
            if len(found) == 5:
                break
    return found


def _M(a: Answers) -> bool:
    return a.holding in ("myna_only", "both", "unsure")


def oracle_outcome(a: Answers, today: date) -> str:
    """rules.md §5 read literally, on the answers as given (not normalized)."""
    if a.holding in ("license_only", "none"):
        return "not_applicable"
    if a.stage in ("notice", "collected") and a.notice_result is not None:
        return {"recorded": "recorded", "not_recorded": "record_free",
                "not_stated": "record_with_fee"}[a.notice_result]
    later = a.stage != "before"
    offline = a.channel in ("window", "mail", "photo_booth")
    ineligible = a.reason in ("lost_damaged", "expired") or (
        a.stage == "before" and a.card_expiry is not None and a.card_expiry < today)
    if (ineligible or offline or a.license_status == "revoked_or_lapsed"
            or a.special_chars == "yes"
            or (later and (a.cert_submitted == "no" or a.license_status == "suspended"
                           or (a.channel == "online"
                               and (a.continue_use == "no" or a.cert_requested == "no"))))):
        return "no_carryover"
    if (a.holding == "unsure" or a.cert_submitted == "unsure" or a.special_chars == "unsure"
            or (a.license_status == "suspended" and a.stage == "before")
            or (later and a.channel == "online"
                and (a.continue_use == "unsure" or a.cert_requested == "unsure"))
            or (later and a.channel == "undecided")):
        return "at_risk"
    return "on_track"


def oracle_R(a: Answers, today: date) -> str:
    """The expected result R of rules.md §4 step ③, read literally on the answers as given."""
    later = a.stage != "before"
    offline = a.channel in ("window", "mail", "photo_booth")
    ineligible = a.reason in ("lost_damaged", "expired") or (
        a.stage == "before" and a.card_expiry is not None and a.card_expiry < today)
    if a.stage in ("notice", "collected") and a.notice_result is not None:
        return str(a.notice_result)
    if ineligible or offline or (later and a.channel == "online" and a.continue_use == "no"):
        return "not_stated"
    if (a.license_status != "valid" or a.special_chars == "yes"
            or (later and (a.cert_submitted == "no"
                           or (a.channel == "online" and a.cert_requested == "no")))):
        return "not_recorded"
    return "recorded"


def test_exhaustive_run_covers_every_categorical_combination(run: Run) -> None:
    # (No wall-clock assertion: it would be flaky. The build takes ~35 s on 2 cores;
    # see `pytest --durations`.)
    assert run.categorical == CATEGORICAL_COMBINATIONS == 388_800
    assert len(run.cases) == CATEGORICAL_COMBINATIONS + RANDOM_SAMPLE_SIZE


def test_exhaustive_run_reaches_every_outcome_and_every_item(run: Run) -> None:
    # Guards the other invariants against being vacuous.
    assert {case.outcome for case in run.cases} == SPEC_OUTCOME_IDS
    assert {item_id for case in run.cases for item_id in case.ids} == set(SPEC_ITEM_STEPS)


def test_outcome_agrees_with_an_independent_reading_of_section_5(run: Run) -> None:
    assert _failures(run, lambda c: (
        (expected := oracle_outcome(c.answers, TODAY)) != c.outcome
        and f"outcome {c.outcome}, §5 says {expected}")) == []


def test_expected_result_agrees_with_an_independent_reading_of_step_3_when_M(run: Run) -> None:
    # Every item that reads R requires M (holding myna_only or both for the driving items).
    assert _failures(run, lambda c: (
        _M(c.answers) and (expected := oracle_R(c.answers, TODAY)) != c.R
        and f"R {c.R}, §4 says {expected}")) == []


def test_outcome_is_always_a_known_outcome_id(run: Run) -> None:
    assert _failures(run, lambda c: c.outcome not in SPEC_OUTCOME_IDS and c.outcome) == []


def test_items_are_known_unique_and_in_their_catalogue_step(run: Run) -> None:
    assert _failures(run, lambda c: (
        (unknown := set(c.ids) - set(SPEC_ITEM_STEPS)) and f"unknown {unknown}"
        or len(set(c.ids)) != len(c.ids) and f"duplicates in {c.ids}"
        or (wrong := [i for i, step in c.items if SPEC_ITEM_STEPS[i] != step])
        and f"wrong step {wrong}")) == []


@pytest.mark.parametrize(
    ("item_id", "holding"),
    [pytest.param("s3.drive_with_plastic", "both", id="drive_with_plastic-only-both"),
     pytest.param("s3.no_driving_myna_only", "myna_only", id="no_driving-only-myna_only")],
)
def test_driving_advice_only_for_its_holding(run: Run, item_id: str, holding: str) -> None:
    assert _failures(run, lambda c: item_id in c.ids and c.answers.holding != holding
                     and f"{item_id} for holding={c.answers.holding}") == []


def test_requirements_are_listed_exactly_when_M_with_known_statuses(run: Run) -> None:
    ids = ("holding", "certificate_submitted", "online_application", "new_certificate")
    assert _failures(run, lambda c: (
        (tuple(r for r, _ in c.requirements) != (ids if _M(c.answers) else ()))
        and f"requirements {c.requirements}"
        or (bad := [s for _, s in c.requirements if s not in ("met", "unmet", "unknown", "todo")])
        and f"statuses {bad}")) == []


def test_not_applicable_items_only_when_not_applicable_or_ineligible(run: Run) -> None:
    assert _failures(run, lambda c: (
        any(i.startswith("na.") for i in c.ids)
        and c.outcome != "not_applicable" and not c.ineligible
        and f"{c.ids} with outcome {c.outcome}")) == []


def test_not_applicable_exactly_when_holding_is_license_only_or_none(run: Run) -> None:
    assert _failures(run, lambda c: (
        (c.outcome == "not_applicable") != (c.answers.holding in ("license_only", "none"))
        and f"outcome {c.outcome}")) == []


def test_keep_notice_is_listed_whenever_M_and_the_card_is_not_collected(run: Run) -> None:
    assert _failures(run, lambda c: (
        _M(c.answers) and c.answers.stage != "collected" and "s3.keep_notice" not in c.ids
        and "no s3.keep_notice")) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [pytest.param("s1.renew_card_first", "s1.renew_license_first", id="renew-order"),
     pytest.param("s2.apply_online", "s2.switch_to_online", id="online-or-switch"),
     pytest.param("s3.record_free", "s3.record_with_fee", id="free-or-fee")],
)
def test_contradictory_items_are_never_listed_together(run: Run, first: str, second: str) -> None:
    assert _failures(run, lambda c: first in c.ids and second in c.ids and "both listed") == []


def test_notice_outcomes_only_with_a_notice_result(run: Run) -> None:
    assert _failures(run, lambda c: (
        c.outcome in ("recorded", "record_free", "record_with_fee")
        and not (c.answers.stage in ("notice", "collected") and c.answers.notice_result)
        and f"outcome {c.outcome}")) == []


def test_parameters_that_do_not_apply_do_not_change_the_plan(run: Run) -> None:
    assert _failures(run, lambda c: not c.same_as_normalized and "differs from normalized") == []


def test_normalizing_resets_only_parameters_that_do_not_apply(run: Run) -> None:
    # The normalized answers must keep every applying parameter, or the comparison above
    # would hide a parameter that matters.
    def problem(c: Case) -> str | bool:
        changed = [name for name in (*SPEC_VALUES, "birthday", "license_expiry", "card_expiry")
                   if getattr(c.normalized, name) != getattr(c.answers, name)
                   and answers_applies(parameter=name, answers=c.answers)]
        return bool(changed) and f"reset {changed}"
    assert _failures(run, problem) == []
