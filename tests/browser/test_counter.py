"""Counter mode in a real browser: staff complete a person's journey with the keyboard alone
(one screen, an error on the way), print the checklist, then "Finish and clear", confirmed:
the cookies are gone and neither the page nor the back button shows anything of that person
again. The questions that do not apply are hidden as the answers are chosen."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.serializers import JSONSerializer
from django.core import signing
from playwright.sync_api import Error as PlaywrightError, Page

from tests.support.keyboard import focused, press_and_wait, tab_to
from tests.support.printing import assert_items_printed, printed, squash

from . import support
from .support import COUNTER_SUBMIT, JOURNEY_BY_ID

pytestmark = pytest.mark.browser

SESSION_COOKIE = "mynalicense_session"
FORM_ORDER = ("holding", "reason", "stage", "channel", "continue_use", "cert_requested",
              "notice_result", "cert_submitted", "license_status", "special_chars",
              "card_expiry", "license_expiry", "birthday")


def session_data(value: str) -> dict:
    """What a signed-cookie session holds."""
    return signing.loads(value, salt="django.contrib.sessions.backends.signed_cookies",
                         serializer=JSONSerializer)


def choose(page: Page, step: str, value: str) -> None:
    """Tab into the radio group, move to `value` with the arrow keys (either way)."""
    name = f"{step}-{step}"
    tab_to(page, f'input[name="{name}"]', limit=60)
    values = page.eval_on_selector_all(f'input[name="{name}"]', "els => els.map(e => e.value)")
    current = page.evaluate("() => document.activeElement.value")
    moves = values.index(value) - values.index(current)
    for _ in range(abs(moves)):
        page.keyboard.press("ArrowDown" if moves > 0 else "ArrowUp")
    page.keyboard.press("Space")
    assert page.is_checked(f'input[name="{name}"][value="{value}"]'), (step, value)


def type_into(page: Page, selector: str, text: str) -> None:
    tab_to(page, selector, limit=80)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def person_shown(page: Page) -> list[str]:
    """Whatever of the person the page shows: a checklist, a QR code, anything typed in a box
    (the boxes start empty), their choices where they differ from the preselected ones."""
    if page.url.startswith("chrome-error://") or page.url == "about:blank":
        return []
    found = []
    for selector in ("[data-outcome]", "[data-item]", "[data-qr]", ".summary__value"):
        if page.locator(selector).count():
            found.append(selector)
    values = page.eval_on_selector_all("input[type=text]", "els => els.map(e => e.value)")
    found += [f"typed {v!r}" for v in values if v]
    if page.locator('input[name="holding-holding"][value="both"]').count():
        if page.is_checked('input[name="holding-holding"][value="both"]'):
            found.append("holding=both checked")
        if page.is_checked('input[name="channel-channel"][value="online"]'):
            found.append("channel=online checked")
    return found


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_counter_journey_by_keyboard_print_then_finish_and_clear(page, lang, japanese_fonts):
    journey = JOURNEY_BY_ID["same_season_renew_license_first"]
    answers = dict(journey.answers)
    answers["license_expiry"] = answers["license_expiry"][1]  # typed in 西暦 here
    page.goto(f"/{lang}/counter/")
    assert support.lang_of(page) == lang

    # Every question on one screen, answered in the order shown; the birthday mistyped.
    for step in FORM_ORDER:
        if step not in answers:
            continue
        value = answers[step]
        if step in support.DATE_STEPS:
            for name, text in zip(("year", "month", "day"),
                                  (str(value.year), str(value.month), str(value.day))):
                type_into(page, f"#id_{step}-{name}", text)
        elif step == "birthday":
            type_into(page, "#id_birthday-month", "13")
            type_into(page, "#id_birthday-day", str(int(value.split("-")[1])))
        else:
            choose(page, step, value)
    tab_to(page, COUNTER_SUBMIT, limit=20)
    press_and_wait(page, "Enter")

    # The error, by redirect: focus on the summary, whose link leads to the box; nothing is
    # lost, and a reload asks nothing (no form is sent again).
    assert urlsplit(page.url).path == f"/{lang}/counter/"
    page.reload()
    assert page.locator(".error-summary li").count() == 1
    assert page.locator(".error-summary li").count() == 1, support.error_texts(page)
    assert "error-summary" in focused(page)["html"]
    page.keyboard.press("Tab")
    href = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert href == "#id_birthday-month"
    assert page.is_checked('input[name="holding-holding"][value="both"]')
    assert page.input_value("#id_card_expiry-year") == str(answers["card_expiry"].year)
    type_into(page, "#id_birthday-month", str(int(answers["birthday"].split("-")[0])))
    tab_to(page, COUNTER_SUBMIT, limit=20)
    press_and_wait(page, "Enter")

    # The same checklist as the wizard's, and no answers in the address bar.
    assert urlsplit(page.url).path == f"/{lang}/counter/checklist/"
    assert urlsplit(page.url).query == ""
    assert page.get_attribute("[data-outcome]", "data-outcome") == journey.outcome
    items = [el.get_attribute("data-item") for el in page.locator("[data-item]").all()]
    assert not [i for i in journey.items if i not in items], items
    assert not [i for i in journey.absent if i in items], items
    permalink = page.get_attribute("[data-qr]", "data-qr")
    assert urlsplit(permalink).path == f"/{lang}/checklist/"
    assert page.locator(".timeline svg").count() == 1

    # Printed: the items and the headline, not the finish button.
    headline = page.inner_text(".headline")
    finish_text = page.inner_text(".counter__finish a")
    _, text = printed(page)
    assert assert_items_printed(page, text) == len(items)
    assert squash(headline) in squash(text)
    assert squash(finish_text) not in squash(text)
    page.emulate_media(media="screen")

    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert SESSION_COOKIE in cookies

    # Finish and clear, by keyboard: after print, and asked first.
    tab_to(page, ".counter__finish a", limit=120)
    press_and_wait(page, "Enter")
    assert urlsplit(page.url).path == f"/{lang}/counter/finish/"
    assert page.locator(".mode-label").count() == 1
    assert SESSION_COOKIE in {c["name"] for c in page.context.cookies()}  # nothing cleared yet
    tab_to(page, ".counter__finish button", limit=40)
    press_and_wait(page, "Enter")

    assert urlsplit(page.url).path == f"/{lang}/counter/"
    assert page.locator(".notice").count() == 1  # "the answers were cleared"
    after = {c["name"]: c["value"] for c in page.context.cookies()}
    assert SESSION_COOKIE not in after, after
    # The CSRF cookie went too: the form shown after the redirect was given a new one.
    assert after.get("csrftoken") != cookies.get("csrftoken")
    assert not person_shown(page)
    assert page.locator("input[type=radio]:checked").count() == 0  # nothing preselected
    assert page.locator(".error-summary").count() == 0

    # The back button, as far as it goes: nothing of the person comes back.
    for _ in range(4):
        try:
            page.go_back()
        except PlaywrightError:  # a form's result that the browser will not send again
            pass
        page.wait_for_load_state()
        shown = person_shown(page)
        assert not shown, f"back at {page.url}: {shown}"
    # Going back to the checklist left a notice ("the answers were cleared") in a new session,
    # perhaps shown already: that session holds nothing else but the time it began.
    for cookie in page.context.cookies():
        if cookie["name"] == SESSION_COOKIE:
            held = session_data(cookie["value"])
            assert set(held) <= {"_messages", "created"}, held


def test_the_counter_checklist_without_answers_goes_back_to_the_form(page):
    response = page.goto("/en/counter/checklist/")
    assert response.ok
    assert urlsplit(page.url).path == "/en/counter/"
    assert page.locator(".notice").count() == 1
    assert page.locator("[data-outcome]").count() == 0


def visible_questions(page: Page) -> list[str]:
    return [el.get_attribute("id").removesuffix("-fieldset")
            for el in page.locator(".counter__question").all() if el.is_visible()]


def test_the_questions_that_apply_are_shown_as_the_answers_are_chosen(page):
    page.goto("/en/counter/")
    # Nothing chosen yet counts as "not sure" and "not applied yet", as on the server.
    assert visible_questions(page) == ["holding", "reason", "stage", "channel", "cert_submitted",
                                       "license_status", "special_chars", "card_expiry",
                                       "license_expiry", "birthday"]
    assert page.locator(".counter__only-if").first.is_hidden()
    page.check('input[name="holding-holding"][value="license_only"]')
    assert visible_questions(page) == ["holding", "license_expiry", "birthday"]
    page.check('input[name="holding-holding"][value="myna_history"]')
    page.check('input[name="stage-stage"][value="collected"]')
    page.check('input[name="channel-channel"][value="online"]')
    assert visible_questions(page) == ["holding", "reason", "stage", "channel", "continue_use",
                                       "cert_requested", "notice_result", "cert_submitted",
                                       "special_chars"]
    # What the server asks for is what was shown: the form goes through with those answered.
    for step, value in (("reason", "expiring"), ("continue_use", "yes"), ("cert_requested", "yes"),
                        ("notice_result", "recorded"), ("cert_submitted", "yes"),
                        ("special_chars", "no")):
        page.check(f'input[name="{step}-{step}"][value="{value}"]')
    support.submit(page, support.COUNTER_SUBMIT)
    assert urlsplit(page.url).path == "/en/counter/checklist/", support.error_texts(page)
    assert page.get_attribute("[data-outcome]", "data-outcome") == "recorded"
