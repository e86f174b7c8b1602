"""What every page needs: the language switch, which keeps the person's place, and the
footer's publisher, contact and the day the rules were last checked."""

import re

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language, override

from guide.sources import RULES_CHECKED

from .apps import deployment
from .dates import date_en, date_ja

# A path that may be shown again with another language prefix: /ja/ or /en/, then plain
# segments. No "//", no backslash, no percent sign, nothing a browser could read as another
# site ("//host", "/\\host", a tab it strips) or that the server decoded from one.
CHECKED_PATH = re.compile(r"/(?:ja|en)/(?:[A-Za-z0-9._~-]+/)*[A-Za-z0-9._~-]*")


def site(request):
    current = get_language()
    return {
        "site_name": settings.SITE_NAME,
        "publisher": publisher(current),
        "rules_checked": date_en(RULES_CHECKED) if current == "en" else date_ja(RULES_CHECKED),
        "languages": [
            {"code": code, "name": name, "current": code == current,
             "url": language_url(request, code)}
            for code, name in settings.LANGUAGES
        ],
    }


def language_url(request, code: str) -> str:
    """This page in the language `code`, always a path on this site starting with a single
    "/": a checked path with its prefix swapped (no route is translated, so that is what
    reversing the route gives, at a fraction of the cost), else the resolved route reversed
    in that language (never the raw request path, which may be "//other.example/ja/"), else
    the start page of that language."""
    path = None
    if CHECKED_PATH.fullmatch(request.path):
        path = f"/{code}/{request.path[4:]}"
    match = getattr(request, "resolver_match", None)
    if path is None and match is not None and match.url_name:
        with override(code):
            try:
                path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                path = None
    if path is None:
        with override(code):
            return reverse("start")
    # The query (a permalink's answers) after "?" cannot lead anywhere else; it is read raw,
    # never parsed (a query that cannot be parsed is what a 400 page may be about).
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))
    return f"{path}?{query}" if query else path


def publisher(language: str) -> dict:
    """The deployment's publisher and how to reach them, in `language`."""
    found = deployment()
    contact = found.contact
    return {
        "name": found.publisher.get(language),
        "phone": contact.phone, "tel": contact.tel,
        "hours": contact.hours.get(language) if contact.hours else None,
        "form": contact.form, "mail": contact.mail,
        # The prefecture's own pages (issue 10: the real services, from the deployment file).
        "police": found.police.get(language), "police_page": found.police_page,
        "reservation_page": found.reservation_page,
    }
