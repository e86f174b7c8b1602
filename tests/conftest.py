"""Fixtures for the Django test-client tests: a frozen "today", the Japanese catalogue
compiled from the current .po, `walk`, a `client` that posts forms as browsers post the
site's forms, and `production` (the app's responses under production settings, in a process
of their own). What the tests share otherwise is in tests/support/."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.support.people import TODAY
from tests.support.client import FormClient
from tests.support.headers import production_responses
from tests.support.walk import Walked, walk_answers

@pytest.fixture
def client(today) -> FormClient:
    """pytest-django's `client`, posting forms as a browser does, on the frozen TODAY: the
    card expiry is checked against "today" (issue 11), so no test may depend on the clock."""
    return FormClient()


@pytest.fixture
def today(monkeypatch) -> date:
    """Freeze the checklist's "today" (Asia/Tokyo) at TODAY."""
    for module in ("wizard.views", "wizard.counter"):
        monkeypatch.setattr(f"{module}.today_tokyo", lambda: TODAY)
    return TODAY


@pytest.fixture(scope="session")
def ja_locale(tmp_path_factory) -> Path:
    """The Japanese catalog, compiled now from the .po being translated."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail("GNU gettext (msgfmt) is not installed: apt-get install gettext")
    root = tmp_path_factory.mktemp("locale")
    (root / "ja" / "LC_MESSAGES").mkdir(parents=True)
    po = Path(django_settings.BASE_DIR) / "locale" / "ja" / "LC_MESSAGES" / "django.po"
    subprocess.run([msgfmt, "--check", "-o", str(root / "ja" / "LC_MESSAGES" / "django.mo"),
                    str(po)], check=True)
    return root


@pytest.fixture
def japanese(settings, ja_locale) -> None:
    """Serve the Japanese pages with the catalog compiled from the current .po."""
    settings.LOCALE_PATHS = [ja_locale]


@pytest.fixture
def walk(client):
    """`walk(answers, lang="en", until=None)` with the test's client; see walk_answers."""
    def run(answers: Mapping[str, object], **kwargs) -> Walked:
        return walk_answers(client, answers, **kwargs)
    return run


@pytest.fixture(scope="module")
def production() -> dict:
    """Responses of the app under production settings, by name (tests/support/headers.py):
    status, headers and cookies. The security tests and the deployment tests compare them."""
    return production_responses()
