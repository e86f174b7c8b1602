"""Answering the wizard the way a browser does: GET the page, POST the answer, follow the
redirect."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from wizard.questions import QUESTION_BY_STEP

from .page import parse_page

MANAGEMENT = "questions_wizard-current_step"
SESSION_COOKIE = "mynalicense_session"


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


