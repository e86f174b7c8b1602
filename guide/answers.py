"""A person's answers: the parameters of rules.md §1, parsed, checked and written back.

The checklist permalink, the wizard, the counter and the tests all go through these
functions, so a value means the same thing wherever it comes from. `answers_applicable` is
the one place that says which questions are on a person's path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from enum import StrEnum



class Holding(StrEnum):
    MYNA_ONLY = "myna_only"
    BOTH = "both"
    MYNA_HISTORY = "myna_history"  # a マイナ経歴証明書: 運転経歴情報 on the card, no license
    LICENSE_ONLY = "license_only"
    NONE = "none"
    UNSURE = "unsure"


class Reason(StrEnum):
    EXPIRING = "expiring"
    FIELD_FULL = "field_full"
    LOST_DAMAGED = "lost_damaged"
    EXPIRED = "expired"


class Stage(StrEnum):
    BEFORE = "before"
    APPLIED = "applied"
    NOTICE = "notice"
    COLLECTED = "collected"


class Channel(StrEnum):
    ONLINE = "online"
    WINDOW = "window"
    MAIL = "mail"
    PHOTO_BOOTH = "photo_booth"
    UNDECIDED = "undecided"


class YesNo(StrEnum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


class LicenseStatus(StrEnum):
    VALID = "valid"
    SUSPENDED = "suspended"
    REVOKED_OR_LAPSED = "revoked_or_lapsed"


class NoticeResult(StrEnum):
    RECORDED = "recorded"
    NOT_RECORDED = "not_recorded"
    NOT_STATED = "not_stated"


@dataclass(frozen=True, slots=True)
class MonthDay:
    """A birthday: month and day only (the year is not asked)."""

    month: int
    day: int

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, kw_only=True, slots=True)
class Answers:
    """Everything the rules read. Defaults are those of rules.md §1."""

    holding: Holding = Holding.UNSURE
    reason: Reason = Reason.EXPIRING
    stage: Stage = Stage.BEFORE
    channel: Channel = Channel.UNDECIDED
    continue_use: YesNo = YesNo.UNSURE
    cert_requested: YesNo = YesNo.UNSURE
    cert_submitted: YesNo = YesNo.UNSURE
    license_status: LicenseStatus = LicenseStatus.VALID
    special_chars: YesNo = YesNo.UNSURE
    notice_result: NoticeResult | None = None
    birthday: MonthDay | None = None
    license_expiry: date | None = None
    card_expiry: date | None = None

    @property
    def has_applied(self) -> bool:
        """"later" of rules.md §2: the application for the new card has been made."""
        return self.stage is not Stage.BEFORE


# The categorical parameters, in the order of rules.md §1, with their value sets.
CHOICES: dict[str, type[StrEnum]] = {
    "holding": Holding,
    "reason": Reason,
    "stage": Stage,
    "channel": Channel,
    "continue_use": YesNo,
    "cert_requested": YesNo,
    "cert_submitted": YesNo,
    "license_status": LicenseStatus,
    "special_chars": YesNo,
    "notice_result": NoticeResult,
}
DATES: dict[str, str] = {"license_expiry": "YYYY-MM-DD", "card_expiry": "YYYY-MM-DD"}
# The years a date may fall in, for the permalink and the wizard's boxes alike. My Number
# Cards exist since 2016 and last at most 10 years; a license lasts at most 5 (older
# licenses may still be typed in, to learn that their deadline has passed). Raise the upper
# bounds before 2030, when cards issued then may expire past 2040.
DATE_YEARS: dict[str, tuple[int, int]] = {"card_expiry": (2016, 2040),
                                          "license_expiry": (1990, 2040)}
MONTH_DAYS: dict[str, str] = {"birthday": "MM-DD"}
PARAMETERS: tuple[str, ...] = tuple(f.name for f in fields(Answers))

# re.ASCII: \d would otherwise match full-width and other Unicode digits (２０２６-０１-０５).
_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_MONTH_DAY_RE = re.compile(r"(\d{2})-(\d{2})", re.ASCII)
# Longest value a parameter can hold; anything longer is refused before parsing.
_MAX_VALUE_LENGTH = 20


class AnswerError(ValueError):
    """A known parameter with a value outside its list, or a date that does not exist."""

    def __init__(self, *, parameter: str, value: str, allowed: tuple[str, ...] | str) -> None:
        super().__init__(f"{parameter}={value!r}")
        self.parameter = parameter
        self.value = value
        # The values allowed: a tuple of choices, or a format such as "YYYY-MM-DD".
        self.allowed = allowed
        # For a date: the first and last year it may fall in.
        self.years = DATE_YEARS.get(parameter)


def answers_allowed(*, parameter: str) -> tuple[str, ...] | str:
    """The values a parameter accepts: its choices, or its date format."""
    if parameter in CHOICES:
        return tuple(v.value for v in CHOICES[parameter])
    return DATES.get(parameter) or MONTH_DAYS[parameter]


def _date_parse(parameter: str, value: str) -> date:
    match = _DATE_RE.fullmatch(value)
    low, high = DATE_YEARS[parameter]
    if match and low <= int(match.group(1)) <= high:
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise AnswerError(parameter=parameter, value=value, allowed=DATES[parameter])


def _month_day_parse(parameter: str, value: str) -> MonthDay:
    match = _MONTH_DAY_RE.fullmatch(value)
    if match:
        month, day = (int(part) for part in match.groups())
        try:
            date(2000, month, day)  # a leap year, so 02-29 is a real birthday
        except ValueError:
            pass
        else:
            return MonthDay(month, day)
    raise AnswerError(parameter=parameter, value=value, allowed=MONTH_DAYS[parameter])


def answers_parse(*, query: Mapping[str, str]) -> Answers:
    """Answers from a permalink's query (one value per name).

    Unknown names are ignored; a missing or empty parameter takes its default. A known
    parameter with any other value raises AnswerError naming it.
    """
    values: dict[str, object] = {}
    for name in PARAMETERS:
        raw = query.get(name)
        if raw is None or raw == "":
            continue
        if len(raw) > _MAX_VALUE_LENGTH:
            raise AnswerError(parameter=name, value=raw[:_MAX_VALUE_LENGTH] + "…",
                              allowed=answers_allowed(parameter=name))
        if name in CHOICES:
            try:
                values[name] = CHOICES[name](raw)
            except ValueError:
                raise AnswerError(parameter=name, value=raw,
                                  allowed=answers_allowed(parameter=name)) from None
        elif name in DATES:
            values[name] = _date_parse(name, raw)
        else:
            values[name] = _month_day_parse(name, raw)
    return Answers(**values)


def answers_lenient(*, query: Mapping[str, str | None]) -> Answers:
    """The choices that parse, each other one left at its default. For reading what the
    wizard itself stored or was sent, to decide which questions apply; never for a
    permalink, where a bad value must be refused (answers_parse)."""
    values: dict[str, object] = {}
    for name, enum in CHOICES.items():
        raw = query.get(name)
        if raw:
            try:
                values[name] = enum(raw)
            except ValueError:
                pass
    return Answers(**values)


CARRYOVER_HOLDINGS = frozenset({Holding.MYNA_ONLY, Holding.BOTH, Holding.MYNA_HISTORY,
                                Holding.UNSURE})


def answers_concern_carryover(answers: Answers) -> bool:
    """M of rules.md §2: the person holds, or may hold, a マイナ免許証 or a マイナ経歴証明書."""
    return answers.holding in CARRYOVER_HOLDINGS


_ALWAYS = frozenset({"holding"})
_WITH_LICENSE = frozenset({"license_expiry", "birthday"})
_CARRYOVER = frozenset({"reason", "stage", "channel", "cert_submitted", "special_chars"})
_DEFAULTS: dict[str, object] = {name: getattr(Answers(), name) for name in PARAMETERS}


def answers_applicable(answers: Answers) -> frozenset[str]:
    """The questions on this person's path. The wizard asks only these; the permalink
    carries only these; the rest take their defaults."""
    names = set(_ALWAYS)
    # rules.md §1 (v2): with a マイナ経歴証明書 there is no license to ask about.
    has_license = answers.holding not in (Holding.NONE, Holding.MYNA_HISTORY)
    if has_license:
        names |= _WITH_LICENSE
    if answers_concern_carryover(answers):
        names |= _CARRYOVER
        if has_license:
            names.add("license_status")
        if answers.stage is Stage.BEFORE:
            names.add("card_expiry")
        elif answers.channel is Channel.ONLINE:
            names |= {"continue_use", "cert_requested"}
        if answers.stage in (Stage.NOTICE, Stage.COLLECTED):
            names.add("notice_result")
    return frozenset(names)


def answers_applies(*, parameter: str, answers: Answers) -> bool:
    """Whether one question is on this person's path (see answers_applicable)."""
    if parameter not in _DEFAULTS:
        raise KeyError(parameter)
    return parameter in answers_applicable(answers)


def answers_normalize(answers: Answers) -> Answers:
    """The same answers with every parameter that does not apply reset to its default."""
    applicable = answers_applicable(answers)
    reset = {name: default for name, default in _DEFAULTS.items()
             if name not in applicable and getattr(answers, name) != default}
    return replace(answers, **reset) if reset else answers


def answers_query(answers: Answers) -> dict[str, str]:
    """The permalink query for these answers: the parameters that apply, in §1's order,
    leaving out unknown dates."""
    query: dict[str, str] = {}
    applicable = answers_applicable(answers)
    for name in PARAMETERS:
        if name not in applicable:
            continue
        value = getattr(answers, name)
        if value is None:
            continue
        query[name] = value.isoformat() if isinstance(value, date) else str(value)
    return query
