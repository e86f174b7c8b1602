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

# rules.md §4 item id → the sources it rests on (facts.md).
ITEM_SOURCES: dict[str, tuple[str, ...]] = {
    "s1.check_holding": ("yamanashi",),
    "s1.submit_certificate": ("flyer", "kumamoto"),
    "s1.certificate_on_file": ("flyer", "kumamoto"),
    "s1.apply_while_valid": ("tottori", "hyogo"),
    "s1.license_suspended": ("flyer", "kumamoto", "chiba"),
    "s1.license_invalid": ("flyer", "chiba"),
    "s1.special_characters": ("flyer", "chiba", "kumamoto"),
    "s1.renew_card_first": ("flyer", "estimate"),
    "s1.renew_license_first": ("flyer", "estimate"),
    "s1.license_change_pending": ("flyer", "estimate"),
    "s2.apply_online": ("flyer", "kumamoto", "tokyo"),
    "s2.switch_to_online": ("flyer", "akita", "chiba", "toyama"),
    "s2.offline_no_carryover": ("flyer", "akita", "toyama"),
    "s2.continue_use": ("flyer", "chiba", "tottori", "toyama"),
    "s2.request_certificate": ("flyer", "chiba", "tottori", "toyama"),
    "s2.record_number": ("flyer", "yamanashi"),
    "s2.apply_window": ("tokyo",),
    "s2.continue_use_missed": ("flyer", "toyama"),
    "s2.certificate_request_missed": ("flyer", "chiba"),
    "s2.result_unknown": ("flyer",),
    "s3.check_notice": ("flyer", "akita"),
    "s3.keep_notice": ("flyer",),
    "s3.collect_card": ("flyer",),
    "s3.confirm_with_app": ("flyer",),
    "s3.may_still_fail": ("flyer", "akita"),
    "s3.record_free": ("flyer", "shimane", "toyama"),
    "s3.record_with_fee": ("flyer", "toyama", "shimane"),
    "s3.no_driving_myna_only": ("flyer", "kanagawa", "tokyo"),
    "s3.drive_with_plastic": ("gunma", "nagasaki", "setagaya"),
    "s4.bring_new_card": ("flyer",),
    "s4.bring_plastic_license": ("flyer",),
    "s4.renewal_period": ("oita", "flyer"),
    "s4.license_expiry_past": ("oita",),
    "na.no_myna_license": ("flyer", "digital_agency", "yamanashi"),
    "na.no_license": ("flyer",),
    "na.reason_not_eligible": ("flyer", "akita", "chiba", "kanagawa", "tokyo"),
}
