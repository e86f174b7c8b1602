"""The words of the checklist: one small function per item id of rules.md §4.

Each function gets the item's values (from the rules module) and a date formatter for the
page's language, and returns the item's title and paragraphs. Facts follow
../shared/spec/facts.md; the sentences are our own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _, ngettext

DateFormat = Callable[[date], str]


@dataclass(frozen=True, slots=True)
class ItemText:
    title: str
    paragraphs: tuple[str, ...]


TEXTS: dict[str, Callable[[Mapping[str, Any], DateFormat], ItemText]] = {}


def text(item_id: str):
    def register(function):
        TEXTS[item_id] = function
        return function
    return register


def _yen(amount: int) -> str:
    return _("%(amount)s yen") % {"amount": f"{amount:,}"}


def _lead(days: int) -> str:
    return ngettext(
        "We estimate about %(days)s day from an online application to holding the new card. This is our own estimate, not an official figure.",
        "We estimate about %(days)s days from an online application to holding the new card. This is our own estimate, not an official figure.",
        days) % {"days": days}


def channel_phrase(channel: str) -> str:
    return {
        "window": _("at the municipal office window"),
        "mail": _("by mail"),
        "photo_booth": _("at a photo booth"),
    }.get(channel, _("in a way other than online"))


# Step ①
@text("s1.check_holding")
def s1_check_holding(v, d):
    return ItemText(_("Find out whether your card holds license information"), (
        _("Read your My Number Card with the police's license-reading app (マイナ免許証読み取りアプリ) or with マイナポータル. If license information appears, your card is a マイナ免許証."),
        _("Then answer the first question again to get a checklist that fits you."),
    ))


@text("s1.submit_certificate")
def s1_submit_certificate(v, d):
    return ItemText(_("Submit your 署名用電子証明書 to the police before you apply"), (
        _("The police need your signature certificate (署名用電子証明書) before you apply for the new card; if it reaches them later, the information is not carried over."),
        _("Go to the license center (運転免許センター) or a police station that accepts it. Bring your My Number Card: you will enter the certificate's PIN, which has 6 to 16 letters and digits."),
    ))


@text("s1.certificate_on_file")
def s1_certificate_on_file(v, d):
    return ItemText(_("Your 署名用電子証明書 is already with the police"), (
        _("If you submitted it at a license renewal or when your license was recorded on your card (マイナ一体化), there is nothing more to do for this."),
    ))


@text("s1.apply_while_valid")
def s1_apply_while_valid(v, d):
    expiry = v.get("card_expiry")
    if expiry:
        first = _("Your current card is valid until %(date)s. Apply for the new card before then.") % {"date": d(expiry)}
    else:
        first = _("Check the expiry date printed on your current card, and apply for the new card before it.")
    return ItemText(_("Apply while your current card is still valid"), (
        first,
        _("Once the card has expired, the license information can no longer be carried over."),
    ))


@text("s1.license_suspended")
def s1_license_suspended(v, d):
    if v.get("before"):
        return ItemText(_("A suspended license is not carried over"), (
            _("If you apply while your license is suspended (免許停止), the information will not be carried over."),
            _("If your current card will still be valid when the suspension ends, apply after it ends."),
        ))
    return ItemText(_("A suspended license is not carried over"), (
        _("If your license was suspended when you applied, expect the notice to say 記録：無. You can then have the information recorded at the license center (see step ③)."),
    ))


@text("s1.license_invalid")
def s1_license_invalid(v, d):
    return ItemText(_("There is no valid license to carry over"), (
        _("A revoked or lapsed license (取消し・失効) cannot be recorded on the new card. Ask the license center what you can do."),
    ))


@text("s1.special_characters")
def s1_special_characters(v, d):
    title = (_("Characters in your name or address will stop the carryover") if v.get("sure")
             else _("Check the characters in your name and address"))
    return ItemText(title, (
        _("If your name or address uses characters that the 署名用電子証明書 cannot hold, such as some rare kanji (外字) or substitute characters you chose, the carryover fails."),
        _("Ask your municipality about it before you apply. If the carryover fails, the notice will say so and you can have the information recorded at the license center."),
    ))


@text("s1.renew_card_first")
def s1_renew_card_first(v, d):
    renewal = v["renewal"]
    return ItemText(_("Apply for the new card first, by %(date)s") % {"date": d(v["apply_by"])}, (
        _("Your card renewal and your license renewal fall in the same season. The license information carried over is the information at the time you apply for the card."),
        _("So apply for the new card by %(apply_by)s, then renew your license with the new card by %(deadline)s.") % {
            "apply_by": d(v["apply_by"]), "deadline": d(renewal.deadline)},
        _lead(v["lead_days"]),
    ))


@text("s1.renew_license_first")
def s1_renew_license_first(v, d):
    renewal = v["renewal"]
    return ItemText(_("Renew your license first, by %(date)s") % {"date": d(renewal.deadline)}, (
        _("Your license renewal deadline is %(deadline)s: too close to wait for a new card. Renew your license first (from %(start)s), then apply for the new card. The renewed information is what will be carried over.") % {
            "deadline": d(renewal.deadline), "start": d(renewal.start)},
        _lead(v["lead_days"]),
    ))


@text("s1.license_change_pending")
def s1_license_change_pending(v, d):
    renewal = v["renewal"]
    return ItemText(_("If you renew your license before you collect the card"), (
        _("The new card will carry your license information as it was when you applied. Your renewal period (%(start)s to %(deadline)s) may begin before you have the new card.") % {
            "start": d(renewal.start), "deadline": d(renewal.deadline)},
        _("If you renew your license before you collect the new card, ask the license center or a police station what to do."),
    ))


# Step ②
@text("s2.apply_online")
def s2_apply_online(v, d):
    return ItemText(_("Apply online"), (
        _("Apply on the online application site for the card (個人番号カードオンライン申請サイト), from a smartphone or a computer."),
        _("If you have a paper application form from the mail or the window, scan its QR code or enter its 申請書ID on that site: this also counts as applying online."),
    ))


@text("s2.switch_to_online")
def s2_switch_to_online(v, d):
    return ItemText(_("Apply online instead"), (
        _("An application made %(channel)s does not carry the license information over. Apply online instead.") % {
            "channel": channel_phrase(v["channel"])},
    ))


@text("s2.offline_no_carryover")
def s2_offline_no_carryover(v, d):
    return ItemText(_("This application will not carry the license information over"), (
        _("An application made %(channel)s does not carry the information over, so the new card will come without it.") % {
            "channel": channel_phrase(v["channel"])},
        _("After you collect the new card, have the information recorded at the license center. The recording fee is %(fee)s.") % {"fee": _yen(v["fee"])},
    ))


@text("s2.continue_use")
def s2_continue_use(v, d):
    return ItemText(_("Do the マイナ免許証等継続利用 step"), (
        _("In the online application, choose to keep using your card as your driver's license (マイナ免許証等継続利用). Without this step nothing is carried over."),
    ))


@text("s2.request_certificate")
def s2_request_certificate(v, d):
    return ItemText(_("Ask for a 署名用電子証明書 on the new card"), (
        _("In the online application, ask for a signature certificate (署名用電子証明書) to be issued on the new card. Without it, the information is not carried over."),
    ))


@text("s2.record_number")
def s2_record_number(v, d):
    return ItemText(_("Enter your 免許情報記録番号 exactly"), (
        _("The 免許情報記録番号 is not your driver's license number. It is shown when you read your card with the license-reading app or マイナポータル."),
        _("Copy it carefully: a wrong number makes the carryover fail."),
    ))


@text("s2.apply_window")
def s2_apply_window(v, d):
    window = v["window"]
    return ItemText(_("When you can apply"), (
        _("You can apply from %(start)s until %(end)s, the day your current card expires.") % {
            "start": d(window.start), "end": d(window.end)},
    ))


@text("s2.continue_use_missed")
def s2_continue_use_missed(v, d):
    return ItemText(_("Without the マイナ免許証等継続利用 step, nothing is carried over"), (
        _("The new card will come without license information, and the notice will show no result."),
        _("After you collect the new card, have the information recorded at the license center. The recording fee is %(fee)s.") % {"fee": _yen(v["fee"])},
    ))


@text("s2.certificate_request_missed")
def s2_certificate_request_missed(v, d):
    return ItemText(_("Without a new 署名用電子証明書, the information is not carried over"), (
        _("The new card will come without license information. You can have it recorded at the license center (see step ③)."),
    ))


@text("s2.result_unknown")
def s2_result_unknown(v, d):
    return ItemText(_("The issuance notice will tell you the result"), (
        _("If you are not sure what you chose in the application, wait for the 交付通知書 and read its result (see step ③)."),
    ))


# Step ③
@text("s3.check_notice")
def s3_check_notice(v, d):
    return ItemText(_("Read the result on the issuance notice"), (
        _("The 交付通知書 has a field for the result of recording your license information on the new card."),
        _("記録：有 means it was recorded. 記録：無 means it was not: you can have it recorded at the license center free of charge. If no result is written, the continued-use step was not done: recording costs %(fee)s.") % {"fee": _yen(v["fee"])},
    ))


@text("s3.keep_notice")
def s3_keep_notice(v, d):
    return ItemText(_("Keep the issuance notice"), (
        _("When you collect the card, take the 交付通知書 home with you instead of leaving it at the window. The license center needs it if the information has to be recorded."),
    ))


@text("s3.collect_card")
def s3_collect_card(v, d):
    return ItemText(_("Collect the new card at the municipal office"), (
        _("Collect your new card at your municipality's window, as the notice explains."),
    ))


@text("s3.confirm_with_app")
def s3_confirm_with_app(v, d):
    return ItemText(_("Check the new card with the app"), (
        _("Read the new card with the license-reading app (マイナ免許証読み取りアプリ) and check that your license information is on it. From then on, the new card is your マイナ免許証."),
    ))


@text("s3.may_still_fail")
def s3_may_still_fail(v, d):
    return ItemText(_("The carryover can still fail"), (
        _("Even when everything is done right, a card can come without the information, for example after a system error. Always read the result on the notice."),
    ))


def _recording_paragraph() -> str:
    return _("Bring the 交付通知書, the new card and the PIN of its 署名用電子証明書 (6 to 16 letters and digits) to the license center (運転免許センター) or a police station that records license information.")


@text("s3.record_free")
def s3_record_free(v, d):
    return ItemText(_("Have the information recorded at the license center, free of charge"), (
        _recording_paragraph(),
        _("No fee is charged in this case."),
    ))


@text("s3.record_with_fee")
def s3_record_with_fee(v, d):
    return ItemText(_("Have the information recorded at the license center (fee: %(fee)s)") % {"fee": _yen(v["fee"])}, (
        _recording_paragraph(),
        _("Bring the recording fee of %(fee)s.") % {"fee": _yen(v["fee"])},
    ))


@text("s3.no_driving_myna_only")
def s3_no_driving_myna_only(v, d):
    return ItemText(_("Do not drive with the new card until the information is on it"), (
        _("A new card without license information does not let you drive, and you have no plastic license. Do not drive to the municipal office to collect it, or home with it."),
    ))


@text("s3.drive_with_plastic")
def s3_drive_with_plastic(v, d):
    return ItemText(_("You can keep driving with your plastic license"), (
        _("Until the information is recorded on the new card, carry your plastic driver's license when you drive."),
    ))


# Step ④
@text("s4.bring_new_card")
def s4_bring_new_card(v, d):
    return ItemText(_("Bring your new My Number Card"), (
        _("Bring the new card to your license renewal."),
    ))


@text("s4.bring_plastic_license")
def s4_bring_plastic_license(v, d):
    return ItemText(_("Bring your plastic driver's license too"), (
        _("You hold both, so bring the plastic license as well as the new card."),
    ))


@text("s4.renewal_period")
def s4_renewal_period(v, d):
    renewal = v["renewal"]
    paragraphs = [_("You can renew your license from %(start)s to %(end)s.") % {
        "start": d(renewal.start), "end": d(renewal.end)}]
    if renewal.start_approximate:
        paragraphs.append(_("The start is approximate: it depends on your birthday, which you did not give."))
    if renewal.deadline_moved:
        paragraphs.append(_("%(end)s is a day the offices are closed, so the last day to renew moves to %(deadline)s.") % {
            "end": d(renewal.end), "deadline": d(renewal.deadline)})
    return ItemText(_("Your license renewal period"), tuple(paragraphs))


@text("s4.license_expiry_past")
def s4_license_expiry_past(v, d):
    return ItemText(_("Your renewal deadline has passed"), (
        _("The last day to renew was %(deadline)s. Check the date you entered; if it is right, ask the license center whether your license has lapsed.") % {
            "deadline": d(v["renewal"].deadline)},
    ))


# Not applicable
@text("na.no_myna_license")
def na_no_myna_license(v, d):
    return ItemText(_("The carryover does not concern you"), (
        _("No license information is recorded on your My Number Card, so there is nothing to carry over."),
        _("If you want a マイナ免許証, have your license recorded on the card (マイナ一体化) at the license center or a police station after you collect the new card, not on the current card while a new one is on its way."),
    ))


@text("na.no_license")
def na_no_license(v, d):
    return ItemText(_("This guide is for people with a driver's license"), (
        _("Without a driver's license there is nothing to carry over: renew your My Number Card in the usual way."),
    ))


@text("na.reason_not_eligible")
def na_reason_not_eligible(v, d):
    reason = {
        "lost_damaged": _("A card issued because the old one was lost or damaged never carries the license information over."),
        "expired": _("A card issued after the old one has expired never carries the license information over."),
    }[v["reason"]]
    return ItemText(_("The new card will not carry the license information"), (
        reason,
        _("After you collect the new card, have the information recorded at the license center. The recording fee is %(fee)s.") % {"fee": _yen(v["fee"])},
    ))
