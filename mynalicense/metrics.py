"""Counts, never people: what the operator may learn from the guide's use (docs/operating.md).

Every label value comes from a fixed set written here or in the code (an outcome of
rules.md §5, a language, a URL pattern's name): never an answer, a date, a path or an
address. tests/test_metrics.py checks that no other value ever appears.

Under gunicorn the workers share the counts through PROMETHEUS_MULTIPROC_DIR, set up by
deploy/gunicorn.conf.py, which also serves them on a port of their own (never the public
one): mynalicense/metrics_listener.py. Elsewhere (runserver, tests) they stay in memory.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.utils.translation import get_language
from prometheus_client import Counter, Histogram

from guide.rules import Outcome

LANGUAGES = ("ja", "en")
OUTCOMES = tuple(outcome.value for outcome in Outcome)
MODES = ("guide", "counter")  # the checklist a person opened, or one made at the counter
# Route names of what never reaches the URL resolver, or fails to.
ROUTE_HEALTHZ, ROUTE_STATIC, ROUTE_UNMATCHED = "healthz", "static", "unmatched"

CHECKLISTS = Counter(
    "mynalicense_checklists", "Whole checklists served, by outcome, language and mode.",
    ["outcome", "language", "mode"])
WIZARD_STARTS = Counter(
    "mynalicense_wizard_starts", "First answers given in the questions (a journey begun).",
    ["language"])
WIZARD_COMPLETIONS = Counter(
    "mynalicense_wizard_completions", "Question journeys finished (answers confirmed).",
    ["language"])
COUNTER_USES = Counter(
    "mynalicense_counter_uses", "Checklists made by staff in counter mode.", ["language"])
REQUEST_SECONDS = Histogram(
    "mynalicense_request_duration_seconds",
    "Time to answer a request, by the name of its URL pattern.", ["route"],
    buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10))


def language() -> str:
    current = get_language()
    return current if current in LANGUAGES else LANGUAGES[0]


def checklist_served(*, outcome: str, mode: str) -> None:
    CHECKLISTS.labels(outcome=Outcome(outcome).value, language=language(),
                      mode=mode if mode in MODES else MODES[0]).inc()


def wizard_started() -> None:
    WIZARD_STARTS.labels(language=language()).inc()


def wizard_completed() -> None:
    WIZARD_COMPLETIONS.labels(language=language()).inc()


def counter_used() -> None:
    COUNTER_USES.labels(language=language()).inc()


def route_of(request) -> str:
    """The URL pattern's name (set by the code, never taken from the request), or a fixed
    word for what has none."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name:
        return match.url_name
    if request.path == "/healthz":
        return ROUTE_HEALTHZ
    if request.path.startswith(settings.STATIC_URL):
        return ROUTE_STATIC
    return ROUTE_UNMATCHED


class RequestTimingMiddleware:
    """First in MIDDLEWARE, so that it times every request, static files and probes too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        REQUEST_SECONDS.labels(route=route_of(request)).observe(time.perf_counter() - started)
        return response
