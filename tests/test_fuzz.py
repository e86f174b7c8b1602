"""Random and hostile input to every endpoint (hypothesis): permalinks with random, huge,
non-UTF-8 and repeated parameters; wizard and counter POSTs with missing or forged
management data, wrong steps, odd encodings and oversized bodies; forged, foreign and stale
cookies. Never a 5xx; always a page that says what to do (or a redirect to one).

Bounded: a fixed number of examples per property, derandomized so that CI sees the same
inputs every run, no example database written to disk; the module runs in well under a
minute. For a deeper, random hunt: `FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py`."""

from __future__ import annotations

import os
import re
import time
from unittest import mock
from urllib.parse import quote, quote_from_bytes

from django.conf import settings as django_settings
from django.core import signing
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.support.client import FormClient as Client
from tests.support.walk import MANAGEMENT, SESSION_COOKIE, answer_data, step_url
from guide.answers import CHOICES, PARAMETERS
from wizard.questions import QUESTION_BY_STEP

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=EXAMPLES or 60, derandomize=not EXAMPLES, deadline=None,
                database=None, suppress_health_check=[HealthCheck.too_slow])

LANGS = st.sampled_from(["ja", "en"])
STEPS = [*QUESTION_BY_STEP, "check", "done", "load"]
PARAMETER_NAMES = [*PARAMETERS, "step", "change", "reset"]
CHOICE_VALUES = sorted({c.value for choices in CHOICES.values() for c in choices})
# A few values that mean something, and anything at all.
VALUES = st.one_of(
    st.sampled_from(CHOICE_VALUES + ["2027-01-20", "12-20", "02-29", "2026-02-30", "", "1"]),
    st.text(max_size=40),
    # Huge: a few characters repeated up to some 50,000 times.
    st.builds(lambda text, times: text * times, st.text(min_size=1, max_size=10),
              st.integers(100, 5000)),
)
# Every page a person (or a robot) can ask for.
PAGES = st.one_of(
    st.builds(lambda lang, page: f"/{lang}/{page}", LANGS, st.sampled_from([
        "", "checklist/", "checklist/1/", "checklist/2/", "checklist/3/", "checklist/4/",
        "checklist/5/", "checklist/calendar.ics", "checklist/qr.svg", "sources/", "questions/",
        "counter/", "counter/checklist/", "counter/qr.svg", "counter/finish/", "questions/load/",
        "checklist"])),
    st.builds(lambda lang, step: step_url(step, lang), LANGS,
              st.sampled_from(STEPS) | st.from_regex(r"[a-z_]{1,20}", fullmatch=True)),
    st.sampled_from(["/", "/healthz", "/xx/checklist/", "/static/css/guide.css"]),
)
MAIN = re.compile(r"<main\b.*?</main>", re.S)
WHAT_TO_DO = re.compile(r'href="/(ja|en)/[^"]*"')


def assert_helpful(response, what: object) -> None:
    """Never a server error; every refusal is a page of ours with a way on."""
    status = response.status_code
    assert status < 500, (what, status)
    if 300 <= status < 400:
        assert response["Location"], what
        return
    if status >= 400 and response.get("Content-Type", "").startswith("text/html"):
        main = MAIN.search(response.content.decode())
        assert main and WHAT_TO_DO.search(main.group()), (what, status)
    elif status == 405 and "/static/" in str(what):
        pass  # a POST to a stylesheet: WhiteNoise's bare 405, no person goes there
    else:
        assert status in (200, 204), (what, status, response.get("Content-Type"))


# --- permalinks and every page with random queries ----------------------------------------


@st.composite
def raw_queries(draw) -> str:
    """A query string as it arrives: pairs of known and unknown names, values of any
    length, names repeated, percent-escapes of bytes that are not UTF-8, stray `&`/`=`/`%`."""
    pairs = draw(st.lists(st.tuples(
        st.sampled_from(PARAMETER_NAMES) | st.text(max_size=10), VALUES), max_size=16))
    parts = [f"{quote(name)}={quote(value)}" for name, value in pairs]
    noise = draw(st.lists(st.one_of(
        st.binary(max_size=30).map(quote_from_bytes),
        st.sampled_from(["%", "%zz", "%ff%fe", "=", "&&", "a=b=c", "+", "%00", "holding"]),
    ), max_size=4))
    parts += noise
    draw(st.randoms()).shuffle(parts)
    return "&".join(parts)


@FUZZ
@given(path=PAGES, query=raw_queries())
def test_any_query_on_any_page_gets_a_page_not_an_error(path, query):
    response = Client().get(path, QUERY_STRING=query)
    assert_helpful(response, (path, query[:200]))


@FUZZ
@given(lang=LANGS, page=st.sampled_from(["checklist/", "checklist/2/", "questions/load/",
                                         "checklist/calendar.ics"]),
       raw=st.binary(max_size=300))
def test_raw_bytes_in_a_permalink_query_are_refused_politely(lang, page, raw):
    """Bytes as a client sends them, not percent-encoded: WSGI hands them over as latin-1."""
    response = Client().get(f"/{lang}/{page}", QUERY_STRING=raw.decode("latin-1"))
    assert_helpful(response, raw)


@FUZZ
@given(lang=LANGS, segments=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=4))
def test_any_path_gets_a_page_not_an_error(lang, segments):
    path = f"/{lang}/" + "/".join(quote(s, safe="") for s in segments) + "/"
    assert_helpful(Client().get(path), path)


@FUZZ
@given(parameter=st.sampled_from(PARAMETERS), values=st.lists(VALUES, min_size=2, max_size=5))
def test_a_repeated_parameter_takes_its_last_value(parameter, values):
    query = "&".join(f"{parameter}={quote(value)}" for value in values)
    once = Client().get("/en/checklist/", QUERY_STRING=f"{parameter}={quote(values[-1])}")
    repeated = Client().get("/en/checklist/", QUERY_STRING=query)
    assert_helpful(repeated, query[:200])
    assert repeated.status_code == once.status_code


# --- wizard and counter POSTs ------------------------------------------------------------


def _fields(step: str) -> list[str]:
    question = QUESTION_BY_STEP.get(step)
    if question is None:
        return ["x"]
    return {"choice": [step], "month_day": ["month", "day"]}.get(
        question.kind, ["era", "year", "month", "day"])


@st.composite
def wizard_posts(draw) -> dict[str, str]:
    """A wizard POST: management data right, missing, empty or forged; the fields of the
    page, of another page, or none; language switches and Back buttons to anywhere."""
    step = draw(st.sampled_from(STEPS) | st.text(max_size=12))
    data: dict[str, str] = {}
    management = draw(st.sampled_from(["right", "missing", "forged", "other key"]))
    if management == "right":
        data[MANAGEMENT] = step
    elif management == "forged":
        data[MANAGEMENT] = draw(st.text(max_size=30))
    elif management == "other key":
        data[draw(st.text(max_size=30))] = step
    for name in draw(st.lists(st.sampled_from(_fields(step)), max_size=4)):
        data[f"{step}-{name}"] = draw(VALUES)
    if draw(st.booleans()):
        data["switch_language"] = draw(st.sampled_from(["en", "ja", "fr", ""]) | st.text())
    if draw(st.integers(0, 9)) == 0:
        data["wizard_goto_step"] = draw(st.sampled_from(STEPS) | st.text(max_size=12))
    extra = draw(st.dictionaries(st.text(max_size=20), VALUES, max_size=3))
    return {**extra, **data}


@FUZZ
@given(lang=LANGS, target=st.sampled_from(STEPS) | st.text(max_size=12),
       started=st.booleans(), posts=st.lists(wizard_posts(), min_size=1, max_size=3))
def test_forged_wizard_posts_restart_or_ask_again_never_fail(lang, target, started, posts):
    client = Client()
    if started:
        client.post(step_url("holding", lang), answer_data("holding", "both"))
    for data in posts:
        url = step_url(target, lang) if "/" not in target else f"/{lang}/questions/x/"
        response = client.post(url, data)
        assert_helpful(response, (url, data))
        if response.status_code == 302 and response["Location"].startswith(f"/{lang}/"):
            assert_helpful(client.get(response["Location"]), response["Location"])


@FUZZ
@given(lang=LANGS, body=st.binary(max_size=2000), content_type=st.sampled_from([
    "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
    "multipart/form-data", "application/json", "text/plain", "",
    "application/x-www-form-urlencoded; charset=shift_jis",
    "application/x-www-form-urlencoded; charset=no-such-charset"]),
       page=st.sampled_from(["questions/holding/", "questions/reason/", "counter/",
                             "counter/finish/", "checklist/", "questions/load/"]))
def test_bodies_in_any_encoding_are_refused_politely(lang, body, content_type, page):
    client = Client()
    client.post(step_url("holding", lang), answer_data("holding", "both"))
    response = client.generic("POST", f"/{lang}/{page}", body, content_type=content_type)
    assert_helpful(response, (page, content_type, body[:100]))


@settings(FUZZ, max_examples=min(FUZZ.max_examples, 15))
@given(lang=LANGS, size=st.integers(16 * 1024 + 1, 4 * 1024 * 1024),
       page=st.sampled_from(["questions/holding/", "counter/", "checklist/", "nowhere/"]),
       multipart=st.booleans())
def test_a_body_over_the_limit_is_refused_before_it_is_read(lang, size, page, multipart):
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 16 * 1024
    if multipart:
        boundary = "fuzzboundary"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"f\"; "
                f"filename=\"a.bin\"\r\n\r\n").encode() + b"x" * size + (
                    f"\r\n--{boundary}--\r\n").encode()
        content_type = f"multipart/form-data; boundary={boundary}"
    else:
        body = b"holding-holding=" + b"x" * size
        content_type = "application/x-www-form-urlencoded"
    response = Client().generic("POST", f"/{lang}/{page}", body, content_type=content_type)
    assert response.status_code == 413
    assert_helpful(response, size)


@FUZZ
@given(lang=LANGS, data=st.dictionaries(
    st.sampled_from([f"{q}-{f}" for q in QUESTION_BY_STEP for f in _fields(q)])
    | st.text(max_size=20), VALUES, max_size=25))
def test_counter_mode_takes_any_form_and_never_fails(lang, data):
    client = Client()
    response = client.post(f"/{lang}/counter/", data)
    assert_helpful(response, data)
    if response.status_code == 302:
        assert_helpful(client.get(response["Location"]), data)


# --- cookies: forged, foreign and stale ----------------------------------------------------

SESSION_SALT = "django.contrib.sessions.backends.signed_cookies"
REAL_SESSION = {"wizard_questions_wizard": {
    "step": "reason", "step_data": {"holding": {"holding-holding": ["both"]}},
    "step_files": {"holding": {}}, "extra_data": {}}}


def _signed(value: object, *, key: str, age: float = 0.0) -> str:
    with mock.patch("django.core.signing.time.time", return_value=time.time() - age):
        return signing.dumps(value, key=key, salt=SESSION_SALT, compress=True,
                             serializer=signing.JSONSerializer)


@st.composite
def session_cookies(draw) -> tuple[str, str]:
    kind = draw(st.sampled_from(["garbage", "foreign", "stale", "tampered", "huge"]))
    return kind, draw(_session_cookie(kind))


@st.composite
def _session_cookie(draw, kind: str) -> str:
    if kind == "garbage":
        return draw(st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E,
                                                   exclude_characters=";,\\\""), max_size=200))
    if kind == "foreign":  # signed by an instance with another secret
        return _signed(REAL_SESSION, key=draw(st.text(min_size=1, max_size=60)))
    stale_age = django_settings.SESSION_COOKIE_AGE + draw(st.integers(1, 10 ** 8))
    if kind == "stale":  # ours, but idle longer than the limit
        return _signed(REAL_SESSION, key=django_settings.SECRET_KEY, age=stale_age)
    value = _signed(REAL_SESSION, key=django_settings.SECRET_KEY)
    if kind == "huge":
        return value + "A" * draw(st.integers(1000, 8000))
    position = draw(st.integers(0, len(value) - 1))
    other = draw(st.sampled_from([c for c in "AZaz09-_:." if c != value[position]]))
    return value[:position] + other + value[position + 1:]


@FUZZ
@given(page=PAGES, session=session_cookies(),
       csrf=st.none() | st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E,
                                                       exclude_characters=";,\\\""),
                                max_size=80),
       post=st.booleans(), strict=st.booleans())
def test_forged_foreign_and_stale_cookies_start_afresh(page, session, csrf, post, strict):
    kind, session = session
    client = Client(enforce_csrf_checks=strict)
    client.cookies[SESSION_COOKIE] = session
    if csrf is not None:
        client.cookies[django_settings.CSRF_COOKIE_NAME] = csrf
    if post:
        response = client.post(page, answer_data("reason", "expiring"))
    else:
        response = client.get(page)
    assert_helpful(response, (page, kind, session[:80]))
    if kind in ("foreign", "stale"):  # never taken for the person's answers
        assert "both" not in str(client.session.get("wizard_questions_wizard", ""))


def test_too_many_parameters_are_refused_politely():
    """Over DATA_UPLOAD_MAX_NUMBER_FIELDS names, in a permalink or a form: a 400 page."""
    many = "&".join(f"p{i}=1" for i in range(django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    for path in ("/en/checklist/", "/ja/questions/load/", "/en/questions/holding/"):
        response = Client().get(path, QUERY_STRING=many)
        assert response.status_code == 400
        assert_helpful(response, path)
    response = Client().generic("POST", "/en/questions/holding/", many,
                                content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert_helpful(response, "post")
