"""The public sources the rules rest on (../shared/spec/facts.md), by id, with the address
where facts.md gives one. Their names and what each backs are words: wizard/sources.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# The day rules.md and facts.md were last read against these sources.
RULES_CHECKED = date(2026, 12, 1)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    url: str | None = None  # facts.md "Source addresses"; None where no address was confirmed


SOURCES: tuple[Source, ...] = (
    Source("flyer"),
    Source("akita", "https://www.police.pref.akita.lg.jp/menkyo/procedure/p20250319175612/p20250829163210"),
    Source("chiba", "https://www.police.pref.chiba.jp/menkyoka/sample_00086.html"),
    Source("kanagawa", "https://www.police.pref.kanagawa.jp/tetsuzuki/menkyo/mes83157.html"),
    Source("tokyo", "https://www.keishicho.metro.tokyo.lg.jp/menkyo/oshirase/update.html"),
    Source("kumamoto", "https://www.pref.kumamoto.jp/site/police/243974.html"),
    Source("toyama", "https://police.pref.toyama.jp/6117/untenmenkyo/kanri/mainakeizokuriyou.html"),
    Source("tottori", "https://www.pref.tottori.lg.jp/324609.htm"),
    Source("osaka", "https://www.police.pref.osaka.lg.jp/tetsuduki/untenmenkyo/keireki/21192.html"),
    Source("yamanashi"),
    Source("shimane"),
    Source("gunma"),
    Source("nagasaki"),
    Source("oita"),
    Source("hyogo"),
    Source("setagaya", "https://www.city.setagaya.lg.jp/01045/188.html"),
    Source("hagi"),
    Source("hirakata"),
    Source("digital_agency"),
    Source("jlis"),
    Source("estimate"),
)
SOURCE_BY_ID: dict[str, Source] = {source.id: source for source in SOURCES}
