"""The anchor of the server benchmark: a view that returns a captured copy of a page's bytes
and does nothing else, served behind the site's full middleware stack (sessions, locale,
CSRF, messages, CSP and the header middleware). A page's throughput divided by its own
anchor's is what the page's own work (forms, rules, words, templates) costs; the stack and
gunicorn cost the same in both.

bench/server.py renders each measured page once through the running server and writes its
body to BENCH_ANCHOR_DIR/<key>.html before any load; each worker reads a file on first use
and keeps it (the pages are the benchmark's own made-up answers, nobody's)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

_BODIES: dict[str, bytes] = {}


def anchor(request: HttpRequest, key: str) -> HttpResponse:
    body = _BODIES.get(key)
    if body is None:
        try:
            body = (settings.BENCH_ANCHOR_DIR / f"{key}.html").read_bytes()
        except OSError:
            raise Http404(key) from None
        _BODIES[key] = body
    response = HttpResponse(body, content_type="text/html; charset=utf-8")
    # What PrivacyHeadersMiddleware adds to the private pages this stands in for.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response
