"""What the browser tests share: the people whose journeys are walked, the catalogue of every
kind of page, and helpers that drive the wizard by clicking, the way a person does.

Japanese pages are driven by stable attributes only (input names and values, ids,
`button[type=submit]`, hrefs), never by their words: the Japanese translation changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode, urlsplit

from playwright.sync_api import Page, Response

from guide.dates import months_add, today_tokyo

LANGS = ("ja", "en")
SUBMIT = "#wizard-form button[type=submit]"
DATE_STEPS = ("card_expiry", "license_expiry")
MONTH_DAY_STEPS = ("birthday",)
_STEP_RE = re.compile(r"^/(ja|en)/questions/([a-z_]+)/$")

TODAY = today_tokyo()


def iso(d: date) -> str:
    return d.isoformat()


def month_day(d: date) -> str:
    return f"{d.month:02d}-{d.day:02d}"


# --- the people ------------------------------------------------------------------------------

# Card and license renewals in the same season, the license deadline close: the card expires
# in two months, the license in 20 days (renewal period from a month before the birthday).
_SOON_LICENSE = TODAY + timedelta(days=20)
_SOON_CARD = TODAY + timedelta(days=60)


@dataclass(frozen=True)
class Journey:
    id: str
    # step → answer: a choice value; a date (western calendar); ("reiwa", date) for a date
    # typed in the Japanese calendar; "MM-DD" for the birthday. A date question not listed is
    # left blank; a choice question not listed is a test error (the path is not the expected one).
    answers: Mapping[str, object]
    outcome: str
    items: tuple[str, ...]
    absent: tuple[str, ...] = ()
    not_asked: tuple[str, ...] = ()


JOURNEYS: tuple[Journey, ...] = (
    Journey(
        "myna_only_online_on_track",
        {"holding": "myna_only", "reason": "expiring", "stage": "before", "channel": "online",
         "cert_submitted": "yes", "license_status": "valid", "special_chars": "no",
         "card_expiry": _SOON_CARD, "license_expiry": months_add(TODAY, 26),
         "birthday": month_day(months_add(TODAY, 25))},
        outcome="on_track",
        items=("s1.certificate_on_file", "s1.apply_while_valid", "s2.apply_online",
               "s2.continue_use", "s2.request_certificate", "s2.record_number",
               "s2.apply_window", "s3.confirm_with_app", "s4.bring_new_card",
               "s4.renewal_period"),
        absent=("s1.submit_certificate", "s2.switch_to_online", "s4.bring_plastic_license",
                "s1.renew_card_first", "s1.renew_license_first"),
        not_asked=("continue_use", "cert_requested", "notice_result"),
    ),
    Journey(
        "both_window_no_carryover",
        {"holding": "both", "reason": "expiring", "stage": "before", "channel": "window",
         "cert_submitted": "yes", "license_status": "valid", "special_chars": "no"},
        outcome="no_carryover",
        # rules.md v2: a window application not yet made gets the online steps to switch to,
        # and no prediction of the notice.
        items=("s2.switch_to_online", "s2.apply_online", "s2.continue_use",
               "s4.bring_new_card", "s4.bring_plastic_license"),
        absent=("s3.record_with_fee", "s3.drive_with_plastic", "s4.renewal_period"),
    ),
    Journey(
        "license_only_not_applicable",
        {"holding": "license_only"},
        outcome="not_applicable",
        items=("na.no_myna_license",),
        absent=("s4.bring_new_card", "s2.apply_online"),
        not_asked=("reason", "stage", "channel", "cert_submitted", "card_expiry"),
    ),
    Journey(
        "notice_not_recorded_record_free",
        {"holding": "myna_only", "reason": "expiring", "stage": "notice", "channel": "online",
         "continue_use": "yes", "cert_requested": "yes", "notice_result": "not_recorded",
         "cert_submitted": "yes", "license_status": "valid", "special_chars": "no"},
        outcome="record_free",
        items=("s3.record_free", "s3.no_driving_myna_only", "s3.keep_notice",
               "s3.collect_card", "s4.bring_new_card"),
        absent=("s3.check_notice", "s3.record_with_fee", "s2.apply_online"),
        not_asked=("card_expiry",),
    ),
    Journey(
        "card_lost_no_carryover",
        {"holding": "myna_only", "reason": "lost_damaged", "stage": "before", "channel": "online",
         "cert_submitted": "yes", "license_status": "valid", "special_chars": "no"},
        outcome="no_carryover",
        items=("na.reason_not_eligible", "s3.record_with_fee", "s3.no_driving_myna_only"),
        absent=("s2.apply_online", "s1.apply_while_valid", "s2.continue_use"),
    ),
    Journey(
        "same_season_renew_license_first",
        {"holding": "both", "reason": "expiring", "stage": "before", "channel": "online",
         "cert_submitted": "yes", "license_status": "valid", "special_chars": "no",
         "card_expiry": _SOON_CARD, "license_expiry": ("reiwa", _SOON_LICENSE),
         "birthday": month_day(months_add(_SOON_LICENSE, -1))},
        outcome="on_track",
        items=("s1.renew_license_first", "s2.apply_window", "s4.renewal_period",
               "s4.bring_plastic_license"),
        absent=("s1.renew_card_first", "s4.license_expiry_past"),
    ),
)
JOURNEY_BY_ID = {j.id: j for j in JOURNEYS}


# --- walking the wizard ------------------------------------------------------------------------


def step_of(page: Page) -> str | None:
    """The wizard step of the page shown (None outside the wizard)."""
    match = _STEP_RE.match(urlsplit(page.url).path)
    return match.group(2) if match else None


def lang_of(page: Page) -> str:
    return page.get_attribute("html", "lang") or ""


def submit(page: Page, selector: str = SUBMIT) -> Response | None:
    """Click a submit button and wait for the page it leads to (after any redirects)."""
    with page.expect_navigation() as navigation:
        page.click(selector)
    response = navigation.value
    if response is not None and response.status == 403:
        origin = response.request.header_value("origin")
        why = (" Browsers send Origin: null when the page's Referrer-Policy is no-referrer, and "
               "Django's CSRF check refuses that: use SECURE_REFERRER_POLICY = 'same-origin'."
               if origin == "null" else "")
        raise AssertionError(f"the form was refused (403) at {page.url}; the browser sent "
                             f"Origin: {origin!r}.{why}")
    return response


def fill_answer(page: Page, step: str, value: object) -> None:
    """Fill in the question `step` by its stable attributes (works in any language)."""
    if step in DATE_STEPS:
        era = "western"
        if isinstance(value, tuple):
            era, value = value
        if page.locator(f"#id_{step}-era").count():
            page.select_option(f"#id_{step}-era", era)
        parts = ("", "", "")
        if value:
            assert era in ("western", "reiwa"), era
            year = value.year if era == "western" else value.year - 2018  # 2019 = 令和元年
            parts = (str(year), str(value.month), str(value.day))
        for name, text in zip(("year", "month", "day"), parts):
            page.fill(f"#id_{step}-{name}", text)
    elif step in MONTH_DAY_STEPS:
        month, day = (str(int(p)) for p in value.split("-")) if value else ("", "")
        page.fill(f"#id_{step}-month", month)
        page.fill(f"#id_{step}-day", day)
    else:
        page.check(f'input[name="{step}-{step}"][value="{value}"]')


def error_texts(page: Page) -> list[str]:
    return page.locator(".error-summary li").all_inner_texts()


@dataclass
class Walked:
    steps: list[str] = field(default_factory=list)  # the questions answered, in order

    def __contains__(self, step: str) -> bool:
        return step in self.steps


def answer_questions(page: Page, answers: Mapping[str, object], *, until: str = "done",
                     walked: Walked | None = None) -> Walked:
    """Answer the question pages from where the page is now, by clicking, until the page
    `until` (a step id) is shown, or, with until="done", through the check page to the
    checklist. A choice question missing from `answers` fails the test."""
    walked = walked or Walked()
    for _ in range(40):
        step = step_of(page)
        if step == until:
            return walked
        if step is None:
            assert until == "done" and "/checklist/" in page.url, (
                f"left the wizard for {page.url} before reaching {until!r}")
            return walked
        if step != "check":
            assert step in answers or step in DATE_STEPS + MONTH_DAY_STEPS, (
                f"unexpected question {step!r} (answered so far: {walked.steps})")
            fill_answer(page, step, answers.get(step))
            walked.steps.append(step)
        response = submit(page)
        assert response is not None and response.ok, (step, response and response.status)
        assert not error_texts(page), f"{step}: {error_texts(page)}"
    raise AssertionError(f"the wizard did not end: {walked.steps}")


def start_wizard(page: Page, lang: str) -> None:
    """Open the start page and click "Start now"."""
    page.goto(f"/{lang}/")
    with page.expect_navigation():
        page.click("a.button--start")
    assert step_of(page) == "holding", page.url


def walk(page: Page, lang: str, answers: Mapping[str, object], *,
         until: str = "done") -> Walked:
    """From the start page, through every question, to the checklist (or to `until`)."""
    start_wizard(page, lang)
    return answer_questions(page, answers, until=until)


@dataclass
class Checklist:
    lang: str
    outcome: str
    items: list[str]
    steps: list[str]
    query: str


def read_checklist(page: Page) -> Checklist:
    assert re.match(r"^/(ja|en)/checklist/$", urlsplit(page.url).path), page.url
    outcomes = page.locator("[data-outcome]")
    assert outcomes.count() == 1, f"{outcomes.count()} data-outcome on {page.url}"
    return Checklist(
        lang=lang_of(page),
        outcome=outcomes.get_attribute("data-outcome"),
        items=[el.get_attribute("data-item") for el in page.locator("[data-item]").all()],
        steps=[el.get_attribute("data-step") for el in page.locator("[data-step]").all()],
        query=urlsplit(page.url).query,
    )


def check_journey(page: Page, journey: Journey, lang: str) -> Checklist:
    """The checklist shown is the journey's: outcome, items present and absent, language."""
    result = read_checklist(page)
    assert result.lang == lang, (result.lang, lang)
    assert urlsplit(page.url).path == f"/{lang}/checklist/"
    assert result.outcome == journey.outcome, (journey.id, result.outcome)
    missing = [i for i in journey.items if i not in result.items]
    assert not missing, f"{journey.id}: items missing {missing}; shown {result.items}"
    extra = [i for i in journey.absent if i in result.items]
    assert not extra, f"{journey.id}: items that must not show {extra}"
    for item in result.items:
        section = page.locator(f'[data-item="{item}"]').first.evaluate(
            "el => el.closest('[data-step]')?.dataset.step")
        assert section == ("na" if item.startswith("na.") else item[1]), (item, section)
    return result


def run_journey(page: Page, journey: Journey, lang: str) -> Checklist:
    walked = walk(page, lang, journey.answers)
    asked = [s for s in journey.not_asked if s in walked]
    assert not asked, f"{journey.id}: asked {asked}, which are not on this path"
    return check_journey(page, journey, lang)


def change_from_check_page(page: Page, lang: str) -> None:
    """Both cards, at the window → on the check page change the channel to online (outcome
    improves), then change the stage to "notice has arrived", which adds questions that
    must be answered before coming back to the check page."""
    journey = JOURNEY_BY_ID["both_window_no_carryover"]
    walk(page, lang, journey.answers, until="check")
    rows = page.locator(".summary__row").count()
    assert rows >= 7, rows

    # Change a choice that keeps the same path: straight back to the check page.
    with page.expect_navigation():
        page.click(f'.summary__actions a[href^="/{lang}/questions/channel/"]')
    assert step_of(page) == "channel"
    assert page.is_checked('input[name="channel-channel"][value="window"]')
    fill_answer(page, "channel", "online")
    submit(page)
    assert step_of(page) == "check", page.url

    # Change one that opens new questions: they are asked, then the check page again.
    with page.expect_navigation():
        page.click(f'.summary__actions a[href^="/{lang}/questions/stage/"]')
    fill_answer(page, "stage", "notice")
    submit(page)
    later = {"continue_use": "yes", "cert_requested": "yes", "notice_result": "recorded"}
    walked = answer_questions(page, later, until="check")
    assert walked.steps == ["continue_use", "cert_requested", "notice_result"], walked.steps
    assert page.locator(".summary__row").count() == rows + 3 - 1  # card_expiry no longer asked
    submit(page)
    result = read_checklist(page)
    assert result.outcome == "recorded", result.outcome
    assert "stage=notice" in result.query and "channel=online" in result.query
    assert "s3.confirm_with_app" in result.items


def change_from_checklist(page: Page, lang: str) -> None:
    """The checklist's own "Change" link refills the wizard from the permalink."""
    walk(page, lang, JOURNEY_BY_ID["card_lost_no_carryover"].answers)
    assert read_checklist(page).outcome == "no_carryover"
    page.click(".your-answers__details > summary")  # the answers are folded on the checklist
    with page.expect_navigation():
        page.click(f'.summary__actions a[href*="step=reason"]')
    assert step_of(page) == "reason"
    assert page.is_checked('input[name="reason-reason"][value="lost_damaged"]')
    fill_answer(page, "reason", "expiring")
    submit(page)
    # Back on the check page (card_expiry, blank, was carried in the permalink).
    answer_questions(page, {}, until="check")
    submit(page)
    result = read_checklist(page)
    assert result.lang == lang
    assert result.outcome == "on_track", result.outcome
    assert "na.reason_not_eligible" not in result.items


def switch_language_half_way(page: Page) -> None:
    """Start in Japanese, switch to English on the third question with an answer chosen but
    not sent: nothing is lost, the rest is in English; then back to Japanese on the checklist."""
    journey = JOURNEY_BY_ID["myna_only_online_on_track"]
    walk(page, "ja", journey.answers, until="stage")
    assert lang_of(page) == "ja"
    fill_answer(page, "stage", "before")
    with page.expect_navigation():
        page.click('button[name="switch_language"][value="en"]')
    assert urlsplit(page.url).path == "/en/questions/stage/", page.url
    assert lang_of(page) == "en"
    assert page.is_checked('input[name="stage-stage"][value="before"]')
    assert not page.locator(".error-summary").count()
    # Earlier answers survived the switch: Back leads to the reason, still answered.
    with page.expect_navigation():
        page.click("a.back-link")
    assert urlsplit(page.url).path == "/en/questions/reason/", page.url
    assert page.is_checked('input[name="reason-reason"][value="expiring"]')
    submit(page)
    answer_questions(page, journey.answers)
    english = check_journey(page, journey, "en")
    # The checklist's language link keeps the answers.
    with page.expect_navigation():
        page.click('.lang a[hreflang="ja"]')
    japanese = check_journey(page, journey, "ja")
    assert japanese.query == english.query
    assert japanese.items == english.items


# --- every kind of page ----------------------------------------------------------------------

# Permalinks that put a person on the path of each question, and one for each outcome.
BEFORE = {"holding": "myna_only", "reason": "expiring", "stage": "before", "channel": "online",
          "cert_submitted": "yes", "license_status": "valid", "special_chars": "no",
          "card_expiry": iso(_SOON_CARD), "license_expiry": iso(_SOON_LICENSE),
          "birthday": month_day(months_add(_SOON_LICENSE, -1))}
LATER = {"holding": "both", "reason": "expiring", "stage": "notice", "channel": "online",
         "continue_use": "yes", "cert_requested": "yes", "notice_result": "recorded",
         "cert_submitted": "yes", "license_status": "valid", "special_chars": "no",
         "license_expiry": iso(months_add(TODAY, 20)), "birthday": "07-14"}
OUTCOMES: dict[str, dict[str, str]] = {
    "on_track": BEFORE,
    "at_risk": {"holding": "unsure", "channel": "undecided"},
    "no_carryover": {**BEFORE, "holding": "both", "channel": "window", "special_chars": "unsure",
                     "cert_submitted": "no"},
    "recorded": LATER,
    "record_free": {**LATER, "notice_result": "not_recorded"},
    "record_with_fee": {**LATER, "notice_result": "not_stated", "channel": "window"},
    "not_applicable": {"holding": "license_only", "license_expiry": iso(months_add(TODAY, 30)),
                       "birthday": "02-29"},
}
# Many items in every step: the richest printed pages.
RICH = {"holding": "both", "reason": "expiring", "stage": "before", "channel": "undecided",
        "cert_submitted": "no", "license_status": "valid", "special_chars": "unsure",
        "card_expiry": iso(_SOON_CARD), "license_expiry": iso(_SOON_LICENSE),
        "birthday": month_day(months_add(_SOON_LICENSE, -1))}
# The most items a single step shows (step ① with six): the longest per-step printout.
HEAVY = {**RICH, "holding": "unsure", "license_status": "suspended"}
QUESTION_STEPS = ("holding", "reason", "stage", "channel", "continue_use", "cert_requested",
                  "notice_result", "cert_submitted", "license_status", "special_chars",
                  "card_expiry", "license_expiry", "birthday")
_LATER_STEPS = ("continue_use", "cert_requested", "notice_result")


def query(params: Mapping[str, str], **extra: str) -> str:
    return urlencode({**params, **extra})


def _goto(path: str) -> Callable[[Page], Response]:
    def visit(page: Page) -> Response:
        return page.goto(path)
    return visit


def _question(lang: str, step: str, *, later: bool = False) -> Callable[[Page], Response]:
    params = LATER if later or step in _LATER_STEPS else BEFORE
    return _goto(f"/{lang}/questions/load/?{query(params, step=step)}")


def _question_errors(lang: str, step: str) -> Callable[[Page], Response]:
    """The question sent with a wrong answer: nothing chosen, or a date that cannot be read."""
    def visit(page: Page) -> Response:
        response = _question(lang, step)(page)
        assert response.ok and step_of(page) == step, (page.url, response.status)
        if step in DATE_STEPS:
            page.fill(f"#id_{step}-year", "20x6")
            page.fill(f"#id_{step}-month", "")
            page.fill(f"#id_{step}-day", "31")
        elif step in MONTH_DAY_STEPS:
            page.fill(f"#id_{step}-month", "13")
            page.fill(f"#id_{step}-day", "")
        else:
            # Nothing chosen: clear the answer the permalink filled in.
            page.eval_on_selector_all("input[type=radio]", "els => els.forEach(e => e.checked = false)")
        response = submit(page)
        assert page.locator(".error-summary").count() == 1, page.url
        return response
    return visit


def _restarted(lang: str) -> Callable[[Page], Response]:
    """A question opened without earlier answers: back to the first, with a notice."""
    def visit(page: Page) -> Response:
        response = page.goto(f"/{lang}/questions/stage/")
        assert step_of(page) == "holding" and page.locator(".notice").count(), page.url
        return response
    return visit


# --- counter mode (issue 4) ----------------------------------------------------------------------

COUNTER_SUBMIT = "#counter-form button[type=submit]"


def fill_counter(page: Page, answers: Mapping[str, object]) -> None:
    """Fill in the counter form's questions (nothing is preselected: the others stay blank)."""
    for step, value in answers.items():
        if step in DATE_STEPS and isinstance(value, str):
            value = date.fromisoformat(value)
        fill_answer(page, step, value)


def _counter(lang: str) -> Callable[[Page], Response]:
    def visit(page: Page) -> Response:
        response = page.goto(f"/{lang}/counter/")
        assert page.locator("#counter-form").count() == 1, page.url
        return response
    return visit


def _counter_errors(lang: str) -> Callable[[Page], Response]:
    """The counter form sent with a date that cannot be read, a month that does not exist and
    five questions that apply left unanswered (nothing is preselected)."""
    def visit(page: Page) -> Response:
        _counter(lang)(page)
        fill_counter(page, {"holding": "both", "stage": "before"})
        page.fill("#id_card_expiry-year", "20x6")
        page.fill("#id_card_expiry-day", "31")
        page.fill("#id_birthday-month", "13")
        response = submit(page, COUNTER_SUBMIT)
        assert urlsplit(page.url).path == f"/{lang}/counter/", page.url  # by redirect
        assert page.locator(".error-summary").count() == 1, page.url
        assert page.locator(".error-summary li").count() == 7, error_texts(page)
        return response
    return visit


def _counter_checklist(lang: str) -> Callable[[Page], Response]:
    """The counter form filled in for a person with every kind of date, then its checklist."""
    def visit(page: Page) -> Response:
        _counter(lang)(page)
        fill_counter(page, RICH)
        response = submit(page, COUNTER_SUBMIT)
        assert urlsplit(page.url).path == f"/{lang}/counter/checklist/", page.url
        assert urlsplit(page.url).query == ""
        return response
    return visit


def _counter_finish(lang: str) -> Callable[[Page], Response]:
    """"Finish and clear" from the counter checklist: the page that asks first."""
    def visit(page: Page) -> Response:
        _counter_checklist(lang)(page)
        with page.expect_navigation() as navigation:
            page.click(".counter__finish a")
        assert urlsplit(page.url).path == f"/{lang}/counter/finish/", page.url
        return navigation.value
    return visit


def _counter_cleared(lang: str) -> Callable[[Page], Response]:
    """The fresh counter form after "Finish and clear", saying it was done."""
    def visit(page: Page) -> Response:
        _counter_finish(lang)(page)
        response = submit(page, ".counter__finish button")
        assert page.locator(".notice").count() == 1, page.url
        return response
    return visit


def _card_questioned(lang: str, when: str) -> Callable[[Page], Response]:
    """The card expiry against "fewer than 3 months left": a date past, or far off."""
    def visit(page: Page) -> Response:
        response = _question(lang, "card_expiry")(page)
        assert response.ok and step_of(page) == "card_expiry", page.url
        day = TODAY - timedelta(days=3) if when == "past" else months_add(TODAY, 7)
        fill_answer(page, "card_expiry", day)
        response = submit(page)
        assert page.locator(".cross-check").count() == 1, page.url
        return response
    return visit


def _with_timeline_and_offices(lang: str) -> Callable[[Page], Response]:
    def visit(page: Page) -> Response:
        response = page.goto(f"/{lang}/checklist/?{query(RICH)}")
        for selector in (".timeline svg", ".offices .office", "[data-qr] img", ".item__where"):
            assert page.locator(selector).count(), (selector, page.url)
        return response
    return visit


@dataclass(frozen=True)
class PageKind:
    id: str
    lang: str
    visit: Callable[[Page], Response]  # goes there; returns the response of the document shown
    status: int = 200
    outcome: str | None = None  # the data-outcome a checklist page must show


def _catalogue() -> list[PageKind]:
    kinds: list[PageKind] = []
    for lang in LANGS:
        kinds.append(PageKind(f"{lang}-start", lang, _goto(f"/{lang}/")))
        kinds.append(PageKind(f"{lang}-restarted", lang, _restarted(lang)))
        for step in QUESTION_STEPS:
            kinds.append(PageKind(f"{lang}-question-{step}", lang, _question(lang, step)))
        for step in ("channel", "cert_submitted"):  # the wording once applied
            kinds.append(PageKind(f"{lang}-question-{step}-later", lang,
                                  _question(lang, step, later=True)))
        for step in QUESTION_STEPS:
            kinds.append(PageKind(f"{lang}-errors-{step}", lang, _question_errors(lang, step)))
        kinds.append(PageKind(f"{lang}-check", lang,
                              _goto(f"/{lang}/questions/load/?{query(BEFORE)}")))
        kinds.append(PageKind(f"{lang}-check-later", lang,
                              _goto(f"/{lang}/questions/load/?{query(LATER)}")))
        for outcome, params in OUTCOMES.items():
            kinds.append(PageKind(f"{lang}-checklist-{outcome}", lang,
                                  _goto(f"/{lang}/checklist/?{query(params)}"), outcome=outcome))
        for n in "1234":
            kinds.append(PageKind(f"{lang}-step-{n}", lang,
                                  _goto(f"/{lang}/checklist/{n}/?{query(RICH)}")))
        kinds.append(PageKind(f"{lang}-step-empty", lang, _goto(
            f"/{lang}/checklist/1/?{query(OUTCOMES['not_applicable'])}")))
        kinds.append(PageKind(f"{lang}-checklist-timeline-offices", lang,
                              _with_timeline_and_offices(lang), outcome="at_risk"))
        kinds.append(PageKind(f"{lang}-calendar-needed", lang, _goto(
            f"/{lang}/checklist/calendar.ics?{query(OUTCOMES['at_risk'])}")))
        kinds.append(PageKind(f"{lang}-sources", lang, _goto(f"/{lang}/sources/")))
        kinds.append(PageKind(f"{lang}-accessibility", lang, _goto(f"/{lang}/accessibility/")))
        kinds.append(PageKind(f"{lang}-counter", lang, _counter(lang)))
        kinds.append(PageKind(f"{lang}-counter-errors", lang, _counter_errors(lang)))
        kinds.append(PageKind(f"{lang}-counter-checklist", lang, _counter_checklist(lang),
                              outcome="at_risk"))
        kinds.append(PageKind(f"{lang}-counter-finish", lang, _counter_finish(lang)))
        kinds.append(PageKind(f"{lang}-counter-cleared", lang, _counter_cleared(lang)))
        for when in ("past", "far"):
            kinds.append(PageKind(f"{lang}-card-{when}", lang, _card_questioned(lang, when)))
        kinds.append(PageKind(f"{lang}-license-only-result", lang, _goto(
            f"/{lang}/checklist/?holding=license_only"), outcome="not_applicable"))
        kinds.append(PageKind(f"{lang}-400-choice", lang,
                              _goto(f"/{lang}/checklist/?holding=plastic&stage=before"),
                              status=400))
        kinds.append(PageKind(f"{lang}-400-date", lang,
                              _goto(f"/{lang}/checklist/?card_expiry=2026-02-30"), status=400))
        kinds.append(PageKind(f"{lang}-404", lang, _goto(f"/{lang}/no-such-page/"), status=404))
    return kinds


PAGES: tuple[PageKind, ...] = tuple(_catalogue())
PAGE_IDS = [p.id for p in PAGES]


def open_kind(page: Page, kind: PageKind) -> Response:
    """Go to a page of that kind and check it is the page expected."""
    response = kind.visit(page)
    assert response is not None, kind.id
    assert response.status == kind.status, (kind.id, response.status, page.url)
    assert lang_of(page) == kind.lang, (kind.id, lang_of(page))
    if kind.outcome:
        shown = page.get_attribute("[data-outcome]", "data-outcome")
        assert shown == kind.outcome, (kind.id, shown)
    return response
