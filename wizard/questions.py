"""The wizard's questions: one per page, in order, with their words.

Each question is asked only when `answers_applies` says it is on the person's path.
Step ids are the parameter names of rules.md §1: stable ASCII, never translated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from guide.answers import Channel, Holding, LicenseStatus, NoticeResult, Reason, Stage, YesNo


@dataclass(frozen=True)
class Choice:
    value: StrEnum  # a member of the answer's enum (guide/answers.py)
    label: Promise
    hint: Promise | None = None


@dataclass(frozen=True)
class Question:
    step: str
    kind: str  # "choice", "date", "era_date" or "month_day"
    title: Promise
    summary: Promise  # the short label on the check-your-answers page
    hint: Promise | None = None
    choices: tuple[Choice, ...] = field(default=())
    # Words that differ once the person has applied (stage ≠ before).
    title_later: Promise | None = None
    choices_later: tuple[Choice, ...] | None = None

    def choices_for(self, *, later: bool) -> tuple[Choice, ...]:
        return self.choices_later if later and self.choices_later else self.choices

    def title_for(self, *, later: bool) -> Promise:
        return self.title_later if later and self.title_later else self.title

    def label_for(self, value, *, later: bool) -> Promise:
        for choice in self.choices_for(later=later):
            if choice.value == value:
                return choice.label
        raise KeyError(value)


YES_NO_UNSURE = (
    Choice(YesNo.YES, _("Yes")),
    Choice(YesNo.NO, _("No")),
    Choice(YesNo.UNSURE, _("Not sure")),
)

QUESTIONS: tuple[Question, ...] = (
    Question(
        "holding", "choice",
        title=_("Which do you have now?"),
        summary=_("What you have now"),
        hint=_("A My Number Card with license information is one on which your driver's license information has been recorded."),
        choices=(
            Choice(Holding.MYNA_ONLY, _("Only a My Number Card with license information (マイナ免許証)"),
                   _("You chose “card only” when your license was recorded on the card (マイナ一体化).")),
            Choice(Holding.BOTH, _("Both a My Number Card with license information (マイナ免許証) and a plastic license")),
            Choice(Holding.MYNA_HISTORY, _("A My Number Card with driving history information (マイナ経歴証明書)"),
                   _("For people who have given up their license and have their driving history information (運転経歴情報) recorded on the card.")),
            Choice(Holding.LICENSE_ONLY, _("Only a plastic license"),
                   _("No license information is recorded on your My Number Card.")),
            Choice(Holding.NONE, _("No driver's license")),
            Choice(Holding.UNSURE, _("Not sure")),
        ),
    ),
    Question(
        "reason", "choice",
        title=_("Why are you getting a new My Number Card?"),
        summary=_("Why you are getting a new card"),
        choices=(
            Choice(Reason.EXPIRING, _("My card expires in less than 3 months"),
                   _("The usual renewal. The expiry notice (有効期限通知書) for the card itself arrives about 2 to 3 months before, with an application form (交付申請書). The card's electronic certificates have their own expiry date: check which one a letter is about.")),
            Choice(Reason.FIELD_FULL, _("There is no more room in the field for changes on the card")),
            Choice(Reason.LOST_DAMAGED, _("My card was lost or damaged")),
            Choice(Reason.EXPIRED, _("My card has already expired")),
        ),
    ),
    Question(
        "stage", "choice",
        title=_("How far along are you with the new card?"),
        summary=_("How far along you are"),
        choices=(
            Choice(Stage.BEFORE, _("I have not applied yet")),
            Choice(Stage.APPLIED, _("I have applied and am waiting")),
            Choice(Stage.NOTICE, _("The issuance notice (交付通知書) has arrived"),
                   _("The municipality sends it when your new card is ready to collect.")),
            Choice(Stage.COLLECTED, _("I have collected the new card")),
        ),
    ),
    Question(
        "channel", "choice",
        title=_("How will you apply for the new card?"),
        title_later=_("How did you apply for the new card?"),
        summary=_("How you apply"),
        hint=_("Scanning the QR code of an application form (交付申請書), or entering its application form ID (申請書ID), on the online application site (個人番号カードオンライン申請サイト) counts as applying online."),
        choices=(
            Choice(Channel.ONLINE, _("Online, on a smartphone or computer")),
            Choice(Channel.WINDOW, _("At the municipal office counter"), _("Express issuance (特急発行) included.")),
            Choice(Channel.MAIL, _("By mail")),
            Choice(Channel.PHOTO_BOOTH, _("At a photo booth in town")),
            Choice(Channel.UNDECIDED, _("I have not decided yet")),
        ),
        choices_later=(
            Choice(Channel.ONLINE, _("Online, on a smartphone or computer")),
            Choice(Channel.WINDOW, _("At the municipal office counter"), _("Express issuance (特急発行) included.")),
            Choice(Channel.MAIL, _("By mail")),
            Choice(Channel.PHOTO_BOOTH, _("At a photo booth in town")),
            Choice(Channel.UNDECIDED, _("I don't remember")),
        ),
    ),
    Question(
        "continue_use", "choice",
        title=_("In the online application, did you do the continued-use step (マイナ免許証等継続利用)?"),
        summary=_("Continued-use step (マイナ免許証等継続利用)"),
        hint=_("This is where you ask to keep using the card as your driver's license and enter your license information record number (免許情報記録番号)."),
        choices=YES_NO_UNSURE,
    ),
    Question(
        "cert_requested", "choice",
        title=_("In the online application, did you ask for a signature certificate (署名用電子証明書) on the new card?"),
        summary=_("Signature certificate on the new card"),
        hint=_("The signature certificate is the one you use with a PIN of 6 to 16 letters and digits."),
        choices=YES_NO_UNSURE,
    ),
    Question(
        "notice_result", "choice",
        title=_("What does the issuance notice say about your license information?"),
        summary=_("Result on the issuance notice"),
        hint=_("Look for the field about recording your license information on the issuance notice (交付通知書)."),
        choices=(
            Choice(NoticeResult.RECORDED, _("記録：有 (recorded)")),
            Choice(NoticeResult.NOT_RECORDED, _("記録：無 (not recorded)")),
            Choice(NoticeResult.NOT_STATED, _("No result is written")),
        ),
    ),
    Question(
        "cert_submitted", "choice",
        title=_("Have you submitted your signature certificate (署名用電子証明書) to the police?"),
        title_later=_("Had you submitted your signature certificate (署名用電子証明書) to the police before you applied?"),
        summary=_("Signature certificate (署名用電子証明書) submitted to the police"),
        hint=_("If you submitted it when you renewed your license or when your license was recorded on your card (マイナ一体化), answer “Yes”."),
        choices=YES_NO_UNSURE,
    ),
    Question(
        "license_status", "choice",
        title=_("Is your driver's license valid now?"),
        # rules.md §1 (v2): once applied, what counts is the license on the day of the application.
        title_later=_("Was your driver's license valid on the day you applied?"),
        summary=_("Your driver's license"),
        choices=(
            Choice(LicenseStatus.VALID, _("Yes, it is valid")),
            Choice(LicenseStatus.SUSPENDED, _("It is suspended (免許停止)")),
            Choice(LicenseStatus.REVOKED_OR_LAPSED, _("It has been revoked or has lapsed (取消し・失効)")),
        ),
        choices_later=(
            Choice(LicenseStatus.VALID, _("Yes, it was valid")),
            Choice(LicenseStatus.SUSPENDED, _("It was suspended (免許停止)")),
            Choice(LicenseStatus.REVOKED_OR_LAPSED, _("It had been revoked or had lapsed (取消し・失効)")),
        ),
    ),
    Question(
        "special_chars", "choice",
        title=_("Does your name or address use characters that your signature certificate (署名用電子証明書) cannot hold?"),
        summary=_("Characters in your name or address"),
        hint=_("What to look for: a rare kanji (外字) in your name or address, or substitute characters (代替文字) that were used in its place when a signature certificate was issued to you. Most people cannot tell this themselves; the municipal office that issues your My Number Card can. “Not sure” is a normal answer."),
        choices=(
            Choice(YesNo.NO, _("No")),
            Choice(YesNo.YES, _("Yes")),
            Choice(YesNo.UNSURE, _("Not sure"),
                   _("The checklist then tells you what to ask the municipal office.")),
        ),
    ),
    Question(
        "card_expiry", "date",
        title=_("When does your current My Number Card expire?"),
        summary=_("Your card expires"),
        hint=_("It is printed on the front of your current My Number Card. Type the year as a number, such as 2027 (令和9 is understood too). Leave it blank if you do not know."),
    ),
    Question(
        "license_expiry", "era_date",
        title=_("Until when is your driver's license valid?"),
        summary=_("Your license is valid until"),
        hint=_("The plastic license prints it in the Japanese calendar: for 令和9年2月20日, keep 令和 under Calendar and type 9, 2 and 20. If you have only a My Number Card with license information (マイナ免許証), it is not printed on the card: read it with the license-reading app (マイナ免許証読み取りアプリ) or マイナポータル. Leave it blank if you do not know."),
    ),
    Question(
        "birthday", "month_day",
        title=_("What is your birthday?"),
        summary=_("Your birthday"),
        hint=_("The month and day only: your license renewal period depends on it. Leave it blank if you prefer."),
    ),
)
QUESTION_BY_STEP: dict[str, Question] = {q.step: q for q in QUESTIONS}

# 令和 first: the plastic license prints its dates so (issue 11).
ERAS = (
    ("reiwa", _("令和 (Reiwa)")),
    ("heisei", _("平成 (Heisei)")),
    ("western", pgettext_lazy("calendar", "Western calendar (西暦)")),
)


_M = frozenset({Holding.MYNA_ONLY.value, Holding.BOTH.value, Holding.MYNA_HISTORY.value, Holding.UNSURE.value})
# The counter's "only if" words: one phrase for each set of answers a question needs
# (wizard/codec.py ONLY_IF works the sets out from the rules). A set without its phrase here
# fails tests/test_counter.py.
ONLY_IF_PHRASES: dict[tuple[str, frozenset[str]], Promise] = {
    ("holding", _M): _("the person has, or may have, a My Number Card with license information or with driving history information"),
    ("holding", frozenset({Holding.MYNA_ONLY.value, Holding.BOTH.value, Holding.UNSURE.value})):
        _("the person has, or may have, a My Number Card with license information"),
    ("holding", frozenset({Holding.MYNA_ONLY.value, Holding.BOTH.value, Holding.LICENSE_ONLY.value, Holding.UNSURE.value})):
        _("the person has a driver's license, or is not sure what they have"),
    ("stage", frozenset({Stage.BEFORE.value})): _("they have not applied yet"),
    ("stage", frozenset({Stage.APPLIED.value, Stage.NOTICE.value, Stage.COLLECTED.value})):
        _("they have already applied"),
    ("stage", frozenset({Stage.NOTICE.value, Stage.COLLECTED.value})):
        _("the issuance notice has arrived"),
    ("channel", frozenset({Channel.ONLINE.value})): _("they applied online"),
}
