"""Production settings: everything from the environment, HTTPS behind a proxy."""
import os

from django.core.exceptions import ImproperlyConfigured

from .common import *  # noqa: F403
from .common import env_bool, env_list

try:
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
except KeyError:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (the same value on every instance).")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])

# The proxy terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# `__Host-` names: browsers take such a cookie only if it is Secure, for Path=/ and without a
# Domain, so neither a sibling subdomain nor a plain-HTTP page can set or overwrite it. The
# cookies deleting them ("Finish and clear") are Secure too (Django marks a deletion Secure
# for these names), or browsers would ignore the deletion.
SESSION_COOKIE_NAME = "__Host-mynalicense_session"
CSRF_COOKIE_NAME = "__Host-csrftoken"
