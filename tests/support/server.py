"""Real servers for the system tests: a gunicorn of the guide's own, started as the
container starts it (`--config deploy/gunicorn.conf.py`, production settings) on a loopback
port it picks itself; raw HTTP requests to it as a load balancer passes them on; and a
`Browser` that keeps cookies and CSRF tokens, with `journey` to answer the whole wizard
through it."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.conf import settings as django_settings

from .page import parse_page
from .walk import answer_data, step_of

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
