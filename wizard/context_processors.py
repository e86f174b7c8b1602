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
    url = translate_url(path, code)
    # An unknown path (a 404 page) cannot be resolved; swap the language prefix instead.
    if url == path and path[:4] in ("/ja/", "/en/"):
        url = f"/{code}/{path[4:]}"
    return url
