"""Page weight (issue 6, "Fast on any phone"): the richest checklist's HTML and the stylesheet
stay small, no web font is downloaded, no script is needed, and the static files go out
compressed with far-future cache headers.

The richest checklist is the one the benchmarks load (bench/pages.py): every date known and
the most items any answers give. bench/rules.py checks that it stays the richest.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.support.pages import RICHEST_ITEM_COUNT, checklist_path, question_path
from tests.support.people import TODAY as FROZEN_TODAY
from tests.support.page import parse_page
from wizard import qr

HTML_BUDGET = 40_000  # bytes of HTML before compression
CSS_BUDGET = 20_000  # bytes of guide.css before compression
ONE_YEAR = 60 * 60 * 24 * 365
LANGS = ["ja", "en"]

CSS_PATH = Path(settings.BASE_DIR) / "static" / "css" / "guide.css"
JS_PATH = Path(settings.BASE_DIR) / "static" / "js" / "guide.js"
MANIFEST = Path(settings.STATIC_ROOT) / "staticfiles.json"
FONT_FILE = re.compile(r"\.(?:woff2?|ttf|otf|eot)\b|fonts\.(?:googleapis|gstatic)\.com", re.I)


@pytest.fixture
def richest(client, today, japanese):
    """The richest checklist, {lang: HTML}."""
    pages = {}
    for lang in LANGS:
        response = client.get(checklist_path(lang, FROZEN_TODAY))
        assert response.status_code == 200
        pages[lang] = response.content
    return pages


def hashed(name: str) -> str:
    if not MANIFEST.exists():
        pytest.skip("static files not collected (make test runs collectstatic first)")
    return json.loads(MANIFEST.read_text())["paths"][name]


# --- the weight of the richest checklist ----------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_richest_checklist_html_is_at_most_40_kb(richest, lang):
    html = richest[lang]
    page = parse_page(html.decode())
    assert page.lang == lang
    # It is the richest: all its items are there (else the weight would prove little).
    assert sum(len(ids) for ids in page.sections.values()) == RICHEST_ITEM_COUNT
    assert len(html) <= HTML_BUDGET, f"{lang}: {len(html):,} bytes of HTML (budget {HTML_BUDGET:,})"


def test_stylesheet_is_at_most_20_kb():
    size = CSS_PATH.stat().st_size
    assert size <= CSS_BUDGET, f"guide.css: {size:,} bytes (budget {CSS_BUDGET:,})"


# --- no web fonts ---------------------------------------------------------------------------


def test_stylesheet_loads_no_font_and_names_system_fonts_that_cover_japanese():
    css = CSS_PATH.read_text(encoding="utf-8")
    assert "@font-face" not in css
    assert not FONT_FILE.search(css)
    assert "@import" not in css
    stacks = re.findall(r"font-family:\s*([^;]+);", css)
    assert stacks, "no font-family in guide.css"
    main = stacks[0]
    # Japanese system fonts of each platform (Android/Linux, macOS/iOS, Windows), then the
    # generic families.
    for family in ("Noto Sans JP", "Hiragino", "Yu Gothic", "Meiryo", "sans-serif"):
        assert family in main, f"{family} missing from the font stack {main}"


@pytest.mark.parametrize("lang", LANGS)
def test_pages_reference_no_font_files(richest, lang):
    html = richest[lang].decode()
    assert "@font-face" not in html
    assert not FONT_FILE.search(html)
    assert 'rel="preload"' not in html


# --- no JavaScript needed -------------------------------------------------------------------


def _other_pages(client) -> dict[str, str]:
    pages = {}
    for lang in LANGS:
        for path in (f"/{lang}/", question_path(lang), f"/{lang}/sources/",
                     f"/{lang}/checklist/1/?holding=myna_only"):
            response = client.get(path)
            assert response.status_code == 200, path
            pages[path] = response.content.decode()
    return pages


def test_no_page_has_inline_script_or_script_urls(client, richest):
    pages = {f"checklist {lang}": html.decode() for lang, html in richest.items()}
    pages.update(_other_pages(client))
    for name, html in pages.items():
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S | re.I)
        assert scripts, f"{name}: guide.js is not linked"
        assert all(not body.strip() for body in scripts), f"{name}: inline script"
        for tag in re.findall(r"<script\b[^>]*>", html, re.I):
            assert "src=" in tag and "defer" in tag, f"{name}: {tag}"
        assert not re.search(r"\son[a-z]+\s*=", html, re.I), f"{name}: inline event handler"
        assert "javascript:" not in html.lower(), f"{name}: javascript: URL"
        assert "<style" not in html.lower() and " style=" not in html.lower(), f"{name}: inline style"


@pytest.mark.parametrize("lang", LANGS)
def test_script_is_optional_print_button_hidden_until_it_runs(richest, lang):
    html = richest[lang].decode()
    # Without the script the page says how to print; the button appears only when it runs.
    buttons = re.findall(r"<button\b[^>]*data-print\b[^>]*>", html)
    assert buttons and all(re.search(r"\shidden\b", b) for b in buttons), buttons
    hints = re.findall(r"<p\b[^>]*data-print-hint[^>]*>", html)
    assert hints and not any(re.search(r"\shidden\b", h) for h in hints), hints
    script = JS_PATH.read_text(encoding="utf-8")
    assert "button.hidden = false" in script


# --- static files: compressed, cached for a year --------------------------------------------


@pytest.mark.parametrize("name", ["css/guide.css", "js/guide.js"])
def test_static_files_are_compressed_and_cached_for_a_year(client, name):
    path = settings.STATIC_URL + hashed(name)
    plain = client.get(path)
    assert plain.status_code == 200
    body = b"".join(plain.streaming_content)
    assert "Content-Encoding" not in plain.headers
    cache = plain.headers["Cache-Control"]
    max_age = int(re.search(r"max-age=(\d+)", cache).group(1))
    assert max_age >= ONE_YEAR, cache
    assert "immutable" in cache and "public" in cache, cache
    assert "Accept-Encoding" in plain.headers.get("Vary", "")

    gzipped = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert gzipped.status_code == 200
    assert gzipped.headers["Content-Encoding"] in ("gzip", "br")
    packed = b"".join(gzipped.streaming_content)
    assert len(packed) < len(body)
    assert gzipped.headers["Cache-Control"] == cache


def test_pages_link_the_hashed_static_files(richest):
    html = richest["ja"].decode()
    assert f'href="{settings.STATIC_URL}{hashed("css/guide.css")}"' in html
    assert f'src="{settings.STATIC_URL}{hashed("js/guide.js")}"' in html


# --- the QR code keeps nothing ---------------------------------------------------------------


def test_qr_code_keeps_no_state_between_requests():
    """The link in the code holds a person's answers: drawing it keeps nothing in memory."""
    url = "https://example.test/ja/checklist/?holding=both"
    before = {name for name in vars(qr) if not name.startswith("__")}
    assert qr.qr_svg(url) == qr.qr_svg(url)
    assert {name for name in vars(qr) if not name.startswith("__")} == before
    assert not any(isinstance(value, (dict, list)) and value
               for name, value in vars(qr).items() if not name.startswith("__"))
