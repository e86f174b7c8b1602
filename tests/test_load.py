"""A bounded load test on loopback: a fixed number of requests (1,500) from 32 concurrent
clients against one gunicorn started as in production (tests/support/server.py's
`gunicorn_server`: `--config deploy/gunicorn.conf.py`, production settings, two workers),
over the wizard (whole journeys: GET each question, POST its answer, CSRF and signed cookie
included) and the checklist pages (permalinks and their step pages). Zero errors: every
answer is the one a browser expects; none is a 5xx, refused or timed out. Bounded in time:
the requests must be done within LOAD_DEADLINE seconds."""

from __future__ import annotations

import re
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from tests.support.people import PEOPLE, SCALE_OUT_ANSWERS
from tests.support.server import Browser, gunicorn_server, journey
from guide.answers import answers_parse, answers_query

pytestmark = pytest.mark.system  # real servers: left out of make test-fast

CONCURRENCY = 32
WIZARD_SESSIONS = 40  # 25 requests each: 11 questions, GET and POST, and the checklist
CHECKLIST_SESSIONS = 250  # 2 requests each: a permalink and one of its step pages
REQUESTS = WIZARD_SESSIONS * 25 + CHECKLIST_SESSIONS * 2  # 1,500
LOAD_DEADLINE = 50  # seconds for the requests; the whole test stays under a minute
PERMALINKS = [urlencode(answers_query(answers_parse(query=query)))
              for query in [SCALE_OUT_ANSWERS, *(query for query, _ in PEOPLE.values())]]


def wizard_session(browser: Browser, number: int) -> None:
    """Someone answering every question from the start, then opening their checklist."""
    permalink = journey(browser, SCALE_OUT_ANSWERS, lang=("ja", "en")[number % 2])
    status, _, _ = browser.request("GET", permalink)
    assert status == 200, (permalink, status)


def checklist_session(browser: Browser, number: int) -> None:
    """Someone opening a checklist link, then one of its step pages."""
    query = PERMALINKS[number % len(PERMALINKS)]
    lang = ("ja", "en")[number % 2]
    for path in (f"/{lang}/checklist/?{query}", f"/{lang}/checklist/{number % 4 + 1}/?{query}"):
        status, _, _ = browser.request("GET", path)
        assert status == 200, (path, status)


def test_1500_requests_from_32_clients_without_a_single_error(tmp_path):
    # The wizard journeys spread among the checklist visits.
    sessions = [wizard_session] * WIZARD_SESSIONS + [checklist_session] * CHECKLIST_SESSIONS
    order = sorted(range(len(sessions)), key=lambda i: (i * 7919) % len(sessions))
    assert REQUESTS == 1500

    with gunicorn_server(tmp_path / "load.log", secret=secrets.token_urlsafe(50),
                         workers=2) as port:

        def run(number: int) -> tuple[int, str | None]:
            browser = Browser([port])
            try:
                sessions[number](browser, number)
            except Exception as error:  # noqa: BLE001 -- any failure is an error
                return len(browser.served), f"session {number}: {error!r}"
            return len(browser.served), None

        started = time.monotonic()
        pool = ThreadPoolExecutor(max_workers=CONCURRENCY)
        try:
            results = list(pool.map(run, order, timeout=LOAD_DEADLINE))
        finally:  # past the deadline, stop at once: the server goes down with the block
            pool.shutdown(wait=False, cancel_futures=True)
        elapsed = time.monotonic() - started

    errors = [error for _, error in results if error]
    sent = sum(count for count, _ in results)
    assert errors == [], errors[:5]
    assert sent == REQUESTS
    assert elapsed < LOAD_DEADLINE, elapsed
    access = [line for line in (tmp_path / "load.log").read_text().splitlines()
              if re.search(r'"(GET|POST) ', line)]
    assert len(access) >= REQUESTS
    assert not [line for line in access if re.search(r'" [45]\d\d ', line)]
    assert not [line for line in access if "?" in line]  # paths only, never the answers
    print(f"\n{sent} requests, concurrency {CONCURRENCY}: {elapsed:.1f} s, "
          f"{sent / elapsed:.0f} requests/s")
