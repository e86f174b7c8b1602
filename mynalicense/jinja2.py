"""The Jinja2 environment of the site's templates (TEMPLATES in settings/common.py).

Django's built-in Jinja2 backend renders the pages several times faster than Django's own
engine (docs/performance.md). What the templates get here, and where from:

- `_()`, `gettext()`, `ngettext()`, `pgettext()`: Django's translation functions, new-style
  (`{{ _("Step %(n)s", n=mark) }}` formats the translation and escapes the values); the
  project's `makemessages` finds them with Jinja2's own extractor
  (wizard/management/commands/makemessages.py);
- `url(name, *args)` and `static(path)`: `reverse` and the static-files storage;
- `request`, `csrf_input`: added by the backend; `LANGUAGE_CODE`, `messages`, `site_name`
  and `languages`: the context processors in settings.
"""

from __future__ import annotations

from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from jinja2 import Environment, Undefined


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options) -> Environment:
    # Undefined renders as "" in every setting: Django's backend would pick DebugUndefined
    # under DEBUG, which prints "{{ name }}" and so changes the pages.
    options["undefined"] = Undefined
    # Django's engine keeps a template's final newline; so does this one.
    options.setdefault("keep_trailing_newline", True)
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=translation.gettext, ngettext=translation.ngettext, newstyle=True,
        pgettext=translation.pgettext, npgettext=translation.npgettext)
    env.globals.update(url=url, static=static)
    return env
