"""The security and privacy headers every response must carry (issue 5 §2) and which
responses are private, checked the same way on test-client responses and on real servers'
ones; a response of every kind; and production settings exercised for real, in a process of
their own (`production_responses`, the `production` fixture of tests/conftest.py)."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings as django_settings
from django.templatetags.static import static

from .client import FormClient as Client
from .server import HOST
from .walk import answer_data, step_url

BASE_DIR = Path(django_settings.BASE_DIR)
PERMALINK = ("holding=both&reason=expiring&stage=before&channel=online&cert_submitted=yes"
             "&license_status=valid&special_chars=no&birthday=12-20&license_expiry=2027-01-20"
             "&card_expiry=2027-01-10")


def production_env(**extra: str) -> dict[str, str]:
    """The environment of a production instance: prod settings and production values."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="mynalicense.settings.prod",
               DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_ALLOWED_HOSTS=HOST)
    env.update(extra)
    return env


# --- what every response carries -----------------------------------------------------------


def csp_directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


def assert_common_headers(response, *, secure: bool = False) -> None:
    """The headers of issue 5 §2, on any response whatever its status or type."""
    headers = response.headers
    csp = csp_directives(response)
    assert csp["default-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert csp[directive] == ["'self'"], (directive, csp[directive])
    assert "unsafe" not in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in ("same-origin", "no-referrer")
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions
    if secure:
        hsts = headers["Strict-Transport-Security"]
        assert int(re.match(r"max-age=(\d+)", hsts).group(1)) >= 365 * 24 * 3600
        assert "includeSubDomains" in hsts


def is_private(path: str) -> bool:
    return bool(re.match(r"^/(ja|en)/(questions|checklist|counter)/", path))


def assert_private_headers(response, path: str) -> None:
    """Pages about a person stay out of caches and search engines; the permalinks, whose
    query is the person's answers, send no Referer at all."""
    if is_private(path):
        assert response.headers["Cache-Control"] == "no-store", path
        assert "noindex" in response.headers["X-Robots-Tag"], path
    if re.match(r"^/(ja|en)/checklist/", path):
        assert response.headers["Referrer-Policy"] == "no-referrer", path
    else:
        assert response.headers["Referrer-Policy"] == "same-origin", path


def every_kind_of_response() -> list[tuple[str, str, object]]:
    """(name, path, response) for every kind of page, redirect, error and file."""
    client = Client()
    got: list[tuple[str, str, object]] = []

    def get(name: str, path: str, **kwargs) -> None:
        got.append((name, path.split("?")[0], client.get(path, **kwargs)))

    def post(name: str, path: str, data=None, **kwargs) -> None:
        got.append((name, path.split("?")[0], client.post(path, data or {}, **kwargs)))

    get("root redirect", "/")
    get("start", "/ja/")
    get("start, English", "/en/")
    get("sources", "/en/sources/")
    get("wizard start redirect", "/en/questions/?reset=1")
    get("question", step_url("holding"))
    post("answer", step_url("holding"), answer_data("holding", "myna_only"))
    post("invalid answer", step_url("reason"), answer_data("reason", "bogus"))
    get("check", f"/en/questions/load/?{PERMALINK}")
    get("check page", step_url("check"))
    get("checklist", f"/en/checklist/?{PERMALINK}")
    get("checklist, Japanese", f"/ja/checklist/?{PERMALINK}")
    get("checklist step", f"/en/checklist/2/?{PERMALINK}")
    get("calendar", f"/en/checklist/calendar.ics?{PERMALINK}")
    get("calendar needs answers", "/en/checklist/calendar.ics?holding=none")
    get("bad permalink", "/en/checklist/?holding=bogus")
    get("missing slash", f"/en/checklist?{PERMALINK}")
    get("counter", "/en/counter/")
    get("counter checklist without answers", "/en/counter/checklist/")
    get("counter finish, asked", "/en/counter/finish/")
    post("counter finish", "/en/counter/finish/")
    # Issue 11: the finish page asks first (GET); the counter checklist takes no POST.
    post("wrong method", "/en/counter/checklist/")
    post("wrong method on a permalink", f"/en/checklist/?{PERMALINK}")
    post("body too large", step_url("holding"), "x" * (20 * 1024),
         content_type="application/x-www-form-urlencoded")
    get("not found", "/en/nowhere/")
    get("not found, no language", "/nowhere")
    get("health probe", "/healthz")
    get("static file", static("css/guide.css"))
    got.append(("head", "/ja/", client.head("/ja/")))
    strict = Client(enforce_csrf_checks=True)
    strict.get(step_url("holding"))
    got.append(("csrf failure", step_url("holding"),
                strict.post(step_url("holding"), answer_data("holding", "both"))))
    got.append(("bad host", "/ja/", Client().get("/ja/", HTTP_HOST="evil.example")))
    return got


# --- production settings, in a process of their own -----------------------------------------

PROD_SCRIPT = r"""
import json, django
from urllib.parse import urlencode
django.setup()
from django.test import Client

def cookies(response):
    return {name: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"]),
                   "samesite": m["samesite"], "max-age": str(m["max-age"]),
                   "expires": m["expires"], "value": m.value, "path": m["path"],
                   "domain": m["domain"]}
            for name, m in response.cookies.items()}

def record(response):
    return {"status": response.status_code, "headers": dict(response.headers),
            "cookies": cookies(response)}

https = Client(HTTP_HOST="guide.example.jp", HTTP_X_FORWARDED_PROTO="https")
out = {}
out["question"] = record(https.get("/ja/questions/holding/"))
out["answer"] = record(https.post("/ja/questions/holding/", urlencode({
    "questions_wizard-current_step": "holding", "holding-holding": "both"}),
    content_type="application/x-www-form-urlencoded"))
out["finish"] = record(https.post("/ja/counter/finish/", "",
                                  content_type="application/x-www-form-urlencoded"))
out["checklist"] = record(https.get("/ja/checklist/?holding=both&stage=applied"))
out["http"] = record(Client(HTTP_HOST="guide.example.jp").get("/ja/checklist/?holding=both"))
out["probe"] = record(Client(HTTP_HOST="10.1.2.3").get("/healthz"))
out["bad host"] = record(https.get("/ja/", HTTP_HOST="evil.example"))
out["bad host, plain HTTP"] = record(Client(HTTP_HOST="evil.example").get("/ja/"))
print(json.dumps(out))
"""


def production_responses() -> dict:
    """What PROD_SCRIPT recorded, by name: status, headers and cookies."""
    done = subprocess.run([sys.executable, "-c", PROD_SCRIPT], cwd=BASE_DIR,
                          env=production_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])
