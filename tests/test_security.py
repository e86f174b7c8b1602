"""Security and privacy of every response: the headers (CSP, framing, HSTS, nosniff,
referrer, permissions, COOP), the cookie flags and size, settings from the environment,
`check --deploy` with production values, the body limit, and the referrer-policy decision
(docs/decisions/0004-referrer-policy.md).

Production settings are exercised for real in subprocesses (DJANGO_SETTINGS_MODULE=
mynalicense.settings.prod with production values), not by imitating them in the test
settings. The header checks, the responses of every kind and the production run are in
tests/support/headers.py; the `production` fixture is in tests/conftest.py."""

from __future__ import annotations

import json
import os
import random
import re
import secrets
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings

from tests.support.client import FormClient as Client
from tests.support.headers import (PERMALINK, assert_common_headers, assert_private_headers,
                                   every_kind_of_response, production_env)
from tests.support.people import MYNA_ONLINE_BEFORE, TODAY as FROZEN_TODAY
from tests.support.page import parse_page
from tests.support.walk import MANAGEMENT, SESSION_COOKIE, answer_data, step_url
from mynalicense.middleware import PERMISSIONS_POLICY
from wizard.questions import QUESTION_BY_STEP

BASE_DIR = Path(django_settings.BASE_DIR)


# --- what every response carries -----------------------------------------------------------


@pytest.fixture(scope="module")
def responses() -> dict[str, tuple[str, object]]:
    with mock.patch("wizard.views.today_tokyo", return_value=FROZEN_TODAY), \
            mock.patch("wizard.counter.today_tokyo", return_value=FROZEN_TODAY):
        return {name: (path, response) for name, path, response in every_kind_of_response()}


EXPECTED_STATUS = {
    "root redirect": 302, "start": 200, "start, English": 200, "sources": 200,
    "wizard start redirect": 302, "question": 200, "answer": 302, "invalid answer": 200,
    "check": 302, "check page": 200, "checklist": 200, "checklist, Japanese": 200,
    "checklist step": 200, "calendar": 200, "calendar needs answers": 200,
    "bad permalink": 400, "missing slash": 301, "counter": 200,
    "counter checklist without answers": 302, "counter finish, asked": 200,
    "counter finish": 302, "wrong method": 405,
    "wrong method on a permalink": 405, "body too large": 413, "not found": 404,
    "not found, no language": 404, "health probe": 200, "static file": 200, "head": 200,
    "csrf failure": 403, "bad host": 400,
}


@pytest.mark.parametrize("name", EXPECTED_STATUS)
def test_every_kind_of_response_carries_the_security_headers(responses, name):
    path, response = responses[name]
    assert response.status_code == EXPECTED_STATUS[name], (name, response.status_code)
    assert_common_headers(response)
    assert_private_headers(response, path)


def test_the_calendar_file_is_a_private_download(responses):
    _, response = responses["calendar"]
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("name", ["wrong method", "wrong method on a permalink",
                                  "body too large", "head"])
def test_refused_requests_get_a_page_that_says_what_to_do(responses, name):
    path, response = responses[name]
    assert response["Content-Type"].startswith("text/html")
    if response.status_code == 405:
        assert response["Allow"]
    if name != "head":
        page = parse_page(response)
        assert page.lang == "en"
        assert "/en/questions/?reset=1" in page.hrefs()


def test_the_permissions_policy_turns_off_what_the_guide_does_not_use():
    features = dict(part.split("=") for part in PERMISSIONS_POLICY.split(", "))
    assert set(features.values()) == {"()"}
    assert {"camera", "microphone", "geolocation", "payment", "usb"} <= set(features)


def test_pages_load_no_inline_script_or_style(client):
    """The CSP allows no inline script or style, so the pages must not need any."""
    for path in ("/ja/", step_url("holding"), f"/en/checklist/?{PERMALINK}", "/en/counter/",
                 "/en/sources/"):
        html = client.get(path).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert "<style" not in html and " style=" not in html, path
        assert not re.search(r"\son[a-z]+=", html), path


# --- production settings, in a process of their own -----------------------------------------


class Recorded:
    """A recorded response, looked at like a test-client one."""

    def __init__(self, recorded: dict) -> None:
        self.status_code = recorded["status"]
        self.headers = recorded["headers"]


@pytest.mark.parametrize("name", ["question", "answer", "checklist"])
def test_production_pages_carry_hsts_and_every_header(production, name):
    assert_common_headers(Recorded(production[name]), secure=True)


def test_production_cookies_are_secure_httponly_samesite_and_end_with_the_browser(production):
    sent = {**production["question"]["cookies"], **production["answer"]["cookies"]}
    # __Host- names: browsers keep them only Secure, for Path=/ and without a Domain.
    assert set(sent) == {"__Host-csrftoken", f"__Host-{SESSION_COOKIE}"}
    for name, cookie in sent.items():
        assert cookie["secure"], name
        assert cookie["httponly"], name
        assert cookie["samesite"] == "Lax", name
        assert cookie["path"] == "/" and cookie["domain"] == "", name
    # Browser-session cookies: no lifetime of their own. The server refuses the session
    # after the idle limit (SESSION_COOKIE_AGE), which every request renews.
    for name, cookie in sent.items():
        assert cookie["max-age"] == "" and cookie["expires"] == "", name
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert django_settings.SESSION_SAVE_EVERY_REQUEST
    assert django_settings.SESSION_COOKIE_AGE <= 60 * 60


def test_finish_and_clear_deletes_the_session_cookie_with_secure_in_production(production):
    """A browser ignores the deletion of a __Host- (Secure) cookie unless the deleting
    cookie is Secure too: then "Finish and clear" would leave the session in place."""
    finish = production["finish"]
    assert finish["status"] == 302
    deletion = finish["cookies"][f"__Host-{SESSION_COOKIE}"]
    assert deletion["value"] == ""
    assert deletion["max-age"] == "0" and deletion["expires"].startswith("Thu, 01 Jan 1970")
    assert deletion["secure"] and deletion["path"] == "/" and deletion["domain"] == ""


def test_production_redirects_plain_http_to_https_but_answers_probes(production):
    assert production["http"]["status"] == 301
    assert production["http"]["headers"]["Location"].startswith("https://guide.example.jp/")
    probe = production["probe"]
    assert probe["status"] == 200
    assert probe["headers"]["Cache-Control"] == "no-store"
    # A bad Host is refused, by CommonMiddleware, or by the HTTPS redirect itself, which
    # SecurityMiddleware's own headers then miss: PrivacyHeadersMiddleware adds them.
    for name in ("bad host", "bad host, plain HTTP"):
        assert production[name]["status"] == 400
        assert_common_headers(Recorded(production[name]), secure=name == "bad host")


def test_check_deploy_passes_with_production_values():
    # Silenced: the warning for a source unchecked for a year (mynalicense.W001) depends on
    # the day the test runs; tests/test_sources.py tests it with the day given.
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=production_env(DJANGO_SILENCED_SYSTEM_CHECKS="mynalicense.W001"),
        capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_deploy_fails_with_debug_on():
    """The check above can fail: DJANGO_DEBUG=1 is a deployment error."""
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=production_env(DJANGO_DEBUG="1"), capture_output=True, text=True,
        timeout=60)
    assert done.returncode != 0
    assert "DEBUG" in done.stderr


# --- settings from the environment --------------------------------------------------------

SETTINGS_SCRIPT = ("import json; from django.conf import settings; "
                   "print(json.dumps([settings.DEBUG, settings.ALLOWED_HOSTS, "
                   "settings.SECRET_KEY]))")


def read_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SETTINGS_SCRIPT], cwd=BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=60)


def test_make_run_needs_no_configuration():
    """`make run` uses the dev settings with nothing in the environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_SETTINGS_MODULE"] = "mynalicense.settings.dev"
    done = read_settings(env)
    assert done.returncode == 0, done.stderr
    debug, hosts, key = json.loads(done.stdout)
    assert debug is False
    assert "127.0.0.1" in hosts and "localhost" in hosts
    assert key
    makefile = (BASE_DIR / "Makefile").read_text()
    assert "DJANGO_SETTINGS_MODULE:-mynalicense.settings.dev" in makefile


def test_production_reads_its_settings_from_the_environment():
    env = production_env(DJANGO_ALLOWED_HOSTS=" guide.example.jp, www.guide.example.jp ,",
                         DJANGO_SECRET_KEY="k" * 10 + secrets.token_hex(30))
    debug, hosts, key = json.loads(read_settings(env).stdout)
    assert debug is False
    assert hosts == ["guide.example.jp", "www.guide.example.jp"]
    assert key == env["DJANGO_SECRET_KEY"]
    for value, expected in [("1", True), ("true", True), ("on", True), ("0", False),
                            ("", False), ("no", False)]:
        debug, _, _ = json.loads(read_settings(production_env(DJANGO_DEBUG=value)).stdout)
        assert debug is expected, value


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    done = read_settings(env)
    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY" in done.stderr


def test_the_readme_documents_every_setting():
    readme = (BASE_DIR / "README.md").read_text()
    for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_DEBUG",
                 "DJANGO_SETTINGS_MODULE", "FORWARDED_ALLOW_IPS", "WEB_CONCURRENCY"):
        assert f"`{name}`" in readme, name


# --- the referrer policy (docs/decisions/0004-referrer-policy.md) -----------------------------


@pytest.fixture
def behind_https_proxy(settings):
    """The production view of a request: HTTPS as said by the proxy."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    return Client(enforce_csrf_checks=True, HTTP_HOST="testserver", HTTP_X_FORWARDED_PROTO="https")


def _csrf_post(client, **headers):
    page = parse_page(client.get(step_url("holding")))
    data = {**answer_data("holding", "both"), "csrfmiddlewaretoken": page.inputs[
        "csrfmiddlewaretoken"]}
    return client.post(step_url("holding"), data, **headers)


def test_no_referrer_on_the_wizard_would_break_its_own_forms(behind_https_proxy):
    """Why the site-wide policy is "same-origin": under "no-referrer" a browser sends
    `Origin: null` and no Referer with the wizard's POST, and Django refuses it."""
    client = behind_https_proxy
    assert client.get(step_url("holding"))["Referrer-Policy"] == "same-origin"
    refused = _csrf_post(client, HTTP_ORIGIN="null")
    assert refused.status_code == 403
    assert _csrf_post(client).status_code == 403  # no Origin and no Referer on HTTPS
    # What a browser sends under "same-origin": the real Origin, and a same-origin Referer.
    accepted = _csrf_post(client, HTTP_ORIGIN="https://testserver",
                          HTTP_REFERER="https://testserver/en/questions/holding/")
    assert accepted.status_code == 302


@pytest.mark.parametrize("path", [f"/ja/checklist/?{PERMALINK}", f"/en/checklist/3/?{PERMALINK}",
                                  f"/en/checklist/calendar.ics?{PERMALINK}",
                                  "/en/checklist/?holding=bogus"])
def test_the_permalink_pages_send_no_referrer_and_post_no_form(client, path):
    response = client.get(path)
    assert response["Referrer-Policy"] == "no-referrer"
    assert not re.search(r"<form[^>]*method=\"?post", response.content.decode(), re.I)


@pytest.mark.parametrize("path", ["/ja/", step_url("holding"), "/en/counter/",
                                  "/en/counter/checklist/", "/en/sources/"])
def test_other_pages_send_the_referrer_only_to_this_site(client, path):
    assert client.get(path)["Referrer-Policy"] == "same-origin"


def test_the_decision_is_recorded():
    record = (BASE_DIR / "docs" / "decisions" / "0004-referrer-policy.md").read_text()
    assert "same-origin" in record and "no-referrer" in record and "Origin: null" in record


# --- the session cookie's size -------------------------------------------------------------


def _boxes(step: str) -> list[str]:
    return {"choice": [step], "month_day": ["month", "day"],
            "era_date": ["era", "year", "month", "day"],
            "date": ["year", "month", "day"]}[QUESTION_BY_STEP[step].kind]


@pytest.mark.parametrize("alphabet", ["ascii", "cjk", "astral"])
def test_the_session_cookie_stays_under_3_5_kb_with_the_largest_answers(client, alphabet):
    """Every one of the 13 questions holding the longest value kept (what the language
    switch stores even when it does not validate), in the characters that make the signed
    JSON longest, plus counter mode's answers and a pending notice, all at once."""
    rng = random.Random(alphabet)
    low, high = {"ascii": (0x21, 0x7E), "cjk": (0x4E00, 0x9FFF),
                 "astral": (0x10000, 0x10FFFF)}[alphabet]

    def junk() -> str:
        return "".join(chr(rng.randint(low, high)) for _ in range(100))

    def fill(step: str) -> None:
        data = {MANAGEMENT: step, "switch_language": "en"}
        data.update({f"{step}-{box}": junk() for box in _boxes(step)})
        response = client.post(step_url(step), data)
        assert response["Location"] == step_url(step), step

    def answer(step: str, value: str) -> None:
        assert client.post(step_url(step), answer_data(step, value)).status_code == 302

    client.get(step_url("holding"))
    answer("holding", "both")
    answer("stage", "before")
    answer("channel", "online")
    for step in ("reason", "cert_submitted", "license_status", "special_chars", "card_expiry",
                 "license_expiry", "birthday"):
        fill(step)
    answer("stage", "collected")
    for step in ("continue_use", "cert_requested", "notice_result", "channel", "stage",
                 "holding"):
        fill(step)
    # A notice waiting to be shown, then counter mode's answers on top.
    assert client.get("/en/counter/checklist/").status_code == 302
    counter = parse_page(client.get("/en/counter/"))
    data = {**{k: v for k, v in counter.inputs.items() if k != "csrfmiddlewaretoken"},
            **counter.checked}
    for step, value in {**MYNA_ONLINE_BEFORE, "stage": "collected"}.items():
        if QUESTION_BY_STEP[step].kind == "choice":
            data[f"{step}-{step}"] = value
    data.update({"notice_result-notice_result": "not_recorded", "continue_use-continue_use":
                 "unsure", "cert_requested-cert_requested": "unsure"})
    for step, kind in (("license_expiry", "era_date"), ("birthday", "month_day")):
        data.update({f"{step}-era": "western", f"{step}-year": "2030", f"{step}-month": "12",
                     f"{step}-day": "31"})
    assert client.post("/en/counter/", data)["Location"] == "/en/counter/checklist/"

    stored = client.session
    assert "counter" in stored and len(stored["wizard_questions_wizard"]["step_data"]) == 13
    size = len(SESSION_COOKIE) + 1 + len(client.cookies[SESSION_COOKIE].value)
    assert size < 3500, size
