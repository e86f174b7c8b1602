"""7. Valid HTML: the Nu Html Checker (vnu.jar from the npm package vnu-jar) reports no errors
for any kind of page. Every page is fetched through the browser as the server sent it, saved,
and checked in ONE java run (the JVM start costs seconds)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import ARTIFACTS, ROOT
from .support import PAGE_IDS, PAGES, open_kind

pytestmark = pytest.mark.browser

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="session")
def vnu_messages(browser, live_server, tmp_path_factory, django_db_setup,
                 django_db_blocker) -> dict[str, list[dict]]:
    """Page id → the checker's errors for it ("_files": page id → the file checked)."""
    java = shutil.which("java")
    if not java:
        pytest.fail("Java not found: apt-get install default-jre-headless", pytrace=False)
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} not found: run `npm ci` (make test does)", pytrace=False)
    folder = tmp_path_factory.mktemp("html")
    context = browser.new_context(base_url=live_server.url, locale="ja-JP")
    page = context.new_page()
    files: dict[str, Path] = {}
    # A session fixture is set up before any test's database fixture, and the live server's
    # request handling (close_old_connections) touches the test database.
    with django_db_blocker.unblock():
        try:
            for kind in PAGES:
                context.clear_cookies()
                response = open_kind(page, kind)
                path = folder / f"{kind.id}.html"
                path.write_bytes(response.body())
                files[kind.id] = path
        finally:
            context.close()
    run = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--stdout",
         *map(str, files.values())],
        capture_output=True, text=True, timeout=300)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar gave no JSON (exit {run.returncode}):\n{run.stdout}\n{run.stderr}")
    by_path = {path.resolve(): kind_id for kind_id, path in files.items()}
    messages: dict[str, list[dict]] = {kind_id: [] for kind_id in files}
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue  # warnings and infos are not failures
        url = message.get("url", "")
        kind_id = by_path.get(Path(unquote(urlsplit(url).path)).resolve())
        if kind_id is None:
            pytest.fail(f"vnu.jar: {message}")
        messages[kind_id].append(message)
    messages["_files"] = files  # type: ignore[assignment]
    return messages


def describe(message: dict) -> str:
    where = f"line {message.get('lastLine', '?')}, column {message.get('firstColumn', '?')}"
    return f"- {where}: {message.get('message')}\n    {message.get('extract', '').strip()!r}"


@pytest.mark.parametrize("kind_id", PAGE_IDS)
def test_html_is_valid(vnu_messages, kind_id):
    errors = vnu_messages[kind_id]
    if errors:
        saved = ARTIFACTS / "html-valid" / f"{kind_id}.html"
        saved.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(vnu_messages["_files"][kind_id], saved)
        report = "\n".join(describe(m) for m in errors)
        pytest.fail(f"{kind_id}: {len(errors)} HTML errors (page saved as {saved}):\n{report}",
                    pytrace=False)
