"""What every page needs: the language switch, which keeps the person's place."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    current = get_language()
    path = request.get_full_path()
    return {
        "site_name": settings.SITE_NAME,
        "languages": [
            {"code": code, "name": name, "current": code == current,
             "url": _translated(path, code)}
            for code, name in settings.LANGUAGES
        ],
    }


def _translated(path: str, code: str) -> str:
    # Every page is under a /ja/ or /en/ prefix and no route is translated, so the other
    # language's URL is the same path with the other prefix: what translate_url() works out
    # by resolving and reversing the path (about a tenth of a question page's time), and
    # what it could not do for an unknown path (a 404 page) anyway.
    if path[:4] in ("/ja/", "/en/"):
        return f"/{code}/{path[4:]}"
    return translate_url(path, code)
