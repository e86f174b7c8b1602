"""The checklist permalink pages through Django's test client: for named people and for a
seeded random sample of answers, each page shows exactly what rules.md version 2 gives, as
read by the independent oracle (tests/oracle.py): the outcome, the items per step, the
requirement panel and the next actions in order. Bad values get a 400 that says what is
allowed; other pages and errors are our own."""

from __future__ import annotations

import calendar
import random
import re
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.support.people import TODAY as FROZEN_TODAY
from tests.support.page import parse_page
from guide.answers import CHOICES, DATES, answers_parse, answers_query
from guide.catalogue import CATALOGUE
from guide.rules import Outcome
from tests import oracle
from tests.support.people import MYNA, PEOPLE, answers_query_of

ITEM_IDS = {entry.id for entry in CATALOGUE}
OUTCOME_IDS = {outcome.value for outcome in Outcome}

LANGS = ["ja", "en"]


def expected(query: dict[str, str]):
    """What rules.md says the page must show: outcome, items per step, the panel (in §6's
    order), the next actions (in §7's order)."""
    e = oracle.expected(query, FROZEN_TODAY)
    panel = list(e.panel.items()) if e.panel else []
    return e.outcome, {step: set(ids) for step, ids in e.items.items()}, panel, list(e.next_actions)


def shown(page):
    assert len(page.outcomes) == 1, page.outcomes
    assert page.items_outside_sections == []
    ids = [i for ids in page.sections.values() for i in ids]
    assert len(ids) == len(set(ids)), "an item is shown twice"
    # Each next action links to its item on the page.
    for action in page.next_actions:
        assert f"#item-{action}" in page.hrefs(), action
    return page.outcomes[0], page.item_sets(), page.requirements, page.next_actions


def checklist(client, lang: str, query: dict[str, str] | str, step: str | None = None):
    encoded = query if isinstance(query, str) else urlencode(query)
    path = f"/{lang}/checklist/" + (f"{step}/" if step else "")
    return client.get(f"{path}?{encoded}")


# --- named people, one per outcome at least -------------------------------------------------

def test_the_people_cover_every_outcome():
    assert {outcome for _, outcome in PEOPLE.values()} == set(OUTCOME_IDS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("query", "outcome"), PEOPLE.values(), ids=PEOPLE.keys())
def test_each_person_sees_exactly_their_outcome_items_and_requirements(client, today, lang,
                                                                       query, outcome):
    response = checklist(client, lang, query)

    assert response.status_code == 200
    page = parse_page(response)
    assert page.lang == lang
    assert shown(page) == expected(query)
    assert page.outcomes == [outcome]


# Hand-checked against rules.md, independently of rules.py: (person, step, item, shown?).
HAND_CHECKED_ITEMS = [
    ("Aoki, myna_only, all done, applying online", "1", "s1.certificate_on_file", True),
    ("Aoki, myna_only, all done, applying online", "1", "s1.submit_certificate", False),
    ("Aoki, myna_only, all done, applying online", "2", "s2.apply_online", True),
    ("Aoki, myna_only, all done, applying online", "3", "s3.may_still_fail", True),
    ("Baba, both, applying at the window", "2", "s2.switch_to_online", True),
    # (v2) A window application not yet made predicts nothing: step ② says to switch.
    ("Baba, both, applying at the window", "3", "s3.drive_with_plastic", False),
    ("Chiba, plastic license only", "4", "s4.renewal_period", True),
    ("Chiba, plastic license only", "na", "na.no_myna_license", True),
    ("Doi, no license", "na", "na.no_license", True),
    ("Endo, not sure what they hold", "1", "s1.check_holding", True),
    ("Goto, collected, notice says not recorded", "3", "s3.record_free", True),
    ("Goto, collected, notice says not recorded", "3", "s3.collect_card", False),
    ("Hara, window application, notice states nothing", "3", "s3.record_with_fee", True),
    ("Hara, window application, notice states nothing", "3", "s3.no_driving_myna_only", True),
    # (v2) The notice's result is the fact: no prediction beside it.
    ("Hara, window application, notice states nothing", "2", "s2.offline_no_carryover", False),
    ("Ishii, applied online without the continued-use step", "2", "s2.continue_use_missed",
     True),
    ("Jo, applied online, unsure about the certificate", "2", "s2.result_unknown", True),
    ("Kato, same season, card first", "1", "s1.renew_card_first", True),
    ("Kato, same season, card first", "1", "s1.renew_license_first", False),
    ("Kato, same season, card first", "2", "s2.apply_window", True),
    ("Kondo, same season, license first", "1", "s1.renew_license_first", True),
    ("Kondo, same season, license first", "1", "s1.renew_card_first", False),
    ("Kubo, card already expired before applying", "na", "na.reason_not_eligible", True),
    ("Kubo, card already expired before applying", "2", "s2.apply_online", False),
    ("Mori, license date already past", "4", "s4.license_expiry_past", True),
    ("Mori, license date already past", "4", "s4.bring_plastic_license", True),
    ("Nakano, applied, license renewal coming up", "1", "s1.license_change_pending", True),
    ("Ota, suspended license before applying", "1", "s1.license_suspended", True),
    ("Sato, license revoked", "1", "s1.license_invalid", True),
    ("Sato, license revoked", "3", "s3.record_with_fee", False),
    ("Suzuki, characters the certificate cannot hold", "1", "s1.special_characters", True),
    ("Suzuki, characters the certificate cannot hold", "3", "s3.record_free", True),
    ("Takeda, photo booth, card collected", "3", "s3.keep_notice", False),
    # (v2)
    ("Ikeda, マイナ経歴証明書, applying online", "4", "s4.bring_new_card", False),
    ("Ikeda, マイナ経歴証明書, applying online", "2", "s2.record_number", True),
    ("Imai, マイナ経歴証明書, notice says not recorded", "3", "s3.record_free", True),
    ("Inoue, notice came, result not given", "3", "s3.check_notice", True),
    ("Inoue, notice came, result not given", "3", "s3.check_before_driving", True),
    ("Kudo, same season, no order fits", "1", "s1.order_conflict", True),
    ("Kudo, same season, no order fits", "1", "s1.renew_card_first", False),
    ("Murata, revoked license, notice says not recorded", "3", "s3.record_free", False),
    ("Noda, suspended before applying, planning the window", "2", "s2.switch_to_online", True),
    ("Noda, suspended before applying, planning the window", "2", "s2.apply_online", True),
    ("Noda, suspended before applying, planning the window", "3", "s3.record_free", False),
    ("Ueda, applied, does not remember how", "2", "s2.channel_unknown", True),
]

# rules.md §6 by hand: holding, certificate_submitted, online_application, new_certificate.
HAND_CHECKED_REQUIREMENTS = {
    # (v2) What is still to do is "todo", never "met".
    "Aoki, myna_only, all done, applying online": ["met", "met", "todo", "todo"],
    "Baba, both, applying at the window": ["met", "todo", "todo", "todo"],
    "Endo, not sure what they hold": ["unknown", "met", "todo", "todo"],
    "Ishii, applied online without the continued-use step": ["met", "met", "unmet", "met"],
    "Ueda, applied, does not remember how": ["met", "met", "unknown", "unknown"],
    "Wada, not sure the certificate is with the police": ["met", "unknown", "todo", "todo"],
    "Ikeda, マイナ経歴証明書, applying online": ["met", "met", "todo", "todo"],
    "Chiba, plastic license only": [],
    "Doi, no license": [],
    # (v2) No panel once the notice has given its result, or where the panel would mislead.
    "Goto, collected, notice says not recorded": [],
    "Suzuki, characters the certificate cannot hold": [],
    "Sato, license revoked": [],
    "Kubo, card already expired before applying": [],
}
REQUIREMENT_IDS = ["holding", "certificate_submitted", "online_application", "new_certificate"]


@pytest.mark.parametrize(("person", "step", "item", "present"), HAND_CHECKED_ITEMS,
                         ids=[f"{p.split(',')[0]}-{i}" for p, _, i, _ in HAND_CHECKED_ITEMS])
def test_hand_checked_items_of_the_people(client, today, person, step, item, present):
    page = parse_page(checklist(client, "en", PEOPLE[person][0]))
    assert (item in page.sections.get(step, [])) is present
    assert all(item not in ids for other, ids in page.sections.items() if other != step)


@pytest.mark.parametrize(("person", "statuses"), HAND_CHECKED_REQUIREMENTS.items())
def test_hand_checked_requirements_of_the_people(client, today, person, statuses):
    page = parse_page(checklist(client, "en", PEOPLE[person][0]))
    assert page.requirements == list(zip(REQUIREMENT_IDS[:len(statuses)], statuses, strict=True))


# --- a seeded random sample of every parameter -----------------------------------------------


def _sample(count: int = 400, seed: int = 20261126) -> list[dict[str, str]]:
    rng = random.Random(seed)

    def near(before: int, after: int) -> str:
        return (FROZEN_TODAY + timedelta(days=rng.randint(-before, after))).isoformat()

    people = []
    for _ in range(count):
        query: dict[str, str] = {}
        for name, values in CHOICES.items():
            if rng.random() < 0.85:
                options = [v.value for v in values]
                if name == "holding":  # mostly people the carryover concerns
                    options += ["myna_only", "both", "myna_only", "both"]
                query[name] = rng.choice(options)
        for name in DATES:
            if rng.random() < 0.75:
                query[name] = near(200, 800) if rng.random() < 0.8 else near(4000, 4000)
        if rng.random() < 0.7:
            month = rng.randint(1, 12)
            day = rng.randint(1, calendar.monthrange(2000, month)[1])
            query["birthday"] = f"{month:02d}-{day:02d}"
        people.append(query)
    return people


SAMPLE = _sample()


def test_the_sample_reaches_every_item_and_outcome():
    queries = SAMPLE + [query for query, _ in PEOPLE.values()]
    outcomes = {expected(q)[0] for q in queries}
    items = {i for q in queries for ids in expected(q)[1].values() for i in ids}
    assert {a for q in queries for a in expected(q)[3]} >= {
        "s1.submit_certificate", "s2.apply_online", "s3.no_driving_myna_only",
        "s2.switch_to_online", "s1.order_conflict", "s3.record_free"}
    assert outcomes == set(OUTCOME_IDS)
    assert items == ITEM_IDS


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("query", SAMPLE, ids=[f"sample{i}" for i in range(len(SAMPLE))])
def test_a_random_sample_of_answers_shows_exactly_what_the_rules_say(client, today, lang, query):
    response = checklist(client, lang, query)

    assert response.status_code == 200, urlencode(query)
    assert shown(parse_page(response)) == expected(query), urlencode(query)


# --- the page of each step ------------------------------------------------------------------

STEP_PEOPLE = PEOPLE | {f"sample{i}": (q, None) for i, q in
                                            enumerate(SAMPLE[:40])}


@pytest.mark.parametrize(("query", "_outcome"), STEP_PEOPLE.values(), ids=STEP_PEOPLE.keys())
def test_each_step_page_holds_only_that_steps_items(client, today, query, _outcome):
    outcome, sections, _, _ = expected(query)
    for step in ("1", "2", "3", "4"):
        response = checklist(client, "ja", query, step)
        assert response.status_code == 200
        page = parse_page(response)
        assert page.lang == "ja"
        assert page.outcomes == [outcome]
        assert page.requirements == []
        if step in sections:
            assert page.item_sets() == {step: sections[step]}, step
        else:
            assert page.sections == {}, step
            assert page.items_outside_sections == []


def test_each_shown_step_links_to_its_own_page_with_the_same_answers(client, today):
    query = PEOPLE["Kato, same season, card first"][0]
    page = parse_page(checklist(client, "en", query))

    # The step pages only (/en/checklist/<n>/): the calendar file has its own tests.
    step_links = {urlsplit(href).path: dict(parse_qsl(urlsplit(href).query))
                  for href in page.hrefs()
                  if re.fullmatch(r"/en/checklist/\d/", urlsplit(href).path)}
    assert set(step_links) == {f"/en/checklist/{s}/" for s in page.sections if s != "na"}
    assert all(q == answers_query_of(query) for q in step_links.values())


def test_a_step_page_in_english_is_in_english(client, today):
    page = parse_page(checklist(client, "en", MYNA, "2"))
    assert page.lang == "en"
    assert set(page.sections) == {"2"}
    assert page.text.count("Applying for the new card") >= 1


@pytest.mark.parametrize("step", ["0", "5", "na", "12", "x"])
def test_a_step_page_that_does_not_exist_is_a_404(client, step):
    response = client.get(f"/en/checklist/{step}/?holding=myna_only")
    assert response.status_code == 404
    assert parse_page(response).title.startswith("Page not found")


# --- bad values -----------------------------------------------------------------------------

BAD_VALUES = [
    *[(name, value) for name in CHOICES for value in ("bogus", name.upper() + "X")],
    ("holding", "MYNA_ONLY"), ("stage", " before"), ("notice_result", "none"),
    *[(name, value) for name in DATES for value in (
        "2026-02-30", "2026-13-01", "2026-2-1", "2026/01/01", "tomorrow", "20260101",
        "2026-04-31", "0000-01-01")],
    *[("birthday", value) for value in ("02-30", "13-01", "2-3", "00-10", "04-31", "1231",
                                        "12-32")],
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("parameter", "value"), BAD_VALUES,
                         ids=[f"{p}={v}" for p, v in BAD_VALUES])
def test_a_bad_value_is_a_400_naming_the_parameter_and_what_is_allowed(client, lang, parameter,
                                                                      value):
    query = {**MYNA, parameter: value}
    response = checklist(client, lang, query)

    assert response.status_code == 400
    page = parse_page(response)
    html = response.content.decode()
    assert page.lang == lang
    assert parameter in page.text
    if parameter in CHOICES:
        for allowed in CHOICES[parameter]:
            assert f"<code>{allowed.value}</code>" in html, allowed.value
    else:
        assert ("MM-DD" if parameter == "birthday" else "YYYY-MM-DD") in page.text
    assert f"/{lang}/questions/?reset=1" in page.hrefs()
    if lang == "en":
        assert page.title.startswith("Error: This link cannot be read")
        assert f"“{parameter}”" in page.text
    # The other parameters, all fine, are not blamed.
    for other in MYNA:
        if other != parameter:
            assert f"“{other}”" not in page.text


def test_a_bad_value_is_shown_escaped(client):
    response = client.get("/en/checklist/?holding=%3Cb%3Ex%3C/b%3E")
    assert response.status_code == 400
    assert b"<b>x</b>" not in response.content
    assert "“<b>x</b>”" in parse_page(response).text


def test_a_very_long_bad_value_is_cut_on_the_page(client):
    response = client.get(f"/en/checklist/?reason={'x' * 5000}")
    assert response.status_code == 400
    text = parse_page(response).text
    assert "x" * 20 + "…" in text
    assert "x" * 21 not in text


def test_a_bad_value_counts_even_where_the_parameter_does_not_apply(client):
    # rules.md §1: a known parameter with a value not in its list is a 400, on any path.
    response = client.get("/en/checklist/?holding=none&continue_use=maybe")
    assert response.status_code == 400
    assert "“continue_use”" in parse_page(response).text


def test_the_400_page_in_japanese_links_to_the_wizard_start(client, japanese):
    response = client.get("/ja/checklist/?stage=later")
    page = parse_page(response)
    assert response.status_code == 400
    assert page.lang == "ja"
    assert page.title.startswith("エラー：")
    assert "/ja/questions/?reset=1" in page.hrefs()


# --- what is ignored, what is ours ------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_unknown_parameters_are_ignored(client, today, lang):
    plain = parse_page(checklist(client, lang, MYNA))
    response = checklist(client, lang, {**MYNA, "utm_source": "mail", "foo": "bar",
                                        "Holding": "none", "step": "3"})
    assert response.status_code == 200
    assert shown(parse_page(response)) == shown(plain) == expected(MYNA)


def test_parameters_off_the_persons_path_are_ignored(client, today):
    query = {"holding": "license_only", "stage": "collected", "channel": "window",
             "notice_result": "not_stated", "license_expiry": "2028-03-31"}
    page = parse_page(checklist(client, "en", query))
    assert shown(page) == expected({"holding": "license_only", "license_expiry": "2028-03-31"})
    assert page.outcomes == ["not_applicable"]
    assert page.item_sets() == {"4": {"s4.renewal_period"}, "na": {"na.no_myna_license"}}


def test_the_page_says_which_day_it_was_made_for(client, today):
    page = parse_page(checklist(client, "en", MYNA))
    assert "Made on November 26, 2026." in page.text


def test_the_root_redirects_to_the_japanese_guide(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/ja/"


@pytest.mark.parametrize("lang", LANGS)
def test_the_start_page_opens_a_fresh_wizard(client, lang):
    response = client.get(f"/{lang}/")
    page = parse_page(response)
    assert response.status_code == 200
    assert page.lang == lang
    assert f"/{lang}/questions/?reset=1" in page.hrefs()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["nope/", "checklist/extra/", "questions/a/b/", "static-x",
                                  "checklist/1/2/"])
def test_an_unknown_page_is_our_own_404(client, lang, path):
    response = client.get(f"/{lang}/{path}")

    assert response.status_code == 404
    page = parse_page(response)
    assert page.lang == lang
    assert f"/{lang}/" in page.hrefs()  # back to the start of the guide, same language
    assert "The requested resource was not found on this server." not in page.text
    assert "<h1>Not Found</h1>" not in response.content.decode()
    if lang == "en":
        assert page.title.startswith("Page not found")
    other = "ja" if lang == "en" else "en"
    assert any(href.startswith(f"/{other}/") for href in page.hrefs())


def test_an_unprefixed_unknown_page_is_a_404_not_an_error(client):
    response = client.get("/nope/", follow=True)
    assert response.status_code == 404
    assert parse_page(response).lang in LANGS


# --- links on the checklist -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_change_links_open_the_wizard_load_url_for_each_answer(client, today, lang):
    query = PEOPLE["Nakano, applied, license renewal coming up"][0]
    page = parse_page(checklist(client, lang, query))

    loads = [href for href in page.hrefs() if urlsplit(href).path == f"/{lang}/questions/load/"]
    steps = [dict(parse_qsl(urlsplit(href).query))["step"] for href in loads]
    assert steps == ["holding", "reason", "stage", "channel", "continue_use", "cert_requested",
                     "cert_submitted", "license_status", "special_chars", "license_expiry",
                     "birthday"]
    for href in loads:
        carried = dict(parse_qsl(urlsplit(href).query))
        step = carried.pop("step")
        assert carried == answers_query_of(query)
        response = client.get(href)
        assert response.status_code == 302
        assert response["Location"] == f"/{lang}/questions/{step}/"
    response = client.get(loads[3])
    opened = parse_page(client.get(response["Location"]))
    assert opened.checked == {"channel-channel": "online"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("step", [None, "3"])
def test_the_language_switch_keeps_the_query_string(client, today, lang, step):
    query = PEOPLE["Kato, same season, card first"][0]
    response = checklist(client, lang, query, step)
    other = "en" if lang == "ja" else "ja"
    path = f"/{other}/checklist/" + (f"{step}/" if step else "")

    page = parse_page(response)
    switches = [href for href in page.hrefs() if urlsplit(href).path == path]
    assert len(switches) == 1
    assert dict(parse_qsl(urlsplit(switches[0]).query)) == query
    switched = client.get(switches[0])
    assert switched.status_code == 200
    assert parse_page(switched).lang == other
    assert shown(parse_page(switched)) == shown(page) if step is None else (
        parse_page(switched).item_sets() == page.item_sets())


def test_the_language_switch_on_a_400_page_keeps_the_query_string(client):
    page = parse_page(client.get("/en/checklist/?holding=both&stage=later"))
    assert "/ja/checklist/?holding=both&stage=later" in page.hrefs()


def test_healthz_answers_ok_whatever_the_host(client):
    for host in ("testserver", "10.0.3.7"):
        response = client.get("/healthz", HTTP_HOST=host)
        assert response.status_code == 200
        assert response.content == b"ok"


def test_a_default_checklist_without_any_answer(client, today):
    response = client.get("/en/checklist/")
    assert response.status_code == 200
    assert shown(parse_page(response)) == expected({})
