"""The offices file: the sample loads; a broken or incomplete one fails naming the field."""

import re
from pathlib import Path

import pytest

from guide.offices import DEFAULT_PATH, OfficesError, offices_load

SAMPLE = DEFAULT_PATH.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "offices.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sample_file_loads_with_offices_for_certificate_and_recording():
    offices = offices_load()
    assert offices.prefecture.get("ja") == "サンプル県"
    assert offices.prefecture.get("en") == "Sample Prefecture"
    assert [o.id for o in offices.for_service("recording")] == ["license-center", "branch-north"]
    assert "police-stations" in [o.id for o in offices.for_service("certificate")]


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
    (SAMPLE.replace("[deployment]", "[deploymen]", 1), "[deployment]: missing"),
    ("this is = = not toml", "not valid TOML"),
], ids=["missing-phone", "empty-english-name", "unknown-service", "plain-http-url", "duplicate-id",
        "no-offices", "no-deployment", "not-toml"])
def test_broken_offices_file_fails_naming_the_field(tmp_path, broken, field):
    with pytest.raises(OfficesError, match=re.escape(field)):
        offices_load(path=write(tmp_path, broken))


def test_file_without_a_recording_office_is_refused(tmp_path):
    text = SAMPLE.replace('"recording", ', "")
    with pytest.raises(OfficesError, match="no office offers 'recording'"):
        offices_load(path=write(tmp_path, text))


def test_missing_file_is_refused_with_its_path(tmp_path):
    with pytest.raises(OfficesError, match="cannot be read"):
        offices_load(path=tmp_path / "absent.toml")
