"""Views: thin. The rules module decides, checklist.py words, templates render."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse, translate_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from formtools.wizard.forms import ManagementForm
from formtools.wizard.storage import get_storage
from formtools.wizard.storage.session import SessionStorage
from formtools.wizard.views import NamedUrlSessionWizardView

from guide.answers import (AnswerError, Holding, Reason, answers_applicable, answers_lenient,
                           answers_parse, answers_query)
from guide.dates import today_tokyo
from guide.plan import plan_build
from guide.catalogue import CATALOGUE, Step
from guide.sources import RULES_CHECKED, SOURCE_BY_ID
from mynalicense import metrics
from mynalicense.jinja2 import url

from .accessibility import METHOD_WORDS, page_groups, record as accessibility_record
from .checklist import STEP_MARKS, answer_rows, checklist_context, date_format, fee_rows
from .codec import answers_from_forms, answers_from_raw, form_data, storage_data
from .forms import FORMS
from .ics import calendar_build
from .qr import qr_svg
from .questions import QUESTION_BY_STEP, QUESTIONS
from .sources import SOURCE_WORDS
from .texts import WORDS

FIRST_STEP = "holding"
CHECK_STEP = "check"
# No valid answer in any box is longer (the longest choice value has 17 characters).
STORED_VALUE_MAX = 20


def root_redirect(request: HttpRequest) -> HttpResponse:
    """`/` always opens the Japanese guide: Japanese is the default, whatever the browser."""
    return redirect("/ja/")


# rules.md / facts.md: the scheme carries license information over since this day.
SCHEME_START = date(2025, 9, 1)


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "start.html", {"scheme_start": date_format(SCHEME_START)})


class AnswersKeepingStorage(SessionStorage):
    """formtools resets the answers right after done(); we keep them for the rest of the
    browser session, so that Back from the checklist finds what the person typed."""

    keep_once = False

    def reset(self) -> None:
        if self.keep_once:
            self.keep_once = False
            return
        super().reset()


WIZARD_PREFIX = "questions_wizard"  # formtools' prefix for QuestionsWizard (its class name)
WIZARD_STORAGE = "wizard.views.AnswersKeepingStorage"


def _stored_answers(storage):
    """The choices stored so far, read raw (never through cleaned data: formtools' conditions
    would re-enter themselves)."""
    def get(key: str) -> str | None:
        step = key.split("-", 1)[0]
        values = (storage.get_step_data(step) or {}).get(key)
        return values[-1] if isinstance(values, list) and values else values
    return answers_from_raw(get)


# formtools evaluates every step's condition in one pass of get_form_list (and keeps the
# result for the request): they all read the same stored choices, so which questions apply
# is worked out once per pass.
_UNREAD = object()


def _applies(step: str):
    def condition(wizard) -> bool:
        applicable = getattr(wizard, "_condition_applicable", None)
        if applicable is _UNREAD:
            applicable = wizard._condition_applicable = answers_applicable(
                _stored_answers(wizard.storage))
        elif applicable is None:  # called outside get_form_list
            applicable = answers_applicable(_stored_answers(wizard.storage))
        return step in applicable
    return condition


def form_kwargs(step: str | None, choice) -> dict:
    """What a question's form needs of the other answers (`choice(step)`: the raw value
    given to a choice question), for the wizard and the counter alike."""
    kwargs = {"later": answers_lenient(query={"stage": choice("stage")}).has_applied}
    if step == "card_expiry":
        kwargs.update(reason=answers_lenient(query={"reason": choice("reason")}).reason,
                      today=today_tokyo())
    return kwargs


# Holding neither card nor history: the guide's answer does not depend on anything else, so
# the first question leads straight to it (issue 11).
EARLY_EXIT = frozenset({Holding.LICENSE_ONLY, Holding.NONE})


class QuestionsWizard(NamedUrlSessionWizardView):
    form_list = FORMS
    condition_dict = {step: _applies(step) for step in QUESTION_BY_STEP}
    storage_name = WIZARD_STORAGE

    def get_prefix(self, request, *args, **kwargs) -> str:
        return WIZARD_PREFIX

    def get_template_names(self) -> list[str]:
        if self.steps.current == CHECK_STEP:
            return ["wizard/check.html"]
        return ["wizard/question.html"]

    def get_form_list(self):
        # formtools keeps the evaluated list until a POST stores new answers (it then deletes
        # _resolved_form_list), but works out a signature of condition_dict first on every
        # call: the check page calls this 14 times. condition_dict never changes here.
        if hasattr(self, "_resolved_form_list"):
            return self._resolved_form_list.copy()
        self._condition_applicable = _UNREAD
        try:
            return super().get_form_list()
        finally:
            self._condition_applicable = None

    def get_form_kwargs(self, step=None) -> dict:
        # The stage changes a form (what is asked after applying), and the card expiry is
        # checked against the reason (formtools has no cross-step validation): read just
        # those, not every stored choice, for each of the forms the check page builds.
        return form_kwargs(step, self._stored_choice)

    def _stored_choice(self, step: str) -> str | None:
        values = (self.storage.get_step_data(step) or {}).get(f"{step}-{step}")
        return values[-1] if isinstance(values, list) and values else values

    def get_form_step_data(self, form) -> dict:
        # Keep only this form's own fields: no CSRF token, no management data, nothing
        # else a browser sent (not even other names with the form's prefix), so the
        # signed-cookie session stays small. Values are stored stripped and cut to the length
        # of the longest answer any field takes: the boxes strip spaces when they validate,
        # and a language switch stores what was typed even when it does not validate.
        keys = (form.add_prefix(name) for name in form.fields)
        return {key: [value.strip()[:STORED_VALUE_MAX] for value in form.data.getlist(key)[-1:]]
                for key in keys if key in form.data}

    # --- entering and leaving -------------------------------------------------------------

    def get(self, request, *args, **kwargs):
        step = kwargs.get("step")
        if "change" in request.GET:
            self.storage.extra_data = {**self.storage.extra_data, "returning": True}
        if step not in (None, FIRST_STEP, self.done_step_name) and not self._has_started():
            return self._restart()
        return super().get(request, *args, **kwargs)

    def post(self, *args, **kwargs):
        management = ManagementForm(self.request.POST, prefix=self.prefix)
        if (not management.is_valid()
                or management.cleaned_data["current_step"] not in self.get_form_list()
                or (management.cleaned_data["current_step"] != FIRST_STEP and not self._has_started())):
            return self._restart()
        step = management.cleaned_data["current_step"]
        language = self.request.POST.get("switch_language")
        if language:
            return self._switch_language(language, step)
        action = self.request.POST.get("cross_check")
        if step == "card_expiry" and action == "reason":
            # "Change the reason": keep what was typed, ask the reason again, come back.
            self._keep_typed(step)
            self.storage.extra_data = {**self.storage.extra_data, "returning": True}
            return redirect(self.get_step_url("reason"))
        if step == "card_expiry" and action == "expired":
            # The person says the card has already expired: that is their answer to the
            # reason question, given here; the date is then taken as typed.
            self.storage.set_step_data("reason", {"reason-reason": [Reason.EXPIRED.value]})
        started = self._has_started()
        response = super().post(*args, **kwargs)
        if not started and self._has_started():  # the first answer was accepted
            metrics.wizard_started()
        return response

    def _keep_typed(self, step: str) -> None:
        form = self.get_form(step=step, data=self.request.POST)
        self.storage.set_step_data(step, self.get_form_step_data(form))
        self.storage.current_step = step

    def _has_started(self) -> bool:
        return self.storage.get_step_data(FIRST_STEP) is not None

    def _restart(self) -> HttpResponse:
        """Answers missing, expired, from another browser or tampered with: start again."""
        self.storage.reset()
        messages.info(self.request, _("Your earlier answers could not be found, perhaps because they expired. Please start again."))
        return redirect(self.get_step_url(FIRST_STEP))

    def _switch_language(self, language: str, step: str) -> HttpResponse:
        """The language switch on a question page submits the form, so nothing typed is lost."""
        if language not in ("ja", "en"):
            language = "ja"
        self._keep_typed(step)
        return redirect(translate_url(self.get_step_url(step), language))

    def render_next_step(self, form, **kwargs):
        if (self.steps.current == FIRST_STEP and form.answer() in EARLY_EXIT
                and not self.storage.extra_data.get("returning")):
            return self._early_exit()
        # After changing one answer from the check page, go back there unless a question
        # that now applies still needs an answer.
        if self.storage.extra_data.get("returning"):
            target = self._first_unanswered()
            if target == CHECK_STEP:
                self.storage.extra_data = {}
            self.storage.current_step = target
            return redirect(self.get_step_url(target))
        return super().render_next_step(form, **kwargs)

    def _first_unanswered(self) -> str:
        for step in self.get_form_list():
            if step == CHECK_STEP:
                break
            data = self.storage.get_step_data(step)
            if data is None or not self.get_form(step=step, data=data).is_valid():
                return step
        return CHECK_STEP

    def _early_exit(self) -> HttpResponse:
        """A plastic license only, or no license: straight to that short result, with what
        was already answered (the stored answers stay, so Back finds them)."""
        answers = self._answers_for_check()
        return HttpResponseRedirect(f"{reverse('checklist')}?{urlencode(answers_query(answers))}")

    def done(self, form_list, form_dict=None, **kwargs):
        answers = answers_from_forms(form_dict.items())
        self.storage.keep_once = True  # see AnswersKeepingStorage
        metrics.wizard_completed()
        return HttpResponseRedirect(f"{reverse('checklist')}?{urlencode(answers_query(answers))}")

    # --- rendering -----------------------------------------------------------------------

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        steps = self.get_form_list()
        current = self.steps.current
        question_steps = [s for s in steps if s != CHECK_STEP]
        previous = self.steps.prev
        context.update(
            question=QUESTION_BY_STEP.get(current),
            show_errors=self.request.method == "POST",
            back_url=self.get_step_url(previous) if previous else url("start"),
            form_id="wizard-form",
            language_form="wizard-form",
            # The questions that apply to the answers stored so far: the total can change
            # as answers change, and the page says so.
            position=(question_steps.index(current) + 1) if current in question_steps else None,
            total=len(question_steps),
        )
        if current == "card_expiry":
            context["cross_check"] = getattr(form, "cross_check", None)
        if current == CHECK_STEP:
            context["answers"] = answer_rows(
                self._answers_for_check(),
                change_url=lambda step: f"{self.get_step_url(step)}?change=1",
            )
        return context

    def _answers_for_check(self):
        """The stored answers as their forms clean them (an answer a form would refuse is
        left out), for the check page and the early exit: read by each form class's
        stored_answer(), without building eleven forms (tests/test_forms.py checks that each
        agrees with its form)."""
        query = {}
        later = self.get_form_kwargs()["later"]
        for step, form_class in self.get_form_list().items():
            if step == CHECK_STEP:
                continue
            # The kwargs the wizard gives the form: the stage for all; the reason and today
            # for the card-expiry check (read only for that one).
            kwargs = self.get_form_kwargs(step) if step == "card_expiry" else {"later": later}
            value = form_class.stored_answer(self.storage.get_step_data(step),
                                             prefix=self.get_form_prefix(step, form_class), **kwargs)
            if value is not None:
                query[step] = value
        return answers_parse(query=query)

    def get_step_url(self, step: str) -> str:
        # Step ids are the questions' constant names (never answers): their URLs are kept per
        # language, like the templates' (the check page asks for a dozen of them).
        return url(self.url_name, step)


def wizard_load(request: HttpRequest) -> HttpResponse:
    """Refill the wizard from a checklist permalink, then open the question to change (or the
    check page)."""
    try:
        answers = answers_parse(query=request.GET)
    except AnswerError as error:
        return bad_answer(request, error)
    storage = get_storage(WIZARD_STORAGE, WIZARD_PREFIX, request, None)
    storage.reset()
    for step, data in form_data(answers).items():
        storage.set_step_data(step, storage_data(data))
    storage.set_step_data(CHECK_STEP, {})
    target = request.GET.get("step")
    applicable = answers_applicable(answers)
    if target in QUESTION_BY_STEP and target in applicable:
        storage.extra_data = {"returning": True}
        if not request.GET.get(target):
            # Adding an answer not given before (such as the license date offered on the
            # short result of a plastic license only): the blank questions after it are
            # asked too, instead of going straight back to the check page.
            path = [q.step for q in QUESTIONS if q.step in applicable]
            for step in path[path.index(target) + 1:]:
                if not request.GET.get(step):
                    storage.data[storage.step_data_key].pop(step, None)
    else:
        target = _first_refused(answers, storage) or CHECK_STEP
        if target != CHECK_STEP:
            storage.extra_data = {"returning": True}
    storage.current_step = target
    return redirect("wizard_step", step=target)


def _first_refused(answers, storage) -> str | None:
    """The first date whose refilled answer its form refuses (a card expiry of a permalink
    that contradicts its reason): opened first, so that the check page lists every answer."""
    query = answers_query(answers)

    def choice(step: str) -> str | None:
        return query.get(step)

    for question in QUESTIONS:
        data = storage.get_step_data(question.step)
        if data is None or question.kind == "choice":
            continue
        form = dict(FORMS)[question.step](data=data, prefix=question.step,
                                          **form_kwargs(question.step, choice))
        if not form.is_valid():
            return question.step
    return None


def _answers_or_400(request: HttpRequest):
    try:
        return answers_parse(query=request.GET), None
    except AnswerError as error:
        return None, bad_answer(request, error)


def permalink_extras(request: HttpRequest, *, plan, query: str, qr_url: str | None = None) -> dict:
    """The checklist's own link, in text and as the URL of its QR code image, and its
    calendar file. The QR code is its own request (checklist_qr), not drawn here."""
    permalink = request.build_absolute_uri(f"{url('checklist')}?{query}")
    return {
        "permalink": permalink,
        "qr_url": qr_url or f"{url('checklist_qr')}?{query}",
        "calendar_url": f"{url('checklist_calendar')}?{query}" if plan.milestones else None,
    }


def qr_response(request: HttpRequest, *, query: str) -> HttpResponse:
    """The QR code of the permalink with this query, as an SVG image kept by no cache."""
    permalink = request.build_absolute_uri(f"{url('checklist')}?{query}")
    response = HttpResponse(qr_svg(permalink), content_type="image/svg+xml")
    response.headers["Cache-Control"] = "no-store"
    return response


@require_safe
def checklist_qr(request: HttpRequest) -> HttpResponse:
    """The image the checklist page links for its QR code: the same answers, checked the
    same way (a bad value is a 400), encoded as the canonical permalink."""
    answers, error = _answers_or_400(request)
    if error:
        return error
    return qr_response(request, query=urlencode(answers_query(answers)))


@require_safe
def checklist(request: HttpRequest, step: str | None = None) -> HttpResponse:
    answers, error = _answers_or_400(request)
    if error:
        return error
    plan = plan_build(answers=answers, today=today_tokyo())
    context = checklist_context(plan=plan)
    context.update(permalink_extras(request, plan=plan, query=context["query"]))
    if step is None:
        if plan.answers.holding is Holding.LICENSE_ONLY and plan.answers.license_expiry is None:
            # The short result of the early exit: the license dates, optional, offered after it.
            context["license_dates_url"] = (f"{url('wizard_load')}?{context['query']}"
                                            "&step=license_expiry")
        response = render(request, "checklist/checklist.html", context)
        metrics.checklist_served(outcome=plan.outcome.value, mode="guide")
        return response
    context["steps"] = [s for s in context["steps"] if s.step == step]
    context["step"] = step
    context["step_mark"] = STEP_MARKS[Step(step)]
    return render(request, "checklist/step.html", context)


@require_safe
def checklist_calendar(request: HttpRequest) -> HttpResponse:
    """The person's dates as an .ics file, or a page saying which answers it needs."""
    answers, error = _answers_or_400(request)
    if error:
        return error
    plan = plan_build(answers=answers, today=today_tokyo())
    query = urlencode(answers_query(plan.answers))
    permalink = request.build_absolute_uri(f"{reverse('checklist')}?{query}")
    body = calendar_build(plan=plan, link=permalink)
    if body is None:
        return render(request, "checklist/calendar_needed.html", {
            "query": query, "checklist_url": f"{reverse('checklist')}?{query}"})
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="mynalicense.ics"'
    return response


@require_safe
def sources(request: HttpRequest) -> HttpResponse:
    words = {source.id: source for source in SOURCE_WORDS}
    rows = [
        {"id": entry.id, "anchor": f"item-{entry.id}", "label": WORDS[entry.id].about,
         "sources": [words[source_id] for source_id in entry.sources]}
        for entry in CATALOGUE
    ]
    sources = [{"id": source.id, "name": words[source.id].name, "backs": words[source.id].backs,
                "url": SOURCE_BY_ID[source.id].url,
                "checked": date_format(SOURCE_BY_ID[source.id].checked)}
               for source in SOURCE_WORDS]
    return render(request, "sources.html", {
        "sources": sources, "items": rows, "checked": date_format(RULES_CHECKED),
        "fees": fee_rows(on=today_tokyo()),
    })


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement: its figures are the last recorded test run
    (wizard/accessibility.py), never typed in here."""
    record = accessibility_record()
    methods = [
        {"id": result.method, "name": METHOD_WORDS[result.method][0],
         "what": METHOD_WORDS[result.method][1], "passed": result.passed,
         "failed": result.failed, "skipped": result.skipped, "tests": result.tests,
         "ok": result.ok}
        for result in record.methods
    ]
    kinds = page_groups(record.pages)
    return render(request, "accessibility.html", {
        "tested_on": date_format(record.tested_on),
        "tested_on_iso": record.tested_on.isoformat(),
        "ok": record.ok,
        "checks": sum(m["tests"] for m in methods),
        "passed_checks": sum(m["passed"] for m in methods),
        "axe_version": record.axe_version,
        "violations": record.violations,
        "methods": methods,
        "page_groups": kinds,
        "kinds": sum(count for _, count in kinds),
        "pages": len(record.pages),
    })


def bad_answer(request: HttpRequest, error: AnswerError) -> HttpResponse:
    """rules.md §1: a bad permalink value names the parameter and the values allowed."""
    allowed = error.allowed
    context = {
        "parameter": error.parameter,
        "value": error.value,
        "allowed": allowed if isinstance(allowed, tuple) else None,
        "format": allowed if isinstance(allowed, str) else None,
        "years": error.years,
    }
    return render(request, "errors/400.html", context, status=400)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/400.html", {}, status=400)


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", {}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: whatever failed must not fail again while we apologise.
    return HttpResponse(loader.render_to_string("errors/500.html"), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/403_csrf.html", {}, status=403)
