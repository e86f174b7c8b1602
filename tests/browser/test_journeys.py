"""1. Journeys: the wizard walked by clicking, in Japanese and in English."""

from __future__ import annotations

import pytest

from . import support
from .support import JOURNEYS, LANGS

pytestmark = pytest.mark.browser


def test_static_files_load(page):
    """The CSS and JS are served (WhiteNoise, hashed names) and applied."""
    responses = []
    page.on("response", lambda r: responses.append(r) if "/static/" in r.url else None)
    page.goto("/ja/")
    page.wait_for_load_state("load")
    kinds = {r.url.rsplit(".", 1)[-1]: r.status for r in responses}
    assert kinds == {"css": 200, "js": 200}, kinds
    background = page.eval_on_selector(".header", "el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(0, 17, 143)", background
    # guide.js ran: the print button is shown where it exists.
    page.goto(f"/en/checklist/?{support.query(support.OUTCOMES['on_track'])}")
    assert page.is_visible("[data-print]")
    assert page.is_hidden("[data-print-hint]")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("journey", JOURNEYS, ids=lambda j: j.id)
def test_journey(page, walk_by_clicking, journey, lang):
    walked = walk_by_clicking(lang, journey.answers)
    asked = [step for step in journey.not_asked if step in walked]
    assert not asked, f"asked {asked}, which are not on this path"
    support.check_journey(page, journey, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_change_answer_from_check_page(page, lang):
    support.change_from_check_page(page, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_change_answer_from_checklist(page, lang):
    support.change_from_checklist(page, lang)


def test_switch_language_half_way(page):
    support.switch_language_half_way(page)


def test_root_opens_japanese(page):
    page.goto("/")
    assert page.url.endswith("/ja/")
    assert support.lang_of(page) == "ja"


PHONE_SCREEN = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True,
                "device_scale_factor": 2}


@pytest.mark.parametrize("lang", LANGS)
def test_the_start_button_is_in_the_first_screen_of_a_phone(new_page, lang):
    """Issue 11: on a 375 × 812 phone the button is on the first screen, after the two
    facts that decide the carryover and the scheme's start."""
    page = new_page(**PHONE_SCREEN)
    page.goto(f"/{lang}/")
    button = page.locator("a.button--start").bounding_box()
    assert button["y"] + button["height"] <= 812, button
    facts = page.locator(".start__facts li")
    assert facts.count() == 2
    assert all(f.bounding_box()["y"] < button["y"] for f in facts.all())
    lead = page.inner_text(".start__lead")
    assert {"ja": "2025年9月1日（令和7年）", "en": "September 1, 2025"}[lang] in lead
    assert "署名用電子証明書" in facts.first.inner_text()


@pytest.mark.parametrize("lang", LANGS)
def test_each_question_page_shows_how_far_along_it_is(page, lang):
    support.walk(page, lang, support.JOURNEY_BY_ID["myna_only_online_on_track"].answers,
                 until="stage")
    progress = page.inner_text(".progress")
    assert {"ja": "質問 3／10", "en": "Question 3 of 10"}[lang] in progress
    assert page.locator(".progress").bounding_box()["y"] < page.locator("h1").bounding_box()["y"]
