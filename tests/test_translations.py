"""Checks of the Japanese catalogue (locale/ja/LC_MESSAGES/django.po).

Japanese is the site's default language, so an empty, fuzzy or broken entry is what most
people would see. The catalogue is read with a small parser of our own (no polib, tests/support/catalogue.py) and
checked with GNU msgfmt, which CI installs (package gettext).
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.support.glossary import official_terms
from tests.support.po import PO_PATH, Entry, po_parse

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT.parent / "shared" / "seed"

# A run of this many characters shared with the flyer counts as copied text (issue 11: 15).
COPY_RUN = 15

# Placeholders of python-format strings: %(name)s, %(n)d … and a bare %s/%d.
PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[diouxXeEfFgGcrsa]")

# Official terms: when the English msgid names one, the Japanese must keep it as it is.
OFFICIAL_TERMS = (
    "マイナ免許証等継続利用", "マイナ免許証読み取りアプリ", "マイナ免許証", "マイナンバーカード",
    "署名用電子証明書", "免許情報記録番号", "交付通知書", "個人番号カードオンライン申請サイト",
    "申請書ID", "運転免許センター", "マイナポータル", "記録：有", "記録：無", "外字",
    "マイナ一体化", "有効期限通知書", "免許停止", "取消し", "失効",
)


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return [e for e in po_parse(PO_PATH) if not e.obsolete]


@pytest.fixture(scope="module")
def messages(entries) -> list[Entry]:
    """The entries without the header."""
    return [e for e in entries if e.msgid != ""]


def _msgfmt() -> str:
    path = shutil.which("msgfmt")
    if path is None:
        pytest.fail("msgfmt (GNU gettext) is not installed: the catalogue cannot be checked")
    return path


# --- the catalogue as a whole ---------------------------------------------------------------


def test_parser_reads_the_catalogue(messages):
    # A parser that silently read nothing would make every other test pass.
    assert len(messages) > 200
    assert any(e.msgid_plural for e in messages)
    assert any(e.msgctxt for e in messages)


def test_msgfmt_check_passes():
    result = subprocess.run(
        [_msgfmt(), "--check", "--statistics", "-o", "/dev/null", str(PO_PATH)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


def test_msgfmt_statistics_all_translated(messages):
    result = subprocess.run(
        [_msgfmt(), "--statistics", "-o", "/dev/null", str(PO_PATH)],
        capture_output=True, text=True, check=False,
        env={"LC_ALL": "C", "LANG": "C", "PATH": "/usr/bin:/bin:/usr/local/bin"},
    )
    statistics = result.stderr.strip()
    assert "fuzzy" not in statistics and "untranslated" not in statistics, statistics
    match = re.match(r"(\d+) translated messages?\.", statistics)
    assert match, statistics
    assert int(match.group(1)) == len(messages)


def test_header():
    header = po_parse(PO_PATH)[0]
    assert header.msgid == "", "the header must come first"
    assert "fuzzy" not in header.flags, "the header is still marked fuzzy"
    fields = dict(
        line.split(":", 1) for line in header.msgstr[0].splitlines() if ":" in line
    )
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    assert fields.get("Language") == "ja"
    assert fields.get("Project-Id-Version") == "mynalicense"
    assert fields.get("Last-Translator") == "mynalicense team"
    assert fields.get("Content-Type") == "text/plain; charset=UTF-8"
    assert fields.get("Plural-Forms", "").replace(" ", "") == "nplurals=1;plural=0;"


# --- each entry -----------------------------------------------------------------------------


def test_no_fuzzy_entry(entries):
    fuzzy = [e.label for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, "fuzzy entries:\n" + "\n".join(fuzzy)


def test_no_untranslated_entry(messages):
    empty = [
        e.label for e in messages
        if not e.msgstr or any(not text.strip() for text in e.msgstr.values())
    ]
    assert not empty, "untranslated entries:\n" + "\n".join(empty)


def test_plural_entries_have_one_form(messages):
    # Japanese has nplurals=1: exactly msgstr[0].
    wrong = [e.label for e in messages if e.msgid_plural and sorted(e.msgstr) != [0]]
    assert not wrong, "\n".join(wrong)


def _placeholders(text: str) -> list[str]:
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text.replace("%%", "")))


def test_placeholders_kept(messages):
    problems = []
    for e in messages:
        source = set(_placeholders(e.msgid)) | set(_placeholders(e.msgid_plural or ""))
        if "python-format" in e.flags and not source:
            problems.append(f"{e.label}: python-format without a placeholder")
        for index, text in e.msgstr.items():
            target = set(_placeholders(text))
            if missing := source - target:
                problems.append(f"{e.label} msgstr[{index}] lacks {sorted(missing)}")
            if extra := target - source:
                problems.append(f"{e.label} msgstr[{index}] adds {sorted(extra)}")
    assert not problems, "\n".join(problems)


def test_placeholders_format_without_error(messages):
    # Formatting with every name the msgid uses must work (no stray % in the Japanese).
    for e in messages:
        if "python-format" not in e.flags:
            continue
        names = {m.group(1) for m in PLACEHOLDER.finditer(e.msgid) if m.group(1)}
        for text in e.msgstr.values():
            text % {name: 1 for name in names}


def test_official_terms_kept(messages):
    problems = []
    for e in messages:
        for term in OFFICIAL_TERMS:
            # A longer term that contains this one is checked on its own.
            rest = e.msgid
            for longer in OFFICIAL_TERMS:
                if term != longer and term in longer:
                    rest = rest.replace(longer, "")
            if term in rest and any(term not in text for text in e.msgstr.values()):
                problems.append(f"{e.label}: {term} missing")
    assert not problems, "\n".join(problems)


def test_no_english_left_in_japanese(messages):
    # Short ASCII words such as QR, ID or PIN may stay; English sentences may not.
    english = re.compile(r"[A-Za-z]{3,}(?:\s+[A-Za-z]{2,}){2,}")
    left = [e.label for e in messages for text in e.msgstr.values() if english.search(text)]
    assert not left, "\n".join(left)


# --- the compiled catalogue -----------------------------------------------------------------


def test_compiled_catalogue_translates(tmp_path, messages):
    mo = tmp_path / "django.mo"
    subprocess.run([_msgfmt(), "-o", str(mo), str(PO_PATH)], check=True)
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for e in messages:
        if e.msgctxt is not None:
            got = catalogue.pgettext(e.msgctxt, e.msgid)
        elif e.msgid_plural is not None:
            got = catalogue.ngettext(e.msgid, e.msgid_plural, 2)
            assert got == catalogue.ngettext(e.msgid, e.msgid_plural, 1)
        else:
            got = catalogue.gettext(e.msgid)
        assert got == e.msgstr[0], e.label


# --- no sentence copied from the flyer ------------------------------------------------------


# Official terms are names, to be used as they are (facts.md): a run that lies wholly inside
# one (個人番号カードオンライン申請サイト is 17 characters) is the name, not copied text; a run
# that reaches past it still counts. The terms are the glossary's.
_TERMS = tuple(unicodedata.normalize("NFKC", name) for name in official_terms())


def _segments(text: str) -> list[str]:
    """Text cut at punctuation, spaces and line breaks (NFKC first, so that full-width
    digits and letters match their ASCII forms)."""
    text = unicodedata.normalize("NFKC", text)
    cut = "".join(
        " " if unicodedata.category(ch)[0] in "PZC" else ch for ch in text
    )
    return [s for s in cut.split(" ") if s]


def _within_a_term(segment: str, start: int, length: int) -> bool:
    for name in _TERMS:
        at = segment.find(name, max(0, start + length - len(name)))
        while at != -1 and at <= start:
            if at + len(name) >= start + length:
                return True
            at = segment.find(name, at + 1)
    return False


def _runs(text: str, length: int, *, names: bool = False) -> set[str]:
    """The runs of `length` characters of the text; with names=False, not those wholly inside
    an official term."""
    return {
        segment[i:i + length]
        for segment in _segments(text)
        for i in range(len(segment) - length + 1)
        if names or not _within_a_term(segment, i, length)
    }


def copied_runs(text: str, source_runs: set[str], length: int = COPY_RUN) -> set[str]:
    return _runs(text, length) & source_runs


def source_runs(text: str, length: int = COPY_RUN) -> set[str]:
    return _runs(text, length, names=True)


def test_copy_check_finds_a_copied_run():
    # The check itself must be able to fail. A made-up source text, so no flyer sentence is
    # written into this repository.
    source = "山の上の古い図書館で静かに本を読んでから家へ帰ります"
    runs = source_runs(source)
    assert copied_runs("今日は山の上の古い図書館で静かに本を読んでから家へ帰ります。", runs)
    assert not copied_runs("図書館で本を読みます。", runs)


def test_an_official_term_is_a_name_not_a_copied_run():
    assert len(_TERMS) > 15
    site = "個人番号カードオンライン申請サイト"  # 17 characters
    flyer = source_runs(f"{site}においての交付申請、{site}以外の申請")
    # The name alone, although longer than a run, is not copied text …
    assert not copied_runs(f"{site}で申請してください。", flyer)
    # … but a run that reaches past it is.
    assert copied_runs(f"{site}以外は不可です。", flyer)


def test_no_run_copied_from_the_flyer(messages):
    if not SEED_DIR.is_dir():
        pytest.skip(f"the flyer folder {SEED_DIR} is absent: nothing to compare with")
    flyers = sorted(SEED_DIR.glob("*.txt"))
    if not flyers:
        pytest.skip(f"no flyer text (*.txt) in {SEED_DIR}")
    source = set()
    for flyer in flyers:
        source |= source_runs(flyer.read_text(encoding="utf-8"))
    copied = [
        f"{e.label}: {sorted(runs)}"
        for e in messages for text in e.msgstr.values()
        if (runs := copied_runs(text, source))
    ]
    assert not copied, "runs copied from the flyer:\n" + "\n".join(copied)
