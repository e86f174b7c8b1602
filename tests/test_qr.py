"""The QR code on the checklist: its own SVG image (wizard/qr.py), drawn on the server when the
browser fetches it, not while the page renders. It decodes (with zxing-cpp, from our own
rasterisation of the SVG path) to the page's absolute permalink, which is also the page's
`data-qr` value and a link in text. Nothing about a person is cached: the image is
`no-store`, and at the counter its URL carries no answers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape
from urllib.parse import urlencode

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from tests.support.page import parse_page
from tests.support.counter import counter_checklist
from tests.support.people import BOTH_ONLINE, PEOPLE, answers_query_of

SVG_NS = "{http://www.w3.org/2000/svg}"
LANGS = ["en", "ja"]
SCALE = 6  # pixels per module
QUIET = 4  # extra modules of white around the code's own border


def qr_block(html: str) -> tuple[str, dict[str, str]]:
    """The `data-qr` value and the attributes of the <img> inside that element."""
    match = re.search(r'<div class="qr__body" data-qr="([^"]*)">\s*<img\b([^>]*)>', html)
    assert match, "no [data-qr] element with an <img>"
    attributes = {name: unescape(value)
                  for name, value in re.findall(r'([\w-]+)="([^"]*)"', match.group(2))}
    return unescape(match.group(1)), attributes


def qr_svg_of(client, response, **extra) -> tuple[str, dict[str, str], str]:
    """The page's data-qr value, its <img> attributes and the SVG image the browser gets."""
    value, image = qr_block(response.content.decode())
    fetched = client.get(image["src"], **extra)
    assert fetched.status_code == 200, image["src"]
    assert fetched["Content-Type"] == "image/svg+xml"
    assert fetched["Cache-Control"] == "no-store"
    return value, image, fetched.content.decode()


def modules(svg: str) -> tuple[int, int, set[tuple[int, int]]]:
    """The dark modules (x, y) of a QR code's SVG path (wizard/qr.py's, or segno's), and the
    viewBox size.

    Both draw each row as horizontal strokes one unit wide: `M x y.5` (absolute) or
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
    canonical = urlencode(answers_query_of(query))
    value, image, svg = qr_svg_of(client, response)
    permalink = f"http://testserver/{lang}/checklist/?{canonical}"
    assert value == permalink
    assert image["src"] == f"/{lang}/checklist/qr.svg?{canonical}"
    assert decode(svg) == permalink
    # The same link in text, to read or click.
    page = parse_page(response)
    assert (permalink, permalink) in page.links
    # And the permalink opens the same checklist.
    again = parse_page(client.get(permalink.removeprefix("http://testserver")))
    assert again.outcomes == page.outcomes and again.item_sets() == page.item_sets()


def test_the_checklist_page_draws_no_qr_code(client, today, monkeypatch):
    """The page's own request only links the image: encoding is the image's request."""
    def refuse(url):
        raise AssertionError("the page encoded a QR code")

    monkeypatch.setattr("wizard.views.qr_svg", refuse)
    query = urlencode(PERSONS["Kato, same season, card first"])
    assert client.get(f"/en/checklist/?{query}").status_code == 200
    assert client.get(f"/en/checklist/1/?{query}").status_code == 200
    with pytest.raises(AssertionError, match="encoded"):
        client.get(f"/en/checklist/qr.svg?{query}")


def test_the_qr_code_uses_the_sites_host_and_scheme(client, today, settings):
    settings.ALLOWED_HOSTS = ["guide.example.jp"]
    response = client.get("/en/checklist/?holding=none", HTTP_HOST="guide.example.jp",
                          secure=True)
    value, _, svg = qr_svg_of(client, response, HTTP_HOST="guide.example.jp", secure=True)
    assert value == "https://guide.example.jp/en/checklist/?holding=none"
    assert decode(svg) == value


@pytest.mark.parametrize("step", ["1", "3"])
def test_a_step_page_carries_the_whole_checklists_permalink(client, today, step):
    query = urlencode(answers_query_of(PEOPLE["Kato, same season, card first"][0]))
    response = client.get(f"/en/checklist/{step}/?{query}")
    value, image, svg = qr_svg_of(client, response)
    assert value == f"http://testserver/en/checklist/?{query}"
    assert image["src"] == f"/en/checklist/qr.svg?{query}"
    assert decode(svg) == value


@pytest.mark.parametrize("lang", LANGS)
def test_the_counter_checklist_carries_the_permalink_to_take_home(client, today, lang):
    response = counter_checklist(client, BOTH_ONLINE, lang=lang)
    value, image, svg = qr_svg_of(client, response)
    permalink = f"http://testserver/{lang}/checklist/?{urlencode(answers_query_of(BOTH_ONLINE))}"
    assert value == permalink
    assert decode(svg) == permalink
    # The image's URL carries no answers: they stay in the session, as everywhere at the
    # counter (docs/decisions/0005-qr-code-as-its-own-image.md).
    assert image["src"] == f"/{lang}/counter/qr.svg"
    # Finished: the code is gone with the answers.
    client.post(f"/{lang}/counter/finish/")
    assert client.get(image["src"]).status_code == 404


def test_the_counter_qr_code_needs_the_counter_answers(client, today):
    assert client.get("/en/counter/qr.svg").status_code == 404
    assert client.post("/en/counter/qr.svg").status_code == 405


@pytest.mark.parametrize("query, parameter", [
    ("holding=maybe", "holding"), ("holding=both&card_expiry=2027-02-30", "card_expiry")])
def test_a_bad_value_in_the_qr_code_url_is_a_400_like_the_checklist(client, query, parameter):
    image = client.get(f"/en/checklist/qr.svg?{query}")
    page = client.get(f"/en/checklist/?{query}")
    assert image.status_code == page.status_code == 400
    assert f"“{parameter}”" in image.content.decode()


def test_the_image_is_named_sized_eager_and_the_svg_self_contained(client, today):
    response = client.get("/en/checklist/?holding=none")
    _, image, svg = qr_svg_of(client, response)

    assert image["alt"] == "QR code of the link to this checklist"
    assert image["class"] == "qr__code"
    # Folded on screen (issue 10), it must still be on paper: a lazy image in a closed
    # <details> is never fetched, so it would print blank.
    assert "loading" not in image
    assert image["width"] == image["height"] == "144"
    # No outside service, no script, no image file: only the path.
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
    assert "<script" not in svg and "href" not in svg and "<image" not in svg
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", svg)
    html = response.content.decode()
    assert "<svg" not in html.split('class="qr__body"', 1)[1].split("</section>", 1)[0]
    width, height, dark = modules(svg)
    assert width == height and width >= 21 + 8  # version 1 and up, with a 4-module border
    # Finder patterns in three corners (inside the border).
    assert all((x, 4) in dark for x in range(4, 11))
    assert all((width - 5, y) in dark for y in range(4, 11))


def test_the_code_has_error_correction_level_m(client, today):
    query = urlencode(PERSONS["Kato, same season, card first"])
    svg = client.get(f"/ja/checklist/qr.svg?{query}").content.decode()
    (result,) = zxingcpp.read_barcodes(rasterise(svg))
    assert result.ec_level == "M"


def test_the_rasteriser_itself_reads_a_known_code():
    """A guard for this file's own helper: segno's SVG for a known text decodes back."""
    import segno

    svg = segno.make("https://example.jp/?a=1&b=2", error="m").svg_inline(scale=1, border=4,
                                                                         omitsize=True)
    assert decode(svg) == "https://example.jp/?a=1&b=2"
