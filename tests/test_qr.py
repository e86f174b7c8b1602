"""The QR code on the checklist: drawn on the server as inline SVG, it decodes (with zxing-cpp,
from our own rasterisation of the SVG path) to the page's absolute permalink, which is also
the `data-qr` value and a link in text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape
from urllib.parse import urlencode

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from tests.support.page import parse_page
from tests.support.people import PEOPLE, answers_query_of
from tests.test_counter import BOTH_ONLINE, counter_checklist

SVG_NS = "{http://www.w3.org/2000/svg}"
LANGS = ["en", "ja"]
SCALE = 6  # pixels per module
QUIET = 4  # extra modules of white around the code's own border


def qr_block(html: str) -> tuple[str, str]:
    """The `data-qr` value and the inline <svg> inside that element."""
    match = re.search(r'<div class="qr__body" data-qr="([^"]*)">\s*(<svg\b.*?</svg>)', html,
                      re.DOTALL)
    assert match, "no [data-qr] element with an inline SVG"
    return unescape(match.group(1)), match.group(2)


def modules(svg: str) -> tuple[int, int, set[tuple[int, int]]]:
    """The dark modules (x, y) of a segno SVG path, and the viewBox size.

    segno draws each row as horizontal strokes one unit wide: `M x y.5` (absolute) or
    `m dx dy` (relative) moves to the middle of a row, `h n` draws n dark modules."""
    if "xmlns=" not in svg:  # inline SVG in HTML needs no namespace; XML does
        svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    root = ET.fromstring(svg)
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    paths = root.findall(f"{SVG_NS}path")
    assert len(paths) == 1, "one path expected"
    dark: set[tuple[int, int]] = set()
    x = y = 0.0
    for command, args in re.findall(r"([MmHhVvZz])([^MmHhVvZz]*)", paths[0].get("d")):
        numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", args)]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        elif command == "h":
            (n,) = numbers
            start, end = sorted((x, x + n))
            dark.update((column, int(y)) for column in range(round(start), round(end)))
            x += n
        else:
            raise AssertionError(f"unexpected path command {command!r}")
    return int(width), int(height), dark


def rasterise(svg: str) -> Image.Image:
    width, height, dark = modules(svg)
    image = Image.new("L", ((width + 2 * QUIET) * SCALE, (height + 2 * QUIET) * SCALE), 255)
    draw = ImageDraw.Draw(image)
    for x, y in dark:
        left, top = (x + QUIET) * SCALE, (y + QUIET) * SCALE
        draw.rectangle((left, top, left + SCALE - 1, top + SCALE - 1), fill=0)
    return image


def decode(svg: str) -> str:
    results = zxingcpp.read_barcodes(rasterise(svg))
    assert len(results) == 1, f"{len(results)} codes found"
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode
    return results[0].text


PERSONS = {name: PEOPLE[name][0] for name in (
    "Aoki, myna_only, all done, applying online", "Chiba, plastic license only",
    "Kato, same season, card first", "Nobody answered anything",
    "Yamada, collected online, leap-day birthday")}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("query", PERSONS.values(), ids=PERSONS.keys())
def test_the_qr_code_decodes_to_the_pages_own_permalink(client, today, lang, query):
    # The page opened with the answers in another order and with an unknown parameter: the
    # code holds the canonical permalink, absolute.
    shuffled = dict(reversed(list(query.items())))
    response = client.get(f"/{lang}/checklist/?{urlencode({**shuffled, 'utm_source': 'x'})}")

    assert response.status_code == 200
    html = response.content.decode()
    value, svg = qr_block(html)
    permalink = f"http://testserver/{lang}/checklist/?{urlencode(answers_query_of(query))}"
    assert value == permalink
    assert decode(svg) == permalink
    # The same link in text, to read or click.
    page = parse_page(response)
    assert (permalink, permalink) in page.links
    # And the permalink opens the same checklist.
    again = parse_page(client.get(permalink.removeprefix("http://testserver")))
    assert again.outcomes == page.outcomes and again.item_sets() == page.item_sets()


def test_the_qr_code_uses_the_sites_host_and_scheme(client, today, settings):
    settings.ALLOWED_HOSTS = ["guide.example.jp"]
    response = client.get("/en/checklist/?holding=none", HTTP_HOST="guide.example.jp",
                          secure=True)
    value, svg = qr_block(response.content.decode())
    assert value == "https://guide.example.jp/en/checklist/?holding=none"
    assert decode(svg) == value


@pytest.mark.parametrize("step", ["1", "3"])
def test_a_step_page_carries_the_whole_checklists_permalink(client, today, step):
    query = urlencode(answers_query_of(PEOPLE["Kato, same season, card first"][0]))
    response = client.get(f"/en/checklist/{step}/?{query}")
    value, svg = qr_block(response.content.decode())
    assert value == f"http://testserver/en/checklist/?{query}"
    assert decode(svg) == value


def test_the_counter_checklist_carries_the_permalink_to_take_home(client, today):
    response = counter_checklist(client, BOTH_ONLINE)
    value, svg = qr_block(response.content.decode())
    assert value == f"http://testserver/en/checklist/?{urlencode(answers_query_of(BOTH_ONLINE))}"
    assert decode(svg) == value


def test_the_svg_is_inline_named_and_self_contained(client, today):
    html = client.get("/en/checklist/?holding=none").content.decode()
    _, svg = qr_block(html)

    assert 'role="img"' in svg
    assert 'aria-label="QR code of the link to this checklist"' in svg
    assert 'class="qr__code"' in svg
    # No outside service, no script, no image file: only the path.
    assert "<script" not in svg and "href" not in svg and "<image" not in svg
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", svg)
    assert "<script" not in html.split("<body>", 1)[1]  # the page itself runs no inline script
    width, height, dark = modules(svg)
    assert width == height and width >= 21 + 8  # version 1 and up, with a 4-module border
    # Finder patterns in three corners (inside the border).
    assert all((x, 4) in dark for x in range(4, 11))
    assert all((width - 5, y) in dark for y in range(4, 11))


def test_the_rasteriser_itself_reads_a_known_code():
    """A guard for this file's own helper: segno's SVG for a known text decodes back."""
    import segno

    svg = segno.make("https://example.jp/?a=1&b=2", error="m").svg_inline(scale=1, border=4,
                                                                         omitsize=True)
    assert decode(svg) == "https://example.jp/?a=1&b=2"
