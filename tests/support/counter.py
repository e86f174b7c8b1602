"""Counter mode through the test client: its URLs, and its one form filled in and sent the
way a browser sends it (the form as shown, with the answers given in the wizard tests'
format), up to the counter checklist."""

from __future__ import annotations

from collections.abc import Mapping

from .page import parse_page
from .walk import MANAGEMENT, answer_data


def counter_url(lang: str, page: str = "") -> str:
    return f"/{lang}/counter/" + (f"{page}/" if page else "")


def form_defaults(page) -> dict[str, str]:
    """What a browser would send for the counter form as shown: the preselected radios and
    the boxes (empty, or refilled from stored answers)."""
    inputs = {k: v for k, v in page.inputs.items() if k != "csrfmiddlewaretoken"}
    return {**inputs, **page.checked}


def counter_data(page, answers: Mapping[str, object]) -> dict[str, str]:
    """The form as shown, with `answers` filled in (the wizard tests' answer format)."""
    data = form_defaults(page)
    for step, value in answers.items():
        fields = answer_data(step, value)
        fields.pop(MANAGEMENT)
        data.update(fields)
    return data


def send(client, answers: Mapping[str, object], *, lang: str = "en", drop=(), extra=None):
    """Open the counter form, fill it in, send it; the response to the POST."""
    page = parse_page(client.get(counter_url(lang)))
    data = {**counter_data(page, answers), **(extra or {})}
    for name in drop:
        data.pop(name, None)
    return client.post(counter_url(lang), data)


def send_wrong(client, answers: Mapping[str, object], *, lang: str = "en", **kwargs):
    """Send a form that is refused: the POST redirects back to the form (post/redirect/
    get), whose GET shows the errors. The response to that GET."""
    response = send(client, answers, lang=lang, **kwargs)
    assert response.status_code == 302, response.status_code
    assert response["Location"] == counter_url(lang)
    return client.get(response["Location"])


def counter_checklist(client, answers: Mapping[str, object], *, lang: str = "en", extra=None):
    response = send(client, answers, lang=lang, extra=extra)
    assert response.status_code == 302, parse_page(response).texts_of("error-message")
    assert response["Location"] == counter_url(lang, "checklist")
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page
