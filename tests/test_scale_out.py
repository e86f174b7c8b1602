"""Scale-out: two real gunicorn instances, started as the container starts them
(`--config deploy/gunicorn.conf.py`, production settings, the same DJANGO_SECRET_KEY), on two
loopback ports, behind an imaginary load balancer that terminates TLS (Host and
X-Forwarded-Proto as a proxy sends them). A person's whole wizard journey alternates between
the two, request by request, and ends on the right checklist: the app keeps no state between
requests but the signed cookie. The access logs those servers wrote hold paths only: no
query string and nothing of the person's answers.

The servers, the requests and the `Browser` are in tests/support/server.py."""

from __future__ import annotations

import secrets
import socket
import time
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

import pytest

from tests.support.headers import assert_common_headers, assert_private_headers
from tests.support.page import parse_page
from tests.support.people import SCALE_OUT_ANSWERS
from tests.support.server import (HOST, Browser, gunicorn_server, http_request, journey,
                                  location_path)
from guide.answers import answers_parse, answers_query

pytestmark = pytest.mark.system  # real servers: left out of make test-fast


@pytest.fixture(scope="module")
def two_instances(tmp_path_factory):
    """Two instances with the same secret, and their log files."""
    logs = tmp_path_factory.mktemp("scale-out")
    secret = secrets.token_urlsafe(50)
    with gunicorn_server(logs / "a.log", secret=secret) as a, \
            gunicorn_server(logs / "b.log", secret=secret) as b:
        yield [a, b], [logs / "a.log", logs / "b.log"]


def test_a_journey_alternating_between_two_instances_ends_on_the_right_checklist(two_instances):
    ports, logs = two_instances
    browser = Browser(ports)
    permalink = journey(browser, SCALE_OUT_ANSWERS)

    expected = urlencode(answers_query(answers_parse(query=SCALE_OUT_ANSWERS)))
    assert permalink == f"/ja/checklist/?{expected}"
    status, headers, content = browser.request("GET", permalink)
    assert status == 200
    assert parse_page(content.decode()).outcomes
    # Every other request went to the other instance, and both served the journey.
    assert browser.served[::2] == [ports[0]] * len(browser.served[::2])
    assert browser.served[1::2] == [ports[1]] * len(browser.served[1::2])
    assert len(browser.served) > 20
    # Every response of the journey carries every header, HSTS included.
    for path, status, headers in browser.seen:
        assert_common_headers(SimpleNamespace(headers=headers), secure=True)
        assert_private_headers(SimpleNamespace(headers=headers), urlsplit(path).path)
    # The check page, on either instance, shows what was answered on both.
    for _ in ports:
        status, _, content = browser.request("GET", "/ja/questions/check/")
        assert status == 200
        assert "2031" in content.decode()


def test_each_instance_sets_only_secure_httponly_samesite_cookies_and_hsts(two_instances):
    ports, _ = two_instances
    for port in ports:
        status, headers, _ = http_request(port, "GET", "/en/questions/holding/", {
            "Host": HOST, "X-Forwarded-Proto": "https"})
        assert status == 200
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert headers["Cache-Control"] == "no-store"
        for cookie in headers.get_all("Set-Cookie"):
            assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_probes_pass_before_host_checks_and_the_https_redirect(two_instances):
    ports, _ = two_instances
    for port in ports:
        # A load balancer's probe: the pod's address as Host, plain HTTP.
        status, headers, body = http_request(port, "GET", "/healthz", {"Host": "10.0.0.7:8000"})
        assert (status, body) == (200, b"ok")
        status, headers, _ = http_request(port, "GET", "/ja/", {"Host": HOST})
        assert status == 301 and headers["Location"] == f"https://{HOST}/ja/"
        status, _, _ = http_request(port, "GET", "/ja/", {"Host": "10.0.0.7:8000",
                                                          "X-Forwarded-Proto": "https"})
        assert status == 400


def test_an_instance_with_another_secret_does_not_take_the_cookie(two_instances, tmp_path):
    """Why every instance needs the same DJANGO_SECRET_KEY: with another, the answers are
    gone and the person starts again."""
    ports, _ = two_instances
    browser = Browser(ports[:1])
    journey(browser, SCALE_OUT_ANSWERS, lang="en")
    with gunicorn_server(tmp_path / "other.log", secret=secrets.token_urlsafe(50)) as other:
        browser.ports = [other]
        status, headers, _ = browser.request("GET", "/en/questions/check/")
        assert status == 302 and location_path(headers) == "/en/questions/holding/"


def test_the_logs_hold_paths_only_and_nothing_of_the_answers(two_instances):
    ports, logs = two_instances
    browser = Browser(ports)
    permalink = journey(browser, SCALE_OUT_ANSWERS, lang="en")
    for path in (permalink, permalink.replace("/checklist/", "/checklist/2/"),
                 permalink.replace("/checklist/", "/checklist/calendar.ics"),
                 permalink.replace("/checklist/", "/questions/load/"),
                 "/en/checklist/?holding=2031-07-19-not-a-choice"):
        assert browser.request("GET", path)[0] in (200, 302, 400)
    # Request lines gunicorn itself refuses, and quotes in its error log.
    for line in (f"GET {permalink.replace('?', '?x y&')} HTTP/1.1",
                 f"GET {permalink}", f"G@T {permalink} HTTP/1.1"):
        with socket.create_connection(("127.0.0.1", ports[0]), timeout=10) as raw:
            raw.sendall(f"{line}\r\nHost: {HOST}\r\n\r\n".encode())
            assert raw.recv(100).startswith(b"HTTP/1.1 400")
    time.sleep(0.3)  # the access log is written after the response

    text = "\n".join(log.read_text(errors="replace") for log in logs)
    access = [line for line in text.splitlines() if '"GET ' in line or '"POST ' in line]
    assert any("/en/checklist/" in line for line in access)
    assert not any("?" in line for line in access), [line for line in access if "?" in line]
    query = urlsplit(permalink).query
    assert query and query not in text
    for name, value in answers_query(answers_parse(query=SCALE_OUT_ANSWERS)).items():
        assert f"{name}={value}" not in text
        if any(c.isdigit() for c in value) or "_" in value:  # distinctive enough to look for
            assert value not in text, value
    assert browser.csrf_token not in text
    for value in browser.cookies.values():
        assert value not in text
