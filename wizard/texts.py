"""The words of the checklist: one small function per item id of guide/catalogue.py.

Each function gets the item's typed values (from the core) and a date formatter for the
page's language, and returns the item's words: its title, the short instruction that stands
in the next actions (where the item can be one), and its paragraphs, the first of which is
the one plain sentence shown before "more". Facts follow ../shared/spec/facts.md; the
sentences are our own. Words only: every condition is decided in the core.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext as _, gettext_lazy, ngettext

from guide.answers import Channel, Reason
from guide import catalogue as c

DateFormat = Callable[[date], str]


@dataclass(frozen=True, slots=True)
class ItemText:
    title: str
    paragraphs: tuple[str, ...]
    action: str | None = None  # the next-action wording; None: the title serves


@dataclass(frozen=True, slots=True)
class ItemWords:
    about: Promise  # what the item is about, for the sources page
    text: Callable[..., ItemText]


WORDS: dict[str, ItemWords] = {}


def words(item_id: str, about: Promise):
    def register(function):
        WORDS[item_id] = ItemWords(about, function)
        return function
    return register


def yen(amount: int) -> str:
    return _("%(amount)s yen") % {"amount": f"{amount:,}"}


def _lead(days: int) -> str:
    return ngettext(
        "We estimate about %(days)s day from an online application to holding the new card. This is our own estimate, not an official figure.",
        "We estimate about %(days)s days from an online application to holding the new card. This is our own estimate, not an official figure.",
        days) % {"days": days}


def channel_phrase(channel: Channel) -> str:
    return {
        # Express issuance (特急発行) is an application at the counter too (facts.md). The
        # phrase always comes before "does not …", hence its closing comma.
        Channel.WINDOW: _("at the municipal office counter, express issuance (特急発行) included,"),
        Channel.MAIL: _("by mail"),
        Channel.PHOTO_BOOTH: _("at a photo booth"),
    }.get(channel, _("in a way other than online"))


def _recording_fee(fee: int | None) -> str:
    """The fee sentence of a recording: the amount, or (運転経歴情報) ask."""
    if fee is None:
        return _("Ask a license center or police station whether a fee is charged.")
    return _("The recording fee is %(fee)s.") % {"fee": yen(fee)}


def _record_later() -> str:
    return _("After you collect the new card, have the information recorded at a license center or police station.")


# Step ①
@words("s1.check_holding", gettext_lazy("Finding out whether your card holds license information"))
def s1_check_holding(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("Find out whether your card holds license information"), (
        _("Read your My Number Card with the license-reading app (マイナ免許証読み取りアプリ) or マイナポータル. If it shows license information, your card is a My Number Card with license information (マイナ免許証)."),
        _("Then answer the questions again from the first."),
    ))


@words("s1.submit_certificate", gettext_lazy("Submitting the signature certificate (署名用電子証明書) to the police before applying"))
def s1_submit_certificate(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("Submit your signature certificate to the police before you apply"), (
        _("The police must have your signature certificate (署名用電子証明書) before you apply for the new card. If it reaches them later, the license information is not carried over."),
        _("Take your My Number Card to a license center or police station that accepts it: you enter the certificate's PIN (6 to 16 letters and digits) there."),
    ))


@words("s1.certificate_on_file", gettext_lazy("A signature certificate submitted earlier"))
def s1_certificate_on_file(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("Your signature certificate is already with the police"), (
        _("If you submitted it at a license renewal or when your license was recorded on your card (マイナ一体化), you need not submit it again."),
        _("A move or a change of name ends the signature certificate (署名用電子証明書). If either has happened since you submitted it, ask the police whether to submit it again."),
    ))


@words("s1.apply_while_valid", gettext_lazy("Applying while the current card is valid"))
def s1_apply_while_valid(v: c.CardExpiry, d: DateFormat) -> ItemText:
    if v.card_expiry:
        first = _("Your current My Number Card is valid until %(date)s.") % {"date": d(v.card_expiry)}
    else:
        first = _("Check the expiry date on the front of your current My Number Card.")
    return ItemText(_("Apply before your current card expires"), (
        first,
        _("Once it has expired, the license information can no longer be carried over."),
    ))


@words("s1.license_suspended", gettext_lazy("A suspended license"))
def s1_license_suspended(v: c.Suspension, d: DateFormat) -> ItemText:
    title = _("A suspended license is not carried over")
    if v.before:
        return ItemText(title, (
            _("Apply after the suspension (免許停止) ends, while your current card is still valid."),
            _("The dates in this checklist assume the suspension has ended by then. If it has not, ask a license center or police station."),
        ), action=_("Apply only after the suspension ends"))
    if v.notice is None:
        first = _("Your license was suspended when you applied, so expect the notice to say 記録：無 (not recorded).")
    else:
        first = _("Your license was suspended when you applied. What counts is the result on the notice.")
    return ItemText(title, (
        first,
        _("Once the suspension has ended, ask a license center or police station about having the information recorded."),
    ), action=_("Ask about having the information recorded after the suspension"))


@words("s1.license_invalid", gettext_lazy("A revoked or lapsed license"))
def s1_license_invalid(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("There is no valid license to carry over"), (
        _("A revoked or lapsed license (取消し・失効) cannot be recorded on the new card."),
        _("Ask a license center or police station what you can do."),
    ), action=_("Ask a license center or police station what you can do"))


@words("s1.special_characters", gettext_lazy("Characters the signature certificate cannot hold"))
def s1_special_characters(v: c.Characters, d: DateFormat) -> ItemText:
    title = (_("Characters in your name or address will stop the carryover") if v.sure
             else _("Check the characters in your name and address"))
    return ItemText(title, (
        _("Ask your municipality about them before you apply. Some rare kanji (外字) and substitute characters (代替文字) cannot be held by the signature certificate (署名用電子証明書), and then the carryover fails."),
        _("If it fails, the notice says 記録：無 (not recorded), and you can have the information recorded at a license center or police station."),
    ), action=_("Ask your municipality about the characters in your name and address"))


@words("s1.renew_card_first", gettext_lazy("Card and license renewals in the same season: card first"))
def s1_renew_card_first(v: c.CardFirst, d: DateFormat) -> ItemText:
    return ItemText(_("Apply for the new card first, by %(date)s") % {"date": d(v.apply_by)}, (
        _("Your card and your license are due for renewal in the same season. The license information carried over is the information on the day you apply for the card."),
        _("So apply for the new card by %(apply_by)s, then renew your license with the new card by %(deadline)s.") % {
            "apply_by": d(v.apply_by), "deadline": d(v.renewal.deadline)},
        _lead(v.lead_days),
    ), action=_("Apply for the new card first, then renew your license"))


@words("s1.renew_license_first", gettext_lazy("Card and license renewals in the same season: license first"))
def s1_renew_license_first(v: c.LicenseFirst, d: DateFormat) -> ItemText:
    return ItemText(_("Renew your license first, by %(date)s") % {"date": d(v.renew_by)}, (
        _("Your license renewal deadline is too close to wait for a new card. Renew your license first (you can from %(start)s), then apply for the new card by %(card_expiry)s, while your current card is valid. The renewed information is what is carried over.") % {
            "start": d(v.renewal.start), "card_expiry": d(v.card_expiry)},
        _lead(v.lead_days),
    ), action=_("Renew your license first, then apply for the new card"))


@words("s1.order_conflict", gettext_lazy("Card and license renewals that no order fits"))
def s1_order_conflict(v: c.OrderConflict, d: DateFormat) -> ItemText:
    return ItemText(_("Apply for the card by %(date)s, and ask about your license") % {"date": d(v.card_expiry)}, (
        _("Neither order fits your dates. Your card expires on %(card_expiry)s and your license renewal period runs from %(start)s to %(deadline)s: there is not enough time to get the new card before the license deadline, nor to renew the license before the card expires.") % {
            "card_expiry": d(v.card_expiry), "start": d(v.renewal.start), "deadline": d(v.renewal.deadline)},
        _("The carryover needs a valid card, so apply for the new card by %(card_expiry)s. On an expired card a license cannot be renewed as a My Number Card with license information, so ask a license center or police station now how to renew yours.") % {
            "card_expiry": d(v.card_expiry)},
        _lead(v.lead_days),
    ), action=_("Apply for the card while it is valid, and ask now how to renew your license"))


@words("s1.license_change_pending", gettext_lazy("Renewing the license while the new card is on its way"))
def s1_license_change_pending(v: c.ChangePending, d: DateFormat) -> ItemText:
    period = {"start": d(v.renewal.start), "deadline": d(v.renewal.deadline)}
    if v.before:
        return ItemText(_("Your license renewal comes soon"), (
            _("The new card carries your license information as it is on the day you apply, and your license renewal period (%(start)s to %(deadline)s) begins soon.") % period,
            _("Renew your license before you apply for the new card, or ask a license center or police station which order suits you."),
        ), action=_("Renew your license before you apply, or ask which order suits you"))
    return ItemText(_("If you renew your license before you collect the card"), (
        _("The new card carries your license information as it was on the day you applied. Your renewal period (%(start)s to %(deadline)s) may begin before you have the new card.") % period,
        _("If you renew your license before you collect the new card, ask a license center or police station what to do."),
    ), action=_("If you renew your license before collecting the card, ask what to do"))


# Step ②
@words("s2.apply_online", gettext_lazy("Applying online"))
def s2_apply_online(v: c.ApplyOnline, d: DateFormat) -> ItemText:
    first = _("Apply on the online application site (個人番号カードオンライン申請サイト).")
    if v.by:
        first = _("Apply by %(date)s on the online application site (個人番号カードオンライン申請サイト).") % {"date": d(v.by)}
    return ItemText(_("Apply online"), (
        first,
        _("You can apply from a smartphone or computer. With an application form (交付申請書) from the mail or the counter, you can also scan its QR code or enter its application form ID (申請書ID) on that site: this is applying online too."),
    ), action=_("Apply online for the new card"))


@words("s2.switch_to_online", gettext_lazy("Other ways of applying give no carryover"))
def s2_switch_to_online(v: c.ChannelValues, d: DateFormat) -> ItemText:
    return ItemText(_("Apply online instead"), (
        _("An application %(channel)s does not carry the license information over. Apply online instead, as in the steps below.") % {
            "channel": channel_phrase(v.channel)},
    ))


@words("s2.offline_no_carryover", gettext_lazy("An application made other than online"))
def s2_offline_no_carryover(v: c.ChannelFee, d: DateFormat) -> ItemText:
    return ItemText(_("This application does not carry the license information over"), (
        _("An application %(channel)s does not carry it over, so the new card comes without license information.") % {
            "channel": channel_phrase(v.channel)},
        _record_later() + " " + _recording_fee(v.fee),
    ))


@words("s2.continue_use", gettext_lazy("The continued-use step (マイナ免許証等継続利用)"))
def s2_continue_use(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("Choose the continued-use step (マイナ免許証等継続利用)"), (
        _("It is one of the choices in the online application. Without it, nothing is carried over."),
    ))


@words("s2.request_certificate", gettext_lazy("A signature certificate on the new card"))
def s2_request_certificate(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("Ask for a signature certificate (署名用電子証明書) on the new card"), (
        _("You ask for it in the online application. Without it, the license information is not carried over."),
    ))


@words("s2.record_number", gettext_lazy("The license information record number (免許情報記録番号)"))
def s2_record_number(v: c.History, d: DateFormat) -> ItemText:
    if v.history:
        return ItemText(_("Enter your driving history record number (運転経歴情報記録番号) exactly"), (
            _("With a My Number Card with driving history information (マイナ経歴証明書), this is the number to enter. Ask a license center or police station where to find it."),
            _("Copy it carefully: a wrong number makes the carryover fail."),
        ))
    return ItemText(_("Enter your license information record number (免許情報記録番号) exactly"), (
        _("It is not necessarily the same as your driver's license number. It is shown when you read your card with the license-reading app (マイナ免許証読み取りアプリ) or マイナポータル."),
        _("Copy it carefully: a wrong number makes the carryover fail."),
    ))


@words("s2.apply_window", gettext_lazy("When the new card can be applied for"))
def s2_apply_window(v: c.Window, d: DateFormat) -> ItemText:
    return ItemText(_("When you can apply"), (
        _("You can apply from %(start)s to %(end)s. The last day is your current card's expiry date.") % {
            "start": d(v.window.start), "end": d(v.window.end)},
    ))


@words("s2.continue_use_missed", gettext_lazy("A missed continued-use step (マイナ免許証等継続利用)"))
def s2_continue_use_missed(v: c.Fee, d: DateFormat) -> ItemText:
    return ItemText(_("Without the continued-use step (マイナ免許証等継続利用), nothing is carried over"), (
        _("The new card comes without license information, and the notice gives no result."),
        _record_later() + " " + _recording_fee(v.fee),
    ))


@words("s2.certificate_request_missed", gettext_lazy("A missed request for a signature certificate"))
def s2_certificate_request_missed(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("Without a new signature certificate (署名用電子証明書), nothing is carried over"), (
        _("The new card comes without license information. You can have it recorded at a license center or police station (see step ③)."),
    ))


@words("s2.result_unknown", gettext_lazy("Not sure what was chosen in the application"))
def s2_result_unknown(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("The issuance notice will tell you the result"), (
        _("If you are not sure what you chose in the application, wait for the issuance notice (交付通知書) and read its result (see step ③)."),
    ), action=_("Wait for the issuance notice and read its result"))


@words("s2.channel_unknown", gettext_lazy("Not remembering how the application was made"))
def s2_channel_unknown(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("Only an online application carries the information over"), (
        _("Only an application on the online application site (個人番号カードオンライン申請サイト) with the continued-use step (マイナ免許証等継続利用) carries it over."),
        _("The issuance notice (交付通知書) will tell you: if it gives no result, the application did not carry the information over."),
    ), action=_("Read the result on the issuance notice when it comes"))


# Step ③
@words("s3.check_notice", gettext_lazy("The record result on the issuance notice"))
def s3_check_notice(v: c.Fee, d: DateFormat) -> ItemText:
    if v.fee is None:
        no_result = _("If no result is written, the continued-use step (マイナ免許証等継続利用) was not done: ask a license center or police station whether a fee is charged.")
    else:
        no_result = _("If no result is written, the continued-use step (マイナ免許証等継続利用) was not done, and recording costs %(fee)s.") % {"fee": yen(v.fee)}
    return ItemText(_("Read the result on the issuance notice"), (
        _("On the issuance notice (交付通知書), 記録：有 (recorded) means your license information is on the new card."),
        _("記録：無 (not recorded) means it is not: you can have it recorded at a license center or police station."),
        no_result,
    ))


@words("s3.keep_notice", gettext_lazy("Keeping the issuance notice"))
def s3_keep_notice(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("Keep the issuance notice"), (
        _("When you collect the card, take the issuance notice (交付通知書) home instead of leaving it at the counter. You need it if the information has to be recorded."),
    ))


@words("s3.collect_card", gettext_lazy("Collecting the new card"))
def s3_collect_card(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("Collect the new card"), (
        _("You collect it at the municipal office counter."),
    ))


@words("s3.confirm_with_app", gettext_lazy("Checking the new card with the app"))
def s3_confirm_with_app(v: c.History, d: DateFormat) -> ItemText:
    if v.history:
        return ItemText(_("Check that the driving history information is on the new card"), (
            _("Ask a license center or police station how to check that your driving history information (運転経歴情報) was recorded on the new card."),
        ), action=_("Ask how to check the new card"))
    return ItemText(_("Check the new card with the license-reading app"), (
        _("Read the new card with the license-reading app (マイナ免許証読み取りアプリ) and check that your license information is on it. From then on, the new card is your My Number Card with license information (マイナ免許証)."),
    ))


@words("s3.may_still_fail", gettext_lazy("A carryover can fail even when everything was done"))
def s3_may_still_fail(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("The carryover can still fail"), (
        _("Even when everything is done right, a card can come without the information, for example after a system error. Always read the result on the notice."),
    ))


def _recording_paragraph() -> str:
    return _("Take the issuance notice (交付通知書) and the new card to a license center or police station that records license information. You also need the PIN of the new card's signature certificate (署名用電子証明書), 6 to 16 letters and digits.")


def _causes() -> str:
    """What may lie behind 記録：無 (the seed's list): named as possibilities, not as the cause."""
    return _("記録：無 (not recorded) can have several causes, and the notice does not say which: the signature certificate had not reached the police before the application; the license was suspended, revoked or had lapsed; the name or address uses characters the certificate cannot hold; the license information record number (免許情報記録番号) was entered wrongly; or a system error.")


@words("s3.record_free", gettext_lazy("Recording after 記録：無 (not recorded)"))
def s3_record_free(v: c.Recording, d: DateFormat) -> ItemText:
    text = _s3_record_free(v)
    if v.notice:
        return ItemText(text.title, (*text.paragraphs, _causes()), action=text.action)
    return text


def _s3_record_free(v: c.Recording) -> ItemText:
    if v.suspended:
        return ItemText(_("Have the information recorded after the suspension ends"), (
            _("Once your license suspension has ended, ask a license center or police station when and how the information can be recorded on the new card."),
            _recording_paragraph(),
        ), action=_("After the suspension ends, ask about having the information recorded"))
    if v.history:
        return ItemText(_("Have the information recorded"), (
            _recording_paragraph(),
            _recording_fee(None),
        ), action=_("Have the information recorded at a license center or police station"))
    return ItemText(_("Have the information recorded, free of charge"), (
        _recording_paragraph(),
        _("No fee is charged in this case."),
    ), action=_("Have the information recorded at a license center or police station, free of charge"))


@words("s3.record_with_fee", gettext_lazy("Recording when no result is written"))
def s3_record_with_fee(v: c.Recording, d: DateFormat) -> ItemText:
    if v.fee is None:
        return ItemText(_("Have the information recorded"), (
            _recording_paragraph(),
            _recording_fee(None),
        ), action=_("Have the information recorded at a license center or police station"))
    return ItemText(_("Have the information recorded (fee: %(fee)s)") % {"fee": yen(v.fee)}, (
        _recording_paragraph(),
        _("Bring the recording fee of %(fee)s.") % {"fee": yen(v.fee)},
    ), action=_("Have the information recorded at a license center or police station (fee: %(fee)s)") % {"fee": yen(v.fee)})


@words("s3.no_driving_myna_only", gettext_lazy("No driving with a card that lacks the information"))
def s3_no_driving_myna_only(v: c.NoDriving, d: DateFormat) -> ItemText:
    paragraphs = [_("Do not drive to collect it, home with it, or to have the information recorded. A card without license information is not a driver's license.")]
    if v.unsure:
        paragraphs.append(_("This applies if you do not also hold a plastic license."))
    return ItemText(_("No driving with the new card until the information is recorded"), tuple(paragraphs))


@words("s3.check_before_driving", gettext_lazy("Not counting on the new card for driving too soon"))
def s3_check_before_driving(v: c.BeforeDriving, d: DateFormat) -> ItemText:
    if v.collected:
        paragraphs = [_("Before you drive with it, check with the license-reading app that your license information is on it.")]
    else:
        paragraphs = [
            _("Do not count on it for driving until the notice says 記録：有 (recorded) and the app shows your license information on it."),
            _("If the notice says 記録：無 (not recorded) or gives no result, do not drive to collect the card."),
        ]
    if v.unsure:
        paragraphs.append(_("This applies if you do not also hold a plastic license."))
    return ItemText(_("Check the new card before you drive with it"), tuple(paragraphs),
                    action=_("Check the notice and the new card before you drive with it"))


@words("s3.drive_with_plastic", gettext_lazy("Driving with the plastic license meanwhile"))
def s3_drive_with_plastic(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("You can keep driving with your plastic license"), (
        _("Until the information is on the new card, carry your plastic license when you drive."),
    ))


# Step ④
@words("s4.bring_new_card", gettext_lazy("The new card at the license renewal"))
def s4_bring_new_card(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("Bring your new My Number Card"), (
        _("Bring it to your license renewal."),
    ))


@words("s4.bring_plastic_license", gettext_lazy("The plastic license at the license renewal"))
def s4_bring_plastic_license(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("Bring your plastic license too"), (
        _("You hold both, so bring the plastic license as well as the new card."),
    ))


@words("s4.renewal_period", gettext_lazy("The license renewal period and its last day"))
def s4_renewal_period(v: c.Renewal, d: DateFormat) -> ItemText:
    renewal = v.renewal
    paragraphs = [_("You can renew your license from %(start)s to %(end)s.") % {
        "start": d(renewal.start), "end": d(renewal.end)}]
    if renewal.start_approximate:
        paragraphs.append(_("The start is approximate: it depends on your birthday, which you did not give."))
    if renewal.deadline_moved:
        paragraphs.append(_("%(end)s is a day the offices are closed, so the last day to renew moves to %(deadline)s.") % {
            "end": d(renewal.end), "deadline": d(renewal.deadline)})
    return ItemText(_("Your license renewal period"), tuple(paragraphs),
                    action=_("Renew your driver's license"))


@words("s4.license_expiry_past", gettext_lazy("A renewal deadline that has passed"))
def s4_license_expiry_past(v: c.Renewal, d: DateFormat) -> ItemText:
    return ItemText(_("Your renewal deadline has passed"), (
        _("The last day to renew was %(deadline)s. Check the date you entered; if it is right, ask a license center or police station whether your license has lapsed.") % {
            "deadline": d(v.renewal.deadline)},
    ), action=_("Check your license's expiry date, or ask whether it has lapsed"))


# Not applicable
@words("na.no_myna_license", gettext_lazy("No license information on the card"))
def na_no_myna_license(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("The carryover does not concern you"), (
        _("Your My Number Card holds no license information, so there is nothing to carry over."),
        _("If you want a My Number Card with license information (マイナ免許証), have your license recorded on the card (マイナ一体化) at a license center or police station after you collect the new card: not on the current card while the new one is on its way."),
    ), action=_("Renew your card in the usual way; have your license recorded on it afterwards if you wish"))


@words("na.no_license", gettext_lazy("People without a driver's license or driving history information"))
def na_no_license(v: c.NoValues, d: DateFormat) -> ItemText:
    return ItemText(_("This guide is for people with a driver's license or driving history information on their card"), (
        _("Without a driver's license or driving history information (運転経歴情報) on your card, there is nothing to carry over: renew your My Number Card in the usual way."),
    ), action=_("Renew your My Number Card in the usual way"))


@words("na.reason_not_eligible", gettext_lazy("A card issued after loss, damage or expiry"))
def na_reason_not_eligible(v: c.NotEligible, d: DateFormat) -> ItemText:
    reason = {
        Reason.LOST_DAMAGED: _("A card issued because the old one was lost or damaged never carries the license information over."),
        Reason.EXPIRED: _("A card issued after the old one has expired never carries the license information over."),
    }[v.reason]
    return ItemText(_("The new card will not carry the license information"), (
        reason,
        _record_later() + " " + _recording_fee(v.fee),
    ), action=_("After collecting the new card, have the information recorded at a license center or police station"))


def item_text(item_id: str, values, date_format: DateFormat) -> ItemText:
    return WORDS[item_id].text(values, date_format)

