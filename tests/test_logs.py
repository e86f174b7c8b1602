"""Logs an operator can use and no one can flood (issue 12, findings 2 and 5).

Before: a 500 logged only its status (django.request had no handler), so its cause was
nowhere; a bad Host or too many form fields wrote Django's message and traceback, 900–2,200
bytes for any request anyone sends (about 90× an access-log line); gunicorn's warnings named
the client's address (`ip=`); every HEAD logged a warning. Now (mynalicense/logs.py,
deploy/gunicorn.conf.py, HeadWithoutBodyMiddleware): a 500 is one line with its path (no
query), the exception's type and where it was raised; each refusal is one short line; no
client address; HEAD is quiet. Never a value from the request or the code."""

from __future__ import annotations

import io
import json
import logging
import re
import secrets
import socket
import time
from urllib.parse import urlencode

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from mynalicense.logs import OneLine
from tests.support.client import FormClient
from tests.support.page import parse_page
from tests.support.walk import answer_data, step_url
from tests.support.server import HOST, gunicorn_server, http_request

# A short line: the status, the kind, the method, a path cut to 120 characters and a few
# words more. Django's own record of one bad Host was 900–2,200 bytes.
SHORT = 300
PERMALINK = "holding=both&stage=before&card_expiry=2031-07-19&birthday=09-23"


@pytest.fixture
def django_log():
    """What Django's loggers write (the handler the settings give them), as text."""
    handlers = {h for name in ("django.request", "django.security")
                for h in logging.getLogger(name).handlers
                if any(isinstance(f, OneLine) for f in h.filters)}
    assert len(handlers) == 1, handlers  # the same one for both
    (handler,) = handlers
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield stream
    finally:
        handler.setStream(previous)


def lines(stream: io.StringIO) -> list[str]:
    return stream.getvalue().splitlines()


def explode(**kwargs):
    """A failure whose message holds a person's values, as a real one might."""
    raise ValueError(f"no plan for {kwargs['answers']!r} on 2031-07-19")


# --- a server error ---------------------------------------------------------------------------


def test_a_500_logs_its_path_exception_type_and_place_and_no_value(django_log, monkeypatch):
    monkeypatch.setattr("wizard.views.plan_build", explode)
    client = FormClient(raise_request_exception=False)
    response = client.get(f"/en/checklist/?{PERMALINK}")
    assert response.status_code == 500
    (line,) = lines(django_log)
    assert re.search(
        r"\[ERROR\] django\.request: 500 ValueError GET /en/checklist/ "
        r"at tests/test_logs\.py:\d+ in explode$",
        line), line
    for value in ("2031", "09-23", "holding", "?", "Traceback", "no plan"):
        assert value not in line, value
    assert len(line) < SHORT


def test_a_500_raised_in_a_library_names_its_file_and_where_our_code_called_it(
        django_log, monkeypatch):
    def broken(*args, **kwargs):
        return json.loads('{"holding": "both", 2031')

    monkeypatch.setattr("wizard.views.render", broken)
    response = FormClient(raise_request_exception=False).get("/en/sources/")
    assert response.status_code == 500
    (line,) = lines(django_log)
    assert re.search(r"500 JSONDecodeError GET /en/sources/ at json/decoder\.py:\d+ in "
                     r"raw_decode \(from tests/test_logs\.py:\d+ in broken\)$", line), line
    assert "holding" not in line and "2031" not in line


# --- refusals, one short line each --------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "a" * 7000 + ".example", "x\r\ny.example"])
def test_a_bad_host_is_one_short_line(django_log, host):
    response = FormClient().get("/ja/", HTTP_HOST=host)
    assert response.status_code == 400
    (line,) = lines(django_log)
    assert " django.security.DisallowedHost: 400 DisallowedHost GET /ja/ host=" in line
    assert len(line) < SHORT, len(line)
    assert "Traceback" not in line and "ALLOWED_HOSTS" not in line
    if host == "evil.example":
        assert line.endswith("host=evil.example")


def test_too_many_fields_is_one_short_line(django_log):
    many = urlencode({f"p{i}": "2031-07-19" for i in range(150)})
    response = FormClient().generic("POST", step_url("holding"), many,
                                    content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    (line,) = lines(django_log)
    assert line.endswith(
        "django.security.TooManyFieldsSent: 400 TooManyFieldsSent POST /en/questions/holding/")
    response = FormClient().get("/en/checklist/", QUERY_STRING=many)
    assert response.status_code == 400
    assert lines(django_log)[1].endswith("400 TooManyFieldsSent GET /en/checklist/")
    assert "2031" not in django_log.getvalue()


def test_a_csrf_failure_is_one_line_with_django_s_reason_but_not_the_origin(django_log):
    strict = FormClient(enforce_csrf_checks=True)
    strict.post(step_url("holding"), answer_data("holding", "both"))
    token = parse_page(strict.get(step_url("holding"))).inputs["csrfmiddlewaretoken"]
    strict.post(step_url("holding"), {**answer_data("holding", "both"),
                                      "csrfmiddlewaretoken": token},
                HTTP_ORIGIN="https://evil.example", HTTP_X_FORWARDED_PROTO="https")
    first, second = lines(django_log)[-2:]
    assert first.endswith("403 csrf POST /en/questions/holding/ (CSRF cookie not set.)")
    assert "403 csrf POST /en/questions/holding/ (Origin checking failed)" in second
    assert "evil.example" not in django_log.getvalue()


def test_a_path_cannot_split_or_forge_a_line(django_log):
    path = "/ja/\n[2026-12-01 00:00:00 +0000] [1] [ERROR] forged " + "é" * 200
    FormClient().get("/", PATH_INFO=path, HTTP_HOST="evil.example")
    (line,) = lines(django_log)
    assert "forged" in line and "\n" not in line and len(line) < SHORT
    assert "/ja/%0A%5B2026" in line


def test_a_404_or_other_4xx_is_left_to_the_access_log(django_log):
    client = FormClient()
    assert client.get("/en/nowhere/").status_code == 404
    assert client.get("/en/checklist/?holding=bogus").status_code == 400
    assert client.post("/en/checklist/").status_code == 405
    assert django_log.getvalue() == ""


# --- a real gunicorn, as production runs it -----------------------------------------------------


def raw(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(data)
        return connection.recv(200)


def test_the_server_log_has_no_client_address_no_head_warnings_and_short_refusals(tmp_path):
    log_path = tmp_path / "gunicorn.log"
    https = {"Host": HOST, "X-Forwarded-Proto": "https"}
    with gunicorn_server(log_path, secret=secrets.token_urlsafe(50)) as port:
        for path in ("/ja/", "/en/sources/", "/ja/questions/holding/", "/healthz",
                     f"/en/checklist/?{PERMALINK}", "/en/nowhere/"):
            status, headers, body = http_request(port, "HEAD", path, https)
            assert body == b"" and status in (200, 404), (path, status)
            get = http_request(port, "GET", path, https)
            assert headers["Content-Length"] == str(len(get[2])), path
        # gunicorn refuses these itself ("Invalid request from ip=…").
        assert raw(port, f"G@T /ja/checklist/?{PERMALINK} HTTP/1.1\r\n\r\n".encode()).startswith(
            b"HTTP/1.1 400")
        assert raw(port, b"GET /ja/ HTTP/1.1\r\nHost: " + HOST.encode() + b"\r\nBad Header: x"
                   b"\r\n\r\n").startswith(b"HTTP/1.1 400")
        # Django refuses these.
        assert http_request(port, "GET", "/ja/", {"Host": "evil.example",
                                                  "X-Forwarded-Proto": "https"})[0] == 400
        many = "&".join(f"p{i}=1" for i in range(150))
        assert http_request(port, "GET", f"/en/checklist/?{many}", https)[0] == 400
        upload = encode_multipart(BOUNDARY, {"f": "x"})
        assert http_request(port, "POST", "/ja/questions/holding/",
                            {**https, "Content-Type": MULTIPART_CONTENT}, upload)[0] == 415
        time.sleep(0.3)  # the access log is written after the response
    text = log_path.read_text()
    log = text.splitlines()

    assert "WSGI app sent body" not in text and "no-body response" not in text
    # No client address: only the line that says where the server listens names one.
    for line in log:
        if "Listening at: http://127.0.0.1:" not in line:
            assert "127.0.0.1" not in line and "ip=" not in line, line
    refused = [line for line in log if "Invalid request" in line]
    assert len(refused) == 2 and all(line.endswith("Invalid request: …") or "'…'" in line
                                      for line in refused), refused
    assert [line for line in log if "DisallowedHost" in line][0].endswith(
        "400 DisallowedHost GET /ja/ host=evil.example")
    assert any(line.endswith("400 TooManyFieldsSent GET /en/checklist/") for line in log)
    assert "Traceback" not in text
    assert max(len(line) for line in log) < SHORT
    assert "2031" not in text and "09-23" not in text
