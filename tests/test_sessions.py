"""Sessions with an end (issue 12, finding 4; docs/decisions/0007-sessions.md).

The signed cookie's own limit (SESSION_COOKIE_AGE) counts from its last signature, and every
request re-signs it: a copy used now and then lived for ever, and "Finish and clear" could
not end it. Now every session ends MYNALICENSE_SESSION_LIFETIME after it began, and counter
mode's answers 15 minutes idle or 60 minutes after they were entered, both from a time inside
the signed payload, which a copy carries unchanged. What clearing cannot do is shown too: a
copy taken before "Finish and clear" still opens the checklist until that time is up.

And a notice waiting to be shown is not added twice (it piled up in the cookie)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core import signing

from mynalicense import middleware
from tests.support.client import FormClient
from tests.support.walk import SESSION_COOKIE, answer_data, step_url
from tests.support.people import BOTH_ONLINE
from tests.support.counter import counter_checklist, counter_url
from wizard import counter

SESSION_SALT = "django.contrib.sessions.backends.signed_cookies"
LIFETIME = django_settings.MYNALICENSE_SESSION_LIFETIME
RECORD = Path(django_settings.BASE_DIR) / "docs" / "decisions" / "0007-sessions.md"


@pytest.fixture
def session_clock(monkeypatch):
    """SessionLifetimeMiddleware's clock, moved by hand (the cookie's signatures keep the
    real time: each is fresh, as when a copy is used now and then)."""
    now = SimpleNamespace(value=time.time())
    monkeypatch.setattr(middleware, "time", SimpleNamespace(time=lambda: now.value))
    return now


@pytest.fixture
def counter_clock(monkeypatch):
    now = SimpleNamespace(value=time.time())
    monkeypatch.setattr(counter, "time", SimpleNamespace(time=lambda: now.value))
    return now


def payload(cookie: str) -> dict:
    """What the signed session cookie holds (signed, not encrypted: anyone holding it can
    read this, nobody can change it)."""
    return signing.loads(cookie, key=django_settings.SECRET_KEY, salt=SESSION_SALT,
                         serializer=signing.JSONSerializer)


def copy_of(client) -> FormClient:
    """Another browser holding a copy of this one's session cookie."""
    other = FormClient()
    other.cookies[SESSION_COOKIE] = client.cookies[SESSION_COOKIE].value
    return other


def started(client) -> None:
    response = client.post(step_url("holding"), answer_data("holding", "both"))
    assert response["Location"] == step_url("reason")


# --- the whole session ----------------------------------------------------------------------


def test_a_session_carries_its_start_inside_the_signed_payload(client, session_clock):
    started(client)
    stored = payload(client.cookies[SESSION_COOKIE].value)
    assert stored["created"] == int(session_clock.value)
    assert stored["wizard_questions_wizard"]["step_data"]["holding"]


def test_a_re_signed_copy_still_dies_when_the_session_s_time_is_up(client, session_clock):
    started(client)
    thief = copy_of(client)
    # Used every half hour, the copy is re-signed each time: the signature never gets old.
    for _ in range(LIFETIME // 1800):
        response = thief.get(step_url("reason"))
        assert response.status_code == 200
        session_clock.value += 1800 - 1
    response = thief.get(step_url("reason"))
    assert response.status_code == 200  # just under the lifetime
    session_clock.value += LIFETIME // (LIFETIME // 1800)
    response = thief.get(step_url("reason"))
    # Gone: back to the first question, the answers no longer in the cookie.
    assert response.status_code == 302 and response["Location"] == step_url("holding")
    stored = payload(thief.cookies[SESSION_COOKIE].value)
    assert not stored.get("wizard_questions_wizard", {}).get("step_data")
    # The person's own browser, whose session began at the same time, ends alike.
    assert client.get(step_url("reason"))["Location"] == step_url("holding")


def test_a_new_session_begins_afresh_after_the_end(client, session_clock):
    started(client)
    session_clock.value += LIFETIME + 1
    client.get(step_url("reason"))
    started(client)
    assert payload(client.cookies[SESSION_COOKIE].value)["created"] == int(session_clock.value)


@pytest.mark.parametrize("created", ["yesterday", None, [1], 10 ** 12])
def test_a_session_with_an_impossible_start_is_ended(client, session_clock, created):
    """Only our own signature can write it; a value no instance writes (or one from a clock
    far ahead) ends the session rather than keep it for ever."""
    value = signing.dumps({"created": created, "counter": {"query": {}}},
                          key=django_settings.SECRET_KEY, salt=SESSION_SALT, compress=True,
                          serializer=signing.JSONSerializer)
    client.cookies[SESSION_COOKIE] = value
    client.get("/en/")
    assert "counter" not in client.session


def test_a_session_from_before_the_stamp_gets_one(client, session_clock):
    """Sessions signed before this version have no start: they get one, not an end."""
    value = signing.dumps({"counter": {"query": {}, "touched": 0}},
                          key=django_settings.SECRET_KEY, salt=SESSION_SALT, compress=True,
                          serializer=signing.JSONSerializer)
    client.cookies[SESSION_COOKIE] = value
    client.get("/en/")
    assert client.session["created"] == int(session_clock.value)
    assert "counter" in client.session


def test_an_empty_session_sets_no_cookie(client):
    """Nothing stored, nothing stamped: the start page sets no session cookie."""
    response = client.get("/en/")
    assert SESSION_COOKIE not in response.cookies


def test_a_session_left_with_only_its_stamp_is_deleted(client):
    """After "Finish and clear" and the back button, a notice is all the session holds;
    once it has been shown, no cookie stays behind for the stamp alone."""
    client.get(counter_url("en", "checklist"))  # the notice, in a new session
    assert set(client.session.keys()) == {"_messages", "created"}
    response = client.get(counter_url("en"))  # shown
    assert response.cookies[SESSION_COOKIE].value == ""  # deleted
    assert dict(client.session) == {}


# --- counter mode -----------------------------------------------------------------------------


def test_counter_answers_end_60_minutes_after_they_were_entered_however_active(
        client, today, counter_clock):
    counter_checklist(client, BOTH_ONLINE)
    for _ in range(6):  # a look every 10 minutes keeps them from going idle…
        counter_clock.value += 10 * 60 - 1
        assert client.get(counter_url("en", "checklist")).status_code == 200
    counter_clock.value += 7  # …but not past 60 minutes after they were entered
    response = client.get(counter_url("en", "checklist"))
    assert response.status_code == 302 and response["Location"] == counter_url("en")
    assert "counter" not in client.session


def test_what_finish_and_clear_cannot_do_and_when_a_copy_dies(client, today, counter_clock):
    """Honestly: "Finish and clear" empties this browser's cookie, but a signed cookie
    cannot be revoked by the server. A copy taken before (a cookie read off the shared
    computer) still opens the checklist afterwards: until 15 minutes after its last use, and
    never later than 60 minutes after the answers were entered."""
    counter_checklist(client, BOTH_ONLINE)
    copy = copy_of(client)
    assert client.post(counter_url("en", "finish")).status_code == 302
    assert client.get(counter_url("en", "checklist")).status_code == 302  # this browser: gone

    assert copy.get(counter_url("en", "checklist")).status_code == 200  # the copy: not yet
    idle = copy_of(copy)
    counter_clock.value += counter.IDLE_SECONDS + 1
    assert idle.get(counter_url("en", "checklist")).status_code == 302  # unused 15 minutes
    counter_clock.value -= counter.IDLE_SECONDS + 1
    for _ in range(5):
        counter_clock.value += 12 * 60
        assert copy.get(counter_url("en", "checklist")).status_code == 200
    counter_clock.value += 1
    assert copy.get(counter_url("en", "checklist")).status_code == 302  # 60 minutes in all


def test_the_decision_record_says_what_is_stored_for_how_long_and_what_clearing_cannot_do():
    record = RECORD.read_text()
    assert counter.IDLE_SECONDS == 15 * 60 and counter.LIFETIME_SECONDS == 60 * 60
    assert LIFETIME == 2 * 60 * 60 and django_settings.SESSION_COOKIE_AGE == 60 * 60
    for words in ("15 minutes", "60 minutes", "2 hours", "1 hour", "signed, not encrypted",
                  "cannot be revoked", "Clear-Site-Data", "__Host-"):
        assert words in record, words


# --- notices ------------------------------------------------------------------------------------


def waiting_notices(client) -> list:
    return json.loads(client.session.get("_messages", "[]"))


@pytest.mark.parametrize("path", [counter_url("en", "checklist"), step_url("reason"),
                                  counter_url("ja", "checklist"), step_url("reason", "ja")])
def test_a_notice_waiting_to_be_shown_is_not_added_again(client, path):
    """Each of these adds "your answers had expired" and redirects; asked for again and
    again without the redirect being followed, the notices used to pile up in the cookie
    (4 KB after 1,500 requests, then the browser drops the session)."""
    client.get(path)
    size = len(client.cookies[SESSION_COOKIE].value)
    for _ in range(50):
        assert client.get(path).status_code == 302
    assert len(waiting_notices(client)) == 1
    assert len(client.cookies[SESSION_COOKIE].value) <= size + 8  # the stamp's digits at most


def test_a_notice_is_added_again_once_it_has_been_shown(client):
    path = counter_url("en", "checklist")
    client.get(path)
    client.get(counter_url("en"))  # shown, and so gone
    assert waiting_notices(client) == []
    client.get(path)
    client.get(path)
    assert len(waiting_notices(client)) == 1


def test_different_notices_wait_side_by_side(client):
    client.get(counter_url("en", "checklist"))
    client.get(step_url("reason"))
    assert len(waiting_notices(client)) == 2
