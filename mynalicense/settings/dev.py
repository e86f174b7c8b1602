"""Local settings for `make run` and development: plain HTTP on loopback, no configuration."""
import os

from .common import *  # noqa: F403
from .common import env_list

# A fixed key for local use only; production refuses to start without DJANGO_SECRET_KEY.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-not-for-deployment")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
