"""The site's own middleware: headers, the health probe, request limits, session lifetime and
HEAD. Each says why it exists; settings.MIDDLEWARE says why it sits where it does."""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# Pages whose URL or content carries a person's answers.
PRIVATE_PREFIXES = tuple(f"/{language}/{section}/" for language in ("ja", "en")
                         for section in ("questions", "checklist", "counter"))

# Pages whose query string is a person's answers.
PERMALINK_PREFIXES = ("/ja/checklist/", "/en/checklist/")

# Features the guide never uses, turned off for every page.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
    "payment", "usb", "interest-cohort", "browsing-topics",
))

# The session key holding when the session began (seconds since the epoch), inside the
# signed payload: a copy of the cookie carries it unchanged however often it is re-signed.
SESSION_CREATED = "created"
# A session stamped this far in the future did not come from an instance with a sane clock.
CLOCK_SKEW_SECONDS = 5 * 60


class HeadWithoutBodyMiddleware:
    """Send no body with a HEAD response. Django renders HEAD like GET and leaves dropping
    the body to the server; gunicorn does, but logs a warning for every HEAD request, so any
    robot could fill the log. The length stays the one a GET would have."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "HEAD":
            return response
        if response.streaming:
            # The server still calls close(), which closes the file the body came from.
            response.streaming_content = []
        elif response.content:
            response.headers.setdefault("Content-Length", str(len(response.content)))
            response.content = b""
        return response


class HealthCheckMiddleware:
    """Answer load-balancer probes at /healthz before host checks: a probe sends the pod's
    IP as Host and plain HTTP. (SecurityMiddleware, above this one so that the probe's
    answer carries the same headers as every page, exempts /healthz from the HTTPS redirect
    through SECURE_REDIRECT_EXEMPT; the redirect would otherwise validate the Host.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            response = HttpResponse("ok", content_type="text/plain")
            response.headers["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)


class PrivacyHeadersMiddleware:
    """Keep pages about a person out of caches and search engines; switch off browser
    features the guide does not use. Outermost but for HEAD, so that it also sees the few
    responses that SecurityMiddleware does not (a bad Host refused while redirecting to
    HTTPS)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        headers = response.headers
        headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        headers.setdefault("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY)
        # The checklist permalink's query string is the person's answers: no Referer at all,
        # not even to our own static files, whose requests a proxy in front may log. Its pages
        # post no form, so the `Origin: null` that "no-referrer" causes on a POST cannot
        # trip the CSRF check (docs/decisions/0004-referrer-policy.md).
        if request.path.startswith(PERMALINK_PREFIXES):
            headers["Referrer-Policy"] = "no-referrer"
        if request.path.startswith(PRIVATE_PREFIXES):
            headers["Cache-Control"] = "no-store"
            headers["X-Robots-Tag"] = "noindex, nofollow"
        return response


class SessionLifetimeMiddleware:
    """End every session a fixed time after it began (MYNALICENSE_SESSION_LIFETIME), however
    active it is. The signed cookie's own limit (SESSION_COOKIE_AGE) counts from its last
    signature, and every request re-signs it, so without this a copied cookie that is used
    now and then would never die (docs/decisions/0007-sessions.md). Just below
    SessionMiddleware: it sees the session before anything reads it, and stamps a new one
    after everything else has written to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        now = time.time()
        created = session.get(SESSION_CREATED)
        if SESSION_CREATED in session and not (
                isinstance(created, (int, float))
                and now - settings.MYNALICENSE_SESSION_LIFETIME < created
                < now + CLOCK_SKEW_SECONDS):
            session.flush()
        response = self.get_response(request)
        keys = set(session.keys())
        if keys <= {SESSION_CREATED}:
            if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
                # Nothing left but the stamp (the last notice shown, say): delete the cookie,
                # which Django would otherwise keep, empty, for as long as the browser runs.
                session.flush()
        elif SESSION_CREATED not in keys:
            session[SESSION_CREATED] = int(now)
        return response


class RequestLimitsMiddleware:
    """Refuse a request body over DATA_UPLOAD_MAX_MEMORY_SIZE (413) before anything reads
    it, whatever its content type (Django's own limit leaves out file parts, which it would
    spool to disk); refuse multipart bodies (415): the guide takes no files, and formtools
    fails on any file part (it has no file storage); and give a wrong method (405) a page
    that says what to do instead of Django's empty body. Below LocaleMiddleware, so the
    pages are in the URL's language; above CsrfViewMiddleware, which would parse the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            # The unread body stays with the server, which discards it.
            return render(request, "errors/400.html", {}, status=413)
        if request.content_type.startswith("multipart/"):
            return render(request, "errors/400.html", {
                "heading": _("This form cannot be sent this way"),
                "message": _("This guide does not accept files or attachments. Go back to "
                             "the page, reload it and send the form again."),
            }, status=415)
        response = self.get_response(request)
        if (response.status_code == 405 and not getattr(response, "streaming", False)
                and not response.content):
            page = render(request, "errors/400.html", {}, status=405)
            page.headers["Allow"] = response.headers.get("Allow", "")
            return page
        return response
