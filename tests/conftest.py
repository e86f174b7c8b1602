"""Shared helpers for the Django test-client tests: a frozen "today", a small HTML reader
for what the pages mark up (data-outcome, data-step/data-item, data-requirement, lang,
title, links, form fields), and `walk`, which answers the wizard's questions one page at
a time the way a browser does (GET the page, POST the answer, follow the redirect); and
`FormClient`, the test client posting forms as browsers post the site's forms.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client

from wizard.questions import QUESTION_BY_STEP

FROZEN_TODAY = date(2026, 11, 26)
MANAGEMENT = "questions_wizard-current_step"
SESSION_COOKIE = "mynalicense_session"
URLENCODED = "application/x-www-form-urlencoded"


class FormClient(Client):
    """Django's test client, but a POST of a dict is sent the way a browser sends the
    site's forms (none has an enctype): application/x-www-form-urlencoded. Django's client
    sends multipart/form-data, which the site refuses (415: it takes no files)."""

    def post(self, path, data=None, content_type=URLENCODED, **extra):
        if content_type == URLENCODED and isinstance(data, Mapping):
            data = urlencode(data, doseq=True)
        return super().post(path, data, content_type=content_type, **extra)


@pytest.fixture
def client() -> FormClient:
    """pytest-django's `client`, posting forms as a browser does."""
    return FormClient()


@pytest.fixture
def today(monkeypatch) -> date:
    """Freeze the checklist's "today" (Asia/Tokyo) at FROZEN_TODAY."""
    monkeypatch.setattr("wizard.views.today_tokyo", lambda: FROZEN_TODAY)
    return FROZEN_TODAY


@pytest.fixture(scope="session")
def ja_locale(tmp_path_factory) -> Path:
    """The Japanese catalog, compiled now from the .po being translated."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext (msgfmt) is not installed")
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


# --- reading a page -------------------------------------------------------------------------


@dataclass
class Page:
    """What a person (or a screen reader) gets from one HTML page."""

    lang: str | None = None
    title: str = ""
    text: str = ""
    outcomes: list[str] = field(default_factory=list)
    # data-step → the data-item ids inside that section, in page order.
    sections: dict[str, list[str]] = field(default_factory=dict)
    items_outside_sections: list[str] = field(default_factory=list)
    requirements: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, text)
    # form fields: name → value of each text input / selected option / checked radio.
    inputs: dict[str, str] = field(default_factory=dict)
    checked: dict[str, str] = field(default_factory=dict)
    radios: dict[str, list[str]] = field(default_factory=dict)
    buttons: list[dict[str, str]] = field(default_factory=list)
    classes_text: dict[str, list[str]] = field(default_factory=dict)  # class → texts

    def texts_of(self, css_class: str) -> list[str]:
        return self.classes_text.get(css_class, [])

    def item_sets(self) -> dict[str, set[str]]:
        return {step: set(ids) for step, ids in self.sections.items()}

    def hrefs(self) -> list[str]:
        return [href for href, _ in self.links]


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._text: list[str] = []
        self._title: list[str] | None = None
        self._section: str | None = None
        self._link: tuple[str, list[str]] | None = None
        self._select: str | None = None
        self._button: dict[str, str] | None = None
        # (tag, classes, collected text) for elements whose text is kept by class.
        self._stack: list[tuple[str, list[str], list[str]]] = []

    def handle_starttag(self, tag, attrs):
        a = {name: (value or "") for name, value in attrs}
        p = self.page
        if tag == "html":
            p.lang = a.get("lang")
        if tag == "title":
            self._title = []
        if "data-outcome" in a:
            p.outcomes.append(a["data-outcome"])
        if "data-step" in a:
            self._section = a["data-step"]
            p.sections.setdefault(self._section, [])
        if "data-item" in a:
            if self._section is None:
                p.items_outside_sections.append(a["data-item"])
            else:
                p.sections[self._section].append(a["data-item"])
        if "data-requirement" in a:
            p.requirements.append((a["data-requirement"], a.get("data-status", "")))
        if tag == "a" and "href" in a:
            self._link = (a["href"], [])
        if tag == "input":
            kind = a.get("type", "text")
            name = a.get("name", "")
            if kind == "radio":
                p.radios.setdefault(name, []).append(a.get("value", ""))
                if "checked" in a:
                    p.checked[name] = a.get("value", "")
            elif kind in ("text", "hidden"):
                p.inputs[name] = a.get("value", "")
        if tag == "select":
            self._select = a.get("name", "")
        if tag == "option" and self._select is not None and "selected" in a:
            p.inputs[self._select] = a.get("value", "")
        if tag == "button":
            self._button = {**a, "text": ""}
        if tag not in _VOID:
            self._stack.append((tag, a.get("class", "").split(), []))

    def handle_endtag(self, tag):
        if tag == "title" and self._title is not None:
            self.page.title = " ".join("".join(self._title).split())
            self._title = None
        if tag == "section":
            self._section = None
        if tag == "a" and self._link is not None:
            href, words = self._link
            self.page.links.append((href, " ".join("".join(words).split())))
            self._link = None
        if tag == "select":
            self._select = None
        if tag == "button" and self._button is not None:
            self.page.buttons.append(self._button)
            self._button = None
        # Close up to the matching open tag (tolerates omitted end tags).
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                for _, classes, words in self._stack[index:][::-1]:
                    for css_class in classes:
                        self.page.classes_text.setdefault(css_class, []).append(
                            " ".join("".join(words).split()))
                del self._stack[index:]
                break

    def handle_data(self, data):
        self._text.append(data)
        if self._title is not None:
            self._title.append(data)
        if self._link is not None:
            self._link[1].append(data)
        if self._button is not None:
            self._button["text"] += data
        for _, _, words in self._stack:
            words.append(data)

    def close(self):
        super().close()
        self.page.text = " ".join("".join(self._text).split())


def parse_page(response_or_html) -> Page:
    html = response_or_html
    if not isinstance(html, str):
        html = response_or_html.content.decode()
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


# --- answering the wizard ---------------------------------------------------------------------


def step_of(url: str) -> str | None:
    """The wizard step named by a /<lang>/questions/<step>/ URL (None for other URLs)."""
    parts = urlsplit(url).path.strip("/").split("/")
    if len(parts) == 3 and parts[1] == "questions":
        return parts[2]
    return None


def step_url(step: str, lang: str = "en") -> str:
    return f"/{lang}/questions/{step}/"


def answer_data(step: str, value) -> dict[str, str]:
    """The POST of one question page: `value` is a choice value, a date written as
    "YYYY-MM-DD" (or "MM-DD" for the birthday), None/"" for a blank date, or a dict of the
    form's own fields (e.g. {"era": "reiwa", "year": "9", ...})."""
    data = {MANAGEMENT: step}
    if step == "check":
        return data
    kind = QUESTION_BY_STEP[step].kind
    if isinstance(value, Mapping):
        fields = dict(value)
    elif kind == "choice":
        fields = {} if value is None else {step: value}
    elif not value:
        fields = {"year": "", "month": "", "day": ""} if kind != "month_day" else {
            "month": "", "day": ""}
    elif kind == "month_day":
        month, day = value.split("-")
        fields = {"month": month, "day": day}
    else:
        year, month, day = value.split("-")
        fields = {"year": year, "month": month, "day": day}
        if kind == "era_date":
            fields["era"] = "western"
    data.update({f"{step}-{name}": text for name, text in fields.items()})
    return data


@dataclass
class Walked:
    steps: list[str]  # every page answered, in order, "check" included when reached
    response: object  # the last response
    url: str  # where the last redirect pointed (the checklist permalink at the end)

    @property
    def query(self) -> str:
        return urlsplit(self.url).query


def walk_answers(client, answers: Mapping[str, object], *, lang: str = "en",
                 until: str | None = None, start: str | None = None) -> Walked:
    """Answer the wizard like a browser: GET each page, POST its answer from `answers`
    (a missing date is left blank; a missing choice is a test error), follow the redirect.
    Begins afresh at `?reset=1`, or at the page `start` with the answers already stored;
    stops before the page `until`, or at the checklist after the check page."""
    response = None
    if start is None:
        response = client.get(f"/{lang}/questions/?reset=1")
        assert response.status_code == 302, response.status_code
        url = response["Location"]
    else:
        url = step_url(start, lang)
    steps: list[str] = []
    while True:
        step = step_of(url)
        assert step is not None and step != "done", f"unexpected redirect to {url}"
        # The longest path has 14 pages: more means the wizard keeps sending us back.
        assert len(steps) < 30, f"walk: going round in circles: {steps}"
        if step == until:
            return Walked(steps, response, url)
        page = client.get(url)
        assert page.status_code == 200, (url, page.status_code)
        if step != "check":
            assert step in answers or QUESTION_BY_STEP[step].kind != "choice", (
                f"walk: no answer given for the question {step!r} (visited {steps})")
        steps.append(step)
        response = client.post(url, answer_data(step, answers.get(step)))
        assert response.status_code == 302, (
            step, response.status_code, parse_page(response).texts_of("error-message"))
        url = response["Location"]
        if step_of(url) == "done":
            response = client.get(url)
            assert response.status_code == 302, response.status_code
            url = response["Location"]
        if "/checklist/" in url:
            return Walked(steps, response, url)


@pytest.fixture
def walk(client):
    """`walk(answers, lang="en", until=None)` with the test's client; see walk_answers."""
    def run(answers: Mapping[str, object], **kwargs) -> Walked:
        return walk_answers(client, answers, **kwargs)
    return run
