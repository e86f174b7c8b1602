"""Test settings: the dev settings plus what the test runner needs."""
from .dev import *  # noqa: F403

# pytest-django's live_server needs a database setting even though the app has none.
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
