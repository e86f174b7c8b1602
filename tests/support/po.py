"""A small reader of the .po catalogue (no polib), shared by the translation and glossary
tests: the entries of locale/ja/LC_MESSAGES/django.po, obsolete (#~) ones marked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PO_PATH = ROOT / "locale" / "ja" / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # index 0 for a singular entry
    obsolete: bool = False

    @property
    def label(self) -> str:
        return f"line {self.line}: {self.msgid[:70]!r}"


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def _unquote(text: str, where: int) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"{PO_PATH.name}:{where}: not a quoted string: {text!r}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text[1:-1])


def po_parse(path: Path) -> list[Entry]:
    """The entries of a .po file, the header (msgid "") first. Obsolete (#~) entries are
    kept with obsolete=True."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int | None] | None = None

    def current(number: int) -> Entry:
        nonlocal entry
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        return entry

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry, target = None, None
            continue
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        elif line.startswith("#,"):
            current(number).flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            continue
        elif line.startswith("#"):
            current(number)
            continue
        e = current(number)
        e.obsolete = e.obsolete or obsolete
        match = _KEYWORD.match(line)
        if match:
            keyword, index, quoted = match.groups()
            if keyword.startswith("msgstr"):
                target = ("msgstr", int(index) if index is not None else 0)
                e.msgstr[target[1]] = _unquote(quoted, number)
            else:
                target = (keyword, None)
                setattr(e, keyword, _unquote(quoted, number))
            continue
        if line.startswith('"') and target is not None:
            keyword, index = target
            if keyword == "msgstr":
                e.msgstr[index] += _unquote(line, number)
            else:
                setattr(e, keyword, getattr(e, keyword) + _unquote(line, number))
            continue
        raise ValueError(f"{path.name}:{number}: cannot read {raw!r}")
    return entries
