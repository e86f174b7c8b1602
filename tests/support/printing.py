"""A page as Chromium prints it (A4, print media): the PDF and its text, compared without
spaces or line breaks, and the check that every item of a checklist is on paper."""

from __future__ import annotations

import io
import re
import unicodedata

from playwright.sync_api import Page
from pypdf import PdfReader


# Characters that share one glyph in CJK fonts, so the PDF may name either.
GLYPH_TWINS = str.maketrans({"\u301c": "~", "\u2014": "\u2015", "\u2212": "-", "\u2027": "\u30fb"})


def squash(text: str) -> str:
    """Text compared without line breaks or spaces. Chromium names each glyph in the PDF's
    ToUnicode map by the lowest code point the font maps to it: some kanji come out as their
    Kangxi-radical twins (⽤ U+2F64 for 用 U+7528) and ～ as 〜. NFKC and GLYPH_TWINS fold
    them back: they look the same on paper, and NFKC-aware search finds them."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(GLYPH_TWINS))


def printed(page: Page) -> tuple[PdfReader, str]:
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return reader, "\n".join(p.extract_text() for p in reader.pages)


def assert_items_printed(page: Page, text: str) -> int:
    items = page.locator("[data-item]")
    count = items.count()
    assert count, f"no items on {page.url}"
    flat = squash(text)
    for index in range(count):
        item = items.nth(index)
        expected = squash(item.inner_text())
        assert expected in flat, (
            f"item {item.get_attribute('data-item')} not in the PDF:\n{item.inner_text()}\n"
            f"--- PDF text ---\n{text}")
    return count
