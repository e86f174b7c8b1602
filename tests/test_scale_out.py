"""Scale-out: two real gunicorn instances, started as the container starts them
(`--config deploy/gunicorn.conf.py`, production settings, the same DJANGO_SECRET_KEY), on two
loopback ports, behind an imaginary load balancer that terminates TLS (Host and
X-Forwarded-Proto as a proxy sends them). A person's whole wizard journey alternates between
the two, request by request, and ends on the right checklist: the app keeps no state between
requests but the signed cookie. The access logs those servers wrote hold paths only: no
query string and nothing of the person's answers.

`gunicorn_server` and `Browser` are used by tests/test_load.py too."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings as django_settings

from tests.support.page import parse_page
from tests.support.walk import answer_data, step_of
from tests.test_security import assert_common_headers, assert_private_headers
from guide.answers import answers_parse, answers_query

pytestmark = pytest.mark.system  # real servers: left out of make test-fast

BASE_DIR = Path(django_settings.BASE_DIR)
HOST = "guide.example.jp"
LISTENING = re.compile(rb"Listening at: http://127\.0\.0\.1:(\d+)")


def gunicorn_command(bind: str) -> list[str]:
    """The command the container image runs (tests/test_deploy.py compares its CMD)."""
    return ["gunicorn", "--config", "deploy/gunicorn.conf.py", "--bind", bind,
            "mynalicense.wsgi"]


@contextmanager
def gunicorn_server(log_path: Path, *, secret: str, workers: int = 1,
                    settings: str = "mynalicense.settings.prod") -> Iterator[int]:
    """A gunicorn of its own on a free loopback port (it picks the port: `--bind :0`),
    configured as in production; yields the port, and always stops it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE=settings, DJANGO_SECRET_KEY=secret,
               DJANGO_ALLOWED_HOSTS=HOST, WEB_CONCURRENCY=str(workers))
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", *gunicorn_command("127.0.0.1:0")],
            cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)
    try:
        port = None
        deadline = time.monotonic() + 30
        while port is None:
            assert process.poll() is None, log_path.read_text(errors="replace")
            assert time.monotonic() < deadline, log_path.read_text(errors="replace")
            found = LISTENING.search(log_path.read_bytes())
            if found:
                port = int(found.group(1))
            else:
                time.sleep(0.05)
        while True:  # the workers are up when the probe answers
            try:
                if http_request(port, "GET", "/healthz", {"Host": "10.0.0.7"})[0] == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, (
                log_path.read_text(errors="replace"))
            time.sleep(0.05)
        yield port
    finally:
        process_stop(process)


def process_stop(process: subprocess.Popen) -> None:
    """Stop a server process: politely, then for good."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def http_request(port: int, method: str, path: str, headers: dict[str, str],
                 body: bytes | None = None, timeout: float = 30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


@dataclass
class Browser:
    """What a browser does that matters here: keep cookies (Secure ones too: the page is
    HTTPS at the load balancer), send Origin and a same-origin Referer with a POST, and
    send the form's CSRF token back."""

    ports: list[int]
    cookies: dict[str, str] = field(default_factory=dict)
    served: list[int] = field(default_factory=list)  # the port of each request, in order
    seen: list[tuple[str, int, object]] = field(default_factory=list)  # (path, status, headers)
    csrf_token: str = ""
    last_url: str = "/"

    def request(self, method: str, path: str, data: dict[str, str] | None = None):
        port = self.ports[len(self.served) % len(self.ports)]  # round robin
        self.served.append(port)
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            body = urlencode({**(data or {}), "csrfmiddlewaretoken": self.csrf_token}).encode()
            headers.update({"Content-Type": "application/x-www-form-urlencoded",
                            "Origin": f"https://{HOST}",
                            "Referer": f"https://{HOST}{self.last_url}"})
        status, response_headers, content = http_request(port, method, path, headers, body)
        self.seen.append((path, status, response_headers))
        for header in response_headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        if method == "GET" and status == 200:
            self.last_url = path
            if b"csrfmiddlewaretoken" in content:
                self.csrf_token = parse_page(content.decode()).inputs["csrfmiddlewaretoken"]
        return status, response_headers, content


def location_path(headers) -> str:
    """The redirect target as a path (Django sends relative ones; https:// ones too)."""
    parts = urlsplit(headers["Location"])
    return parts.path + (f"?{parts.query}" if parts.query else "")


# Distinctive answers, to look for in the logs afterwards.
ANSWERS = {
    "holding": "myna_only", "reason": "field_full", "stage": "before", "channel": "online",
    "cert_submitted": "yes", "license_status": "valid", "special_chars": "no",
    "card_expiry": "2031-07-19", "license_expiry": "2032-09-23", "birthday": "09-23",
}


def journey(browser: Browser, answers: dict[str, str], lang: str = "ja") -> str:
    """Answer the wizard from the start; return the checklist permalink it ends on."""
    status, headers, _ = browser.request("GET", f"/{lang}/questions/?reset=1")
    assert status == 302, status
    url = location_path(headers)
    for _ in range(30):
        step = step_of(url)
        assert step is not None, url
        status, _, _ = browser.request("GET", url)
        assert status == 200, (url, status)
        status, headers, content = browser.request("POST", url,
                                                   answer_data(step, answers.get(step)))
        assert status == 302, (url, status, content[:500])
        url = location_path(headers)
        if step_of(url) == "done":
            status, headers, _ = browser.request("GET", url)
            assert status == 302, status
            url = location_path(headers)
        if "/checklist/" in url:
            return url
    raise AssertionError("the wizard went round in circles")


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
    permalink = journey(browser, ANSWERS)

    expected = urlencode(answers_query(answers_parse(query=ANSWERS)))
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
    journey(browser, ANSWERS, lang="en")
    with gunicorn_server(tmp_path / "other.log", secret=secrets.token_urlsafe(50)) as other:
        browser.ports = [other]
        status, headers, _ = browser.request("GET", "/en/questions/check/")
        assert status == 302 and location_path(headers) == "/en/questions/holding/"


def test_the_logs_hold_paths_only_and_nothing_of_the_answers(two_instances):
    ports, logs = two_instances
    browser = Browser(ports)
    permalink = journey(browser, ANSWERS, lang="en")
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
    for name, value in answers_query(answers_parse(query=ANSWERS)).items():
        assert f"{name}={value}" not in text
        if any(c.isdigit() for c in value) or "_" in value:  # distinctive enough to look for
            assert value not in text, value
    assert browser.csrf_token not in text
    for value in browser.cookies.values():
        assert value not in text
