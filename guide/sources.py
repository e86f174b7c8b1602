"""The public sources the rules rest on (../shared/spec/facts.md), by id, with the address
where facts.md gives one and the day each was last checked. Their names and what each backs
are words: wizard/sources.py. A source unchecked for longer than MAX_AGE_MONTHS is stale
(`sources_stale`): the app warns at start-up and in `manage.py check` (wizard/checks.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import months_add

# The day rules.md and facts.md were last read against these sources.
RULES_CHECKED = date(2026, 12, 1)
# facts.md's "Source addresses": "As stored when read on 2026-12-01".
ADDRESSES_READ = date(2026, 12, 1)
# A source not checked for longer than this may have changed: read it again.
MAX_AGE_MONTHS = 12


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    checked: date  # the day it was last read against the rules
    url: str | None = None  # facts.md "Source addresses"; None where no address was confirmed


SOURCES: tuple[Source, ...] = (
    Source("flyer", RULES_CHECKED),
    Source("akita", ADDRESSES_READ, "https://www.police.pref.akita.lg.jp/menkyo/procedure/p20250319175612/p20250829163210"),
    Source("chiba", ADDRESSES_READ, "https://www.police.pref.chiba.jp/menkyoka/sample_00086.html"),
    Source("kanagawa", ADDRESSES_READ, "https://www.police.pref.kanagawa.jp/tetsuzuki/menkyo/mes83157.html"),
    Source("tokyo", ADDRESSES_READ, "https://www.keishicho.metro.tokyo.lg.jp/menkyo/oshirase/update.html"),
    Source("kumamoto", ADDRESSES_READ, "https://www.pref.kumamoto.jp/site/police/243974.html"),
    Source("toyama", ADDRESSES_READ, "https://police.pref.toyama.jp/6117/untenmenkyo/kanri/mainakeizokuriyou.html"),
    Source("tottori", ADDRESSES_READ, "https://www.pref.tottori.lg.jp/324609.htm"),
    Source("osaka", ADDRESSES_READ, "https://www.police.pref.osaka.lg.jp/tetsuduki/untenmenkyo/keireki/21192.html"),
    Source("yamanashi", RULES_CHECKED),
    Source("shimane", RULES_CHECKED),
    Source("gunma", RULES_CHECKED),
    Source("nagasaki", RULES_CHECKED),
    Source("oita", RULES_CHECKED),
    Source("hyogo", RULES_CHECKED),
    Source("setagaya", ADDRESSES_READ, "https://www.city.setagaya.lg.jp/01045/188.html"),
    Source("hagi", RULES_CHECKED),
    Source("hirakata", RULES_CHECKED),
    Source("digital_agency", RULES_CHECKED),
    Source("jlis", RULES_CHECKED),
    Source("estimate", RULES_CHECKED),
)
SOURCE_BY_ID: dict[str, Source] = {source.id: source for source in SOURCES}


def sources_stale(*, today: date, sources: tuple[Source, ...] | None = None) -> tuple[Source, ...]:
    """The sources (SOURCES unless given) last checked more than MAX_AGE_MONTHS calendar
    months before `today`."""
    return tuple(source for source in (SOURCES if sources is None else sources)
                 if months_add(source.checked, MAX_AGE_MONTHS) < today)


def stale_line(source: Source) -> str:
    """What the start-up log and `manage.py check` say of a stale source."""
    return (f"source {source.id!r} was last checked on {source.checked.isoformat()}, more than "
            f"{MAX_AGE_MONTHS} months ago: read it again against rules.md and facts.md, then "
            f"update its date in guide/sources.py")
