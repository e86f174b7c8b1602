"""Counter mode: staff fill in every question on one screen for someone at the counter,
print the checklist, and finish by wiping everything from the shared computer.

The answers live only in the session (never in the URL, so nothing stays in the browser's
history) and expire after 15 minutes without activity, and 60 minutes after they were
entered however active (docs/decisions/0005-sessions.md).
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from guide.answers import Answers, answers_applicable, answers_parse, answers_query
from guide.dates import today_tokyo
from guide.plan import plan_build
from mynalicense import metrics

from .checklist import answer_rows, checklist_context
from .codec import answers_from_forms, answers_from_raw, question_data
from .forms import FORMS
from .questions import QUESTIONS
from .views import not_found, permalink_extras, qr_response

SESSION_KEY = "counter"
IDLE_SECONDS = 15 * 60
# From the time the answers were entered, kept inside the signed session: every request
# re-signs the cookie, so a copy taken before "Finish and clear" dies then at the latest.
LIFETIME_SECONDS = 60 * 60
FORM_CLASSES = dict(FORMS)
DEFAULTS = answers_query(Answers())  # rules.md §1 defaults, preselected for staff


def _forms(data, answers: Answers) -> list[tuple[object, object, bool]]:
    """Every question's form, and whether it applies to these answers."""
    applicable = answers_applicable(answers)
    return [
        (question, FORM_CLASSES[question.step](data=data, prefix=question.step,
                                               later=answers.has_applied),
         question.step in applicable)
        for question in QUESTIONS
    ]


def _initial_data(query: dict[str, str]) -> dict[str, str]:
    """Form data for stored answers (or the defaults), so the page opens filled in."""
    data: dict[str, str] = {}
    for question in QUESTIONS:
        data.update(question_data(question, query.get(question.step, "")))
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


@require_http_methods(["GET", "POST"])
def counter_form(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        answers = answers_from_raw(request.POST.get)
        forms = _forms(request.POST, answers)
        applicable = [(q, f) for q, f, applies in forms if applies]
        if all(form.is_valid() for _, form in applicable):
            query = answers_query(answers_from_forms((q.step, form) for q, form in applicable))
            now = time.time()
            request.session[SESSION_KEY] = {"query": query, "touched": now, "entered": now}
            metrics.counter_used()
            return redirect("counter_checklist")
        show_errors = True
    else:
        query = _stored(request) or DEFAULTS
        answers = answers_parse(query=query)
        forms = _forms(_initial_data(query), answers)
        show_errors = False
    return render(request, "counter/form.html", {
        # Errors are shown only on the questions that apply: the others are ignored.
        "forms": [(q, f, applies, show_errors and applies) for q, f, applies in forms],
        "show_errors": show_errors,
        "has_errors": show_errors and any(f.errors for _, f, applies in forms if applies),
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


@require_POST
def counter_finish(request: HttpRequest) -> HttpResponse:
    """Finish and clear: nothing of this person stays in the browser."""
    request.session.flush()
    response = redirect("counter")
    # Cookies, storage and cache of this site, for browsers that support it.
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response
