"""Small middleware of our own. Each says why it exists."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render

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
    features the guide does not use. Outermost, so that it also sees the few responses that
    SecurityMiddleware does not (a bad Host refused while redirecting to HTTPS)."""

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


class RequestLimitsMiddleware:
    """Refuse a request body over DATA_UPLOAD_MAX_MEMORY_SIZE (413) before anything reads
    it, whatever its content type (Django's own limit leaves out file parts, which it would
    spool to disk); and give a wrong method (405) a page that says what to do instead of
    Django's empty body. Below LocaleMiddleware, so both pages are in the URL's language."""

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
        response = self.get_response(request)
        if (response.status_code == 405 and not getattr(response, "streaming", False)
                and not response.content):
            page = render(request, "errors/400.html", {}, status=405)
            page.headers["Allow"] = response.headers.get("Allow", "")
            return page
        return response
