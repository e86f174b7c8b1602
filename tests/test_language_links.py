"""The language switch never leads off the site (issue 12, finding 3). It used to be
`translate_url` of the raw request path: `GET //evil.example/ja/` rendered a 404 page whose
switch was `href="//evil.example/en/"` (a scheme-relative link to another site), and
`/%2F%2Fevil.example/ja/` the same once the server had decoded it. Now it is the resolved
route reversed in the other language, or a checked path, or that language's start page.

Every page kind is looked at (pages, redirects' targets, 400, 403, 404, 405, 413, 415) with
normal and hostile paths, through the test client (PATH_INFO set as a WSGI server would set
it, decoded, and once undecoded too) and through a real gunicorn with the raw request
lines."""

from __future__ import annotations

import re
import secrets
import socket
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from tests.support.client import FormClient
from tests.support.walk import answer_data, step_url
from tests.support.headers import every_kind_of_response
from tests.support.server import HOST, gunicorn_server

NAV = re.compile(r'<nav class="lang"[^>]*>(.*?)</nav>', re.S)
HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')
BUTTON = re.compile(r'<button\b[^>]*\bname="switch_language"[^>]*\bvalue="([^"]*)"')

# Paths that try to make the switch point elsewhere, as PATH_INFO (already decoded: what
# gunicorn hands over for `//evil.example/ja/` and for `/%2F%2Fevil.example/ja/` alike).
HOSTILE = [
    "//evil.example/ja/", "//evil.example/en/checklist/", "///evil.example/ja/",
    "/\\evil.example/ja/", "/\\/evil.example/en/", "/ja//evil.example/", "/en//evil.example/",
    "/ja/\\evil.example/", "/en/questions//evil.example/", "/ja/checklist//evil.example",
    "/\t/evil.example/ja/", "/ja/\t/evil.example/", "/ja/\n/evil.example/",
    "/https://evil.example/ja/", "/ja/https://evil.example/", "/ja/javascript:alert(1)/",
    # A server that does not decode %2F (PATH_INFO as sent).
    "/%2F%2Fevil.example/ja/", "/ja/%2F%2Fevil.example/", "/ja/%5Cevil.example/",
]


def switch_of(html: str) -> tuple[list[str], list[str]]:
    """The language switch: (hrefs of its links, languages of its buttons)."""
    nav = NAV.search(html)
    assert nav, "no language switch"
    return [unescape(h) for h in HREF.findall(nav.group(1))], BUTTON.findall(nav.group(1))


def assert_same_site(href: str) -> None:
    """A path on this site: one "/" first, no scheme, no host, and still so once a browser
    has stripped tabs and newlines and read backslashes as slashes."""
    assert href.startswith("/") and not href.startswith("//"), href
    parts = urlsplit(href)
    assert parts.scheme == "" and parts.netloc == "", href
    browser = re.sub(r"[\t\n\r]", "", href).replace("\\", "/")
    assert browser.startswith("/") and not browser.startswith("//"), href
    assert not re.search(r"[\x00-\x20\\]", href), href


def assert_safe_switch(response, what) -> list[str]:
    html = response.content.decode()
    hrefs, buttons = switch_of(html)
    for href in hrefs:
        assert_same_site(href)
        assert "evil.example" not in urlsplit(href).path, (what, href)
    assert set(buttons) <= {"ja", "en"}, (what, buttons)
    # The other language is offered, one way or the other.
    assert len(hrefs) + len(buttons) == 1, (what, hrefs, buttons)
    return hrefs


def is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


# --- every kind of page, normal paths -------------------------------------------------------


@pytest.fixture(scope="module")
def every_page():
    return [(name, response) for name, _, response in every_kind_of_response()
            if is_html(response) and response.content]


def test_every_kind_of_page_has_a_same_site_switch(every_page):
    names = {name for name, _ in every_page}
    # The kinds the issue names, and the rest of the refusals.
    assert {"start", "question", "checklist", "bad permalink", "not found", "csrf failure",
            "bad host", "wrong method", "body too large", "counter"} <= names, names
    for name, response in every_page:
        assert_safe_switch(response, name)


@pytest.mark.parametrize(("path", "expected"), [
    ("/en/", "/ja/"),
    ("/en/sources/", "/ja/sources/"),
    ("/ja/checklist/3/?holding=both", "/en/checklist/3/?holding=both"),
    ("/en/checklist/?holding=bogus", "/ja/checklist/?holding=bogus"),  # a 400: the same link
    ("/en/nowhere/", "/ja/nowhere/"),  # a 404 on a plain path: the same path
    ("/en/counter/", "/ja/counter/"),
])
def test_the_switch_keeps_the_person_s_place(client, path, expected):
    assert assert_safe_switch(client.get(path), path) == [expected]


# --- hostile paths on every page kind ---------------------------------------------------------


def hostile_responses(path: str):
    """What a hostile path gets as a page: GET (404, or a resolved page), with a bad Host
    (400), a multipart POST (415), a body over the limit (413), many fields (400 or 404)."""
    client = FormClient()
    yield "get", client.get("/", PATH_INFO=path)
    yield "bad host", client.get("/", PATH_INFO=path, HTTP_HOST="evil.example")
    yield "multipart", client.generic(
        "POST", "/", encode_multipart(BOUNDARY, {"f": SimpleUploadedFile("a", b"x")}),
        content_type=MULTIPART_CONTENT, PATH_INFO=path)
    yield "too large", client.generic("POST", "/", "x" * (17 * 1024),
                                      content_type="application/x-www-form-urlencoded",
                                      PATH_INFO=path)
    yield "many fields", client.get("/", PATH_INFO=path, QUERY_STRING="&".join(
        f"p{i}=1" for i in range(150)))


@pytest.mark.parametrize("path", HOSTILE)
def test_hostile_paths_never_make_the_switch_leave_the_site(path):
    statuses = set()
    for kind, response in hostile_responses(path):
        statuses.add(response.status_code)
        assert response.status_code < 500, (path, kind)
        assert is_html(response), (path, kind)
        assert_safe_switch(response, (path, kind))
    assert {400, 404, 413, 415} <= statuses, statuses


@pytest.mark.parametrize("path", ["//evil.example/ja/", "//evil.example/en/checklist/",
                                  "/\\evil.example/ja/", "/ja//evil.example/"])
def test_a_hostile_404_switches_to_the_start_page(path):
    response = FormClient().get("/", PATH_INFO=path)
    assert response.status_code == 404
    hrefs = assert_safe_switch(response, path)
    assert hrefs in (["/ja/"], ["/en/"]), hrefs


@pytest.mark.parametrize("query", ["next=//evil.example/", "x=%0A//evil.example",
                                   "holding=both&u=https://evil.example/"])
def test_a_query_cannot_lead_elsewhere_either(client, query):
    """The query (a permalink's answers) is kept after the "?", where it cannot change the
    link's host."""
    response = client.get("/en/checklist/", QUERY_STRING=query)
    (href,) = assert_safe_switch(response, query)
    assert urlsplit(href).path == "/ja/checklist/"


def test_question_pages_switch_by_a_button_of_their_form(client):
    client.post(step_url("holding"), answer_data("holding", "both"))
    html = client.get(step_url("reason")).content.decode()
    hrefs, buttons = switch_of(html)
    assert hrefs == [] and buttons == ["ja"]


# --- the raw request lines, through a real gunicorn ------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("language-links") / "gunicorn.log"
    with gunicorn_server(log, secret=secrets.token_urlsafe(50)) as port:
        yield port


def raw_get(port: int, target: str) -> tuple[int, str]:
    """One request line exactly as given (no client library normalises it)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: {HOST}\r\n"
                           "X-Forwarded-Proto: https\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode()


@pytest.mark.parametrize("target", ["//evil.example/ja/", "/%2F%2Fevil.example/ja/",
                                    "/\\evil.example/ja/", "//evil.example/en/checklist/",
                                    "/ja/%2F%2Fevil.example/", "///evil.example/en/"])
def test_the_issue_s_requests_on_a_real_server(server, target):
    status, body = raw_get(server, target)
    assert status == 404, status
    hrefs, _ = switch_of(body)
    assert hrefs
    for href in hrefs:
        assert_same_site(href)
        assert "evil.example" not in href, href
