"""The public sources each rule rests on (from ../shared/spec/facts.md), and the date the
rules were last checked against them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The day rules.md and facts.md were last read against these sources.
RULES_CHECKED = date(2026, 11, 26)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    name: Promise
    backs: Promise  # what we take from it, in one line


SOURCES: tuple[Source, ...] = (
    Source("flyer", _("A prefectural police flyer on carrying license information over to a renewed card"),
           _("The four conditions, the steps ①–④, the notice's record results, the 1,500 yen recording fee and the warning about driving home")),
    Source("akita", _("Akita Prefectural Police"),
           _("Card applications other than online get no carryover; a card can come without the information even when everything was done")),
    Source("chiba", _("Chiba Prefectural Police"),
           _("The causes of a failed carryover; the online application steps")),
    Source("kanagawa", _("Kanagawa Prefectural Police"),
           _("The scheme since September 1, 2025; a card without the information cannot be used to drive")),
    Source("tokyo", _("Tokyo Metropolitan Police Department (警視庁)"),
           _("Renewal from 3 months before the card expires; a paper form's QR code used online counts as online")),
    Source("kumamoto", _("Kumamoto Prefectural Police"),
           _("Online application with a paper form's ID; a suspended license; substitute characters; certificates submitted earlier")),
    Source("toyama", _("Toyama Prefectural Police"),
           _("The recording fee of 1,500 yen; what to bring to have the information recorded")),
    Source("tottori", _("Tottori Prefectural Police"),
           _("The current card must still be valid when applying; the online application steps")),
    Source("yamanashi", _("Yamanashi Prefectural Police"),
           _("The 免許情報記録番号 is not the license number and is shown by the app or マイナポータル; no integration while a new card is pending")),
    Source("shimane", _("Shimane Prefectural Police"),
           _("What to bring to have the information recorded")),
    Source("gunma", _("Gunma Prefectural Police"),
           _("With both a マイナ免許証 and a plastic license, either can be carried when driving")),
    Source("nagasaki", _("Nagasaki Prefectural Police"),
           _("Offices that record license information; driving with either card")),
    Source("oita", _("Oita Prefectural Police"),
           _("The license renewal period and the move of its last day past closed days")),
    Source("hyogo", _("Hyogo Prefectural Police (FAQ)"),
           _("A license cannot be renewed as a マイナ免許証 on an expired card")),
    Source("setagaya", _("Setagaya City"),
           _("Applications before September 1, 2025 get no carryover; driving with either card")),
    Source("digital_agency", _("Digital Agency"),
           _("The choice of card only, both, or plastic only at the integration (マイナ一体化)")),
    Source("jlis", _("J-LIS (Japan Agency for Local Authority Information Systems)"),
           _("My Number Card renewal is free of charge")),
    Source("estimate", _("This guide's own estimate"),
           _("About 42 days from an online application to holding the new card; not an official figure")),
)
SOURCE_BY_ID = {source.id: source for source in SOURCES}

@dataclass(frozen=True, slots=True)
class ItemSources:
    label: Promise  # what the item is about, for the sources page
    sources: tuple[str, ...]


# rules.md §4 item id → what it is about, and the sources it rests on (facts.md).
ITEM_SOURCES: dict[str, ItemSources] = {
    "s1.check_holding": ItemSources(_("Finding out whether your card holds license information"), ("yamanashi",)),
    "s1.submit_certificate": ItemSources(_("Submitting the 署名用電子証明書 to the police before applying"), ("flyer", "kumamoto")),
    "s1.certificate_on_file": ItemSources(_("A 署名用電子証明書 submitted earlier"), ("flyer", "kumamoto")),
    "s1.apply_while_valid": ItemSources(_("Applying while the current card is valid"), ("tottori", "hyogo")),
    "s1.license_suspended": ItemSources(_("A suspended license"), ("flyer", "kumamoto", "chiba")),
    "s1.license_invalid": ItemSources(_("A revoked or lapsed license"), ("flyer", "chiba")),
    "s1.special_characters": ItemSources(_("Characters the certificate cannot hold"), ("flyer", "chiba", "kumamoto")),
    "s1.renew_card_first": ItemSources(_("Card and license renewals in the same season: card first"), ("flyer", "estimate")),
    "s1.renew_license_first": ItemSources(_("Card and license renewals in the same season: license first"), ("flyer", "estimate")),
    "s1.license_change_pending": ItemSources(_("Renewing the license while the new card is on its way"), ("flyer", "estimate")),
    "s2.apply_online": ItemSources(_("Applying online"), ("flyer", "kumamoto", "tokyo")),
    "s2.switch_to_online": ItemSources(_("Other ways of applying give no carryover"), ("flyer", "akita", "chiba", "toyama")),
    "s2.offline_no_carryover": ItemSources(_("An application made other than online"), ("flyer", "akita", "toyama")),
    "s2.continue_use": ItemSources(_("The マイナ免許証等継続利用 step"), ("flyer", "chiba", "tottori", "toyama")),
    "s2.request_certificate": ItemSources(_("A 署名用電子証明書 on the new card"), ("flyer", "chiba", "tottori", "toyama")),
    "s2.record_number": ItemSources(_("The 免許情報記録番号"), ("flyer", "yamanashi")),
    "s2.apply_window": ItemSources(_("When the new card can be applied for"), ("tokyo",)),
    "s2.continue_use_missed": ItemSources(_("A missed マイナ免許証等継続利用 step"), ("flyer", "toyama")),
    "s2.certificate_request_missed": ItemSources(_("A missed request for a 署名用電子証明書"), ("flyer", "chiba")),
    "s2.result_unknown": ItemSources(_("Not sure what was chosen in the application"), ("flyer",)),
    "s3.check_notice": ItemSources(_("The record result on the 交付通知書"), ("flyer", "akita")),
    "s3.keep_notice": ItemSources(_("Keeping the 交付通知書"), ("flyer",)),
    "s3.collect_card": ItemSources(_("Collecting the new card"), ("flyer",)),
    "s3.confirm_with_app": ItemSources(_("Checking the new card with the app"), ("flyer",)),
    "s3.may_still_fail": ItemSources(_("A carryover can fail even when everything was done"), ("flyer", "akita")),
    "s3.record_free": ItemSources(_("Recording free of charge after 記録：無"), ("flyer", "shimane", "toyama")),
    "s3.record_with_fee": ItemSources(_("Recording for a fee when no result is written"), ("flyer", "toyama", "shimane")),
    "s3.no_driving_myna_only": ItemSources(_("No driving with a card that lacks the information"), ("flyer", "kanagawa", "tokyo")),
    "s3.drive_with_plastic": ItemSources(_("Driving with the plastic license meanwhile"), ("gunma", "nagasaki", "setagaya")),
    "s4.bring_new_card": ItemSources(_("The new card at the license renewal"), ("flyer",)),
    "s4.bring_plastic_license": ItemSources(_("The plastic license at the license renewal"), ("flyer",)),
    "s4.renewal_period": ItemSources(_("The license renewal period and its last day"), ("oita", "flyer")),
    "s4.license_expiry_past": ItemSources(_("A renewal deadline that has passed"), ("oita",)),
    "na.no_myna_license": ItemSources(_("No license information on the card"), ("flyer", "digital_agency", "yamanashi")),
    "na.no_license": ItemSources(_("People without a driver's license"), ("flyer",)),
    "na.reason_not_eligible": ItemSources(_("A card issued after loss, damage or expiry"), ("flyer", "akita", "chiba", "kanagawa", "tokyo")),
}
