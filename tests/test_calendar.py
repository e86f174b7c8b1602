"""The calendar file (/<lang>/checklist/calendar.ics): parsed back with the icalendar library,
it holds the person's dates for a fixed today, each event with a reminder; without a date
to come, a page says which answers are needed; a bad value is a 400."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from icalendar import Calendar

from tests.support.people import TODAY as FROZEN_TODAY
from tests.support.page import parse_page
from tests.support.people import PEOPLE, SAME_SEASON, answers_query_of
from guide.answers import answers_parse
from tests import oracle

LANGS = ["en", "ja"]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

# SAME_SEASON (tests/support/people.py): the card can be renewed from 2026-11-01, the license
# from 2026-12-20 to Monday 2027-02-22 (Feb 20 and 21 are a weekend); apply by 2027-01-11.
SAME_SEASON_EVENTS = {
    # uid prefix: (first day, last day) — DTEND is the day after the last, as for all-day events
    "card-window": (date(2026, 11, 1), date(2027, 1, 31)),  # (v2) the day after 10-31
    "apply-by": (date(2027, 1, 11), date(2027, 1, 11)),
    "renewal": (date(2026, 12, 20), date(2027, 2, 20)),
    "deadline": (date(2027, 2, 22), date(2027, 2, 22)),
}


def get(client, lang: str, query: dict[str, str] | str):
    encoded = query if isinstance(query, str) else urlencode(query)
    return client.get(f"/{lang}/checklist/calendar.ics?{encoded}")


def parsed(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, object]:
    """uid kind (the part before the hash) → the event."""
    found = {}
    for event in calendar.walk("VEVENT"):
        kind = re.fullmatch(r"([a-z-]+)-[0-9a-f]{20}@mynalicense", str(event["UID"])).group(1)
        assert kind not in found, f"two events of kind {kind}"
        found[kind] = event
    return found


def days(event) -> tuple[date, date]:
    """An all-day event's first and last day."""
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert type(start) is date and type(end) is date, (start, end)  # all-day, not date-times
    assert end > start
    return start, end - timedelta(days=1)


@pytest.mark.parametrize("lang", LANGS)
def test_the_calendar_carries_the_persons_dates(client, today, japanese, lang):
    response = get(client, lang, SAME_SEASON)

    calendar = parsed(response)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//mynalicense//")
    assert str(calendar["METHOD"]) == "PUBLISH"
    found = events(calendar)
    assert {kind: days(event) for kind, event in found.items()} == SAME_SEASON_EVENTS
    query = urlencode(answers_query_of(SAME_SEASON))
    permalink = f"http://testserver/{lang}/checklist/?{query}"
    for kind, event in found.items():
        summary = str(event["SUMMARY"])
        assert summary, kind
        if lang == "ja":
            assert JAPANESE.search(summary), summary
        # Each description points back to the checklist.
        assert permalink in str(event["DESCRIPTION"]), kind
        assert event.decoded("DTSTAMP").tzinfo is not None


def test_english_summaries(client, today):
    found = events(parsed(get(client, "en", SAME_SEASON)))
    assert {kind: str(e["SUMMARY"]) for kind, e in found.items()} == {
        "card-window": "My Number Card: application period for the new card",
        "apply-by": "Apply for the new My Number Card by today",
        "renewal": "Driver's license renewal period",
        "deadline": "Last day to renew your driver's license",
    }


def test_every_event_has_a_reminder_a_week_before(client, today):
    found = events(parsed(get(client, "en", SAME_SEASON)))

    for kind, event in found.items():
        alarms = [c for c in event.subcomponents if c.name == "VALARM"]
        assert len(alarms) == 1, kind
        alarm = alarms[0]
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert str(alarm["DESCRIPTION"]).strip(), kind
        assert alarm.decoded("TRIGGER") == timedelta(days=-7), kind


def test_the_file_is_a_download(client, today):
    response = get(client, "en", SAME_SEASON)

    assert response["Content-Disposition"] == 'attachment; filename="mynalicense.ics"'
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert body.rstrip().endswith("END:VCALENDAR")
    # RFC 5545 §3.1: lines of at most 75 octets, folded with CRLF + space.
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    # About a person: kept out of caches like the checklist.
    assert response["Cache-Control"] == "no-store"


def test_uids_are_stable(client, today):
    first = events(parsed(get(client, "en", SAME_SEASON)))
    again = events(parsed(get(client, "en", SAME_SEASON)))
    japanese = events(parsed(get(client, "ja", SAME_SEASON)))

    uids = {kind: str(e["UID"]) for kind, e in first.items()}
    assert uids == {kind: str(e["UID"]) for kind, e in again.items()}
    assert uids == {kind: str(e["UID"]) for kind, e in japanese.items()}
    assert len(set(uids.values())) == 4
    # Other dates, other UIDs (a later card expiry moves the application window).
    moved = events(parsed(get(client, "en", {**SAME_SEASON, "card_expiry": "2027-02-10"})))
    assert str(moved["card-window"]["UID"]) != uids["card-window"]
    assert str(moved["renewal"]["UID"]) == uids["renewal"]


def _expected_kinds(query: dict[str, str]) -> dict[str, tuple[date, date]]:
    """The events rules.md calls for, read through the independent oracle: the dates of each
    item the person's checklist holds (not ics.py's own reading)."""
    e = oracle.expected(query, FROZEN_TODAY)
    items = set().union(*e.items.values()) if e.items else set()
    d = e.dates
    kinds = {}
    if "s2.apply_window" in items:
        kinds["card-window"] = (d["window_start"], d["window_end"])
    if "s1.renew_card_first" in items:
        kinds["apply-by"] = (d["apply_by"], d["apply_by"])
    if "s1.renew_license_first" in items:
        kinds["renew-by"] = (d["renew_by"], d["renew_by"])
    if "s4.renewal_period" in items and d["deadline"] >= FROZEN_TODAY:
        kinds["renewal"] = (d["renewal_start"], d["renewal_end"])
        kinds["deadline"] = (d["deadline"], d["deadline"])
    return kinds


WITH_DATES = {name: query for name, (query, _) in PEOPLE.items() if _expected_kinds(query)}


def test_the_people_with_dates_cover_every_kind_of_event():
    kinds = {kind for query in WITH_DATES.values() for kind in _expected_kinds(query)}
    assert kinds == set(SAME_SEASON_EVENTS) | {"renew-by"}
    assert len(WITH_DATES) >= 5


@pytest.mark.parametrize("query", WITH_DATES.values(), ids=WITH_DATES.keys())
def test_each_person_with_dates_gets_the_events_the_rules_call_for(client, today, query):
    found = events(parsed(get(client, "en", query)))
    assert {kind: days(event) for kind, event in found.items()} == _expected_kinds(query)


def test_a_license_renewal_only_gives_the_renewal_and_its_last_day(client, today):
    query = {"holding": "license_only", "license_expiry": "2027-03-28", "birthday": "02-28"}
    found = events(parsed(get(client, "en", query)))

    # From a month before the birthday (Jan 28) to the day the license is valid until
    # (Mar 28, a Sunday, so the last day to renew is Monday Mar 29).
    assert {kind: days(e) for kind, e in found.items()} == {
        "renewal": (date(2027, 1, 28), date(2027, 3, 28)),
        "deadline": (date(2027, 3, 29), date(2027, 3, 29)),
    }


# --- no date: a page that says what is needed ---------------------------------------------------

NO_DATES = {
    "no license": {"holding": "none"},
    "no dates given": {"holding": "myna_only", "reason": "expiring", "stage": "before",
                       "channel": "online", "cert_submitted": "yes",
                       "license_status": "valid", "special_chars": "no"},
    "everything already past": {"holding": "both", "license_expiry": "2026-10-01",
                                "birthday": "09-01", "card_expiry": "2026-11-01"},
    "nothing at all": {},
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("query", NO_DATES.values(), ids=NO_DATES.keys())
def test_without_a_date_to_come_a_page_says_which_answers_are_needed(client, today, lang, query):
    response = get(client, lang, query)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response
    page = parse_page(response)
    assert page.lang == lang
    encoded = urlencode(answers_query_of(query))
    assert f"/{lang}/questions/load/?{encoded}" in page.hrefs()
    assert f"/{lang}/checklist/?{encoded}" in page.hrefs()
    if lang == "en":
        assert page.title.startswith("No dates for your calendar yet")
        assert "the expiry date of your current My Number Card" in page.text
        assert "the date until which your driver's license is valid" in page.text


@pytest.mark.parametrize("lang", LANGS)
def test_the_checklist_links_to_the_calendar_only_when_there_are_dates(client, today, lang):
    html = client.get(f"/{lang}/checklist/?{urlencode(SAME_SEASON)}").content.decode()
    links = re.findall(r'href="([^"]*calendar\.ics[^"]*)"', html)
    assert len(links) == 1
    link = links[0].replace("&amp;", "&")
    assert urlsplit(link).path == f"/{lang}/checklist/calendar.ics"
    assert dict(parse_qsl(urlsplit(link).query)) == answers_query_of(SAME_SEASON)
    assert get(client, lang, urlsplit(link).query).status_code == 200

    for query in NO_DATES.values():
        html = client.get(f"/{lang}/checklist/?{urlencode(query)}").content.decode()
        assert "calendar.ics" not in html, query


@pytest.mark.parametrize(("parameter", "value"), [
    ("holding", "bogus"), ("card_expiry", "2027-02-30"), ("birthday", "13-01"),
    ("license_expiry", "tomorrow"),
])
def test_a_bad_value_is_a_400(client, parameter, value):
    response = get(client, "en", {**SAME_SEASON, parameter: value})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert f"“{parameter}”" in parse_page(response).text


def test_only_get_is_allowed(client):
    assert client.post(f"/en/checklist/calendar.ics?{urlencode(SAME_SEASON)}").status_code == 405
