"""Counter mode through Django's test client: staff answer every question on one screen,
reach the same checklist as the wizard and the permalink, and "Finish and clear" leaves
nothing of the person behind (session cookie, page, back button); idle answers expire."""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import unescape
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

import pytest

from tests.support.people import TODAY as FROZEN_TODAY
from tests.support.page import parse_page
from tests.support.walk import MANAGEMENT, SESSION_COOKIE, answer_data
from tests.support.people import PEOPLE, answers_query_of
from tests.support.people import BRANCHES
from wizard import counter
from guide.answers import answers_applies, answers_parse
from wizard.questions import QUESTIONS
from guide.plan import plan_build

LANGS = ["en", "ja"]
NOTICE = ("The answers were cleared, or had expired (15 minutes without activity, or 60 minutes "
          "after they were entered).")
BOTH_ONLINE = {
    "holding": "both", "reason": "expiring", "stage": "before", "channel": "online",
    "cert_submitted": "yes", "license_status": "valid", "special_chars": "no",
    "card_expiry": "2027-01-31", "license_expiry": "2027-02-20", "birthday": "01-20",
}
BOTH_ONLINE_QUERY = urlencode(answers_query_of(BOTH_ONLINE))


@pytest.fixture
def today(today, monkeypatch):
    """The conftest's frozen day, for the counter's checklist too."""
    monkeypatch.setattr("wizard.counter.today_tokyo", lambda: FROZEN_TODAY)
    return today


@pytest.fixture
def clock(monkeypatch):
    """The counter's clock (wizard.counter's time.time), moved by hand."""
    now = SimpleNamespace(value=1_800_000_000.0)
    monkeypatch.setattr(counter, "time", SimpleNamespace(time=lambda: now.value))
    return now


def counter_url(lang: str, page: str = "") -> str:
    return f"/{lang}/counter/" + (f"{page}/" if page else "")


def form_defaults(page) -> dict[str, str]:
    """What a browser would send for the counter form as shown: the preselected radios and
    the boxes (empty, or refilled from stored answers)."""
    inputs = {k: v for k, v in page.inputs.items() if k != "csrfmiddlewaretoken"}
    return {**inputs, **page.checked}


def counter_data(page, answers: Mapping[str, object]) -> dict[str, str]:
    """The form as shown, with `answers` filled in (the wizard tests' answer format)."""
    data = form_defaults(page)
    for step, value in answers.items():
        fields = answer_data(step, value)
        fields.pop(MANAGEMENT)
        data.update(fields)
    return data


def send(client, answers: Mapping[str, object], *, lang: str = "en", drop=()):
    """Open the counter form, fill it in, send it; the response to the POST."""
    page = parse_page(client.get(counter_url(lang)))
    data = counter_data(page, answers)
    for name in drop:
        data.pop(name, None)
    return client.post(counter_url(lang), data)


def counter_checklist(client, answers: Mapping[str, object], *, lang: str = "en"):
    response = send(client, answers, lang=lang)
    assert response.status_code == 302, parse_page(response).texts_of("error-message")
    assert response["Location"] == counter_url(lang, "checklist")
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page


def shown(page) -> tuple:
    assert page.items_outside_sections == []
    return page.outcomes, page.item_sets(), page.requirements


def data_qr(response) -> str:
    """The data-qr value on a page (the permalink the QR code holds)."""
    match = re.search(r'data-qr="([^"]*)"', response.content.decode())
    assert match, "no data-qr on the page"
    return unescape(match.group(1))


# --- journeys: the same people as the wizard and permalink tests ------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("answers", "_steps", "query", "outcome"), BRANCHES.values(),
                         ids=BRANCHES.keys())
def test_the_wizards_people_reach_the_same_checklist(client, today, lang, answers, _steps, query,
                                                     outcome):
    response = counter_checklist(client, answers, lang=lang)

    page = parse_page(response)
    permalink = parse_page(client.get(f"/{lang}/checklist/?{query}"))
    assert page.lang == lang
    assert page.outcomes == [outcome]
    assert shown(page) == shown(permalink)
    # The link to take home is the permalink of these answers.
    assert data_qr(response) == f"http://testserver/{lang}/checklist/?{query}"


def _answerable(query: Mapping[str, str]) -> bool:
    """Whether the form can be sent with these answers: like the wizard, the counter needs an
    answer to every choice question that applies (a permalink may leave one out)."""
    answers = answers_parse(query=query)
    return all(q.step in query or q.kind != "choice" or q.step in DEFAULT_CHOICES
               for q in QUESTIONS if answers_applies(parameter=q.step, answers=answers))


DEFAULT_CHOICES = set(counter.DEFAULTS)
COUNTER_PEOPLE = {name: person for name, person in PEOPLE.items() if _answerable(person[0])}


def test_nearly_all_permalink_people_can_be_served_at_the_counter():
    # Only these permalinks leave out the notice's result, which the form asks for.
    assert set(PEOPLE) - set(COUNTER_PEOPLE) == {"Takeda, photo booth, card collected",
                                                 "Yamada, collected online, leap-day birthday",
                                                 "Inoue, notice came, result not given"}


@pytest.mark.parametrize(("query", "outcome"), COUNTER_PEOPLE.values(), ids=COUNTER_PEOPLE.keys())
def test_the_permalink_people_reach_the_same_checklist(client, today, query, outcome):
    response = counter_checklist(client, query)

    page = parse_page(response)
    canonical = urlencode(answers_query_of(query))
    assert shown(page) == shown(parse_page(client.get(f"/en/checklist/?{canonical}")))
    assert page.outcomes == [outcome]
    plan = plan_build(answers=answers_parse(query=query), today=today)
    assert page.outcomes == [plan.outcome]
    assert data_qr(response) == f"http://testserver/en/checklist/?{canonical}"


def test_one_screen_asks_every_question_with_the_usual_answers_preselected(client):
    response = client.get(counter_url("en"))

    assert response.status_code == 200
    page = parse_page(response)
    assert page.title.startswith("Counter mode")
    html = response.content.decode()
    for question in QUESTIONS:
        assert f'id="{question.step}-fieldset"' in html, question.step
    assert page.checked == {
        "holding-holding": "unsure", "reason-reason": "expiring", "stage-stage": "before",
        "channel-channel": "undecided", "cert_submitted-cert_submitted": "unsure",
        "license_status-license_status": "valid", "special_chars-special_chars": "unsure"}
    # One form, one submit button: no dead end.
    assert [b["text"].strip() for b in page.buttons if b.get("type") == "submit"] == [
        "Show the checklist"]


def test_the_defaults_alone_give_the_checklist_of_no_answers(client, today):
    page = parse_page(counter_checklist(client, {}))
    assert shown(page) == shown(parse_page(client.get("/en/checklist/")))


def test_the_counter_checklist_url_carries_no_answers(client, today):
    response = send(client, BOTH_ONLINE)

    location = urlsplit(response["Location"])
    assert (location.path, location.query) == ("/en/counter/checklist/", "")
    page = parse_page(client.get(response["Location"]))
    # The language switch keeps the place, not the answers.
    switch = [href for href in page.hrefs() if href.startswith("/ja/")]
    assert "/ja/counter/checklist/" in switch
    assert all("?" not in href for href in switch)
    assert page.outcomes == ["on_track"]


def test_no_link_on_the_counter_checklist_carries_the_answers(client, today):
    # Following one would leave the person's answers in the shared browser's history.
    response = counter_checklist(client, BOTH_ONLINE)

    page = parse_page(response)
    assert page.hrefs()
    assert not [href for href in page.hrefs() if "?" in href], page.hrefs()
    assert "calendar.ics" not in response.content.decode()
    # The permalink is still there to read, and in the QR code.
    permalink = f"http://testserver/en/checklist/?{BOTH_ONLINE_QUERY}"
    assert permalink in page.texts_of("qr__link")
    assert data_qr(response) == permalink


def test_the_counter_checklist_has_finish_and_no_start_again(client, today):
    response = counter_checklist(client, BOTH_ONLINE)

    page = parse_page(response)
    html = response.content.decode()
    assert 'action="/en/counter/finish/"' in html
    assert "Finish and clear" in [b["text"].strip() for b in page.buttons]
    assert not any("reset=1" in href for href in page.hrefs())
    # "Change" goes back to the counter form, not to the wizard with answers in the URL.
    changes = [href for href, text in page.links if text.startswith("Change ")
               and text != "Change the answers"]
    assert len(changes) == 10 and all(href.startswith("/en/counter/#") for href in changes)
    assert "/en/counter/" in page.hrefs()  # "Change the answers"
    for href in changes:
        assert f'id="{href.split("#")[1]}"' in client.get("/en/counter/").content.decode()


def test_the_form_opens_again_with_the_stored_answers(client, today):
    send(client, BOTH_ONLINE)

    page = parse_page(client.get(counter_url("en")))
    assert page.checked["holding-holding"] == "both"
    assert page.checked["channel-channel"] == "online"
    assert (page.inputs["card_expiry-year"], page.inputs["card_expiry-month"],
            page.inputs["card_expiry-day"]) == ("2027", "1", "31")
    assert (page.inputs["birthday-month"], page.inputs["birthday-day"]) == ("1", "20")
    # Sending it again unchanged gives the same checklist.
    again = client.post(counter_url("en"), form_defaults(page))
    assert again["Location"] == counter_url("en", "checklist")
    assert data_qr(client.get(again["Location"])) == (
        f"http://testserver/en/checklist/?{BOTH_ONLINE_QUERY}")


@pytest.mark.parametrize("lang", LANGS)
def test_every_counter_page_is_kept_out_of_caches(client, today, lang):
    form = client.get(counter_url(lang))
    posted = send(client, BOTH_ONLINE, lang=lang)
    checklist = client.get(counter_url(lang, "checklist"))
    finish = client.post(counter_url(lang, "finish"))
    for response in (form, posted, checklist, finish):
        assert response["Cache-Control"] == "no-store", response
        assert response["X-Robots-Tag"] == "noindex, nofollow"


# --- what does not apply, what is wrong -------------------------------------------------------


def test_questions_that_do_not_apply_are_ignored_even_when_wrong(client, today):
    # holding=none: nothing else is asked; rubbish in the other questions does not matter.
    answers = {"holding": "none", "reason": "bogus", "stage": "applied",
               "continue_use": "", "card_expiry": {"year": "20x6", "month": "13", "day": ""},
               "notice_result": "maybe"}
    response = send(client, answers, drop=["channel-channel"])

    assert response.status_code == 302
    page = parse_page(client.get(response["Location"]))
    assert shown(page) == shown(parse_page(client.get("/en/checklist/?holding=none")))
    assert data_qr(client.get(response["Location"])) == (
        "http://testserver/en/checklist/?holding=none")


def test_a_date_that_does_not_apply_is_dropped(client, today):
    # After the application, the card's expiry is not asked: a date typed there is ignored.
    answers = {**BOTH_ONLINE, "stage": "applied", "continue_use": "yes", "cert_requested": "yes"}
    response = counter_checklist(client, answers)
    query = dict(p.split("=") for p in urlsplit(data_qr(response)).query.split("&"))
    assert "card_expiry" not in query
    assert query["stage"] == "applied" and query["continue_use"] == "yes"


def test_questions_that_apply_after_the_application_are_required(client, today):
    answers = {**BOTH_ONLINE, "stage": "applied"}  # online: continue_use and cert_requested apply
    response = send(client, answers)

    assert response.status_code == 200
    page = parse_page(response)
    links = [(href, text) for href, text in page.links if href.startswith("#id_")]
    assert [text.split(": ", 1)[1] for _, text in links] == ["Select one of the answers."] * 2
    hrefs = [href for href, _ in page.links if href.startswith("#id_")]
    assert hrefs == ["#id_continue_use-continue_use_0", "#id_cert_requested-cert_requested_0"]


@pytest.mark.parametrize(("answers", "drop", "targets", "messages"), [
    pytest.param({**BOTH_ONLINE, "card_expiry": {"year": "2026", "month": "2", "day": "30"}}, (),
                 ["#id_card_expiry-day"], ["That month has 28 days: enter a day from 1 to 28."],
                 id="impossible-date"),
    pytest.param(BOTH_ONLINE, ("holding-holding",), ["#id_holding-holding_0"],
                 ["Select one of the answers."], id="nothing-chosen"),
    pytest.param({**BOTH_ONLINE, "channel": "fax",
                  "birthday": {"month": "13", "day": "1"},
                  "license_expiry": {"era": "reiwa", "year": "1", "month": "4", "day": "30"}}, (),
                 ["#id_channel-channel_0", "#id_license_expiry-year", "#id_birthday-month"],
                 ["Select one of the answers shown.",
                  "令和 began on May 1, 2019 (令和元年). "
                  "Check the year, or choose another calendar.",
                  "The month must be a number from 1 to 12."], id="three-at-once"),
])
def test_errors_are_listed_in_a_summary_that_links_to_each_question(client, today, answers, drop,
                                                                   targets, messages):
    response = send(client, answers, drop=drop)

    assert response.status_code == 200
    page = parse_page(response)
    html = response.content.decode()
    assert page.title.startswith("Error: Counter mode – ")
    summary = page.texts_of("error-summary")
    assert len(summary) == 1 and summary[0].startswith("There is a problem")
    links = [(href, text) for href, text in page.links if href.startswith("#id_")]
    assert [href for href, _ in links] == targets
    assert [text.split(": ", 1)[1] for _, text in links] == messages
    for href in targets:
        assert f'id="{href[1:]}"' in html, href
    assert page.texts_of("error-message") == [f"Error: {m}" for m in messages]
    # What was typed stays in the boxes; nothing was stored.
    for step, value in answers.items():
        if isinstance(value, dict):
            assert {k: page.inputs[f"{step}-{k}"] for k in value} == value
    assert client.get(counter_url("en", "checklist")).status_code == 302


def test_an_error_in_japanese_is_titled_in_japanese(client, today, japanese):
    answers = {**BOTH_ONLINE, "card_expiry": {"year": "2026", "month": "13", "day": "1"}}
    response = send(client, answers, lang="ja")

    assert response.status_code == 200
    page = parse_page(response)
    assert page.lang == "ja"
    assert page.title.startswith("エラー：")
    assert len(page.texts_of("error-summary")) == 1
    assert [m.startswith("エラー：") for m in page.texts_of("error-message")] == [True]


def test_the_counter_pages_take_only_get_and_post(client):
    assert client.put(counter_url("en")).status_code == 405
    assert client.post(counter_url("en", "checklist")).status_code == 405
    assert client.get(counter_url("en", "finish")).status_code == 405


# --- expiry after 15 minutes without activity ---------------------------------------------------


def test_answers_expire_after_15_idle_minutes(client, today, clock):
    send(client, BOTH_ONLINE)
    clock.value += 14 * 60
    assert client.get(counter_url("en", "checklist")).status_code == 200
    # Activity counts from the last page: another 14 minutes are fine.
    clock.value += 14 * 60
    assert client.get(counter_url("en", "checklist")).status_code == 200

    clock.value += 15 * 60 + 1
    response = client.get(counter_url("en", "checklist"))

    assert response.status_code == 302
    assert response["Location"] == counter_url("en")
    page = parse_page(client.get(response["Location"]))
    assert NOTICE in " ".join(page.texts_of("notice"))
    assert page.checked["holding-holding"] == "unsure"  # the defaults, not the person's
    assert page.inputs["card_expiry-year"] == ""
    assert "2027" not in page.text
    # Gone for good, not only hidden.
    assert client.get(counter_url("en", "checklist")).status_code == 302
    assert "counter" not in client.session


def test_an_idle_form_opens_clean(client, today, clock):
    send(client, BOTH_ONLINE)
    clock.value += 15 * 60 + 1

    page = parse_page(client.get(counter_url("en")))
    assert page.checked["holding-holding"] == "unsure"
    assert page.inputs["birthday-month"] == ""


# --- finish and clear ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_finish_clears_everything(client, today, lang):
    checklist = counter_checklist(client, BOTH_ONLINE, lang=lang)
    assert client.cookies[SESSION_COOKIE].value
    assert "2027-01-31" in data_qr(checklist)

    response = client.post(counter_url(lang, "finish"))

    assert response.status_code == 302
    assert response["Location"] == counter_url(lang)
    directives = {d.strip() for d in response["Clear-Site-Data"].split(",")}
    assert directives == {'"cache"', '"cookies"', '"storage"'}
    # The session cookie is deleted, not merely emptied.
    cookie = response.cookies[SESSION_COOKIE]
    assert cookie.value == ""
    assert cookie["max-age"] == 0 or cookie["expires"].startswith("Thu, 01 Jan 1970")
    assert client.cookies[SESSION_COOKIE].value == ""
    assert dict(client.session) == {}

    # The back button: the checklist is asked for again and is not there.
    back = client.get(counter_url(lang, "checklist"))
    assert back.status_code == 302
    assert back["Location"] == counter_url(lang)
    start = client.get(back["Location"])
    page = parse_page(start)
    assert page.checked["holding-holding"] == "unsure"
    assert all(page.inputs[f"{step}-{box}"] == "" for step in ("card_expiry", "license_expiry")
               for box in ("year", "month", "day"))
    assert "2027" not in start.content.decode()
    assert "data-qr" not in start.content.decode()


def test_after_finish_the_next_person_starts_clean(client, today):
    counter_checklist(client, BOTH_ONLINE)
    client.post(counter_url("en", "finish"))

    page = parse_page(counter_checklist(client, {"holding": "license_only"}))
    assert page.outcomes == ["not_applicable"]
    assert "both" not in page.texts_of("summary__value")


def test_finish_without_answers_is_harmless(client):
    response = client.post(counter_url("en", "finish"))
    assert response.status_code == 302
    assert response["Location"] == counter_url("en")
    assert "Clear-Site-Data" in response


def test_finish_needs_the_csrf_token(today):
    from tests.support.client import FormClient as Client

    browser = Client(enforce_csrf_checks=True)
    page = browser.get(counter_url("en"))
    token = parse_page(page).inputs["csrfmiddlewaretoken"]
    data = {**counter_data(parse_page(page), BOTH_ONLINE), "csrfmiddlewaretoken": token}
    assert browser.post(counter_url("en"), data).status_code == 302
    checklist = browser.get(counter_url("en", "checklist"))
    assert browser.post(counter_url("en", "finish")).status_code == 403
    token = parse_page(checklist).inputs["csrfmiddlewaretoken"]
    response = browser.post(counter_url("en", "finish"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert browser.get(counter_url("en", "checklist")).status_code == 302
