"""The site's own URLconf plus the anchor route, for `make bench` only (bench/settings.py).

`/<lang>/bench-anchor/<key>/` comes after every route of the site, inside the same language
prefix, so a request for it goes through the same middleware, locale and URL resolution as
the pages it stands in for."""
from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from mynalicense.urls import handler400, handler404, handler500  # noqa: F401
from mynalicense.urls import urlpatterns as site_patterns

from .anchor import anchor

urlpatterns = [
    *site_patterns,
    *i18n_patterns(path("bench-anchor/<slug:key>/", anchor, name="bench_anchor"),
                   prefix_default_language=True),
]
