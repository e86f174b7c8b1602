"""The guide takes no files (issue 12, finding 2): a multipart body, the only kind that can
carry one, is refused with a 415 page in the URL's language before formtools or the CSRF
check parse it. Before, any file part posted to a wizard step with a valid CSRF token (as
`curl -F f=@somefile` sends it) raised formtools' NoFileStorageConfigured: a 500 anyone
could trigger. And HEAD requests get no body, which gunicorn would otherwise drop and log."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from tests.support.client import FormClient
from tests.support.page import parse_page
from tests.support.walk import MANAGEMENT, answer_data, step_url
from wizard.questions import QUESTION_BY_STEP

LANGS = ["ja", "en"]
WIZARD_STEPS = [*QUESTION_BY_STEP, "check"]
HEADING = {"en": "This form cannot be sent this way",
           "ja": "この方法ではフォームを送信できません"}
MESSAGE = {"en": "This guide does not accept files or attachments.",
           "ja": "このガイドでは、ファイルや添付を受け付けていません。"}
# The other pages a POST may be sent to: counter mode and the wizard's own entry points.
OTHER_POST_PAGES = ["counter/", "counter/finish/", "counter/checklist/", "questions/",
                    "questions/load/"]


# Two people whose answers, loaded from their permalinks, between them make every step apply.
BEFORE = ("holding=myna_only&reason=expiring&stage=before&channel=online&cert_submitted=yes"
          "&license_status=valid&special_chars=no&birthday=01-20&license_expiry=2027-02-20"
          "&card_expiry=2027-01-10")
LATER = BEFORE.replace("stage=before", "stage=notice") + (
    "&continue_use=yes&cert_requested=yes&notice_result=recorded")


def started_client(lang: str, step: str = "holding") -> tuple[FormClient, str, dict]:
    """A browser whose wizard has `step` on its path (answers loaded from a permalink), the
    CSRF token of that step's page, checked as in production, and a valid answer to it."""
    for query in (BEFORE, LATER):
        client = FormClient(enforce_csrf_checks=True)
        client.get(f"/{lang}/questions/load/?{query}")
        page = client.get(step_url(step, lang))
        if page.status_code == 200 and parse_page(page).inputs.get(MANAGEMENT) == step:
            value = dict(parse_qsl(query)).get(step)
            return client, parse_page(page).inputs["csrfmiddlewaretoken"], answer_data(step, value)
    raise AssertionError(f"no permalink puts {step} on the wizard's path")


def multipart(client, path: str, fields: dict) -> object:
    return client.generic("POST", path, encode_multipart(BOUNDARY, fields),
                          content_type=MULTIPART_CONTENT)


def assert_refused(response, lang: str) -> None:
    assert response.status_code == 415, response.status_code
    page = parse_page(response)
    assert page.lang == lang
    assert HEADING[lang] in page.title
    assert MESSAGE[lang] in page.text
    # A way on: the questions, in the same language.
    assert f"/{lang}/questions/?reset=1" in page.hrefs()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("step", WIZARD_STEPS)
def test_a_file_posted_with_a_valid_answer_to_any_step_is_refused_with_a_page(japanese, lang, step):
    """The issue's reproduction: a valid answer, the page's CSRF token and one file part.
    Without the refusal, formtools raises NoFileStorageConfigured on every step (a 500)."""
    client, token, answer = started_client(lang, step)
    before = dict(client.session)
    response = multipart(client, step_url(step, lang), {
        **answer, "csrfmiddlewaretoken": token,
        "f": SimpleUploadedFile("somefile.txt", b"anything at all", "text/plain")})
    assert_refused(response, lang)
    # Nothing was read: the answers stored so far are as they were.
    assert dict(client.session) == before


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", OTHER_POST_PAGES)
def test_a_file_posted_to_the_counter_or_the_wizard_s_entries_is_refused(japanese, lang, page):
    client, token, answer = started_client(lang)
    before = dict(client.session)
    response = multipart(client, f"/{lang}/{page}", {
        **answer, "csrfmiddlewaretoken": token,
        "f": SimpleUploadedFile("somefile.txt", b"anything at all", "text/plain")})
    assert_refused(response, lang)
    assert dict(client.session) == before


@pytest.mark.parametrize("lang", LANGS)
def test_a_multipart_form_without_a_file_is_refused_too(japanese, lang):
    """Browsers send the site's forms urlencoded (none has an enctype): multipart is never
    one of ours, with or without a file."""
    client, token, answer = started_client(lang, "reason")
    response = multipart(client, step_url("reason", lang), {
        **answer, "csrfmiddlewaretoken": token})
    assert_refused(response, lang)


def test_the_refusal_comes_before_the_csrf_check():
    """No token at all: still the 415 page, not the 403: the body was never parsed."""
    client = FormClient(enforce_csrf_checks=True)
    response = multipart(client, step_url("holding"), {
        "f": SimpleUploadedFile("a.pdf", b"%PDF-1.7", "application/pdf")})
    assert response.status_code == 415


def test_a_body_over_the_limit_is_still_a_413_multipart_or_not(client):
    big = SimpleUploadedFile("big.bin", b"x" * (17 * 1024))
    assert multipart(client, step_url("holding"), {"f": big}).status_code == 413


def test_the_site_s_own_urlencoded_forms_still_pass(client):
    response = client.post(step_url("holding"), answer_data("holding", "both"))
    assert response.status_code == 302
    assert response["Location"] == step_url("reason")


# --- HEAD ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/ja/", "/en/sources/", step_url("holding"),
                                  "/en/checklist/?holding=both", "/en/nowhere/",
                                  "/en/checklist/?holding=bogus", "/healthz"])
def test_head_gets_the_headers_of_get_and_no_body(client, path):
    """A body on a HEAD response is what made gunicorn log a warning per HEAD request.
    (Django's test client drops HEAD bodies itself, so the response object is what is
    looked at, before the client's own handling.)"""
    get = client.get(path)
    response = WSGIHandler().get_response(RequestFactory().head(path))
    assert response.status_code == get.status_code
    assert response.content == b""
    assert response["Content-Length"] == str(len(get.content))
    assert response["Content-Type"] == get["Content-Type"]
