"""The sources page (/<lang>/sources/): the official sources each rule rests on, the date the
rules were last checked, the fees in force today; every checklist item links to its entry."""

from __future__ import annotations

import importlib.util
import io
import re
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.checks import WARNING, Warning
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from tests.support.page import parse_page
from tests.support.people import BOTH_ONLINE, PEOPLE
from tests.support.counter import counter_checklist
from guide import fees
from wizard.dates import date_en, date_ja
from guide.fees import Fee
from guide.catalogue import CATALOGUE, ENTRY_BY_ID
from guide import sources
from guide.dates import months_add
from guide.sources import (ADDRESSES_READ, RULES_CHECKED, SOURCE_BY_ID, SOURCES, Source,
                           sources_stale)
from wizard.checks import STALE_SOURCE
from wizard.sources import SOURCE_WORDS_BY_ID

ITEM_IDS = {entry.id for entry in CATALOGUE}

LANGS = ["en", "ja"]
HARA = PEOPLE["Hara, window application, notice states nothing"][0]  # pays the recording fee


def ids_of(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


def sources_page(client, lang: str):
    response = client.get(f"/{lang}/sources/")
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_exists_in_both_languages(client, today, japanese, lang):
    response = sources_page(client, lang)

    page = parse_page(response)
    assert page.lang == lang
    if lang == "en":
        assert page.title.startswith("Sources – ")
    else:
        assert page.title.startswith("出典")
    # The language switch leads to the same page in the other language.
    other = "ja" if lang == "en" else "en"
    assert f"/{other}/sources/" in page.hrefs()
    # A public page: no answers, so no need to keep it out of caches or search engines.
    assert "no-store" not in response.get("Cache-Control", "")


def test_every_item_rests_on_named_sources_and_every_source_has_words():
    for entry in CATALOGUE:
        assert entry.sources, entry.id
        assert all(source in SOURCE_BY_ID for source in entry.sources), entry.id
    assert set(SOURCE_WORDS_BY_ID) == set(SOURCE_BY_ID)


@pytest.mark.parametrize("lang", LANGS)
def test_every_item_has_an_anchor_with_links_to_its_sources(client, today, lang):
    html = sources_page(client, lang).content.decode()
    ids = ids_of(html)

    for item_id in ITEM_IDS:
        assert f"item-{item_id}" in ids, item_id
        entry = re.search(rf'<li id="item-{re.escape(item_id)}">(.*?)</li>', html, re.DOTALL)
        linked = re.findall(r'href="#source-([^"]+)"', entry.group(1))
        assert linked == list(ENTRY_BY_ID[item_id].sources), item_id
    for source in SOURCES:
        assert f"source-{source.id}" in ids, source.id
    # The addresses facts.md gives are shown, as links that say they leave the site.
    for source in SOURCES:
        if source.url:
            assert f'href="{source.url}"' in html, source.id
    # Every in-page link lands somewhere.
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids, target


@pytest.mark.parametrize("lang", LANGS)
def test_the_date_the_rules_were_checked_is_shown(client, today, japanese, lang):
    text = parse_page(sources_page(client, lang)).text
    assert (date_en if lang == "en" else date_ja)(RULES_CHECKED) in text
    if lang == "en":
        assert f"last checked against these sources on {date_en(RULES_CHECKED)}" in text


def fee_table(response) -> list[list[str]]:
    """The rows of the fee table: fee, amount, in force since."""
    html = response.content.decode()
    table = re.search(r"<table.*?</table>", html, re.DOTALL).group(0)
    return [[" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in
             re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)]
            for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.DOTALL)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_fee_table_shows_the_fees_in_force(client, today, japanese, lang):
    rows = fee_table(sources_page(client, lang))

    amounts = [row[1] for row in rows]
    if lang == "en":
        assert amounts == ["1,500 yen", "2,100 yen", "2,850 yen", "2,950 yen"]
        assert rows[0][2] == "September 1, 2025"
        assert rows[0][0] == "Recording license information on a new card"
    else:
        assert amounts == ["1,500円", "2,100円", "2,850円", "2,950円"]
        assert rows[0][2] == date_ja(date(2025, 9, 1))


def test_a_new_fee_row_changes_the_page_and_the_checklist_on_its_day(client, today, monkeypatch):
    # One dated row is the whole change.
    monkeypatch.setattr(fees, "FEES", fees.FEES + (
        Fee("recording", 1800, date(2026, 11, 27), "test"),))
    assert fee_table(sources_page(client, "en"))[0][1:] == ["1,500 yen", "September 1, 2025"]
    checklist = parse_page(client.get(f"/en/checklist/?{urlencode(HARA)}")).text
    assert "1,500 yen" in checklist and "1,800 yen" not in checklist

    monkeypatch.setattr("wizard.views.today_tokyo", lambda: date(2026, 11, 27))
    assert fee_table(sources_page(client, "en"))[0][1:] == ["1,800 yen", "November 27, 2026"]
    checklist = parse_page(client.get(f"/en/checklist/?{urlencode(HARA)}")).text
    assert "1,800 yen" in checklist and "1,500 yen" not in checklist


def test_the_checklist_shows_todays_recording_fee(client, today):
    text = parse_page(client.get(f"/en/checklist/?{urlencode(HARA)}")).text
    assert "Bring the recording fee of 1,500 yen." in text


# --- every checklist item links to its entry ---------------------------------------------------


def source_links(html: str) -> dict[str, str]:
    """data-item → the href of its "What this is based on" link."""
    links = {}
    for item_id, body in re.findall(r'<li class="item[^"]*" id="[^"]+" data-item="([^"]+)">(.*?)</li>', html,
                                    re.DOTALL):
        hrefs = re.findall(r'href="([^"]*/sources/#[^"]*)"', body)
        assert len(hrefs) == 1, (item_id, hrefs)
        links[item_id] = hrefs[0]
    return links


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("query", [q for q, _ in PEOPLE.values()], ids=list(PEOPLE))
def test_every_checklist_item_links_to_its_sources_entry(client, today, lang, query):
    html = client.get(f"/{lang}/checklist/?{urlencode(query)}").content.decode()
    targets = ids_of(client.get(f"/{lang}/sources/").content.decode())

    links = source_links(html)
    assert set(links) == {i for ids in parse_page(html).sections.values() for i in ids}
    for item_id, href in links.items():
        assert href == f"/{lang}/sources/#item-{item_id}"
        assert urlsplit(href).fragment in targets


def test_step_pages_and_the_counter_checklist_link_their_items_too(client, today):
    pages = [client.get(f"/en/checklist/{n}/?{urlencode(BOTH_ONLINE)}").content.decode()
             for n in "1234"]
    pages.append(counter_checklist(client, BOTH_ONLINE).content.decode())
    for html in pages:
        links = source_links(html)
        assert links
        assert all(href == f"/en/sources/#item-{i}" for i, href in links.items())


def test_the_footer_links_to_the_sources(client):
    for path in ("/en/", "/ja/", "/en/checklist/?holding=none", "/ja/counter/"):
        lang = path[1:3]
        assert f"/{lang}/sources/" in parse_page(client.get(path)).hrefs(), path


# --- freshness: when each source was last checked -------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_source_shows_the_day_it_was_last_checked(client, today, japanese, lang):
    html = sources_page(client, lang).content.decode()
    form = date_en if lang == "en" else date_ja
    for source in SOURCES:
        row = re.search(rf'<div class="sources__row" id="source-{source.id}">(.*?)</div>', html,
                        re.DOTALL).group(1)
        checked = re.search(r'<dd class="sources__checked">(.*?)</dd>', row).group(1)
        assert form(source.checked) in checked, source.id
        if lang == "en":
            assert checked == f"Last checked on {date_en(source.checked)}"


def test_the_dates_are_those_facts_md_gives():
    # facts.md: the addresses "as stored when read on 2026-12-01"; the rest as of the rules.
    for source in SOURCES:
        assert source.checked == (ADDRESSES_READ if source.url else RULES_CHECKED), source.id
    assert ADDRESSES_READ == date(2026, 12, 1)


@pytest.mark.parametrize("lang", LANGS)
def test_every_footer_says_when_the_rules_were_last_checked(client, today, japanese, lang):
    form = date_en if lang == "en" else date_ja
    for path in (f"/{lang}/", f"/{lang}/sources/", f"/{lang}/accessibility/",
                 f"/{lang}/checklist/?holding=none", f"/{lang}/counter/"):
        footer = re.search(r'<footer class="footer">(.*?)</footer>',
                           client.get(path).content.decode(), re.DOTALL).group(1)
        assert form(RULES_CHECKED) in footer, path
        if lang == "en":
            assert f"The rules were last checked on {date_en(RULES_CHECKED)}." in footer


def test_a_source_is_stale_after_twelve_calendar_months():
    one = (Source("a", date(2026, 12, 1)),)
    assert sources_stale(today=date(2027, 12, 1), sources=one) == ()
    assert sources_stale(today=date(2027, 12, 2), sources=one) == one
    # A 29 February checked day moves to the 28th, as every date of the guide does.
    leap = (Source("b", date(2028, 2, 29)),)
    assert sources_stale(today=date(2029, 2, 28), sources=leap) == ()
    assert sources_stale(today=date(2029, 3, 1), sources=leap) == leap


def test_the_system_check_names_each_stale_source(monkeypatch):
    from django.core.checks import run_checks

    monkeypatch.setattr(sources, "SOURCES", (
        Source("akita", date(2025, 1, 10), "https://example.jp/"), Source("flyer", date(2026, 6, 1))))
    monkeypatch.setattr("wizard.checks.today_tokyo", lambda: date(2026, 12, 1))

    found = [m for m in run_checks() if m.id == STALE_SOURCE]

    assert [m.obj for m in found] == ["guide.sources:akita"]
    assert isinstance(found[0], Warning) and found[0].level == WARNING
    assert "'akita' was last checked on 2025-01-10, more than 12 months ago" in found[0].msg


def test_no_warning_within_the_year_every_warning_after(monkeypatch):
    from django.core.checks import run_checks

    monkeypatch.setattr("wizard.checks.today_tokyo", lambda: months_add(RULES_CHECKED, 12))
    assert not [m for m in run_checks() if m.id == STALE_SOURCE]
    monkeypatch.setattr("wizard.checks.today_tokyo",
                        lambda: months_add(RULES_CHECKED, 12) + timedelta(days=1))
    assert {m.obj for m in run_checks() if m.id == STALE_SOURCE} == {
        f"guide.sources:{s.id}" for s in SOURCES}


def test_check_deploy_shows_the_warning_too(monkeypatch):
    monkeypatch.setattr("wizard.checks.today_tokyo", lambda: date(2030, 1, 1))
    # The guide's own checks only: the test settings are no deployment's.
    with pytest.raises(SystemCheckError, match=r"mynalicense\.W001.*'osaka'"):
        call_command("check", "--deploy", "--tag", "mynalicense", "--fail-level", "WARNING")
    err = io.StringIO()
    call_command("check", "--deploy", "--tag", "mynalicense", stderr=err)
    assert err.getvalue().count("mynalicense.W001") == len(SOURCES)


def test_gunicorn_warns_of_stale_sources_at_start_up(monkeypatch):
    """The master's on_starting hook (deploy/gunicorn.conf.py) logs the same lines."""
    spec = importlib.util.spec_from_file_location(
        "gunicorn_conf", Path(django_settings.BASE_DIR) / "deploy" / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    monkeypatch.delenv("MYNALICENSE_METRICS_BIND", raising=False)
    logged = []
    server = SimpleNamespace(log=SimpleNamespace(
        warning=lambda message, *args: logged.append(message % args), info=lambda *a: None))

    monkeypatch.setattr("guide.dates.today_tokyo", lambda: months_add(RULES_CHECKED, 12))
    conf.on_starting(server)
    assert logged == []
    monkeypatch.setattr("guide.dates.today_tokyo", lambda: date(2030, 1, 1))
    conf.on_starting(server)
    assert len(logged) == len(SOURCES)
    assert logged[0].startswith("Stale source: source 'flyer' was last checked on 2026-12-01")
