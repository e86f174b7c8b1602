"""The question wizard through Django's test client, as a person clicks through it:
which pages are asked, what they show, where they lead, and what happens when the state
is missing, stale or forged."""

from __future__ import annotations

import random
import string
import time
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core import signing
from django.utils import translation

from tests.support.client import FormClient as Client
from tests.support.page import parse_page
from tests.support.walk import MANAGEMENT, SESSION_COOKIE, answer_data, step_of, step_url, walk_answers
from guide.answers import answers_parse
from wizard.questions import QUESTION_BY_STEP
from guide.plan import plan_build
from tests.support.people import BEFORE_PATH, BRANCHES, MYNA_ONLINE_BEFORE, TODAY as FROZEN_TODAY

NOTICE = "Your earlier answers could not be found, perhaps because they expired."


def query_of(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def change_links(page) -> dict[str, str]:
    """step → href of each Change link on the check page."""
    return {step_of(href): href for href, text in page.links if text.startswith("Change")}


# --- each branch through the wizard ---------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize(("answers", "steps", "query", "outcome"), BRANCHES.values(),
                         ids=BRANCHES.keys())
def test_each_branch_visits_exactly_its_questions_and_ends_on_its_checklist(
        client, walk, today, lang, answers, steps, query, outcome):
    walked = walk(answers, lang=lang)

    assert walked.steps == steps
    assert urlsplit(walked.url).path == f"/{lang}/checklist/"
    assert walked.query == query
    page = parse_page(client.get(walked.url))
    assert page.lang == lang
    assert page.outcomes == [outcome]
    expected = plan_build(answers=answers_parse(query=dict(query_of(walked.url))), today=today)
    assert page.outcomes == [expected.outcome]


def test_the_check_page_lists_exactly_the_questions_asked_with_their_answers(client, walk):
    walked = walk(MYNA_ONLINE_BEFORE, until="check")

    page = parse_page(client.get(walked.url))
    assert page.title.startswith("Check your answers")
    assert list(change_links(page)) == BEFORE_PATH[:-1]
    assert all(href == f"{step_url(step)}?change=1" for step, href in change_links(page).items())
    values = page.texts_of("summary__value")
    assert values == ["Only a My Number Card with license information (マイナ免許証)",
                      "My card expires in less than 3 months",
                      "I have not applied yet", "Online, on a smartphone or computer", "Yes",
                      "Yes, it is valid", "No", "January 10, 2027", "February 20, 2027",
                      "January 20"]


def test_the_answers_stay_after_the_checklist_so_back_finds_them(client, walk):
    walked = walk(MYNA_ONLINE_BEFORE)

    page = parse_page(client.get(step_url("check")))
    assert list(change_links(page)) == BEFORE_PATH[:-1]
    assert parse_page(client.get(step_url("channel"))).checked == {"channel-channel": "online"}
    again = client.get(step_url("done"))  # the browser reloads the redirect
    assert (again.status_code, again["Location"]) == (302, walked.url)


# --- going back and refreshing ------------------------------------------------------------------


def test_going_back_shows_each_stored_answer_checked(client, walk):
    walk(MYNA_ONLINE_BEFORE, until="birthday")

    for step in ("special_chars", "channel", "stage", "holding"):
        page = parse_page(client.get(step_url(step)))
        assert page.checked == {f"{step}-{step}": MYNA_ONLINE_BEFORE[step]}, step
    dates = parse_page(client.get(step_url("license_expiry"))).inputs
    assert [dates[f"license_expiry-{box}"] for box in ("era", "year", "month", "day")] == [
        "reiwa", "9", "2", "20"]
    card = parse_page(client.get(step_url("card_expiry"))).inputs
    assert (card["card_expiry-year"], card["card_expiry-month"], card["card_expiry-day"]) == (
        "2027", "01", "10")


def test_the_back_link_points_to_the_previous_question_on_the_path(client, walk):
    walk({"holding": "license_only"}, until="license_expiry")

    page = parse_page(client.get(step_url("license_expiry")))
    back = [href for href, text in page.links if text == "Back"]
    assert back == [step_url("holding")]
    first = parse_page(client.get(step_url("holding")))
    assert [href for href, text in first.links if text == "Back"] == ["/en/"]


def test_answering_an_earlier_question_again_goes_on_from_there(client, walk):
    walk(MYNA_ONLINE_BEFORE, until="card_expiry")

    client.get(step_url("stage"))
    response = client.post(step_url("stage"), answer_data("stage", "before"))
    assert response["Location"] == step_url("channel")
    assert parse_page(client.get(step_url("channel"))).checked == {"channel-channel": "online"}


def _visible(page) -> tuple:
    """What a refresh must keep: the choices, the boxes and the listed answers."""
    inputs = {k: v for k, v in page.inputs.items() if k != "csrfmiddlewaretoken"}
    return page.title, page.checked, inputs, page.texts_of("summary__value"), page.hrefs()


@pytest.mark.parametrize(("step", "stored"), [
    ("reason", lambda page: page.checked == {"reason-reason": "expiring"}),
    ("license_expiry", lambda page: page.inputs["license_expiry-year"] == "9"),
    ("check", lambda page: len(page.texts_of("summary__value")) == len(BEFORE_PATH) - 1),
])
def test_refreshing_a_page_keeps_the_answers(client, walk, step, stored):
    walk(MYNA_ONLINE_BEFORE, until="check")

    first = client.get(step_url(step))
    second = client.get(step_url(step))
    assert first.status_code == second.status_code == 200
    assert stored(parse_page(first))
    assert _visible(parse_page(first)) == _visible(parse_page(second))
    assert parse_page(client.get(step_url("holding"))).checked == {"holding-holding": "myna_only"}
    assert list(change_links(parse_page(client.get(step_url("check"))))) == BEFORE_PATH[:-1]


# --- changing an answer from the check page ------------------------------------------------------


def test_changing_an_answer_from_the_check_page_returns_to_check(client, walk, today):
    walked = walk(MYNA_ONLINE_BEFORE, until="check")
    check = parse_page(client.get(walked.url))
    href = change_links(check)["special_chars"]

    page = parse_page(client.get(href))
    assert page.checked == {"special_chars-special_chars": "no"}
    response = client.post(step_url("special_chars"), answer_data("special_chars", "unsure"))
    assert response["Location"] == step_url("check")
    check = parse_page(client.get(step_url("check")))
    assert check.texts_of("summary__value")[6] == "Not sure"

    done = walk_answers(client, {}, start="check")
    assert dict(query_of(done.url))["special_chars"] == "unsure"
    assert parse_page(client.get(done.url)).outcomes == ["at_risk"]


def test_a_change_that_makes_new_questions_apply_asks_them_before_check(client, walk, today):
    answers = {"holding": "myna_only", "reason": "expiring", "stage": "applied",
               "channel": "window", "cert_submitted": "yes", "license_status": "valid",
               "special_chars": "no"}
    walked = walk(answers, until="check")
    assert walked.steps == ["holding", "reason", "stage", "channel", "cert_submitted",
                            "license_status", "special_chars", "license_expiry", "birthday"]

    client.get(f"{step_url('channel')}?change=1")
    response = client.post(step_url("channel"), answer_data("channel", "online"))
    assert response["Location"] == step_url("continue_use")
    assert parse_page(client.get(step_url("continue_use"))).checked == {}
    response = client.post(step_url("continue_use"), answer_data("continue_use", "yes"))
    assert response["Location"] == step_url("cert_requested")
    response = client.post(step_url("cert_requested"), answer_data("cert_requested", "yes"))
    assert response["Location"] == step_url("check")

    done = walk_answers(client, {}, start="check")
    assert done.query == (
        "holding=myna_only&reason=expiring&stage=applied&channel=online&continue_use=yes"
        "&cert_requested=yes&cert_submitted=yes&license_status=valid&special_chars=no")
    assert parse_page(client.get(done.url)).outcomes == ["on_track"]


def test_changing_the_stage_asks_the_notice_and_drops_the_card_expiry(client, walk, today):
    walk(MYNA_ONLINE_BEFORE, until="check")

    client.get(f"{step_url('stage')}?change=1")
    response = client.post(step_url("stage"), answer_data("stage", "notice"))
    # channel=online with a later stage: the two online-application questions come first.
    assert response["Location"] == step_url("continue_use")
    walked = walk_answers(client, {"continue_use": "yes", "cert_requested": "yes",
                                   "notice_result": "recorded"}, start="continue_use")
    assert walked.steps == ["continue_use", "cert_requested", "notice_result", "check"]
    query = dict(query_of(walked.url))
    assert "card_expiry" not in query
    assert (query["stage"], query["notice_result"]) == ("notice", "recorded")
    assert parse_page(client.get(walked.url)).outcomes == ["recorded"]


def test_a_change_survives_a_language_switch_and_still_returns_to_check(client, walk):
    walk(MYNA_ONLINE_BEFORE, until="check")

    client.get(f"{step_url('reason')}?change=1")
    response = client.post(step_url("reason"), {**answer_data("reason", "field_full"),
                                                 "switch_language": "ja"})
    assert response["Location"] == step_url("reason", "ja")
    assert parse_page(client.get(response["Location"])).checked == {"reason-reason": "field_full"}
    response = client.post(step_url("reason", "ja"), answer_data("reason", "field_full"))
    assert response["Location"] == step_url("check", "ja")


def test_questions_are_worded_for_after_the_application(client, walk):
    walk({**MYNA_ONLINE_BEFORE, "stage": "applied"}, until="channel")

    page = parse_page(client.get(step_url("channel")))
    assert page.title.startswith("How did you apply for the new card?")
    assert "I don't remember" in page.text
    walk({**MYNA_ONLINE_BEFORE, "stage": "before"}, until="channel")
    page = parse_page(client.get(step_url("channel")))
    assert page.title.startswith("How will you apply for the new card?")
    assert "I have not decided yet" in page.text


# --- switching language -------------------------------------------------------------------------


def test_switching_language_half_way_keeps_answers_place_and_what_was_typed(client, walk, today):
    walk(MYNA_ONLINE_BEFORE, until="channel")
    page = parse_page(client.get(step_url("channel")))
    assert {b.get("value") for b in page.buttons if b.get("name") == "switch_language"} == {"ja"}

    # "online" is selected but not yet submitted when the language is switched.
    data = {**answer_data("channel", "online"), "switch_language": "ja"}
    response = client.post(step_url("channel"), data)
    assert response.status_code == 302
    assert response["Location"] == step_url("channel", "ja")
    page = parse_page(client.get(response["Location"]))
    assert page.lang == "ja"
    assert page.checked == {"channel-channel": "online"}
    assert parse_page(client.get(step_url("stage", "ja"))).checked == {"stage-stage": "before"}

    walked = walk_answers(client, MYNA_ONLINE_BEFORE, lang="ja", start="channel")
    assert walked.steps == BEFORE_PATH[3:]
    assert urlsplit(walked.url).path == "/ja/checklist/"
    assert walked.query == BRANCHES["myna_only, online, before applying"][2]
    assert parse_page(client.get(walked.url)).outcomes == ["on_track"]


def test_switching_language_on_a_date_page_keeps_the_typed_boxes(client, walk):
    walk(MYNA_ONLINE_BEFORE, lang="ja", until="license_expiry")

    typed = {"era": "heisei", "year": "３２", "month": "1", "day": ""}
    data = {**answer_data("license_expiry", typed), "switch_language": "en"}
    response = client.post(step_url("license_expiry", "ja"), data)
    assert response["Location"] == step_url("license_expiry", "en")
    page = parse_page(client.get(response["Location"]))
    assert page.lang == "en"
    assert page.title.startswith("Until when is your driver's license valid?")
    assert {name: page.inputs[f"license_expiry-{name}"] for name in typed} == typed
    # Typed but never submitted: no error is shown yet.
    assert not page.texts_of("error-summary")


def test_switching_language_on_the_check_page_keeps_everything(client, walk):
    walk(MYNA_ONLINE_BEFORE, until="check")

    response = client.post(step_url("check"), {MANAGEMENT: "check", "switch_language": "ja"})
    assert response["Location"] == step_url("check", "ja")
    page = parse_page(client.get(response["Location"]))
    assert page.lang == "ja"
    assert [step_of(href) for href in page.hrefs() if "change=1" in href] == BEFORE_PATH[:-1]


# --- invalid answers ----------------------------------------------------------------------------

BEFORE_BASE = {**MYNA_ONLINE_BEFORE}
LATER_BASE = {**MYNA_ONLINE_BEFORE, "stage": "notice", "continue_use": "yes",
              "cert_requested": "yes", "notice_result": "recorded"}
ONLY_LATER = {"continue_use", "cert_requested", "notice_result"}

CHOICE_ERRORS = [
    pytest.param(step, None, ["Select one of the answers."], id=f"{step}-nothing")
    for step, q in QUESTION_BY_STEP.items() if q.kind == "choice"
] + [
    pytest.param(step, "bogus", ["Select one of the answers shown."], id=f"{step}-bogus")
    for step, q in QUESTION_BY_STEP.items() if q.kind == "choice"
]
CARD_WHERE = "The expiry date is printed on the front of your current My Number Card."
LICENSE_WHERE = ("The date is printed on the plastic license. If you have only a My Number Card "
                 "with license information, read it with the license-reading app or マイナポータル.")
# Issue 11: one message for a date, saying what to type instead and where it is printed.
DATE_ERRORS = [
    pytest.param("card_expiry", {"year": "2026", "month": "2", "day": "30"},
                 [f"That month has 28 days: enter a day from 1 to 28. {CARD_WHERE}"], id="card-0230"),
    pytest.param("card_expiry", {"year": "2026", "month": "13", "day": "1"},
                 [f"The month must be a number from 1 to 12. {CARD_WHERE}"], id="card-month13"),
    pytest.param("card_expiry", {"year": "2027", "month": "", "day": ""},
                 ["Fill in the year, the month and the day, or leave all three boxes blank. "
                  f"{CARD_WHERE}"], id="card-partly-blank"),
    pytest.param("card_expiry", {"year": "next", "month": "1", "day": "1"},
                 [f"Type the year as a number, such as 2027 (令和9 is understood too). {CARD_WHERE}"],
                 id="card-letters"),
    pytest.param("card_expiry", {"year": "2015", "month": "1", "day": "1"},
                 [f"Check the year: the date should fall between 2016 and 2040. {CARD_WHERE}"],
                 id="card-2015"),
    pytest.param("license_expiry", {"era": "reiwa", "year": "1", "month": "4", "day": "30"},
                 ["令和 began on May 1, 2019 (令和元年5月1日): a date before that is in 平成, such "
                  f"as 平成31年4月30日. Choose 平成, or check the month. {LICENSE_WHERE}"],
                 id="license-reiwa-gannen-april"),
    pytest.param("license_expiry", {"era": "heisei", "year": "51", "month": "1", "day": "1"},
                 ["A 平成 year is 元 or a number such as 31 (平成元年 began on January 8, 1989). "
                  f"Or type a Western year in 4 digits, such as 2019. {LICENSE_WHERE}"],
                 id="license-heisei-51"),
    pytest.param("license_expiry", {"era": "western", "year": "27", "month": "1", "day": "1"},
                 ["With 西暦 chosen, type the year in 4 digits, such as 2027. For a year such as "
                  f"令和9年, choose 令和 under Calendar and type 9. {LICENSE_WHERE}"],
                 id="license-two-digit-year"),
    pytest.param("license_expiry", {"era": "showa", "year": "60", "month": "1", "day": "1"},
                 ["Choose 令和, 平成 or 西暦 under Calendar."],
                 id="license-unknown-era"),
    pytest.param("license_expiry", {"era": "western", "year": "9", "month": "2", "day": "20"},
                 ["With 西暦 chosen, type the year in 4 digits, such as 2027. For a year such as "
                  f"令和9年, choose 令和 under Calendar and type 9. {LICENSE_WHERE}"],
                 id="license-9-with-western"),
    pytest.param("license_expiry", {"era": "western", "year": "元", "month": "12", "day": "1"},
                 ["元 is the first year of an era: type 令和元 (or choose 令和 under Calendar and "
                  f"type 元), or type the Western year, such as 2019. {LICENSE_WHERE}"],
                 id="license-gannen-with-western"),
    pytest.param("license_expiry", {"era": "reiwa", "year": "昭和60", "month": "1", "day": "1"},
                 ["Type a 令和 or 平成 year, such as 令和9, or a Western year, such as 2027. "
                  f"{LICENSE_WHERE}"], id="license-showa"),
    pytest.param("license_expiry", {"era": "reiwa", "year": "令和", "month": "1", "day": "1"},
                 ["Type the year as a number: for 令和9年, choose 令和 and type 9 (or type 令和9); "
                  f"or type a Western year, such as 2027. {LICENSE_WHERE}"], id="license-era-only"),
    pytest.param("card_expiry", {"year": "9", "month": "1", "day": "10"},
                 ["Type the year in 4 digits, such as 2027, or as a 令和 year, such as 令和9. "
                  f"{CARD_WHERE}"], id="card-9"),
    pytest.param("birthday", {"month": "2", "day": "30"},
                 ["That month has 29 days: enter a day from 1 to 29."], id="birthday-0230"),
    pytest.param("birthday", {"month": "13", "day": "1"},
                 ["The month must be a number from 1 to 12."], id="birthday-1301"),
    pytest.param("birthday", {"month": "", "day": "5"},
                 ["Fill in both the month and the day, or leave both boxes blank."],
                 id="birthday-no-month"),
]


def _reach(client, step: str, lang: str = "en") -> None:
    base = LATER_BASE if step in ONLY_LATER else BEFORE_BASE
    walk_answers(client, base, lang=lang, until=step)


@pytest.mark.parametrize(("step", "value", "messages"), CHOICE_ERRORS + DATE_ERRORS)
def test_an_invalid_answer_shows_the_page_again_with_its_errors(client, step, value, messages):
    _reach(client, step)

    response = client.post(step_url(step), answer_data(step, value))

    assert response.status_code == 200
    page = parse_page(response)
    assert page.inputs[MANAGEMENT] == step
    with translation.override("en"):
        title = str(QUESTION_BY_STEP[step].title)
    assert page.title.startswith(f"Error: {title} – ")
    summary = page.texts_of("error-summary")
    assert len(summary) == 1 and summary[0].startswith("There is a problem")
    assert [text for href, text in page.links if href.startswith("#id_")] == messages
    for href, _text in page.links:
        if href.startswith("#id_"):
            assert f'id="{href[1:]}"' in response.content.decode(), href
    assert page.texts_of("error-message") == [f"Error: {m}" for m in messages]
    if isinstance(value, dict):  # what was typed is still in the boxes
        typed = {k: v for k, v in value.items() if v != "showa"}  # not an option to select
        assert {k: page.inputs[f"{step}-{k}"] for k in typed} == typed
    # Nothing was stored: opening the page again shows it unanswered and without errors.
    again = parse_page(client.get(step_url(step)))
    assert again.texts_of("error-summary") == []
    assert again.checked == {}
    assert all(again.inputs.get(f"{step}-{k}", "") == ("reiwa" if k == "era" else "")
               for k in ("era", "year", "month", "day") if f"{step}-{k}" in again.inputs)


JAPANESE_ERRORS = {
    step: None if q.kind == "choice" else {"month": "13", "day": "1"} if q.kind == "month_day"
    else {"year": "2027", "month": "13", "day": "1"}
    for step, q in QUESTION_BY_STEP.items()
}


@pytest.mark.parametrize(("step", "bad"), JAPANESE_ERRORS.items(), ids=JAPANESE_ERRORS.keys())
def test_an_invalid_answer_in_japanese_is_titled_error_in_japanese(client, japanese, step, bad):
    _reach(client, step, lang="ja")

    response = client.post(step_url(step, "ja"), answer_data(step, bad))

    assert response.status_code == 200
    page = parse_page(response)
    assert page.lang == "ja"
    assert page.inputs[MANAGEMENT] == step
    assert page.title.startswith("エラー：")
    assert len(page.texts_of("error-summary")) == 1
    assert [m for m in page.texts_of("error-message") if m.startswith("エラー：")] == (
        page.texts_of("error-message"))
    assert len(page.texts_of("error-message")) == 1


# --- missing, expired, forged state ------------------------------------------------------------


def _assert_restarted(client, response, lang: str = "en") -> None:
    assert response.status_code == 302
    assert response["Location"] == step_url("holding", lang)
    page = parse_page(client.get(response["Location"]))
    assert NOTICE in " ".join(page.texts_of("notice"))
    assert page.checked == {}


@pytest.mark.parametrize("step", ["reason", "continue_use", "card_expiry", "birthday", "check"])
def test_a_step_url_without_a_session_goes_to_the_first_question_with_a_notice(client, step):
    _assert_restarted(client, client.get(step_url(step)))


def test_the_first_question_without_a_session_simply_opens(client):
    response = client.get(step_url("holding"))
    assert response.status_code == 200
    assert not parse_page(response).texts_of("notice")


def test_the_done_url_without_answers_goes_to_the_first_question(client):
    response = client.get(step_url("done"))
    assert response.status_code == 302
    assert response["Location"] == step_url("holding")


FORGED_POSTS = {
    "no management data": {"reason-reason": "expiring"},
    "empty current step": {MANAGEMENT: "", "reason-reason": "expiring"},
    "unknown current step": {MANAGEMENT: "nonexistent", "nonexistent-x": "1"},
    "the done step": {MANAGEMENT: "done"},
    "a step not on the path": {MANAGEMENT: "continue_use", "continue_use-continue_use": "yes"},
}


@pytest.mark.parametrize("started", [False, True], ids=["no session", "started"])
@pytest.mark.parametrize("data", FORGED_POSTS.values(), ids=FORGED_POSTS.keys())
def test_a_forged_post_restarts_with_a_notice(client, walk, data, started):
    if started:
        walk(MYNA_ONLINE_BEFORE, until="channel")

    _assert_restarted(client, client.post(step_url("reason"), data))


def test_a_post_for_a_later_step_without_a_session_restarts(client):
    _assert_restarted(client, client.post(step_url("reason"), answer_data("reason", "expiring")))


@pytest.mark.parametrize("started", [False, True], ids=["no session", "started"])
def test_a_step_name_that_does_not_exist_redirects_to_the_first_question(client, walk, started):
    if started:
        walk(MYNA_ONLINE_BEFORE, until="channel")

    response = client.get(step_url("nonexistent"))
    assert response.status_code == 302
    assert response["Location"] == step_url("holding")
    assert client.get(response["Location"]).status_code == 200
    response = client.post(step_url("nonexistent"), answer_data("holding", "both"))
    assert response.status_code < 500


@pytest.mark.parametrize("how", ["flipped", "cut", "garbage"])
def test_a_tampered_session_cookie_restarts(client, walk, how):
    walk(MYNA_ONLINE_BEFORE, until="channel")
    value = client.cookies[SESSION_COOKIE].value
    client.cookies[SESSION_COOKIE] = {
        "flipped": value[:10] + ("A" if value[10] != "A" else "B") + value[11:],
        "cut": value[: len(value) // 2],
        "garbage": "not-a-session",
    }[how]

    _assert_restarted(client, client.get(step_url("channel")))
    client.cookies[SESSION_COOKIE] = value[:-3] + "xyz"
    response = client.post(step_url("channel"), answer_data("channel", "online"))
    _assert_restarted(client, response)


def test_an_expired_session_restarts(client, walk, monkeypatch):
    walk(MYNA_ONLINE_BEFORE, until="channel")
    later = time.time() + django_settings.SESSION_COOKIE_AGE + 60
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: later))

    _assert_restarted(client, client.get(step_url("channel")))


def test_a_post_without_its_csrf_token_gets_our_own_403_page():
    client = Client(enforce_csrf_checks=True)
    client.get(step_url("holding"))
    response = client.post(step_url("holding"), answer_data("holding", "both"))

    assert response.status_code == 403
    page = parse_page(response)
    assert page.lang == "en"
    assert page.title.startswith("Error: This page has expired")
    assert "/en/questions/" in page.hrefs()


def test_random_clicking_and_forged_posts_never_give_a_server_error():
    """Seeded: pages in any order, half-valid posts, stray language switches and Back
    buttons, permalinks good and bad. Every answer is a page, a redirect, 400 or 404."""
    rng = random.Random(20261126)
    steps = [*QUESTION_BY_STEP, "check", "done", "load", "nonexistent"]
    choices = {step: [c.value for c in q.choices] + ["bogus", ""]
               for step, q in QUESTION_BY_STEP.items() if q.kind == "choice"}
    boxes = ["", "1", "2027", "13", "x", "31", "reiwa", "heisei", "showa", "２９", "0"]
    for _ in range(40):
        client = Client()
        for _ in range(20):
            lang, step = rng.choice(["en", "ja"]), rng.choice(steps)
            if rng.random() < 0.4:
                query = rng.choice(["", "?change=1", "?reset=1", "?holding=x",
                                    "?holding=both&stage=applied&step=channel"])
                response = client.get(f"{step_url(step, lang)}{query}")
            else:
                current = rng.choice([*steps, ""])
                data = {MANAGEMENT: current}
                question = QUESTION_BY_STEP.get(current)
                if question and question.kind == "choice":
                    data[f"{current}-{current}"] = rng.choice(choices[current])
                elif question:
                    data.update({f"{current}-{box}": rng.choice(boxes)
                                 for box in ("era", "year", "month", "day")})
                if rng.random() < 0.2:
                    data["switch_language"] = rng.choice(["en", "ja", "fr"])
                if rng.random() < 0.1:
                    data["wizard_goto_step"] = rng.choice(steps)
                response = client.post(step_url(step, lang), data)
            assert response.status_code in (200, 302, 400, 404), (step, response.status_code)


# --- refilling from a permalink --------------------------------------------------------------

PERMALINK = ("holding=both&reason=expiring&stage=applied&channel=online&continue_use=yes"
             "&cert_requested=no&cert_submitted=yes&license_status=valid&special_chars=no"
             "&birthday=12-20&license_expiry=2027-01-20")


def test_load_from_a_permalink_fills_the_check_page(client, today):
    response = client.get(f"/en/questions/load/?{PERMALINK}&card_expiry=2027-01-10&x=1")

    assert response.status_code == 302
    assert response["Location"] == step_url("check")
    page = parse_page(client.get(response["Location"]))
    assert list(change_links(page)) == [
        "holding", "reason", "stage", "channel", "continue_use", "cert_requested",
        "cert_submitted", "license_status", "special_chars", "license_expiry", "birthday"]
    assert page.texts_of("summary__value") == [
        "Both a My Number Card with license information (マイナ免許証) and a plastic license",
        "My card expires in less than 3 months",
        "I have applied and am waiting", "Online, on a smartphone or computer", "Yes", "No",
        "Yes", "Yes, it was valid", "No", "January 20, 2027", "December 20"]
    walked = walk_answers(client, {}, start="check")
    assert walked.query == PERMALINK
    assert parse_page(client.get(walked.url)).outcomes == ["no_carryover"]


def test_load_with_a_step_opens_that_question_and_returns_to_check(client):
    response = client.get(f"/ja/questions/load/?{PERMALINK}&step=license_expiry")

    assert response["Location"] == step_url("license_expiry", "ja")
    page = parse_page(client.get(response["Location"]))
    assert page.lang == "ja"
    assert [page.inputs[f"license_expiry-{k}"] for k in ("era", "year", "month", "day")] == [
        "western", "2027", "1", "20"]
    response = client.post(step_url("license_expiry", "ja"), answer_data(
        "license_expiry", {"era": "reiwa", "year": "9", "month": "1", "day": "20"}))
    assert response["Location"] == step_url("check", "ja")
    walked = walk_answers(client, {}, lang="ja", start="check")
    assert walked.query == PERMALINK


def test_load_with_an_unknown_step_opens_the_check_page(client):
    response = client.get(f"/en/questions/load/?{PERMALINK}&step=nonexistent")
    assert response["Location"] == step_url("check")


@pytest.mark.parametrize("query", ["holding=bogus", "card_expiry=2026-02-30",
                                   "birthday=02-30", "stage=applied&channel=fax"])
def test_load_with_a_bad_permalink_value_is_a_400(client, query):
    response = client.get(f"/en/questions/load/?{query}")
    assert response.status_code == 400
    parameter = query.rsplit("&", 1)[-1].split("=")[0]
    assert f"“{parameter}”" in parse_page(response).text


# --- the session cookie -------------------------------------------------------------------------


def test_the_session_cookie_stays_small_after_the_longest_journey(client, walk):
    # Every question answered at least once, every date typed in full-width digits, the
    # language switched twice, answers changed from the check page.
    wide = {**MYNA_ONLINE_BEFORE,
            "card_expiry": {"year": "２０２７", "month": "０１", "day": "３１"},
            "license_expiry": {"era": "heisei", "year": "３２", "month": "１２", "day": "３１"},
            "birthday": {"month": "１２", "day": "３１"}}
    walk(wide, until="license_expiry")
    client.post(step_url("license_expiry"), {
        **answer_data("license_expiry", wide["license_expiry"]), "switch_language": "ja"})
    walk_answers(client, wide, lang="ja", start="license_expiry", until="check")
    client.get(f"{step_url('stage', 'ja')}?change=1")
    client.post(step_url("stage", "ja"), answer_data("stage", "collected"))
    walked = walk_answers(client, {**wide, "continue_use": "unsure", "cert_requested": "unsure",
                                   "notice_result": "not_stated"},
                          lang="ja", start="continue_use")
    assert walked.steps == ["continue_use", "cert_requested", "notice_result", "check"]
    client.post(step_url("check", "ja"), {MANAGEMENT: "check", "switch_language": "en"})
    client.get(walked.url)

    size = len(client.cookies[SESSION_COOKIE].value)
    assert size < 3500, size


def test_extra_fields_in_a_post_do_not_grow_the_session(client, walk):
    walk(MYNA_ONLINE_BEFORE, until="reason")
    noise = random.Random(0)

    def padding(step: str) -> dict[str, str]:
        return {f"{step}-extra{i}": "".join(noise.choices(string.ascii_letters, k=150))
                for i in range(60)}

    client.post(step_url("reason"), {**answer_data("reason", "expiring"), **padding("reason")})
    client.post(step_url("stage"), {**answer_data("stage", "before"), **padding("stage"),
                                    "switch_language": "ja"})
    walk_answers(client, MYNA_ONLINE_BEFORE, lang="ja", start="stage", until="card_expiry")
    # A whole paragraph pasted into the year box, then the language switched: kept, cut short.
    pasted = "".join(noise.choices(string.ascii_letters, k=5000))
    client.post(step_url("card_expiry", "ja"), {
        **answer_data("card_expiry", {"year": pasted, "month": "1", "day": "1"}),
        "switch_language": "en"})

    size = len(client.cookies[SESSION_COOKIE].value)
    assert size < 3500, size
    assert parse_page(client.get(step_url("stage"))).checked == {"stage-stage": "before"}
    page = parse_page(client.get(step_url("card_expiry")))
    assert pasted.startswith(page.inputs["card_expiry-year"])
    assert page.inputs["card_expiry-month"] == "1"


def test_spaces_typed_around_a_date_do_not_change_it(client, walk, today):
    padded = {"year": " " * 30 + "2027" + " " * 30, "month": "　1　", "day": " 10"}
    walked = walk({**MYNA_ONLINE_BEFORE, "card_expiry": padded})

    assert dict(query_of(walked.url))["card_expiry"] == "2027-01-10"
    page = parse_page(client.get(step_url("card_expiry")))
    assert page.inputs["card_expiry-year"] == "2027"


@pytest.mark.parametrize(("stage", "title", "first_choice"), [
    ("before", "Is your driver's license valid now?", "Yes, it is valid"),
    # rules.md §1 (v2): once applied, the day of the application is what counts.
    ("applied", "Was your driver's license valid on the day you applied?", "Yes, it was valid"),
])
def test_the_license_question_asks_about_the_day_of_the_application_once_applied(
        client, walk, stage, title, first_choice):
    answers = {"holding": "myna_only", "reason": "expiring", "stage": stage, "channel": "window",
               "cert_submitted": "yes"}
    walked = walk(answers, until="license_status")
    page = parse_page(client.get(walked.url))
    assert page.title.startswith(title)
    assert page.texts_of("radios__label")[0] == first_choice


def test_back_from_the_checklist_finds_the_answers_on_the_check_page(client, walk, today):
    walked = walk(MYNA_ONLINE_BEFORE)
    assert "/checklist/" in walked.url
    # The browser's Back button: the check page, with every answer still there.
    page = parse_page(client.get(step_url("check")))
    assert NOTICE not in page.text
    assert len(page.texts_of("summary__value")) == len(BEFORE_PATH) - 1


# --- issue 11: progress, the early exit, dates checked against the reason ---------------------


def progress(page) -> str:
    return " ".join(page.texts_of("progress"))


def test_every_question_page_says_which_question_of_how_many_apply_so_far(client, walk):
    # Nothing answered: holding counts as "not sure", so every carryover question applies.
    first = parse_page(client.get(step_url("holding")))
    assert progress(first).startswith("Question 1 of 10")
    assert "(the number depends on your answers)" in progress(first)
    walked = walk(MYNA_ONLINE_BEFORE, until="check")
    assert walked.steps == BEFORE_PATH[:-1]
    for n, step in enumerate(BEFORE_PATH[:-1], start=1):
        assert progress(parse_page(client.get(step_url(step)))).startswith(
            f"Question {n} of 10"), step
    assert progress(parse_page(client.get(step_url("check")))) == ""


def test_the_total_follows_the_answers_stored_so_far(client, walk):
    walk({**MYNA_ONLINE_BEFORE, "holding": "myna_history"}, until="reason")
    # A マイナ経歴証明書: no license questions (license_status, license_expiry, birthday).
    assert progress(parse_page(client.get(step_url("reason")))).startswith("Question 2 of 7")
    walk({**MYNA_ONLINE_BEFORE, "stage": "notice"}, until="channel")
    # Applied: no card expiry; the notice's result is asked.
    assert progress(parse_page(client.get(step_url("channel")))).startswith("Question 4 of 10")
    client.post(step_url("channel"), answer_data("channel", "online"))
    # Online: the two questions about the online application are added.
    assert progress(parse_page(client.get(step_url("continue_use")))).startswith(
        "Question 5 of 12")


def test_progress_in_japanese(client, japanese):
    page = parse_page(client.get(step_url("holding", "ja")))
    assert progress(page).startswith("質問 1／10")


@pytest.mark.parametrize("holding", ["license_only", "none"])
def test_without_a_myna_card_the_first_question_leads_straight_to_the_result(client, holding):
    client.get("/en/questions/?reset=1")
    response = client.post(step_url("holding"), answer_data("holding", holding))

    assert response.status_code == 302
    assert response["Location"] == f"/en/checklist/?holding={holding}"
    page = parse_page(client.get(response["Location"]))
    assert page.outcomes == ["not_applicable"]
    # Back finds the answer.
    assert parse_page(client.get(step_url("holding"))).checked == {"holding-holding": holding}


def test_the_short_result_of_a_plastic_license_offers_the_license_dates(client, today):
    client.get("/en/questions/?reset=1")
    response = client.post(step_url("holding"), answer_data("holding", "license_only"))
    page = parse_page(client.get(response["Location"]))
    offer = [href for href, text in page.links if href.startswith("/en/questions/load/")
             and "step=license_expiry" in href and not text.startswith("Change")]
    assert len(offer) == 1, page.links
    # Both date questions, then the check page, then the result with the renewal period.
    opened = client.get(offer[0])
    assert opened["Location"] == step_url("license_expiry")
    walked = walk_answers(client, {"license_expiry": {"era": "reiwa", "year": "10",
                                                      "month": "3", "day": "31"},
                                   "birthday": "04-30"}, start="license_expiry")
    assert walked.steps == ["license_expiry", "birthday", "check"]
    assert walked.query == "holding=license_only&birthday=04-30&license_expiry=2028-03-31"
    result = parse_page(client.get(walked.url))
    assert result.outcomes == ["not_applicable"]
    assert "s4.renewal_period" in result.sections["4"]
    # With the date known, nothing more is offered.
    assert not [href for href, text in result.links if "step=license_expiry" in href
                and not text.startswith("Change")]


def test_no_dates_are_offered_to_a_person_without_a_license(client):
    page = parse_page(client.get("/en/checklist/?holding=none"))
    assert not [href for href in page.hrefs() if "step=license_expiry" in href]


def test_a_change_to_license_only_from_the_check_page_still_returns_there(client, walk):
    walk(MYNA_ONLINE_BEFORE, until="check")
    client.get(f"{step_url('holding')}?change=1")
    response = client.post(step_url("holding"), answer_data("holding", "license_only"))
    assert response["Location"] == step_url("check")


CARD_PAST = {"year": "2026", "month": "11", "day": "25"}  # TODAY is 2026-11-26
CARD_FAR = {"year": "2027", "month": "6", "day": "30"}


def _at_card_expiry(client, **changes):
    walk_answers(client, {**MYNA_ONLINE_BEFORE, **changes}, until="card_expiry")


def test_a_card_expiry_already_past_after_fewer_than_3_months_is_questioned(client):
    _at_card_expiry(client)

    response = client.post(step_url("card_expiry"), answer_data("card_expiry", CARD_PAST))

    assert response.status_code == 200
    page = parse_page(response)
    assert page.texts_of("error-message") == [
        "Error: November 25, 2026 has already passed, but you answered that your card expires "
        "in less than 3 months. Check the expiry date on the front of your card. If your card "
        "has already expired, change your answer to “My card has already expired”."]
    assert {(b.get("name"), b.get("value")) for b in page.buttons if b.get("name")} >= {
        ("cross_check", "expired"), ("cross_check", "reason")}
    # Continue comes first, so that Enter in a box is Continue, not another answer.
    submits = [b for b in page.buttons if b.get("type") == "submit"]
    assert submits[0]["text"].strip() == "Continue" and not submits[0].get("name")
    # Nothing was changed or stored.
    assert parse_page(client.get(step_url("reason"))).checked == {"reason-reason": "expiring"}
    assert parse_page(client.get(step_url("card_expiry"))).inputs["card_expiry-year"] == ""


def test_the_matching_reason_is_offered_and_changes_the_answer_only_when_chosen(client, today):
    _at_card_expiry(client)
    response = client.post(step_url("card_expiry"), {
        **answer_data("card_expiry", CARD_PAST), "cross_check": "expired"})

    assert response["Location"] == step_url("license_expiry")
    assert parse_page(client.get(step_url("reason"))).checked == {"reason-reason": "expired"}
    walked = walk_answers(client, MYNA_ONLINE_BEFORE, start="license_expiry")
    query = dict(query_of(walked.url))
    assert (query["reason"], query["card_expiry"]) == ("expired", "2026-11-25")
    assert parse_page(client.get(walked.url)).outcomes == ["no_carryover"]


def test_a_card_expiry_more_than_3_months_away_is_questioned_and_may_be_confirmed(client, today):
    _at_card_expiry(client)
    response = client.post(step_url("card_expiry"), answer_data("card_expiry", CARD_FAR))

    page = parse_page(response)
    assert page.texts_of("error-message") == [
        "Error: June 30, 2027 is more than 3 months away, but you answered that your card "
        "expires in less than 3 months: for that reason the new card can be applied for from "
        "March 31, 2027. Check the expiry date on the front of your card, or your reason for "
        "getting a new card. If both are right, confirm the date."]
    confirm = [b for b in page.buttons if b.get("name") == "card_expiry-confirmed"]
    assert [b["value"] for b in confirm] == ["2027-06-30"]

    response = client.post(step_url("card_expiry"), {
        **answer_data("card_expiry", CARD_FAR), "card_expiry-confirmed": "2027-06-30"})
    assert response["Location"] == step_url("license_expiry")
    walked = walk_answers(client, MYNA_ONLINE_BEFORE, start="license_expiry")
    query = dict(query_of(walked.url))
    assert (query["reason"], query["card_expiry"]) == ("expiring", "2027-06-30")
    # The plan is the plan for the answers given: the window opens later.
    assert "s2.apply_window" in parse_page(client.get(walked.url)).sections["2"]
    # Back on the page and Continue again: the confirmed date stays confirmed.
    shown = parse_page(client.get(step_url("card_expiry"))).inputs
    assert shown["card_expiry-confirmed"] == "2027-06-30"
    again = client.post(step_url("card_expiry"), {
        k: v for k, v in shown.items() if k.startswith(("card_expiry-", "questions_wizard-"))})
    assert again["Location"] == step_url("license_expiry")  # not questioned: on to the next
    # Refilled from the checklist, the confirmed date is not questioned again.
    load = client.get(f"/en/questions/load/?{walked.query}")
    assert load["Location"] == step_url("check")


def test_changing_the_reason_from_the_card_expiry_keeps_the_date_and_comes_back(client):
    _at_card_expiry(client)
    response = client.post(step_url("card_expiry"), {
        **answer_data("card_expiry", CARD_FAR), "cross_check": "reason"})

    assert response["Location"] == step_url("reason")
    response = client.post(step_url("reason"), answer_data("reason", "field_full"))
    # The date typed is kept and now fits the reason: on to the next unanswered question.
    assert response["Location"] == step_url("license_expiry")
    card = parse_page(client.get(step_url("card_expiry"))).inputs
    assert (card["card_expiry-year"], card["card_expiry-month"]) == ("2027", "6")


def test_changing_the_reason_on_the_check_page_questions_the_card_date_again(client, walk):
    walk(MYNA_ONLINE_BEFORE, until="check")  # card_expiry 2027-01-10: within its 3 months
    client.get(f"{step_url('card_expiry')}?change=1")
    client.post(step_url("card_expiry"), answer_data("card_expiry", CARD_PAST))
    # Refused: nothing stored, the check page still has the old date.
    check = parse_page(client.get(step_url("check")))
    assert "January 10, 2027" in check.texts_of("summary__value")
    response = client.post(step_url("card_expiry"), {
        **answer_data("card_expiry", CARD_PAST), "cross_check": "expired"})
    # The change-answer flow goes on: back to the check page.
    assert response["Location"] == step_url("check")
    values = parse_page(client.get(step_url("check"))).texts_of("summary__value")
    assert "My card has already expired" in values and "November 25, 2026" in values


def test_the_language_switch_keeps_a_questioned_date(client):
    _at_card_expiry(client)
    client.post(step_url("card_expiry"), answer_data("card_expiry", CARD_FAR))
    response = client.post(step_url("card_expiry"), {
        **answer_data("card_expiry", CARD_FAR), "switch_language": "ja"})
    assert response["Location"] == step_url("card_expiry", "ja")
    inputs = parse_page(client.get(response["Location"])).inputs
    assert (inputs["card_expiry-year"], inputs["card_expiry-month"],
            inputs["card_expiry-day"]) == ("2027", "6", "30")


def test_a_contradictory_permalink_opens_the_date_to_check_first(client):
    response = client.get("/en/questions/load/?holding=both&reason=expiring&stage=before"
                          "&channel=online&cert_submitted=yes&license_status=valid"
                          "&special_chars=no&card_expiry=2026-11-01")
    assert response["Location"] == step_url("card_expiry")
    response = client.post(step_url("card_expiry"), {
        **answer_data("card_expiry", "2026-11-01"), "cross_check": "expired"})
    assert response["Location"] == step_url("check")


@pytest.mark.parametrize(("typed", "value"), [
    ({"era": "reiwa", "year": "令和9"}, "2027-02-20"),
    ({"era": "reiwa", "year": "R9"}, "2027-02-20"),
    ({"era": "reiwa", "year": "9"}, "2027-02-20"),
    ({"era": "reiwa", "year": "元"}, "2020-02-20"),  # 令和元年2月 does not exist: see below
    ({"era": "reiwa", "year": "元年"}, "2020-02-20"),
    ({"era": "reiwa", "year": "９"}, "2027-02-20"),
    ({"era": "reiwa", "year": "2027"}, "2027-02-20"),
])
def test_the_wizard_takes_the_license_year_as_people_write_it(client, typed, value):
    walk_answers(client, MYNA_ONLINE_BEFORE, until="license_expiry")
    data = answer_data("license_expiry", {**typed, "month": "2", "day": "20"})
    if typed["year"] in ("元", "元年"):  # 令和元年 began in May: refused, then with December
        refused = parse_page(client.post(step_url("license_expiry"), data))
        assert refused.texts_of("error-message")[0].startswith("Error: 令和 began on May 1, 2019")
        data = answer_data("license_expiry", {**typed, "month": "12", "day": "20"})
        value = "2019-12-20"
    response = client.post(step_url("license_expiry"), data)
    assert response["Location"] == step_url("birthday")
    walked = walk_answers(client, MYNA_ONLINE_BEFORE, start="birthday")
    assert dict(query_of(walked.url))["license_expiry"] == value
