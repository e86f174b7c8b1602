"""Small middleware of our own. Each says why it exists."""

from django.http import HttpResponse

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
    """Answer load-balancer probes at /healthz before host checks and HTTPS redirects:
    a probe sends the pod's IP as Host and plain HTTP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return HttpResponse("ok", content_type="text/plain")
        return self.get_response(request)


class PrivacyHeadersMiddleware:
    """Keep pages about a person out of caches and search engines; switch off browser
    features the guide does not use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path.startswith(PERMALINK_PREFIXES):
            response.headers["Referrer-Policy"] = "no-referrer"
        if request.path.startswith(PRIVATE_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response
