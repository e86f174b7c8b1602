"""The deployment file (publisher, contact, the prefecture's pages, offices): the sample loads;
a broken or incomplete one fails naming the field."""

import re
from pathlib import Path

import pytest

from guide.deployment import DEFAULT_PATH, deployment_load
from guide.offices import DeploymentError

SAMPLE = DEFAULT_PATH.read_text(encoding="utf-8")
CONTACT = SAMPLE[SAMPLE.index("[deployment.contact]"):SAMPLE.index("[[offices]]")]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deployment.toml"
    path.write_text(text, encoding="utf-8")
    return path


def with_contact(contact: str) -> str:
    """The sample with its contact table replaced by `contact` (TOML lines)."""
    return SAMPLE.replace(CONTACT, f"[deployment.contact]\n{contact}\n\n")


def test_sample_file_loads_with_offices_for_certificate_and_recording():
    deployment = deployment_load()
    assert deployment.prefecture.get("ja") == "サンプル県"
    assert deployment.prefecture.get("en") == "Sample Prefecture"
    assert [o.id for o in deployment.for_service("recording")] == ["license-center", "branch-north"]
    assert "police-stations" in [o.id for o in deployment.for_service("certificate")]


def test_the_sample_says_it_is_a_sample_in_both_languages():
    deployment = deployment_load()
    assert "（見本）" in deployment.publisher.get("ja")
    assert "(example)" in deployment.publisher.get("en")
    assert all("見本" in o.name.ja and "example" in o.name.en for o in deployment.offices)


def test_the_sample_has_a_contact_of_each_kind_and_both_pages():
    deployment = deployment_load()
    contact = deployment.contact
    assert contact.phone == "000-000-0009" and contact.tel == "0000000009"
    assert contact.hours.get("en").startswith("Weekdays")
    assert contact.form.startswith("https://") and contact.mail == "license-guide@example.jp"
    # The typed fields the checklist page reads (issue 10).
    assert deployment.police_page == "https://www.example.jp/police/license/my-number-card/"
    assert deployment.reservation_page == "https://www.example.jp/police/license/reservation/"


@pytest.mark.parametrize("contact, expected", [
    ('mail = "desk@example.jp"', (None, None, None, "desk@example.jp")),
    ('form = "https://example.jp/form"', (None, None, "https://example.jp/form", None)),
    ('phone = "+81 3-0000-0000"\nhours = { ja = "平日", en = "Weekdays" }',
     ("+81 3-0000-0000", "Weekdays", None, None)),
], ids=["mail-only", "form-only", "phone-only"])
def test_any_one_way_of_contact_is_enough(tmp_path, contact, expected):
    found = deployment_load(path=write(tmp_path, with_contact(contact))).contact
    assert (found.phone, found.hours and found.hours.en, found.form, found.mail) == expected


def test_the_pages_are_optional(tmp_path):
    text = re.sub(r"^(police_page|reservation_page) = .*\n", "", SAMPLE, flags=re.M)
    deployment = deployment_load(path=write(tmp_path, text))
    assert deployment.police_page is None and deployment.reservation_page is None


@pytest.mark.parametrize("broken, field", [
    (SAMPLE.replace('phone = "000-000-0000"\n', "", 1), "offices[0].phone: missing"),
    (SAMPLE.replace('en = "Sample Prefecture Driver\'s License Center (example)"',
                    'en = ""', 1), "offices[0].name.en: missing or empty"),
    (SAMPLE.replace('services = ["certificate", "recording", "renewal", "inquiry"]',
                    'services = ["certificate", "bakery"]', 1), "offices[0].services: unknown service 'bakery'"),
    (SAMPLE.replace('url = "https://www.example.jp/license-center/"',
                    'url = "http://www.example.jp/"', 1), "offices[0].url: must start with https://"),
    (SAMPLE.replace('id = "branch-north"', 'id = "license-center"', 1), "offices[].id: duplicated license-center"),
    (SAMPLE.split("[[offices]]")[0], "[[offices]]: at least one office is needed"),
    (SAMPLE.replace("[deployment", "[deploymen"), "[deployment]: missing"),
    ("this is = = not toml", "not valid TOML"),
    (re.sub(r"^publisher = .*\n", "", SAMPLE, flags=re.M), "deployment.publisher: missing"),
    (SAMPLE.replace('en = "Driver\'s License Division, Sample Prefectural Police (example)"',
                    'en = " "'), "deployment.publisher.en: missing or empty"),
    (SAMPLE.replace('police_page = "https://', 'police_page = "http://'),
     "deployment.police_page: must start with https://"),
    (SAMPLE.replace('reservation_page = "https://www.example.jp/police/license/reservation/"',
                    'reservation_page = ""'), "deployment.reservation_page: missing or empty"),
    (SAMPLE.replace("police_page =", "polise_page ="), "deployment.polise_page: unknown field"),
    (SAMPLE.replace(CONTACT, ""), "deployment.contact: missing"),
    (with_contact(""), "deployment.contact: give at least one of phone (with hours), form, mail"),
    (with_contact('phone = "000-000-0009"'), "deployment.contact.hours: missing"),
    (with_contact('hours = { ja = "平日", en = "Weekdays" }\nmail = "a@example.jp"'),
     "deployment.contact.hours: given without a phone"),
    (with_contact('phone = "call us"\nhours = { ja = "平日", en = "Weekdays" }'),
     "deployment.contact.phone: digits with hyphens"),
    (with_contact('mail = "not an address"'), "deployment.contact.mail: not a mail address"),
    (with_contact('form = "http://example.jp/form"'), "deployment.contact.form: must start with https://"),
    (with_contact('fax = "000"\nmail = "a@example.jp"'), "deployment.contact.fax: unknown field"),
], ids=["missing-phone", "empty-english-name", "unknown-service", "plain-http-url", "duplicate-id",
        "no-offices", "no-deployment", "not-toml", "no-publisher", "blank-english-publisher",
        "plain-http-police-page", "empty-reservation-page", "misspelt-field", "no-contact",
        "empty-contact", "phone-without-hours", "hours-without-phone", "phone-not-a-number",
        "mail-not-an-address", "plain-http-form", "unknown-contact-field"])
def test_broken_deployment_file_fails_naming_the_field(tmp_path, broken, field):
    with pytest.raises(DeploymentError, match=re.escape(field)):
        deployment_load(path=write(tmp_path, broken))


def test_file_without_a_recording_office_is_refused(tmp_path):
    text = SAMPLE.replace('"recording", ', "")
    with pytest.raises(DeploymentError, match="no office offers 'recording'"):
        deployment_load(path=write(tmp_path, text))


def test_missing_file_is_refused_with_its_path(tmp_path):
    with pytest.raises(DeploymentError, match="cannot be read"):
        deployment_load(path=tmp_path / "absent.toml")
