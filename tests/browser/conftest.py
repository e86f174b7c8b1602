"""Fixtures for the real-browser tests: Debian's Chromium driven by Playwright against
pytest-django's live server, one browser for the whole session, a fresh context (cookies,
viewport, JavaScript on or off) per test; screenshots and HTML saved when a test fails.

Walking the wizard by clicking: `support.walk` / `support.answer_questions`, through the
`walk_by_clicking` fixture below or directly; support.py also holds the journeys and the
catalogue of every kind of page, which the test modules parametrise over.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# pytest-django's live_server + Playwright's sync API: Playwright runs an event loop in the
# test's thread, and Django refuses database calls (the test DB flush) from such a thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from tests.support import accessibility_results  # noqa: E402

from . import support  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
NO_BROWSER = "Chromium not found: apt-get install chromium fonts-noto-cjk"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


# --- the server ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def static_collected(django_test_environment) -> None:
    """The pages name their CSS and JS through WhiteNoise's manifest storage: collect the
    static files first, so the manifest matches static/ as it is now (`make test` does too;
    this keeps a bare `pytest` run right after a CSS change)."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(scope="session")
def live_server(request, static_collected):
    """pytest-django's live server, serving /static/ the way production does.

    pytest-django wraps the site in Django's StaticFilesHandler, which looks files up by their
    source names through the finders: the hashed names of the manifest storage
    (guide.<hash>.css) are not found there, so every page would load without its CSS. Here
    the static handler is left out and WhiteNoise (in MIDDLEWARE) serves STATIC_ROOT, exactly
    as in production."""
    from pytest_django.live_server_helper import LiveServer

    addr = (request.config.getvalue("liveserver")
            or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
    server = LiveServer(addr, start=False)
    server.thread.static_handler = lambda application: application
    server.start()
    yield server
    server.stop()


# --- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole session. No browser is a failure, never a skip."""
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"{NO_BROWSER} (looked for {CHROMIUM})", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser: Browser, live_server, request) -> Iterator[Callable[..., Page]]:
    """A factory of pages, each in its own browser context (its own cookies): keyword
    arguments go to `browser.new_context` (viewport, java_script_enabled, …)."""
    contexts = []
    pages: list[Page] = []
    request.node._browser_pages = pages

    def make(**options) -> Page:
        options.setdefault("locale", "ja-JP")
        options.setdefault("timezone_id", "Asia/Tokyo")
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        pages.append(page)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def _page_pool(browser: Browser, live_server) -> Iterator[dict]:
    pool: dict[str, tuple] = {}
    yield pool
    for context, _ in pool.values():
        context.close()


@pytest.fixture
def shared_page(_page_pool, browser: Browser, live_server, request) -> Callable[..., Page]:
    """`shared_page(name, **context_options)`: a page kept for the whole session and reused
    by every test that asks for the same name, its cookies cleared first. Opening a browser
    context costs about half a second here; the many one-page tests share one instead."""
    def get(name: str = "desktop", **options) -> Page:
        entry = _page_pool.get(name)
        if entry is None or entry[1].is_closed():
            options.setdefault("locale", "ja-JP")
            options.setdefault("timezone_id", "Asia/Tokyo")
            context = browser.new_context(base_url=live_server.url, **options)
            context.set_default_timeout(15_000)
            entry = _page_pool[name] = (context, context.new_page())
        context, page = entry
        context.clear_cookies()
        page.emulate_media(media="screen")
        request.node._browser_pages = [*getattr(request.node, "_browser_pages", []), page]
        return page
    return get


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


@pytest.fixture
def nojs_page(new_page) -> Page:
    return new_page(java_script_enabled=False)


@pytest.fixture
def walk_by_clicking(page) -> Callable[..., support.Walked]:
    """`walk_by_clicking(lang, answers, until="done")`: from the start page, click through
    the wizard (support.walk on this test's page; tests/conftest.py's `walk` is the
    test-client one)."""
    def run(lang: str, answers, **kwargs) -> support.Walked:
        return support.walk(page, lang, answers, **kwargs)
    return run


# --- evidence on failure ---------------------------------------------------------------------


def artefact_stem(item: pytest.Item) -> Path:
    name = re.sub(r"[^\w.\-\[\]]+", "_", item.nodeid.split("tests/browser/")[-1])
    return ARTIFACTS / name[-180:]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    report = yield
    if report.failed and report.when in ("setup", "call"):
        saved = []
        for index, page in enumerate(getattr(item, "_browser_pages", [])):
            if page.is_closed():
                continue
            stem = artefact_stem(item)
            if index:
                stem = stem.with_name(f"{stem.name}-{index}")
            stem.parent.mkdir(parents=True, exist_ok=True)
            try:
                page.screenshot(path=f"{stem}.png", full_page=True)
                saved.append(f"{stem}.png")
            except Exception as error:  # a crashed page must not hide the real failure
                saved.append(f"(no screenshot: {error})")
            try:
                Path(f"{stem}.html").write_text(
                    f"<!-- {page.url} -->\n{page.content()}", encoding="utf-8")
                saved.append(f"{stem}.html")
            except Exception as error:
                saved.append(f"(no HTML: {error})")
        if saved:
            report.sections.append(("browser artefacts", "\n".join(saved)))
    return report


# --- tools -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def japanese_fonts() -> None:
    """Printed Japanese needs a CJK font, or it comes out as boxes (tofu)."""
    fc_list = shutil.which("fc-list")
    found = fc_list and subprocess.run(
        [fc_list, ":lang=ja", "family"], capture_output=True, text=True).stdout.strip()
    if not found:
        pytest.fail("No Japanese font found: apt-get install fonts-noto-cjk", pytrace=False)


# --- what the run checked, for the accessibility statement -----------------------------------

_results = accessibility_results.ResultsCollector()


def pytest_deselected(items):
    _results.deselected(item.nodeid for item in items)


def pytest_runtest_logreport(report):
    _results.add(nodeid=report.nodeid, when=report.when, outcome=report.outcome,
                 properties=report.user_properties)


def pytest_sessionfinish(session):
    from guide.dates import today_tokyo

    if _results.outcomes:
        _results.write(accessibility_results.RESULTS_PATH, today=today_tokyo(),
                       axe=accessibility_results.axe_version())
