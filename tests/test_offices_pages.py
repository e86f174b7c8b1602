"""The offices file on the pages: the items that send a person somewhere name the deployment's
offices; swapping the file swaps what the checklist names; a broken file stops start-up
(`manage.py check`) with a message naming the field."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from tests.support.page import parse_page
from tests.support.people import PEOPLE
from wizard.apps import WizardConfig
from guide.catalogue import CATALOGUE
from guide.offices import DEFAULT_PATH

ITEM_SERVICES = {entry.id: entry.service for entry in CATALOGUE if entry.service}

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = DEFAULT_PATH.read_text(encoding="utf-8")
LANGS = ["en", "ja"]

OTHER = """\
[deployment]
prefecture = { ja = "テスト県", en = "Test Prefecture" }
police = { ja = "テスト県警察", en = "Test Prefectural Police" }

[[offices]]
id = "alpha-center"
name = { ja = "テスト県アルファ免許センター", en = "Alpha License Center" }
services = ["certificate", "recording", "renewal"]
address = { ja = "アルファ市1-1", en = "1-1 Alpha City" }
hours = { ja = "平日 9時〜16時", en = "Weekdays 9 a.m. to 4 p.m." }
phone = "011-111-1111"
reservation = { ja = "予約が必要です。", en = "Book ahead." }
url = "https://alpha.example.jp/"

[[offices]]
id = "beta-desk"
name = { ja = "ベータ相談窓口", en = "Beta Inquiry Desk" }
services = ["inquiry"]
address = { ja = "ベータ町2-2", en = "2-2 Beta Town" }
hours = { ja = "平日 10時〜15時", en = "Weekdays 10 a.m. to 3 p.m." }
phone = "022-222-2222"
reservation = { ja = "予約は不要です。", en = "No reservation is needed." }
url = "https://beta.example.jp/"
"""

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
    """`use_offices(text)`: start the app with this offices file (as MYNALICENSE_OFFICES);
    the sample comes back after the test."""
    monkeypatch.setattr(WizardConfig, "offices", WizardConfig.offices)

    def use(text: str) -> Path:
        path = tmp_path / "offices.toml"
        path.write_text(text, encoding="utf-8")
        settings.MYNALICENSE_OFFICES = str(path)
        apps.get_app_config("wizard").ready()
        return path
    return use


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
    assert Path(WizardConfig.offices.path).resolve() == DEFAULT_PATH.resolve()


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
            offices = WizardConfig.offices.for_service(service) if service else None
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
    office = WizardConfig.offices.offices[0]
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


def test_the_counter_checklist_names_the_swapped_offices_too(client, today, use_offices,
                                                            monkeypatch):
    from tests.test_counter import counter_checklist

    monkeypatch.setattr("wizard.counter.today_tokyo", lambda: today)
    use_offices(OTHER)
    html = counter_checklist(client, HARA).content.decode()
    assert listed(html) == ["alpha-center"]
    assert "Sample" not in parse_page(html).text


def test_a_broken_file_fails_at_start_up_naming_the_field(use_offices):
    with pytest.raises(ImproperlyConfigured, match=re.escape("offices[1].phone: missing")):
        use_offices(OTHER.replace('phone = "022-222-2222"\n', ""))


# --- start-up, as a deployment does it ---------------------------------------------------------


def manage_check(offices: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "MYNALICENSE_OFFICES": str(offices),
           "DJANGO_SETTINGS_MODULE": "mynalicense.settings.dev"}
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
