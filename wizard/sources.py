"""The words of the sources page: each public source's name and what the guide takes from
it, by the source ids of guide/sources.py (which holds the addresses)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, slots=True)
class SourceWords:
    id: str
    name: Promise
    backs: Promise  # what we take from it, in one line


SOURCE_WORDS: tuple[SourceWords, ...] = (
    SourceWords("flyer", _("A prefectural police flyer on carrying license information over to a renewed card"),
           _("The four conditions, the steps ①–④, the notice's record results, the 1,500 yen recording fee and the warning about driving home")),
    SourceWords("akita", _("Akita Prefectural Police"),
           _("Card applications other than online get no carryover; a card can come without the information even when everything was done")),
    SourceWords("chiba", _("Chiba Prefectural Police"),
           _("The causes of a failed carryover; the online application steps")),
    SourceWords("kanagawa", _("Kanagawa Prefectural Police"),
           _("The scheme since September 1, 2025; a card without the information cannot be used to drive")),
    SourceWords("tokyo", _("Tokyo Metropolitan Police Department (警視庁)"),
           _("Renewal from 3 months before the card expires; scanning the QR code of an application form (交付申請書) online counts as applying online")),
    SourceWords("kumamoto", _("Kumamoto Prefectural Police"),
           _("Online application with an application form ID (申請書ID); a suspended license; substitute characters (代替文字); certificates submitted earlier")),
    SourceWords("toyama", _("Toyama Prefectural Police"),
           _("The recording fee of 1,500 yen; what to bring to have the information recorded")),
    SourceWords("tottori", _("Tottori Prefectural Police"),
           _("The current card must still be valid when applying; the online application steps")),
    SourceWords("osaka", _("Osaka Prefectural Police, on the My Number Card with driving history information (マイナ経歴証明書)"),
           _("The carryover covers driving history information (運転経歴情報) too; fewer offices may handle it")),
    SourceWords("yamanashi", _("Yamanashi Prefectural Police"),
           _("The license information record number (免許情報記録番号) is not necessarily the same as the license number and is shown by the app or マイナポータル; no recording of the license on the current card (マイナ一体化) while a new card is pending")),
    SourceWords("shimane", _("Shimane Prefectural Police"),
           _("What to bring to have the information recorded")),
    SourceWords("gunma", _("Gunma Prefectural Police"),
           _("With both a My Number Card with license information (マイナ免許証) and a plastic license, either can be carried when driving")),
    SourceWords("nagasaki", _("Nagasaki Prefectural Police"),
           _("Offices that record license information; driving with either card")),
    SourceWords("oita", _("Oita Prefectural Police"),
           _("The license renewal period and the move of its last day past closed days")),
    SourceWords("hyogo", _("Hyogo Prefectural Police (FAQ)"),
           _("On an expired card, a license cannot be renewed as a My Number Card with license information")),
    SourceWords("setagaya", _("Setagaya City"),
           _("Applications before September 1, 2025 get no carryover; driving with either card; the application period opens on the first day with fewer than 3 months left")),
    SourceWords("hagi", _("Hagi City"),
           _("The formal name of the issuance notice (交付通知書), and about a month until it arrives")),
    SourceWords("hirakata", _("Hirakata City"),
           _("A move ends the signature certificate (署名用電子証明書)")),
    SourceWords("digital_agency", _("Digital Agency"),
           _("The choice of card only, both, or plastic only at the integration (マイナ一体化)")),
    SourceWords("jlis", _("J-LIS (Japan Agency for Local Authority Information Systems)"),
           _("My Number Card renewal is free of charge")),
    SourceWords("estimate", _("This guide's own estimate"),
           _("About 42 days from an online application to holding the new card; not an official figure")),
)
SOURCE_WORDS_BY_ID = {source.id: source for source in SOURCE_WORDS}
