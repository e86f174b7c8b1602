"""3. Keyboard: one journey finished with the keyboard alone; focus always visible; the skip
link leads to the main content; after a failed submit, focus is on the error summary."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.support.keyboard import autofocus_wait, focused, press_and_wait, tab_to

from . import support
from .support import JOURNEY_BY_ID

pytestmark = pytest.mark.browser


def choose(page: Page, step: str, value: str) -> None:
    """Tab into the radio group and move to `value` with the arrow keys."""
    name = f"{step}-{step}"
    tab_to(page, f'input[name="{name}"]')
    values = page.eval_on_selector_all(f'input[name="{name}"]', "els => els.map(e => e.value)")
    current = page.evaluate("() => document.activeElement.value")
    for _ in range(values.index(value) - values.index(current)):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert page.is_checked(f'input[name="{name}"][value="{value}"]'), (step, value)


def type_date(page: Page, step: str, value) -> None:
    fields = ("month", "day") if step in support.MONTH_DAY_STEPS else ("year", "month", "day")
    if step in support.MONTH_DAY_STEPS:
        texts = [str(int(p)) for p in value.split("-")] if value else ["", ""]
    else:
        texts = [str(value.year), str(value.month), str(value.day)] if value else ["", "", ""]
    for name, text in zip(fields, texts):
        tab_to(page, f"#id_{step}-{name}")
        page.keyboard.type(text)


def continue_(page: Page) -> None:
    tab_to(page, support.SUBMIT)
    press_and_wait(page, "Enter")


def test_skip_link_leads_to_main(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    focus = focused(page)
    assert "skip-link" in focus["html"] and focus["visible"], focus
    page.keyboard.press("Enter")
    # The fragment is set as the browser follows the link: wait for it (a busy machine).
    page.wait_for_function("() => location.hash === '#main'", timeout=5_000)
    assert focused(page)["id"] == "main"
    # The next Tab goes on from the main content, not from the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_error_summary_takes_focus(page, lang):
    page.goto(f"/{lang}/")
    tab_to(page, "a.button--start")
    press_and_wait(page, "Enter")
    continue_(page)  # nothing chosen
    assert page.locator(".error-summary").count() == 1
    autofocus_wait(page, ".error-summary")
    focus = focused(page)
    assert "error-summary" in focus["html"] and focus["visible"], focus
    # From the summary, the error's link is the next stop and leads to the question.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('.error-summary') !== null")


def test_journey_by_keyboard_alone(page):
    """The card-and-license-in-the-same-season journey, in Japanese, keys only."""
    journey = JOURNEY_BY_ID["same_season_renew_license_first"]
    answers = dict(journey.answers)
    answers["license_expiry"] = answers["license_expiry"][1]  # typed in 西暦 here
    page.goto("/ja/")
    tab_to(page, "a.button--start")
    press_and_wait(page, "Enter")
    # A failed submit first: focus lands on the error summary.
    continue_(page)
    autofocus_wait(page, ".error-summary")
    assert "error-summary" in focused(page)["html"]
    for _ in range(20):
        step = support.step_of(page)
        if step == "check":
            break
        if step in support.DATE_STEPS + support.MONTH_DAY_STEPS:
            type_date(page, step, answers.get(step))
        else:
            choose(page, step, answers[step])
        continue_(page)
        assert not page.locator(".error-summary").count(), support.error_texts(page)
    assert support.step_of(page) == "check"
    continue_(page)
    support.check_journey(page, journey, "ja")
    # The checklist's links are reachable, each with its focus shown; the folded answers open
    # from the keyboard (a <details> summary, Enter).
    tab_to(page, ".your-answers__details > summary", limit=120)
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('.your-answers__details').open")
    tab_to(page, '.summary__actions a[href*="step=channel"]', limit=20)
