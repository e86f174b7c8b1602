"""One glossary, enforced (issue 11): docs/glossary.md names each thing once in Japanese and
in English and lists the words not to use. These tests read it and check the catalogue and
the English pages against it:

- no Japanese msgstr and no English msgid uses a retired word;
- each official term is written as facts.md writes it;
- the requirement panel's status words are the glossary's;
- on every English page, a glossed term (署名用電子証明書 …) is named with its Japanese at
  least once, as "signature certificate (署名用電子証明書)", and its Japanese never stands
  bare in an English sentence.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.utils import translation

from tests.support.glossary import FACTS_PATH, Retired, official_terms, retired, status_words, terms
from tests.support.page import parse_page
from tests.support.people import MYNA, PEOPLE, answers_query_of
from tests.support.po import PO_PATH, Entry, po_parse
from wizard.checklist import status_words as shown_status_words
from wizard.questions import QUESTIONS


@pytest.fixture(scope="module")
def messages() -> list[Entry]:
    return [e for e in po_parse(PO_PATH) if not e.obsolete and e.msgid]


def retired_uses(entries: list[Entry], words: tuple[Retired, ...]) -> list[str]:
    """Each use of a retired word: Japanese in the msgstrs, English in the msgids."""
    found = []
    for e in entries:
        for word in words:
            texts = (list(e.msgstr.values()) if word.lang == "ja"
                     else [e.msgid, e.msgid_plural or ""])
            for text in texts:
                if match := word.pattern.search(text):
                    found.append(f"line {e.line}: {match.group(0)!r} (use {word.instead}) in "
                                 f"{text[:80]!r}")
    return found


# --- the glossary itself ----------------------------------------------------------------------


def test_the_glossary_is_read():
    # A reader that found nothing would let every check below pass.
    names = {t.ja for t in terms()}
    assert len(names) == len(terms()) > 25, "a term is listed twice, or the table was not read"
    assert {"署名用電子証明書", "従来の運転免許証", "運転免許センター等", "窓口"} <= names
    assert {r.lang for r in retired()} == {"ja", "en"} and len(retired()) > 20
    assert set(status_words()) == {"met", "unmet", "unknown", "todo"}


def test_official_terms_are_written_as_facts_md_writes_them():
    if not FACTS_PATH.is_file():
        pytest.skip(f"{FACTS_PATH} is absent: nothing to compare with")
    facts = FACTS_PATH.read_text(encoding="utf-8")
    missing = [name for name in official_terms() if name not in facts]
    assert not missing, f"not in facts.md as written: {missing}"


def test_each_gloss_names_its_term_and_its_english():
    for t in terms():
        if t.glossed:
            assert f"({t.ja})" in t.first or t.first.startswith(f"{t.ja} ("), t
        if t.glossed and t.after and t.ja not in t.after:
            assert t.after.lower() in t.first.lower(), t


# --- the catalogue ----------------------------------------------------------------------------


def test_the_check_finds_a_retired_word():
    # The check must be able to fail: made-up entries with retired words in either language.
    ja = Entry(line=1, msgid="Keep the plastic license", msgstr={0: "プラスチックの免許証を携帯"})
    en = Entry(line=2, msgid="At the municipal office window", msgstr={0: "市区町村の窓口で"})
    centre = Entry(line=3, msgid="x", msgstr={0: "運転免許センターで手続き"})
    fine = Entry(line=4, msgid="At a license center or police station",
                 msgstr={0: "運転免許センター等で記録の手続きをしてください"})
    found = retired_uses([ja, en, centre, fine], retired())
    assert [f.split(":")[0] for f in found] == ["line 1", "line 2", "line 3"], found


def test_no_retired_word_in_the_catalogue(messages):
    found = retired_uses(messages, retired())
    assert not found, "retired words (docs/glossary.md):\n" + "\n".join(found)


@pytest.mark.parametrize("lang, column", [("ja", 0), ("en", 1)])
def test_the_panel_says_the_glossary_status_words(japanese, lang, column):
    with translation.override(lang):
        shown = {status: shown_status_words(status) for status in status_words()}
    assert shown == {status: words[column] for status, words in status_words().items()}


# --- the English pages --------------------------------------------------------------------------


def gloss_problems(text: str) -> list[str]:
    """A glossed term whose Japanese stands bare, or whose English comes without it."""
    text = " ".join(text.split())
    problems = []
    names = official_terms()
    for t in terms():
        if not t.glossed:
            continue
        # A term inside a longer one (マイナ免許証 in マイナ免許証等継続利用) is looked for
        # with the longer ones taken out.
        seen = text
        for longer in names:
            if t.ja in longer and longer != t.ja:
                seen = seen.replace(longer, "\ufffc")
        # Likewise an English name inside a longer one ("driving history information" in
        # "My Number Card with driving history information").
        heard = seen.lower()
        for other in terms():
            if other.after and t.after and t.after.lower() in other.after.lower() != t.after.lower():
                heard = heard.replace(other.after.lower(), "\ufffc")
        if t.ja not in t.after:
            for match in re.finditer(re.escape(t.ja), seen):
                before = seen[:match.start()]
                if before.rfind("(") <= before.rfind(")"):
                    problems.append(f"{t.ja} bare: …{seen[max(0, match.start() - 50):match.end()]}")
        if t.after and t.after.lower() in heard and t.first.lower() not in seen.lower():
            problems.append(f"{t.after!r} never glossed as {t.first!r}")
    return problems


def test_the_gloss_check_finds_a_bare_term_and_a_missing_gloss():
    assert gloss_problems("Submit your 署名用電子証明書 to the police.")
    assert gloss_problems("Submit your signature certificate to the police.")
    assert not gloss_problems("Submit your signature certificate (署名用電子証明書) to the police. "
                              "The signature certificate must arrive first.")
    # The longer term's Japanese is not a bare マイナ免許証.
    assert not gloss_problems("Do the continued-use step (マイナ免許証等継続利用).")


LATER = {**MYNA, "stage": "notice", "continue_use": "yes", "cert_requested": "yes",
         "notice_result": "recorded"}
DATED = {**MYNA, "card_expiry": "2027-01-31", "license_expiry": "2027-02-20", "birthday": "01-20"}


def _question_pages() -> list[tuple[str, str]]:
    pages = []
    for question in QUESTIONS:
        later = question.step in ("continue_use", "cert_requested", "notice_result")
        params = {**(LATER if later else DATED), "step": question.step}
        pages.append((f"question {question.step}", f"/en/questions/load/?{urlencode(params)}"))
        if question.title_later and not later:
            params = {**LATER, "step": question.step}
            pages.append((f"question {question.step}, applied",
                          f"/en/questions/load/?{urlencode(params)}"))
    return pages


ENGLISH_PAGES = [
    ("start", "/en/"),
    *_question_pages(),
    ("check", f"/en/questions/load/?{urlencode(DATED)}"),
    ("check, applied", f"/en/questions/load/?{urlencode(LATER)}"),
    *[(f"checklist {name}", f"/en/checklist/?{urlencode(answers_query_of(query))}")
      for name, (query, _outcome) in PEOPLE.items()],
    ("sources", "/en/sources/"),
    ("accessibility", "/en/accessibility/"),
    ("counter", "/en/counter/"),
]


@pytest.mark.parametrize("path", [p for _, p in ENGLISH_PAGES], ids=[n for n, _ in ENGLISH_PAGES])
def test_english_pages_gloss_each_official_term(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200, path
    page = parse_page(response)
    assert page.lang == "en"
    problems = gloss_problems(page.title + " " + page.text)
    assert not problems, "\n".join(problems)
