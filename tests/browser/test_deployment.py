"""The deployment file on paper: the printed checklist names the publisher and how to reach
them (the web form's address written out), in both languages; with another file, all of it
is that file's, and nothing of the sample is left."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from guide.deployment import deployment_load
from tests.support.deployments import OTHER, OTHER_HOURS, OTHER_PUBLISHER, SAMPLE_PUBLISHER
from wizard.apps import WizardConfig

from .support import LANGS, RICH, query

pytestmark = pytest.mark.browser


# Characters that share one glyph in CJK fonts, so the PDF may name either (as in
# tests/support/printing.py); NFKC folds the Kangxi-radical twins of kanji.
TWINS = str.maketrans({"\u301c": "~", "\u2027": "\u30fb", "\u2014": "\u2015"})


def flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(TWINS))


def printed_text(page, path: str) -> str:
    page.goto(path)
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return flat("\n".join(p.extract_text() for p in reader.pages))


@pytest.mark.parametrize("lang", LANGS)
def test_paper_names_the_sample_publisher_and_its_contact(page, lang, japanese_fonts):
    text = printed_text(page, f"/{lang}/checklist/3/?{query(RICH)}")
    contact = WizardConfig.deployment.contact
    for value in (SAMPLE_PUBLISHER[lang], contact.phone, contact.hours.get(lang), contact.form,
                  contact.mail):
        assert flat(value) in text, value
    assert ("見本" if lang == "ja" else "(example)") in text


@pytest.mark.parametrize("lang", LANGS)
def test_with_another_file_paper_and_screen_are_that_file_s(page, lang, japanese_fonts,
                                                             monkeypatch, tmp_path):
    path = tmp_path / "deployment.toml"
    path.write_text(OTHER, encoding="utf-8")
    monkeypatch.setattr(WizardConfig, "deployment", deployment_load(path=path))

    text = printed_text(page, f"/{lang}/checklist/?{query(RICH)}")
    for value in (OTHER_PUBLISHER[lang], "099-999-9999", OTHER_HOURS[lang],
                  "https://police.test.example.jp/ask/"):
        assert flat(value) in text, value
    for sample in ("見本", "サンプル", "example)", "Sample"):
        assert sample not in text, sample
    page.emulate_media(media="screen")
    footer = page.inner_text("footer")
    assert OTHER_PUBLISHER[lang] in footer and "099-999-9999" in footer
