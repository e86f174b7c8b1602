"""A second deployment file for the tests (the sample is deploy/offices.sample.toml), and a
way to start the app with it."""

from __future__ import annotations

from pathlib import Path

OTHER = """\
[deployment]
prefecture = { ja = "テスト県", en = "Test Prefecture" }
police = { ja = "テスト県警察", en = "Test Prefectural Police" }
publisher = { ja = "テスト県警察 交通部", en = "Traffic Department, Test Prefectural Police" }
police_page = "https://police.test.example.jp/mynalicense/"

[deployment.contact]
phone = "099-999-9999"
hours = { ja = "平日 10時〜16時", en = "Weekdays 10 a.m. to 4 p.m." }
form = "https://police.test.example.jp/ask/"

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

# What each file's publisher and contact look like on a page, by language.
SAMPLE_PUBLISHER = {"ja": "サンプル県警察本部 運転免許課（見本）",
                    "en": "Driver's License Division, Sample Prefectural Police (example)"}
OTHER_PUBLISHER = {"ja": "テスト県警察 交通部", "en": "Traffic Department, Test Prefectural Police"}
OTHER_HOURS = {"ja": "平日 10時〜16時", "en": "Weekdays 10 a.m. to 4 p.m."}


def deployment_use(text: str, folder: Path, settings) -> Path:
    """Start the wizard app again with this deployment file (as MYNALICENSE_DEPLOYMENT would).
    The caller keeps WizardConfig.deployment to restore it (monkeypatch)."""
    from django.apps import apps

    path = folder / "deployment.toml"
    path.write_text(text, encoding="utf-8")
    settings.MYNALICENSE_DEPLOYMENT = str(path)
    apps.get_app_config("wizard").ready()
    return path
