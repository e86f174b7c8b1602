"""Settings shared by every environment. Nothing about a person is stored on the server:
no database, no models; the wizard's answers live in a signed-cookie session."""
import os
from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

INSTALLED_APPS = [
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "formtools",
    "wizard",
]

MIDDLEWARE = [
    # Request latency per URL pattern name (mynalicense/metrics.py): first, to time them all.
    "mynalicense.metrics.RequestTimingMiddleware",
    # HEAD answered without a body, so gunicorn has none to drop (and to warn about).
    "mynalicense.middleware.HeadWithoutBodyMiddleware",
    # The header middleware come next, so that every response carries their headers:
    # pages, errors, redirects, static files and the health probe's answer alike.
    # Permissions-Policy; Cache-Control: no-store and noindex on pages about a person;
    # Referrer-Policy: no-referrer on the checklist permalinks.
    "mynalicense.middleware.PrivacyHeadersMiddleware",
    # X-Frame-Options: DENY, for browsers that ignore CSP frame-ancestors.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy from SECURE_CSP.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # HTTPS redirect (not for /healthz: SECURE_REDIRECT_EXEMPT), HSTS, nosniff, referrer, COOP.
    "django.middleware.security.SecurityMiddleware",
    # Load-balancer probes carry the pod IP as Host and plain HTTP: answer them before
    # anything validates the host.
    "mynalicense.middleware.HealthCheckMiddleware",
    # Static files before anything that touches the session.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Signed-cookie session: the wizard's answers, nothing server-side.
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Every session ends MYNALICENSE_SESSION_LIFETIME after it began, even a copied cookie.
    "mynalicense.middleware.SessionLifetimeMiddleware",
    # Language from the /ja/ or /en/ URL prefix; needs the session middleware above it.
    "django.middleware.locale.LocaleMiddleware",
    # 413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE and 415 for a multipart one, before
    # anything reads them (CSRF would: it is below); a page for 405.
    "mynalicense.middleware.RequestLimitsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # One-off notices (e.g. "your answers had expired"), kept in the signed session.
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "mynalicense.urls"
WSGI_APPLICATION = "mynalicense.wsgi.application"

TEMPLATES = [
    {
        # The pages (templates/**) are Jinja2: Django's built-in backend, with the project's
        # environment (mynalicense/jinja2.py: i18n, url, static). Django's engine renders them
        # several times slower (docs/performance.md). Form widgets (the wizard's management
        # form) are rendered by Django's form renderer, which has its own engine.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "mynalicense.jinja2.environment",
            # The backend adds `request` and `csrf_input`; no page needs the CSP nonce.
            "context_processors": [
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "wizard.context_processors.site",
            ],
        },
    },
]

# No database: nothing about a person is stored on the server.
DATABASES: dict = {}

SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_NAME = "mynalicense_session"
# A browser-session cookie with a short idle limit: the answers are about a person. The
# signature's age counts from the last request (every request re-signs the cookie), so it is
# an idle limit, not a lifetime (docs/decisions/0007-sessions.md).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
# However active, a session ends this long after it began (SessionLifetimeMiddleware), from
# a time inside the signed payload: a copy of the cookie dies then too. Counter mode's
# answers end sooner (wizard/counter.py: 15 minutes idle, 60 minutes in all).
MYNALICENSE_SESSION_LIFETIME = 2 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# In the signed session, and each notice at most once (no pile-up in the cookie).
MESSAGE_STORAGE = "mynalicense.notices.OnceSessionStorage"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Like the session, the CSRF cookie ends with the browser session: nothing of a visit stays.
CSRF_COOKIE_AGE = None
# A CSRF failure shows our own bilingual page that explains what to do.
CSRF_FAILURE_VIEW = "wizard.views.csrf_failure"

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Tokyo"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed file names never change, so browsers may keep them for a year.
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# Request bodies larger than this are refused (413, RequestLimitsMiddleware); the wizard's
# forms are a few hundred bytes.
DATA_UPLOAD_MAX_MEMORY_SIZE = 16 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
# The guide takes no files: anything sent as one stays in memory (the body limit above keeps
# it small), never in a temporary file on disk.
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

SECURE_CONTENT_TYPE_NOSNIFF = True
# Load-balancer probes come over plain HTTP with the pod's IP as Host (HealthCheckMiddleware).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Never send a URL to another site. Not "no-referrer" everywhere: with it, browsers send
# `Origin: null` on our own form POSTs and Django's CSRF check refuses them. The checklist
# permalinks, whose query strings carry answers and which post no form, get "no-referrer"
# from PrivacyHeadersMiddleware (docs/decisions/0004-referrer-policy.md).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere; everything comes from our own static files.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

# Log requests without their query strings (see deploy/gunicorn.conf.py), and the few
# things an operator must know, each as one short line (mynalicense/logs.py): a server error
# with its path, exception type and place; a refused Host, form or CSRF token. Never a value
# from the request or the code, never a client address.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line": {"()": "mynalicense.logs.OneLine"}},
    "formatters": {
        # gunicorn's own error-log format, so that the two read as one log.
        "gunicorn": {"format": "[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s",
                     "datefmt": "%Y-%m-%d %H:%M:%S %z"},
    },
    "handlers": {
        "one_line": {"class": "logging.StreamHandler", "formatter": "gunicorn",
                     "filters": ["one_line"]},
    },
    "loggers": {
        # Server errors only (4xx are in the access log); one line each, no traceback.
        "django.request": {"handlers": ["one_line"], "level": "ERROR", "propagate": False},
        # DisallowedHost, TooManyFieldsSent, CSRF failures…: one line each, no traceback.
        "django.security": {"handlers": ["one_line"], "level": "WARNING", "propagate": False},
    },
}

# The deployment file: publisher, contact, the prefecture's pages and offices (format and
# default: deploy/offices.sample.toml). MYNALICENSE_OFFICES is its older name.
MYNALICENSE_DEPLOYMENT = (os.environ.get("MYNALICENSE_DEPLOYMENT")
                          or os.environ.get("MYNALICENSE_OFFICES")
                          or str(BASE_DIR / "deploy" / "offices.sample.toml"))

# Checks an operator has chosen to silence, by id (e.g. mynalicense.W001, a stale source,
# while its new reading is under way): comma-separated.
SILENCED_SYSTEM_CHECKS = env_list("DJANGO_SILENCED_SYSTEM_CHECKS", [])

SITE_NAME = _("Keep your driver's license on your new My Number Card")
