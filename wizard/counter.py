"""Counter mode: staff fill in every question on one screen for someone at the counter,
print the checklist, and finish by wiping everything from the shared computer.

Nothing is preselected; questions that do not apply are hidden by static/js/guide.js (and
marked "Only if …" without it); errors come back by post/redirect/get; "Finish and clear"
asks first and the fresh form says it was done.

The answers live only in the session (never in the URL, so nothing stays in the browser's
history) and expire after 15 minutes without activity, and 60 minutes after they were
entered however active (docs/decisions/0007-sessions.md).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guide.answers import Answers, answers_applicable, answers_parse, answers_query
from guide.dates import today_tokyo
from guide.plan import plan_build
from mynalicense import metrics

from .checklist import answer_rows, checklist_context
from .codec import DEFAULTS, ONLY_IF, answers_from_forms, answers_from_raw, refill_data
from .forms import FORMS
from .questions import ONLY_IF_PHRASES, QUESTIONS
from .views import form_kwargs, not_found, permalink_extras, qr_response

SESSION_KEY = "counter"
# An invalid form, kept from its POST for the GET that shows it (post/redirect/get: no
# "resubmit?" prompt on reload or Back). A reload shows it again (nothing typed is lost);
# it goes with the next valid form, "Finish and clear", or 15 minutes without activity.
INVALID_KEY = "counter_invalid"
IDLE_SECONDS = 15 * 60
# From the time the answers were entered, kept inside the signed session: every request
# re-signs the cookie, so a copy taken before "Finish and clear" dies then at the latest.
LIFETIME_SECONDS = 60 * 60
FORM_CLASSES = dict(FORMS)
# No valid value in any box is longer; what is typed beyond is cut, as the wizard does.
STORED_VALUE_MAX = 20


def _forms(data: Mapping[str, str], answers: Answers) -> list[tuple[object, object, bool]]:
    """Every question's form, and whether it applies to these answers. The card expiry is
    checked against the reason in the same form data (forms.DateForm)."""
    applicable = answers_applicable(answers)

    def choice(step: str) -> str | None:
        return data.get(f"{step}-{step}")

    return [
        (question, FORM_CLASSES[question.step](data=data, prefix=question.step,
                                               **form_kwargs(question.step, choice)),
         question.step in applicable)
        for question in QUESTIONS
    ]


def _posted(post) -> dict[str, str]:
    """The counter form's own fields of a POST, each stripped and cut short: what is kept
    in the session between the invalid POST and the page that shows it."""
    data: dict[str, str] = {}
    for question in QUESTIONS:
        form = FORM_CLASSES[question.step](prefix=question.step)
        for name in form.fields:
            key = form.add_prefix(name)
            values = post.getlist(key)
            if values:
                data[key] = values[-1].strip()[:STORED_VALUE_MAX]
    return data


def _initial_data(query: dict[str, str]) -> dict[str, str]:
    """Form data for stored answers, so the page opens filled in with what was entered."""
    data: dict[str, str] = {}
    for fields in refill_data(query, QUESTIONS).values():
        data.update(fields)
    return data


def _stored(request: HttpRequest) -> dict[str, str] | None:
    """The counter answers, unless missing, idle for too long or too old (then wiped)."""
    stored = request.session.get(SESSION_KEY)
    if not stored:
        return None
    now = time.time()
    if (now - stored.get("touched", 0) > IDLE_SECONDS
            or now - stored.get("entered", 0) > LIFETIME_SECONDS):
        del request.session[SESSION_KEY]
        return None
    stored["touched"] = now
    request.session[SESSION_KEY] = stored
    return stored["query"]


def _invalid(request: HttpRequest) -> dict[str, str] | None:
    """The invalid form last sent, unless it has been idle too long (then wiped)."""
    kept = request.session.get(INVALID_KEY)
    if not kept:
        return None
    now = time.time()
    if now - kept.get("touched", 0) > IDLE_SECONDS:
        del request.session[INVALID_KEY]
        return None
    kept["touched"] = now
    request.session[INVALID_KEY] = kept
    return kept["data"]


def _only_if(step: str) -> str | None:
    """The words "Only if …" for a question that does not always apply."""
    needs = ONLY_IF.get(step)
    if not needs:
        return None
    phrases = [str(ONLY_IF_PHRASES[(control, values)]) for control, values in needs.items()]
    return _("Only if %(conditions)s.") % {"conditions": _(" and ").join(phrases)}


@require_http_methods(["GET", "POST"])
def counter_form(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        data = _posted(request.POST)
        answers = answers_from_raw(data.get)
        applicable = [(q, f) for q, f, applies in _forms(data, answers) if applies]
        if all(form.is_valid() for _, form in applicable):
            query = answers_query(answers_from_forms((q.step, form) for q, form in applicable))
            now = time.time()
            request.session.pop(INVALID_KEY, None)
            request.session[SESSION_KEY] = {"query": query, "touched": now, "entered": now}
            metrics.counter_used()
            return redirect("counter_checklist")
        request.session[INVALID_KEY] = {"data": data, "touched": time.time()}
        return redirect("counter")
    invalid = _invalid(request)
    stored = _stored(request)
    if invalid is not None:
        data, show_errors = invalid, True
    else:
        # Nothing preselected: staff choose every answer with the person (issue 11).
        data, show_errors = (_initial_data(stored) if stored else {}), False
    answers = answers_from_raw(data.get)
    forms = _forms(data, answers)
    questions = [
        {"question": q, "form": f, "applies": applies, "errors": show_errors and applies,
         "only_if": _only_if(q.step),
         "needs": {control: " ".join(sorted(values))
                   for control, values in ONLY_IF.get(q.step, {}).items()},
         "default": DEFAULTS.get(q.step)}
        for q, f, applies in forms
    ]
    return render(request, "counter/form.html", {
        # Errors are shown only on the questions that apply: the others are ignored.
        "questions": questions,
        "has_errors": show_errors and any(f.errors for _, f, applies in forms if applies),
        "cleared": "cleared" in request.GET and stored is None and invalid is None,
        "form_id": "counter-form",
    })


@require_http_methods(["GET"])
def counter_checklist(request: HttpRequest) -> HttpResponse:
    query = _stored(request)
    if query is None:
        messages.info(request, _("The answers were cleared, or had expired (15 minutes without activity, or 60 minutes after they were entered). Please start again."))
        return redirect("counter")
    plan = plan_build(answers=answers_parse(query=query), today=today_tokyo())
    context = checklist_context(plan=plan)
    edit = reverse("counter")
    context["answers"] = answer_rows(plan.answers, change_url=lambda step: f"{edit}#{step}-fieldset")
    context["counter"] = True
    # The QR code image comes from the session too: its URL carries no answers.
    context.update(permalink_extras(request, plan=plan, query=context["query"],
                                    qr_url=reverse("counter_qr")))
    response = render(request, "counter/checklist.html", context)
    metrics.checklist_served(outcome=plan.outcome.value, mode="counter")
    return response


@require_http_methods(["GET"])
def counter_qr(request: HttpRequest) -> HttpResponse:
    """The QR code of the person's permalink, for the counter checklist's image."""
    query = _stored(request)
    if query is None:
        return not_found(request)
    return qr_response(request, query=urlencode(answers_query(answers_parse(query=query))))


@require_http_methods(["GET", "POST"])
def counter_finish(request: HttpRequest) -> HttpResponse:
    """Finish and clear: asked first (GET), then nothing of this person stays in the
    browser (POST), and the fresh form says so."""
    if request.method == "GET":
        return render(request, "counter/finish.html", {"has_answers": _stored(request) is not None})
    request.session.flush()
    response = redirect(f"{reverse('counter')}?cleared=1")
    # Cookies, storage and cache of this site, for browsers that support it.
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response
