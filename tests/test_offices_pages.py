"""The deployment file on the pages: the items that send a person somewhere name the
deployment's offices; every page's footer names its publisher and contact; swapping the file
swaps all of it, in both languages; a broken file stops start-up (`manage.py check`) with a
message naming the field, whether it is given as MYNALICENSE_DEPLOYMENT or by its older name
MYNALICENSE_OFFICES."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.support.deployments import (OTHER, OTHER_HOURS, OTHER_PUBLISHER, SAMPLE_PUBLISHER,
                                       deployment_use)
from tests.support.counter import counter_checklist
from tests.support.page import parse_page
from tests.support.people import PEOPLE
from wizard.apps import WizardConfig
from guide.catalogue import CATALOGUE
from guide.deployment import DEFAULT_PATH

ITEM_SERVICES = {entry.id: entry.service for entry in CATALOGUE if entry.service}

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = DEFAULT_PATH.read_text(encoding="utf-8")
LANGS = ["en", "ja"]


HARA = PEOPLE["Hara, window application, notice states nothing"][0]  # recording, renewal
SATO = PEOPLE["Sato, license revoked"][0]  # s1.license_invalid: an inquiry
AOKI = PEOPLE["Aoki, myna_only, all done, applying online"][0]  # nowhere to go
RENEWAL = {"holding": "license_only", "license_expiry": "2027-03-28", "birthday": "02-28"}
SAMPLE_NAMES = {"en": ["Sample Prefecture Driver's License Center (example)",
                       "Sample Prefecture License Center, North Branch (example)",
                       "Police stations in the prefecture (example)"],
                "ja": ["サンプル県運転免許センター（見本）",
                       "サンプル県運転免許センター北分庁舎（見本）", "県内の警察署（見本）"]}
OTHER_NAMES = {"en": ["Alpha License Center", "Beta Inquiry Desk"],
               "ja": ["テスト県アルファ免許センター", "ベータ相談窓口"]}


@pytest.fixture
def use_offices(settings, monkeypatch, tmp_path):
    """`use_offices(text)`: start the app with this deployment file; the sample comes back
    after the test."""
    monkeypatch.setattr(WizardConfig, "deployment", WizardConfig.deployment)
    return lambda text: deployment_use(text, tmp_path, settings)


def checklist_html(client, lang: str, query: dict[str, str]) -> str:
    response = client.get(f"/{lang}/checklist/?{urlencode(query)}")
    assert response.status_code == 200
    return response.content.decode()


def where(html: str) -> dict[str, list[str]]:
    """data-item → the office anchors its "Where:" line links to."""
    found = {}
    for item_id, body in re.findall(r'<li class="item[^"]*" id="[^"]+" data-item="([^"]+)">(.*?)</li>', html,
                                    re.DOTALL):
        line = re.search(r'<p class="item__where">(.*?)</p>', body, re.DOTALL)
        if line:
            found[item_id] = re.findall(r'href="#office-([^"]+)"', line.group(1))
    return found


def listed(html: str) -> list[str]:
    """The office ids of the "Where to go" section, in order."""
    return re.findall(r'<div class="office" id="office-([^"]+)">', html)


# --- the sample, the default -------------------------------------------------------------------


def test_the_sample_is_the_default():
    assert Path(WizardConfig.deployment.path).resolve() == DEFAULT_PATH.resolve()


@pytest.mark.parametrize("lang", LANGS)
def test_items_that_send_the_person_somewhere_name_the_sample_offices(client, today, japanese,
                                                                    lang):
    html = checklist_html(client, lang, HARA)

    links = where(html)
    assert links["s3.record_with_fee"] == ["license-center", "branch-north"]
    assert set(links) <= set(ITEM_SERVICES)
    assert listed(html) == ["license-center", "branch-north"]
    text = parse_page(html).text
    assert all(name in text for name in SAMPLE_NAMES[lang][:2])
    assert SAMPLE_NAMES[lang][2] not in text  # the police stations do no recording


def test_every_item_with_a_service_names_its_offices_and_no_other_does(client, today):
    for query, _ in PEOPLE.values():
        html = checklist_html(client, "en", query)
        items = [i for ids in parse_page(html).sections.values() for i in ids]
        links = where(html)
        for item_id in items:
            service = ITEM_SERVICES.get(item_id)
            offices = WizardConfig.deployment.for_service(service) if service else None
            expected = [o.id for o in offices] if service else None
            assert links.get(item_id) == expected, (query, item_id)
        # Each named office is described once on the page, and each described office is named.
        named = {o for ids in links.values() for o in ids}
        assert sorted(named) == sorted(listed(html))
        assert len(listed(html)) == len(set(listed(html)))


def test_an_inquiry_goes_to_the_offices_that_take_inquiries(client, today):
    html = checklist_html(client, "en", SATO)
    assert where(html)["s1.license_invalid"] == ["license-center", "police-stations"]


def test_no_offices_section_when_nothing_sends_the_person_anywhere(client, today):
    html = checklist_html(client, "en", AOKI)
    assert where(html) == {}
    assert 'class="offices"' not in html


@pytest.mark.parametrize("lang", LANGS)
def test_each_office_is_described_with_its_details(client, today, japanese, lang):
    html = checklist_html(client, lang, RENEWAL)
    block = re.search(r'<div class="office" id="office-license-center">(.*?)</div>', html,
                      re.DOTALL).group(1)
    text = unescape(" ".join(re.sub(r"<[^>]+>", " ", block).split()))
    office = WizardConfig.deployment.offices[0]
    for value in (office.name.get(lang), office.address.get(lang), office.hours.get(lang),
                  office.reservation.get(lang), office.phone, office.url):
        assert value in text, value
    assert f'href="tel:{office.phone}"' in block
    assert f'href="{office.url}"' in block


# --- another file ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_swapping_the_file_changes_what_the_checklist_names(client, today, japanese, use_offices,
                                                           lang):
    use_offices(OTHER)

    html = checklist_html(client, lang, HARA)
    text = parse_page(html).text
    assert where(html)["s3.record_with_fee"] == ["alpha-center"]
    assert listed(html) == ["alpha-center"]
    assert OTHER_NAMES[lang][0] in text
    for name in SAMPLE_NAMES[lang]:
        assert name not in text, name
    assert "サンプル" not in text and "Sample" not in text
    inquiry = checklist_html(client, lang, SATO)
    assert where(inquiry)["s1.license_invalid"] == ["beta-desk"]
    assert OTHER_NAMES[lang][1] in parse_page(inquiry).text


def test_the_counter_checklist_names_the_swapped_offices_too(client, today, use_offices):
    use_offices(OTHER)
    html = counter_checklist(client, HARA).content.decode()
    assert listed(html) == ["alpha-center"]
    assert "Sample" not in parse_page(html).text


# --- the publisher and contact, on every page --------------------------------------------------

# One page of each kind a person reaches without answers, and a checklist.
PAGES = ["/{lang}/", "/{lang}/sources/", "/{lang}/accessibility/", "/{lang}/counter/",
         "/{lang}/questions/holding/", "/{lang}/checklist/?holding=both", "/{lang}/no-such-page/"]


def footer_of(html: str) -> str:
    block = re.search(r'<footer class="footer">(.*?)</footer>', html, re.DOTALL).group(1)
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", block).split()))


def page_html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code in (200, 404), (path, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("lang", LANGS)
def test_every_footer_names_the_sample_publisher_and_its_contact(client, japanese, lang):
    contact = WizardConfig.deployment.contact
    for path in PAGES:
        html = page_html(client, path.format(lang=lang))
        footer = footer_of(html)
        assert SAMPLE_PUBLISHER[lang] in footer, path
        assert ("（見本）" if lang == "ja" else "(example)") in footer
        assert contact.phone in footer and contact.hours.get(lang) in footer, path
        assert contact.mail in footer, path
        block = re.search(r'<footer class="footer">(.*?)</footer>', html, re.DOTALL).group(1)
        assert f'href="tel:{contact.tel}"' in block
        assert f'href="{contact.form}"' in block and f'href="mailto:{contact.mail}"' in block
        assert f'href="/{lang}/accessibility/"' in block, path


@pytest.mark.parametrize("lang", LANGS)
def test_swapping_the_file_changes_every_footer_and_the_statement(client, japanese, use_offices,
                                                                  lang):
    use_offices(OTHER)

    for path in PAGES:
        html = page_html(client, path.format(lang=lang))
        footer = footer_of(html)
        assert OTHER_PUBLISHER[lang] in footer and OTHER_HOURS[lang] in footer, path
        assert "099-999-9999" in footer, path
        assert 'href="https://police.test.example.jp/ask/"' in html, path
        assert "mailto:" not in html, path  # this file gives no mail address
        text = parse_page(html).text
        assert "サンプル" not in text and "Sample" not in text and "見本" not in text, path
    # The statement's own words name the publisher, and its contact is the file's.
    main = re.search(r"<main.*?</main>", page_html(client, f"/{lang}/accessibility/"),
                     re.DOTALL).group(0)
    assert OTHER_PUBLISHER[lang] in unescape(main)
    assert 'href="tel:0999999999"' in main and 'href="https://police.test.example.jp/ask/"' in main


def test_the_pages_the_checklist_will_link_are_typed_fields(use_offices):
    """Issue 10 shows these on the checklist: a page given, a page not given."""
    use_offices(OTHER)
    assert WizardConfig.deployment.police_page == "https://police.test.example.jp/mynalicense/"
    assert WizardConfig.deployment.reservation_page is None


@pytest.mark.parametrize("lang", LANGS)
def test_the_checklist_links_the_prefectures_own_pages_and_says_they_leave_the_site(
        client, today, japanese, use_offices, lang):
    leaves = {"en": "(another website)", "ja": "（外部サイト）"}[lang]
    sample = checklist_html(client, lang, HARA)
    for page in ("https://www.example.jp/police/license/my-number-card/",
                 "https://www.example.jp/police/license/reservation/"):
        # Shown as its link and followed by the words that say it leaves the site.
        assert re.search(rf'href="{re.escape(page)}">[^<]*</a> {re.escape(leaves)}', sample), page
    # A file without a reservation page gives no reservation link; its police page is its own.
    use_offices(OTHER)
    other = checklist_html(client, lang, HARA)
    assert 'href="https://police.test.example.jp/mynalicense/"' in other
    assert "/reservation/" not in other and "www.example.jp" not in other


def test_a_broken_file_fails_at_start_up_naming_the_field(use_offices):
    with pytest.raises(ImproperlyConfigured, match=re.escape("offices[1].phone: missing")):
        use_offices(OTHER.replace('phone = "022-222-2222"\n', ""))


# --- start-up, as a deployment does it ---------------------------------------------------------


def manage_check(offices: Path, *, name: str = "MYNALICENSE_OFFICES",
                 **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("MYNALICENSE_DEPLOYMENT", "MYNALICENSE_OFFICES")}
    env.update({name: str(offices), "DJANGO_SETTINGS_MODULE": "mynalicense.settings.dev"}, **extra)
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


BROKEN = {
    "missing-phone": (OTHER.replace('phone = "022-222-2222"\n', ""), "offices[1].phone"),
    "empty-english-address": (OTHER.replace('en = "1-1 Alpha City"', 'en = " "'),
                              "offices[0].address.en"),
    "unknown-service": (OTHER.replace('services = ["inquiry"]', 'services = ["parking"]'),
                        "offices[1].services"),
    "no-recording-office": (OTHER.replace('"recording", ', ""), "offices[].services"),
    "no-police-name": (
        OTHER.replace('police = { ja = "テスト県警察", en = "Test Prefectural Police" }\n', ""),
        "deployment.police"),
    "not-toml": ("[deployment\nprefecture = 1", "not valid TOML"),
    "no-publisher": (OTHER.replace('publisher = { ja = "テスト県警察 交通部", en = "Traffic Department, Test Prefectural Police" }\n', ""),
                     "deployment.publisher"),
    "plain-http-form": (OTHER.replace('form = "https://', 'form = "http://'),
                        "deployment.contact.form"),
}


@pytest.mark.parametrize(("text", "field"), BROKEN.values(), ids=BROKEN.keys())
def test_manage_py_check_fails_loudly_on_a_broken_file(tmp_path, text, field):
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")

    run = manage_check(path)

    assert run.returncode != 0
    assert "ImproperlyConfigured" in run.stderr
    assert "MYNALICENSE_OFFICES" in run.stderr
    assert field in run.stderr, run.stderr[-2000:]


@pytest.mark.parametrize("name", ["MYNALICENSE_DEPLOYMENT", "MYNALICENSE_OFFICES"])
def test_either_name_of_the_variable_is_read(tmp_path, name):
    path = tmp_path / "broken.toml"
    path.write_text(OTHER.replace('phone = "022-222-2222"\n', ""), encoding="utf-8")
    run = manage_check(path, name=name)
    assert run.returncode != 0 and "offices[1].phone" in run.stderr
    assert str(path) in run.stderr


def test_the_new_name_wins_over_the_old_one(tmp_path):
    good, broken = tmp_path / "good.toml", tmp_path / "broken.toml"
    good.write_text(OTHER, encoding="utf-8")
    broken.write_text("not = = toml", encoding="utf-8")
    run = manage_check(broken, MYNALICENSE_DEPLOYMENT=str(good))
    assert run.returncode == 0, run.stderr


def test_manage_py_check_fails_on_a_missing_file(tmp_path):
    run = manage_check(tmp_path / "absent.toml")
    assert run.returncode != 0
    assert "absent.toml: cannot be read" in run.stderr


def test_manage_py_check_passes_with_a_good_file(tmp_path):
    path = tmp_path / "offices.toml"
    path.write_text(OTHER, encoding="utf-8")
    run = manage_check(path)
    assert run.returncode == 0, run.stderr
    assert "System check identified no issues" in run.stdout
