"""The glossary (docs/glossary.md) as data: its terms and its retired words, read from the
two Markdown tables the editors keep, so that the tests enforce what the page says."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY_PATH = ROOT / "docs" / "glossary.md"
FACTS_PATH = ROOT.parent / "shared" / "spec" / "facts.md"


@dataclass(frozen=True)
class Term:
    ja: str
    first: str  # the English the first time on a page (the gloss)
    after: str  # the English after that; "" for none fixed
    source: str  # "facts.md" (an official term) or "ours"

    @property
    def official(self) -> bool:
        return self.source == "facts.md"

    @property
    def glossed(self) -> bool:
        """The English names the Japanese: "signature certificate (署名用電子証明書)"."""
        return self.ja in self.first and self.first != self.ja


@dataclass(frozen=True)
class Retired:
    pattern: re.Pattern[str]
    lang: str  # "ja": searched in the msgstrs; "en": in the msgids
    instead: str
    why: str


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table row; `\\|` is a bar inside a cell."""
    cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
    return [cell.strip().replace("\\|", "|") for cell in cells]


def _table(heading: str) -> list[list[str]]:
    """The body rows of the first table after the heading `## heading` (or `### …`)."""
    lines = GLOSSARY_PATH.read_text(encoding="utf-8").splitlines()
    marks = [i for i, line in enumerate(lines) if re.fullmatch(rf"#+ {re.escape(heading)}", line)]
    if not marks:
        raise LookupError(f"{GLOSSARY_PATH.name}: no heading {heading!r}")
    rows: list[list[str]] = []
    for line in lines[marks[0] + 1:]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            rows.append(_cells(line))
        elif rows:
            break
    if len(rows) < 3 or not set(rows[1][0]) <= set("-: "):
        raise LookupError(f"{GLOSSARY_PATH.name}: no table under {heading!r}")
    return rows[2:]


@cache
def terms() -> tuple[Term, ...]:
    found = []
    for ja, first, after, source, _notes in _table("Terms"):
        found.append(Term(ja, first, "" if after in ("—", "-") else after, source))
    return tuple(found)


@cache
def retired() -> tuple[Retired, ...]:
    found = []
    for pattern, lang, instead, why in _table("Retired words"):
        if not (pattern.startswith("`") and pattern.endswith("`")):
            raise ValueError(f"{GLOSSARY_PATH.name}: a retired word goes in backticks: {pattern}")
        if lang not in ("ja", "en"):
            raise ValueError(f"{GLOSSARY_PATH.name}: language 'ja' or 'en', not {lang!r}")
        flags = re.IGNORECASE if lang == "en" else 0
        found.append(Retired(re.compile(pattern[1:-1], flags), lang, instead, why))
    return tuple(found)


@cache
def status_words() -> dict[str, tuple[str, str]]:
    """The requirement panel's status → (Japanese, English)."""
    return {status: (ja, en) for status, ja, en in _table("The requirement panel's status words")}


def official_terms() -> tuple[str, ...]:
    """The Japanese of the official terms, longest first (so that a term inside a longer one,
    マイナ免許証 in マイナ免許証等継続利用, is found after it)."""
    names = {part for t in terms() if t.official for part in t.ja.split("・")}
    return tuple(sorted(names, key=len, reverse=True))
