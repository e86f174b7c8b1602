"""6. Print: the checklist printed to an A4 PDF holds the text of every item on the page and
none of the navigation or buttons, and a QR code that a phone can read back to the page's
permalink; a step on its own fits one A4 sheet; Japanese text comes out of the PDF as
Japanese, from embedded fonts, with no missing glyphs (tofu)."""

from __future__ import annotations

import re
import unicodedata

import pypdfium2
import pytest
import zxingcpp
from playwright.sync_api import Page
from pypdf import PdfReader

from tests.support.printing import assert_items_printed, printed, squash

from .support import COUNTER_SUBMIT, HEAVY, LANGS, OUTCOMES, RICH, fill_counter, query, submit

pytestmark = pytest.mark.browser

# What the screen shows but paper must not: header, language switch, skip link, buttons,
# "Change" links, "Open step … on its own page", "Start again".
NAVIGATION = "header, .skip-link, .lang, .no-print, .back-link, .summary__actions, button, .button"
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def texts(page: Page, selector: str) -> list[str]:
    return [t for t in (page.locator(selector).all_text_contents()) if t.strip()]


def fonts_of(reader: PdfReader):
    for number, pdf_page in enumerate(reader.pages, start=1):
        for name, font in (pdf_page["/Resources"].get("/Font") or {}).items():
            yield number, name, font.get_object()


@pytest.mark.parametrize("lang", LANGS)
def test_checklist_prints_items_without_navigation(page, lang, japanese_fonts):
    page.goto(f"/{lang}/checklist/?{query(RICH)}")
    navigation = [t for t in texts(page, NAVIGATION) if squash(t)]
    assert navigation
    headline = page.inner_text(".headline")
    _, text = printed(page)
    items = assert_items_printed(page, text)
    assert items >= 12, items
    assert squash(headline) in squash(text)
    flat = squash(text)
    leaked = [t.strip() for t in navigation if squash(t) in flat]
    assert not leaked, f"navigation or buttons printed: {leaked}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("step", "1234")
@pytest.mark.parametrize("params", [RICH, HEAVY], ids=["rich", "heavy"])
def test_step_fits_one_sheet(page, lang, step, params, japanese_fonts):
    page.goto(f"/{lang}/checklist/{step}/?{query(params)}")
    reader, text = printed(page)
    assert_items_printed(page, text)
    assert len(reader.pages) == 1, f"step {step} prints on {len(reader.pages)} sheets"
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)


@pytest.mark.parametrize("outcome", ["at_risk", "record_free", "not_applicable"])
def test_japanese_text_extracts_as_japanese(page, outcome, japanese_fonts):
    page.goto(f"/ja/checklist/?{query(OUTCOMES[outcome])}")
    shown = page.locator("[data-item], .headline").evaluate_all(
        "els => els.map(e => e.innerText).join('\\n')")
    reader, text = printed(page)
    # Japanese comes back out: at least as much as the headline and the items show.
    shown_japanese = JAPANESE.findall(squash(shown))
    assert len(shown_japanese) > 50, shown
    assert len(JAPANESE.findall(squash(text))) >= len(shown_japanese), text
    # No glyph without a character: a missing glyph (tofu) reads back as U+0000, an unmapped
    # one as U+FFFD or a private-use code point.
    bad = sorted({c for c in text if c == "\ufffd" or c not in "\n\r\t"
                  and unicodedata.category(c) in ("Cc", "Co", "Cn")})
    assert not bad, f"unreadable characters in the PDF text: {bad!r}"
    # Every kana and kanji of every item is there: none drawn as a box (tofu).
    assert_items_printed(page, text)
    # Every font is in the file: Type3 glyph programs, or an embedded font program.
    for number, name, font in fonts_of(reader):
        assert "/ToUnicode" in font, f"page {number}: font {name} cannot be read back"
        if font.get("/Subtype") == "/Type3":
            assert "/CharProcs" in font, (number, name)
            continue
        described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = described["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
            f"page {number}: font {name} {font.get('/BaseFont')} is not embedded")


def codes_on_paper(pdf: bytes) -> list[str]:
    """What a phone's camera reads on the printed sheets: each page rendered at 200 dpi."""
    found = []
    document = pypdfium2.PdfDocument(pdf)
    for index in range(len(document)):
        image = document[index].render(scale=200 / 72).to_pil()
        found += [r.text for r in zxingcpp.read_barcodes(image)
                  if r.format == zxingcpp.BarcodeFormat.QRCode]
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_printed_checklist_carries_a_qr_code_of_its_permalink(page, lang):
    # Opened at the top: the image is below the items, folded in a closed <details>.
    page.goto(f"/{lang}/checklist/?{query(HEAVY)}")
    permalink = page.get_attribute("[data-qr]", "data-qr")
    page.emulate_media(media="print")
    assert codes_on_paper(page.pdf(format="A4")) == [permalink]


def test_the_printed_counter_checklist_carries_a_qr_code_of_its_permalink(page):
    page.goto("/ja/counter/")
    fill_counter(page, RICH)
    submit(page, COUNTER_SUBMIT)
    permalink = page.get_attribute("[data-qr]", "data-qr")
    assert "/ja/checklist/?" in permalink
    page.emulate_media(media="print")
    assert codes_on_paper(page.pdf(format="A4")) == [permalink]
