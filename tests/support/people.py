"""The people the tests use, in one place: each a name and the answers of rules.md §1, as a
person would give them, at the frozen TODAY (a Thursday, an open day).

- PEOPLE: name → (permalink answers, the outcome rules.md gives them), at least one per outcome
- BRANCHES: wizard paths: name → (answers as typed, the pages visited, the permalink query,
  the outcome)
- a few named answer sets the page tests share (SAME_SEASON, BOTH_ONLINE, SCALE_OUT_ANSWERS)
"""

from __future__ import annotations

from datetime import date

from guide.answers import answers_parse, answers_query

TODAY = date(2026, 11, 26)


def answers_query_of(query: dict[str, str]) -> dict[str, str]:
    """The permalink query the site writes for these answers."""
    return answers_query(answers_parse(query=query))


MYNA = {"holding": "myna_only", "reason": "expiring", "stage": "before", "channel": "online",
        "cert_submitted": "yes", "license_status": "valid", "special_chars": "no"}

PEOPLE: dict[str, tuple[dict[str, str], str]] = {
    "Aoki, myna_only, all done, applying online": (MYNA, "on_track"),
    "Baba, both, applying at the window": (
        {**MYNA, "holding": "both", "reason": "field_full", "channel": "window",
         "cert_submitted": "no"}, "no_carryover"),
    "Chiba, plastic license only": (
        {"holding": "license_only", "license_expiry": "2028-03-31", "birthday": "04-30"},
        "not_applicable"),
    "Doi, no license": ({"holding": "none"}, "not_applicable"),
    "Endo, not sure what they hold": ({**MYNA, "holding": "unsure"}, "at_risk"),
    "Fujii, notice says recorded": (
        {**MYNA, "stage": "notice", "continue_use": "yes", "cert_requested": "yes",
         "notice_result": "recorded"}, "recorded"),
    "Goto, collected, notice says not recorded": (
        {**MYNA, "holding": "both", "stage": "collected", "continue_use": "yes",
         "cert_requested": "yes", "notice_result": "not_recorded"}, "record_free"),
    "Hara, window application, notice states nothing": (
        {**MYNA, "stage": "notice", "channel": "window", "notice_result": "not_stated"},
        "record_with_fee"),
    "Ishii, applied online without the continued-use step": (
        {**MYNA, "stage": "applied", "continue_use": "no", "cert_requested": "yes"},
        "no_carryover"),
    "Jo, applied online, unsure about the certificate": (
        {**MYNA, "stage": "applied", "continue_use": "yes", "cert_requested": "unsure"},
        "at_risk"),
    "Kato, same season, card first": (
        {**MYNA, "card_expiry": "2027-01-31", "license_expiry": "2027-02-20",
         "birthday": "01-20"}, "on_track"),
    "Kondo, same season, license first": (
        {**MYNA, "card_expiry": "2027-02-10", "license_expiry": "2026-12-25",
         "birthday": "11-25"}, "on_track"),
    "Kubo, card already expired before applying": (
        {**MYNA, "card_expiry": "2026-11-01"}, "no_carryover"),
    # (v2) A license deadline already past puts the plan at risk.
    "Mori, license date already past": (
        {**MYNA, "holding": "both", "license_expiry": "2026-10-01"}, "at_risk"),
    "Nakano, applied, license renewal coming up": (
        {**MYNA, "stage": "applied", "continue_use": "yes", "cert_requested": "yes",
         "license_expiry": "2026-12-31"}, "on_track"),
    "Ota, suspended license before applying": (
        {**MYNA, "license_status": "suspended"}, "at_risk"),
    "Sato, license revoked": ({**MYNA, "license_status": "revoked_or_lapsed"}, "no_carryover"),
    "Suzuki, characters the certificate cannot hold": (
        {**MYNA, "special_chars": "yes"}, "no_carryover"),
    "Takeda, photo booth, card collected": (
        {**MYNA, "stage": "collected", "channel": "photo_booth"}, "no_carryover"),
    "Ueda, applied, does not remember how": (
        {**MYNA, "stage": "applied", "channel": "undecided"}, "at_risk"),
    "Wada, not sure the certificate is with the police": (
        {**MYNA, "cert_submitted": "unsure"}, "at_risk"),
    # (v2) Collected, but the notice's result was not given: R is unknown.
    "Yamada, collected online, leap-day birthday": (
        {**MYNA, "stage": "collected", "continue_use": "yes", "cert_requested": "yes",
         "license_expiry": "2027-03-28", "birthday": "02-29"}, "at_risk"),
    "Yoshida, lost card": ({**MYNA, "reason": "lost_damaged"}, "no_carryover"),
    "Nobody answered anything": ({}, "at_risk"),
    # (v2) People version 1 of the rules got wrong.
    "Ikeda, マイナ経歴証明書, applying online": (
        {**MYNA, "holding": "myna_history", "card_expiry": "2027-02-28"}, "on_track"),
    "Imai, マイナ経歴証明書, notice says not recorded": (
        {**MYNA, "holding": "myna_history", "stage": "notice", "continue_use": "yes",
         "cert_requested": "yes", "notice_result": "not_recorded"}, "record_free"),
    "Inoue, notice came, result not given": (
        {**MYNA, "stage": "notice", "continue_use": "yes", "cert_requested": "yes"}, "at_risk"),
    "Kudo, same season, no order fits": (
        {**MYNA, "card_expiry": "2026-12-01", "license_expiry": "2027-01-05",
         "birthday": "01-05"}, "on_track"),
    "Murata, revoked license, notice says not recorded": (
        {**MYNA, "stage": "notice", "continue_use": "yes", "cert_requested": "yes",
         "license_status": "revoked_or_lapsed", "notice_result": "not_recorded"},
        "no_carryover"),
    "Noda, suspended before applying, planning the window": (
        {**MYNA, "license_status": "suspended", "channel": "window"}, "no_carryover"),
}



BEFORE_PATH = ["holding", "reason", "stage", "channel", "cert_submitted", "license_status",
               "special_chars", "card_expiry", "license_expiry", "birthday", "check"]

MYNA_ONLINE_BEFORE = {
    "holding": "myna_only", "reason": "expiring", "stage": "before", "channel": "online",
    "cert_submitted": "yes", "license_status": "valid", "special_chars": "no",
    "card_expiry": "2027-01-10",
    "license_expiry": {"era": "reiwa", "year": "9", "month": "2", "day": "20"},
    "birthday": "01-20",
}



BRANCHES = {
    "myna_only, online, before applying": (
        MYNA_ONLINE_BEFORE,
        BEFORE_PATH,
        "holding=myna_only&reason=expiring&stage=before&channel=online&cert_submitted=yes"
        "&license_status=valid&special_chars=no&birthday=01-20&license_expiry=2027-02-20"
        "&card_expiry=2027-01-10",
        "on_track",
    ),
    "both, at the window, before applying": (
        {"holding": "both", "reason": "field_full", "stage": "before", "channel": "window",
         "cert_submitted": "no", "license_status": "valid", "special_chars": "no"},
        BEFORE_PATH,
        "holding=both&reason=field_full&stage=before&channel=window&cert_submitted=no"
        "&license_status=valid&special_chars=no",
        "no_carryover",
    ),
    # Issue 11: no マイナ免許証 and no マイナ経歴証明書, straight from the first question to
    # the short result (a plastic license only is offered its license dates there).
    "license_only goes straight to its result": (
        {"holding": "license_only"},
        ["holding"],
        "holding=license_only",
        "not_applicable",
    ),
    "none goes straight to its result": (
        {"holding": "none"},
        ["holding"],
        "holding=none",
        "not_applicable",
    ),
    "applied online asks continue_use and cert_requested": (
        {"holding": "myna_only", "reason": "expiring", "stage": "applied", "channel": "online",
         "continue_use": "yes", "cert_requested": "unsure", "cert_submitted": "yes",
         "license_status": "valid", "special_chars": "no"},
        ["holding", "reason", "stage", "channel", "continue_use", "cert_requested",
         "cert_submitted", "license_status", "special_chars", "license_expiry", "birthday",
         "check"],
        "holding=myna_only&reason=expiring&stage=applied&channel=online&continue_use=yes"
        "&cert_requested=unsure&cert_submitted=yes&license_status=valid&special_chars=no",
        "at_risk",
    ),
    "notice stage asks notice_result": (
        {"holding": "both", "reason": "expiring", "stage": "notice", "channel": "window",
         "notice_result": "not_recorded", "cert_submitted": "yes", "license_status": "valid",
         "special_chars": "no", "license_expiry": "2027-06-30"},
        ["holding", "reason", "stage", "channel", "notice_result", "cert_submitted",
         "license_status", "special_chars", "license_expiry", "birthday", "check"],
        "holding=both&reason=expiring&stage=notice&channel=window&cert_submitted=yes"
        "&license_status=valid&special_chars=no&notice_result=not_recorded"
        "&license_expiry=2027-06-30",
        "record_free",
    ),
    "later stage does not ask card_expiry": (
        {"holding": "myna_only", "reason": "expiring", "stage": "collected",
         "channel": "online", "continue_use": "yes", "cert_requested": "yes",
         "notice_result": "recorded", "cert_submitted": "yes", "license_status": "valid",
         "special_chars": "no", "card_expiry": "2027-01-10", "birthday": "12-20"},
        ["holding", "reason", "stage", "channel", "continue_use", "cert_requested",
         "notice_result", "cert_submitted", "license_status", "special_chars",
         "license_expiry", "birthday", "check"],
        "holding=myna_only&reason=expiring&stage=collected&channel=online&continue_use=yes"
        "&cert_requested=yes&cert_submitted=yes&license_status=valid&special_chars=no"
        "&notice_result=recorded&birthday=12-20",
        "recorded",
    ),
    "myna_history skips the license questions": (
        {"holding": "myna_history", "reason": "expiring", "stage": "before", "channel": "online",
         "cert_submitted": "yes", "special_chars": "no", "card_expiry": "2027-02-10"},
        ["holding", "reason", "stage", "channel", "cert_submitted", "special_chars",
         "card_expiry", "check"],
        "holding=myna_history&reason=expiring&stage=before&channel=online&cert_submitted=yes"
        "&special_chars=no&card_expiry=2027-02-10",
        "on_track",
    ),
    "unsure holding, lost card, undecided channel": (
        {"holding": "unsure", "reason": "lost_damaged", "stage": "before",
         "channel": "undecided", "cert_submitted": "unsure", "license_status": "suspended",
         "special_chars": "unsure"},
        BEFORE_PATH,
        "holding=unsure&reason=lost_damaged&stage=before&channel=undecided"
        "&cert_submitted=unsure&license_status=suspended&special_chars=unsure",
        "no_carryover",
    ),
}



# Card and license renewals in the same season, card first (hand-checked against rules.md):
# the card expires 2027-01-31, so it can be renewed from 2026-11-01; the license is valid
# until 2027-02-20 with a birthday on January 20, so it can be renewed from 2026-12-20; Feb 20
# and 21, 2027 are a Saturday and a Sunday, so the last day moves to Monday Feb 22; applying
# 42 days before that is January 11, 2027.
SAME_SEASON = {
    "holding": "both", "reason": "expiring", "stage": "before", "channel": "online",
    "cert_submitted": "yes", "license_status": "valid", "special_chars": "no",
    "card_expiry": "2027-01-31", "license_expiry": "2027-02-20", "birthday": "01-20",
}
BOTH_ONLINE = SAME_SEASON

# Distinctive answers, to look for in the logs afterwards.
SCALE_OUT_ANSWERS = {
    "holding": "myna_only", "reason": "field_full", "stage": "before", "channel": "online",
    "cert_submitted": "yes", "license_status": "valid", "special_chars": "no",
    "card_expiry": "2031-07-19", "license_expiry": "2032-09-23", "birthday": "09-23",
}
