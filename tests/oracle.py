"""Independent test oracle for the checklist rules.

Written only from /work/shared/spec/rules.md (version 2) and the brief that asked for it;
it imports nothing from the product. Every rule cites the clause of rules.md it transcribes
("§3 same season", "§4 s1.submit_certificate", ...). Readings of unclear text are marked
with a comment starting "# AMBIGUOUS:".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Mapping

import holidays

__all__ = ["BadParameter", "Expected", "expected", "LEAD"]


class BadParameter(ValueError):
    """§1: a known parameter with a value not in its list, or a date that does not exist -> HTTP 400."""

    def __init__(self, parameter: str, value: str = ""):
        super().__init__(f"bad value for {parameter!r}: {value!r}")
        self.parameter = parameter
        self.value = value


@dataclass(frozen=True)
class Expected:
    outcome: str
    items: dict[str, frozenset[str]]
    panel: dict[str, str] | None
    next_actions: tuple[str, ...]
    expected_result: str
    dates: dict[str, date]


# ---------------------------------------------------------------------------------------
# §1 Answers
# ---------------------------------------------------------------------------------------

# §1 table: parameter -> allowed values (None for the date parameters), in table order.
# AMBIGUOUS: when several parameters are bad, §1 does not say which one the 400 names;
# this oracle names the first bad one in the order of the §1 table.
CHOICES: dict[str, tuple[str, ...] | None] = {
    "holding": ("myna_only", "both", "myna_history", "license_only", "none", "unsure"),
    "reason": ("expiring", "field_full", "lost_damaged", "expired"),
    "stage": ("before", "applied", "notice", "collected"),
    "channel": ("online", "window", "mail", "photo_booth", "undecided"),
    "continue_use": ("yes", "no", "unsure"),
    "cert_requested": ("yes", "no", "unsure"),
    "cert_submitted": ("yes", "no", "unsure"),
    "license_status": ("valid", "suspended", "revoked_or_lapsed"),
    "special_chars": ("no", "yes", "unsure"),
    "notice_result": ("recorded", "not_recorded", "not_stated"),
    "birthday": None,  # MM-DD
    "license_expiry": None,  # YYYY-MM-DD
    "card_expiry": None,  # YYYY-MM-DD
}

# §1 table: defaults ("none" in the table is Python None).
DEFAULTS: dict[str, object] = {
    "holding": "unsure",
    "reason": "expiring",
    "stage": "before",
    "channel": "undecided",
    "continue_use": "unsure",
    "cert_requested": "unsure",
    "cert_submitted": "unsure",
    "license_status": "valid",
    "special_chars": "unsure",
    "notice_result": None,
    "birthday": None,
    "license_expiry": None,
    "card_expiry": None,
}

# §1 "dates must be real dates in YYYY-MM-DD (ASCII digits only)"; [0-9], not \d (\d matches
# other scripts' digits). fullmatch, so no trailing newline or spaces.
_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_MONTH_DAY = re.compile(r"[0-9]{2}-[0-9]{2}", re.ASCII)

# Product rule (outside rules.md, issue 10): a permalink date outside the years the wizard's
# boxes accept is a bad value: card expiry 2016-2040, license expiry 1990-2040.
YEARS = {"card_expiry": (2016, 2040), "license_expiry": (1990, 2040)}


def _parse_full_date(name: str, text: str) -> date:
    # §1: a date that does not exist (2026-02-30) is a bad value.
    if not _FULL_DATE.fullmatch(text):
        raise BadParameter(name, text)
    year, month, day = int(text[0:4]), int(text[5:7]), int(text[8:10])
    # Product rule: years outside the range the wizard accepts are a bad value.
    low, high = YEARS[name]
    if year < low or year > high:
        raise BadParameter(name, text)
    try:
        return date(year, month, day)
    except ValueError:
        raise BadParameter(name, text) from None


def _parse_birthday(name: str, text: str) -> tuple[int, int]:
    # §1: birthday is MM-DD; 13-01 does not exist; 02-29 is allowed (§3 uses it).
    if not _MONTH_DAY.fullmatch(text):
        raise BadParameter(name, text)
    month, day = int(text[0:2]), int(text[3:5])
    try:
        date(2000, month, day)  # 2000 is a leap year, so 02-29 passes
    except ValueError:
        raise BadParameter(name, text) from None
    return (month, day)


def parse(query: Mapping[str, str]) -> dict[str, object]:
    """§1: defaults for missing parameters, unknown names ignored, every known value checked.

    (v2) Values are checked first: this runs over every known parameter before any
    path rule can ignore one.
    """
    answers: dict[str, object] = {}
    for name, allowed in CHOICES.items():
        raw = query.get(name)
        # §1 "A missing parameter takes the default"; brief: an empty string counts as missing.
        if raw is None or raw == "":
            answers[name] = DEFAULTS[name]
            continue
        if name == "birthday":
            answers[name] = _parse_birthday(name, raw)
        elif allowed is None:
            answers[name] = _parse_full_date(name, raw)
        elif raw in allowed:  # exact, case-sensitive match
            answers[name] = raw
        else:
            raise BadParameter(name, raw)
    # §1 "An unknown parameter name is ignored": names not in CHOICES are never looked at.
    return answers


def apply_path(a: dict[str, object]) -> dict[str, object]:
    """§1 "A valid parameter that does not apply on the person's path is ignored" (and the brief)."""
    a = dict(a)
    holding = a["holding"]

    # Brief: holding = none -> only `holding` matters; everything else is its default.
    if holding == "none":
        return {name: (holding if name == "holding" else DEFAULTS[name]) for name in CHOICES}

    # Brief: holding = license_only -> only holding, license_expiry, birthday matter.
    # AMBIGUOUS: rules.md §4 (s4.renewal_period / s4.license_expiry_past: "holding ∉ {none,
    # myna_history}, LIC") would let license_status matter for license_only; the brief's
    # wizard-path rule ignores it. Following the brief (§1 "does not apply on the person's
    # path"); see LICENSE_ONLY_KEEPS_LICENSE_STATUS to switch.
    if holding == "license_only":
        keep = {"holding", "license_expiry", "birthday"}
        if LICENSE_ONLY_KEEPS_LICENSE_STATUS:
            keep.add("license_status")
        return {name: (a[name] if name in keep else DEFAULTS[name]) for name in CHOICES}

    # §1 (v2): myna_history -> license_status, license_expiry, birthday do not apply;
    # license_status counts as valid.
    if holding == "myna_history":
        a["license_status"] = "valid"
        a["license_expiry"] = None
        a["birthday"] = None

    # Brief: for the other holdings (myna_only, both, myna_history, unsure), card_expiry only
    # counts at stage = before.
    # AMBIGUOUS: the brief writes "holding other than license_only/none/…"; read as every
    # holding in M (license_only and none have already dropped card_expiry above).
    if a["stage"] != "before":
        a["card_expiry"] = None

    # §1: "continue_use and cert_requested only count when channel=online and stage is not before".
    if not (a["channel"] == "online" and a["stage"] != "before"):
        a["continue_use"] = DEFAULTS["continue_use"]
        a["cert_requested"] = DEFAULTS["cert_requested"]

    # §1: "notice_result only counts when stage is notice or collected".
    if a["stage"] not in ("notice", "collected"):
        a["notice_result"] = None

    # §1: "undecided ... with a later stage ... is treated as unknown". Kept as the value
    # "undecided": every later-stage rule that names it (§4 s2.channel_unknown, R rule 4, §5
    # rule 4, §6 "later, otherwise") treats it as unknown; it is neither online nor offline.
    return a


# Brief vs rules.md switch (see apply_path). False = the brief's reading.
LICENSE_ONLY_KEEPS_LICENSE_STATUS = False


# ---------------------------------------------------------------------------------------
# §3 Dates (helpers)
# ---------------------------------------------------------------------------------------

# §2 LEAD = 42 days.
LEAD = timedelta(days=42)

# §3 "Use a maintained holiday library, not a hand-typed table." Built once.
# (holidays 0.109 computes JP holidays for 1949-2099 only; outside that range it knows none.)
JP_HOLIDAYS = holidays.country_holidays("JP")


def add_months(d: date, months: int) -> date:
    """§3 "Month arithmetic clamps to the end of the month (03-31 − 1 month = 02-28 or 02-29)"."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = d.day
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def is_working_day(d: date) -> bool:
    """§3 license deadline: not a Saturday, Sunday, Japanese national holiday or 12-29…01-03."""
    if d.weekday() >= 5:  # Saturday, Sunday
        return False
    if d in JP_HOLIDAYS:  # Japanese national holiday (library)
        return False
    if (d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3):  # year-end closure
        return False
    return True


def first_working_day_on_or_after(d: date) -> date:
    # §3 deadline "moved to the next working day"; license first possible "first working day on or after".
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def last_working_day_on_or_before(d: date) -> date:
    # §3 renew by "the last working day on or before card_expiry".
    while not is_working_day(d):
        d -= timedelta(days=1)
    return d


def birthday_in_year(birthday: tuple[int, int], year: int) -> date:
    # §3 "a 02-29 birthday counts as 02-28 in common years".
    month, day = birthday
    if month == 2 and day == 29:
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return date(year, month, day)


def last_birthday_on_or_before(birthday: tuple[int, int], limit: date) -> date:
    # §3 "B is the last birthday on or before license_expiry".
    b = birthday_in_year(birthday, limit.year)
    if b > limit:
        b = birthday_in_year(birthday, limit.year - 1)
    return b


def window_start(card_expiry: date) -> date:
    # §3 (v2) W: "from the day after card_expiry − 3 months".
    return add_months(card_expiry, -3) + timedelta(days=1)


def renewal_start(license_expiry: date, birthday: tuple[int, int] | None) -> date:
    # §3 P: from B − 1 month; without birthday, license_expiry − 2 months (approximate).
    if birthday is None:
        return add_months(license_expiry, -2)
    return add_months(last_birthday_on_or_before(birthday, license_expiry), -1)


def license_deadline(license_expiry: date) -> date:
    # §3 "License deadline: the period's last day, moved to the next working day ...".
    return first_working_day_on_or_after(license_expiry)


# ---------------------------------------------------------------------------------------
# expected()
# ---------------------------------------------------------------------------------------

def expected(query: Mapping[str, str], today: date) -> Expected:
    a = apply_path(parse(query))

    holding = a["holding"]
    reason = a["reason"]
    stage = a["stage"]
    channel = a["channel"]
    continue_use = a["continue_use"]
    cert_requested = a["cert_requested"]
    cert_submitted = a["cert_submitted"]
    license_status = a["license_status"]
    special_chars = a["special_chars"]
    notice_result = a["notice_result"]
    birthday = a["birthday"]
    license_expiry = a["license_expiry"]
    card_expiry = a["card_expiry"]

    # ---- §2 Names --------------------------------------------------------------------
    M = holding in ("myna_only", "both", "myna_history", "unsure")  # §2 M
    HIST = holding == "myna_history"  # §2 HIST
    LIC = license_status != "revoked_or_lapsed"  # §2 LIC
    offline = channel in ("window", "mail", "photo_booth")  # §2 offline
    online = channel == "online"
    later = stage != "before"  # §2 later
    NR = stage in ("notice", "collected") and notice_result is not None  # §2 NR
    ineligible = reason in ("lost_damaged", "expired") or (  # §2 ineligible
        stage == "before" and card_expiry is not None and card_expiry < today
    )
    CARRY = M and LIC and not ineligible  # §2 CARRY

    # ---- §3 Dates --------------------------------------------------------------------
    dates: dict[str, date] = {}

    # §3 W: only reason = expiring and card_expiry known; from the day after
    # card_expiry − 3 months to card_expiry.
    W_start: date | None = None
    if reason == "expiring" and card_expiry is not None:
        W_start = window_start(card_expiry)
        dates["window_start"] = W_start
        dates["window_end"] = card_expiry

    # §3 P: license_expiry known; from B − 1 month (or license_expiry − 2 months) to license_expiry.
    P_start: date | None = None
    deadline: date | None = None
    if license_expiry is not None:
        P_start = renewal_start(license_expiry, birthday)
        deadline = license_deadline(license_expiry)
        dates["renewal_start"] = P_start
        dates["renewal_end"] = license_expiry
        dates["deadline"] = deadline

    deadline_past = deadline is not None and deadline < today  # "license deadline < today"

    # §3 (v2) apply by = the earlier of (license deadline − LEAD) and card_expiry.
    # AMBIGUOUS: defined only when both the deadline and card_expiry are known (it is the
    # earlier of two dates); reason is not required.
    apply_by: date | None = None
    if deadline is not None and card_expiry is not None:
        apply_by = min(deadline - LEAD, card_expiry)
        dates["apply_by"] = apply_by

    # §3 renew by = the license deadline, or, when card_expiry comes first, the last working
    # day on or before card_expiry.
    # AMBIGUOUS: "comes first" read as card_expiry < license deadline; with card_expiry
    # unknown it does not come first, so renew_by = the deadline whenever the deadline is known.
    renew_by: date | None = None
    if deadline is not None:
        if card_expiry is not None and card_expiry < deadline:
            renew_by = last_working_day_on_or_before(card_expiry)
        else:
            renew_by = deadline
        dates["renew_by"] = renew_by

    # §3 same season.
    same_season = (
        CARRY
        and card_expiry is not None
        and license_expiry is not None
        and reason == "expiring"
        and deadline is not None
        and deadline >= today
        and P_start is not None
        and P_start <= card_expiry + LEAD
        and W_start is not None
        and license_expiry >= W_start
    )

    # §3 card first = max(today, W's start) ≤ apply by.
    card_first = (
        W_start is not None and apply_by is not None and max(today, W_start) <= apply_by
    )

    # §3 (v2) license first possible: the first working day on or after max(today, P's start)
    # is no later than the earlier of card_expiry and the license deadline.
    license_first_possible = (
        P_start is not None
        and card_expiry is not None
        and deadline is not None
        and first_working_day_on_or_after(max(today, P_start)) <= min(card_expiry, deadline)
    )

    # ---- §4 step ③ expected result R (first rule that holds) --------------------------
    if NR:  # R rule 1
        R = notice_result
    elif (  # R rule 2
        ineligible
        or (later and offline)
        or (later and online and continue_use == "no")
    ):
        R = "not_stated"
    elif (  # R rule 3
        license_status == "revoked_or_lapsed"
        or special_chars == "yes"
        or (
            later
            and (
                license_status == "suspended"
                or cert_submitted == "no"
                or (online and cert_requested == "no")
            )
        )
    ):
        R = "not_recorded"
    elif later and (channel == "undecided" or stage in ("notice", "collected")):  # R rule 4
        R = "unknown"
    else:  # R rule 5
        R = "recorded"

    # ---- §4 Items --------------------------------------------------------------------
    present: dict[str, bool] = {}

    # Step ① before applying for the new card
    present["s1.check_holding"] = holding == "unsure"
    present["s1.submit_certificate"] = CARRY and stage == "before" and cert_submitted != "yes"
    present["s1.certificate_on_file"] = M and cert_submitted == "yes"
    present["s1.apply_while_valid"] = CARRY and stage == "before"
    present["s1.license_suspended"] = M and not HIST and license_status == "suspended"
    present["s1.license_invalid"] = M and not HIST and license_status == "revoked_or_lapsed"
    present["s1.special_characters"] = (
        M and special_chars in ("yes", "unsure") and not (NR and notice_result == "recorded")
    )
    present["s1.renew_card_first"] = M and stage == "before" and same_season and card_first
    present["s1.renew_license_first"] = (
        M and stage == "before" and same_season and not card_first and license_first_possible
    )
    present["s1.order_conflict"] = (
        M and stage == "before" and same_season and not card_first and not license_first_possible
    )
    present["s1.license_change_pending"] = (
        M
        and LIC
        and license_expiry is not None
        and P_start is not None
        and P_start <= today + LEAD
        and deadline is not None
        and deadline >= today
        and (
            stage in ("applied", "notice")
            or (stage == "before" and CARRY and not same_season)
        )
    )

    # Step ② applying for the new card
    apply_online = CARRY and stage == "before"  # s2.apply_online (v2: whatever channel)
    present["s2.apply_online"] = apply_online
    present["s2.switch_to_online"] = CARRY and stage == "before" and offline
    present["s2.offline_no_carryover"] = M and LIC and later and offline and not NR
    present["s2.continue_use"] = apply_online  # "same as s2.apply_online"
    present["s2.request_certificate"] = apply_online  # "same as s2.apply_online"
    present["s2.record_number"] = apply_online  # "same as s2.apply_online"
    present["s2.apply_window"] = (
        CARRY and stage == "before" and reason == "expiring" and card_expiry is not None
    )
    present["s2.continue_use_missed"] = (
        M and LIC and later and online and continue_use == "no" and not NR
    )
    present["s2.certificate_request_missed"] = (
        M and LIC and later and online and cert_requested == "no" and not NR
    )
    # AMBIGUOUS: "continue_use or cert_requested = unsure, neither = no" read as
    # (continue_use = unsure or cert_requested = unsure) and neither of them = no.
    present["s2.result_unknown"] = (
        M
        and stage == "applied"
        and online
        and (continue_use == "unsure" or cert_requested == "unsure")
        and continue_use != "no"
        and cert_requested != "no"
    )
    present["s2.channel_unknown"] = M and later and channel == "undecided" and not NR

    # Step ③ the issuance notice and collecting the card
    present["s3.check_notice"] = M and (
        stage in ("before", "applied")
        or (stage in ("notice", "collected") and notice_result is None)
    )
    present["s3.keep_notice"] = M and LIC and stage != "collected"
    present["s3.collect_card"] = M and stage != "collected"
    present["s3.confirm_with_app"] = M and LIC and R in ("recorded", "unknown")
    present["s3.may_still_fail"] = M and R == "recorded" and stage in ("before", "applied")
    present["s3.record_free"] = M and LIC and R == "not_recorded"
    present["s3.record_with_fee"] = M and LIC and R == "not_stated"
    present["s3.no_driving_myna_only"] = (
        holding in ("myna_only", "unsure") and LIC and R in ("not_recorded", "not_stated")
    )
    present["s3.check_before_driving"] = (
        holding in ("myna_only", "unsure") and LIC and R in ("recorded", "unknown")
    )
    # AMBIGUOUS: "not (license deadline < today)" with no license_expiry: the comparison
    # cannot hold, so the item's condition holds.
    present["s3.drive_with_plastic"] = (
        holding == "both"
        and license_status == "valid"
        and R in ("not_recorded", "not_stated")
        and not deadline_past
    )

    # Step ④ at the license renewal
    present["s4.bring_new_card"] = M and not HIST and LIC
    present["s4.bring_plastic_license"] = holding == "both" and LIC
    present["s4.renewal_period"] = (
        holding not in ("none", "myna_history") and LIC and license_expiry is not None
    )
    present["s4.license_expiry_past"] = (
        holding not in ("none", "myna_history") and LIC and deadline_past
    )

    # Not applicable
    present["na.no_myna_license"] = holding == "license_only"
    present["na.no_license"] = holding == "none"
    present["na.reason_not_eligible"] = M and LIC and ineligible and not NR

    items: dict[str, set[str]] = {}
    for item_id, is_present in present.items():
        if is_present:
            section = item_id.split(".", 1)[0]
            section = section[1:] if section.startswith("s") else section  # "s1" -> "1", "na"
            items.setdefault(section, set()).add(item_id)
    items_frozen = {section: frozenset(ids) for section, ids in items.items()}

    # ---- §5 Outcome (first rule that holds) ------------------------------------------
    if holding in ("license_only", "none"):  # rule 1
        outcome = "not_applicable"
    elif NR and LIC:  # rule 2
        outcome = {
            "recorded": "recorded",
            "not_recorded": "record_free",
            "not_stated": "record_with_fee",
        }[notice_result]
    elif (  # rule 3
        ineligible
        or offline
        or license_status == "revoked_or_lapsed"
        or special_chars == "yes"
        or (
            later
            and (
                cert_submitted == "no"
                or license_status == "suspended"
                or (online and (continue_use == "no" or cert_requested == "no"))
            )
        )
    ):
        outcome = "no_carryover"
    elif (  # rule 4
        holding == "unsure"
        or cert_submitted == "unsure"
        or special_chars == "unsure"
        or (license_status == "suspended" and stage == "before")
        or (later and online and (continue_use == "unsure" or cert_requested == "unsure"))
        or (later and channel == "undecided")
        or R == "unknown"
        or (not HIST and deadline_past)
    ):
        outcome = "at_risk"
    else:  # rule 5
        outcome = "on_track"

    # ---- §6 The four requirements panel ----------------------------------------------
    show_panel = (
        CARRY
        and not NR
        and special_chars != "yes"
        and not (later and license_status == "suspended")
    )
    panel: dict[str, str] | None = None
    if show_panel:
        # holding: met for myna_only/both/myna_history, unknown for unsure (CARRY implies M).
        panel_holding = "unknown" if holding == "unsure" else "met"

        # certificate_submitted: yes met; no (later) unmet; unsure unknown; no (before) todo.
        if cert_submitted == "yes":
            panel_cert_submitted = "met"
        elif cert_submitted == "unsure":
            panel_cert_submitted = "unknown"
        elif later:
            panel_cert_submitted = "unmet"
        else:
            panel_cert_submitted = "todo"

        # online_application (v2).
        if not later:
            panel_online = "todo"
        elif online and continue_use == "yes":
            panel_online = "met"
        elif offline or (online and continue_use == "no"):
            panel_online = "unmet"
        else:
            panel_online = "unknown"

        # new_certificate (v2).
        if not later:
            panel_new_cert = "todo"
        elif online and cert_requested == "yes":
            panel_new_cert = "met"
        elif offline or (online and cert_requested == "no"):
            panel_new_cert = "unmet"
        else:
            panel_new_cert = "unknown"

        panel = {
            "holding": panel_holding,
            "certificate_submitted": panel_cert_submitted,
            "online_application": panel_online,
            "new_certificate": panel_new_cert,
        }

    # ---- §7 Next actions (v2) --------------------------------------------------------
    order: list[str] = [
        "s2.switch_to_online",
        "s3.no_driving_myna_only",
        "s1.license_invalid",
        "s4.license_expiry_past",
        "s1.check_holding",
        "s1.submit_certificate",
        "s1.license_suspended",
    ]
    if special_chars == "yes":  # "(only when special_chars = yes)"
        order.append("s1.special_characters")
    order += [
        "s1.order_conflict",
        "s1.renew_license_first",
        "s1.renew_card_first",
        "s2.apply_online",
        "s2.channel_unknown",
        "s2.result_unknown",
        "s1.license_change_pending",
        "s3.record_free",
        "s3.record_with_fee",
        "na.reason_not_eligible",
        "s3.check_notice",
        "s3.check_before_driving",
        "s3.confirm_with_app",
        "s4.renewal_period",
    ]
    if special_chars == "unsure":  # "(when special_chars = unsure)"
        order.append("s1.special_characters")
    order += [
        "na.no_myna_license",
        "na.no_license",
    ]
    next_actions = tuple([item_id for item_id in order if present[item_id]][:3])

    return Expected(
        outcome=outcome,
        items=items_frozen,
        panel=panel,
        next_actions=next_actions,
        expected_result=R,
        dates=dates,
    )
