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

`_()`, `url()` and `static()` keep what they work out, per language: the templates give
them only their own literal words, route names and file names (tests/test_template_messages.py
checks every call), never anything of a person, and each store is bounded.
"""

from __future__ import annotations

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static as django_static
from django.urls import get_script_prefix, reverse
from django.utils import translation
from jinja2 import Environment, Undefined, pass_context
from jinja2.compiler import CodeGenerator
from markupsafe import Markup, _escape_inner, escape

# Far more than the templates' words (about 150), route names and files: a bound, not a size.
_KEPT_MAX = 1000
_WORDS: dict[tuple[str | None, str], Markup] = {}
_URLS: dict[tuple, str] = {}
_STATIC: dict[str, str] = {}


@pass_context
def gettext(context, message: str, **variables) -> Markup:
    """`_()`: what jinja2.ext.i18n's new-style gettext does under autoescape (the translation
    is markup, the values are escaped into it, `%` always formats), with the translation of
    each of the templates' literal words kept per language. A page asks for 20 to 40 of
    them; through the extension each cost about 6.5 µs here, mostly in call indirection.
    The language is the page's LANGUAGE_CODE (what get_language() gave the context
    processor), which is cheaper to read than the active language for each word."""
    key = (context.get("LANGUAGE_CODE") or translation.get_language(), message)
    text = _WORDS.get(key)
    if text is None:
        text = Markup(translation.gettext(message))
        if len(_WORDS) < _KEPT_MAX:
            _WORDS[key] = text
    if not variables:
        return text % variables if "%" in text else text
    # Markup % values escapes each value through a helper object; every placeholder of the
    # templates is %(name)s, for which this is the same text at a fraction of the cost
    # (tests/test_jinja2_output.py compares both).
    try:
        return Markup(str.__mod__(text, {k: output_escape(v) for k, v in variables.items()}))
    except (TypeError, ValueError):  # another conversion than %s: markupsafe's own way
        return text % variables


def url(name: str, *args) -> str:
    """`reverse(name, args)`, kept per language and script prefix (and per ROOT_URLCONF: the
    store is cleared when it changes; the site sets no per-request `request.urlconf`)."""
    key = (translation.get_language(), get_script_prefix(), name, args)
    found = _URLS.get(key)
    if found is None:
        found = reverse(name, args=args or None)
        if len(_URLS) < _KEPT_MAX:
            _URLS[key] = found
    return found


def static(path: str) -> str:
    """The static file's (hashed) URL, kept: the manifest does not change while serving."""
    found = _STATIC.get(path)
    if found is None:
        found = django_static(path)
        if len(_STATIC) < _KEPT_MAX:
            _STATIC[path] = found
    return found


_MISSING = object()


def output_escape(value) -> str:
    """What `{{ value }}` writes under autoescape: markupsafe.escape(value), as text. Jinja2
    wraps every output value in a Markup only to join it into the page at once; the richest
    checklist writes ~570 values, and the wrapping was a tenth of its rendering. The same
    characters come out (markupsafe's own escaping function for plain text, the markup itself
    for Markup, the digits of a number, escape() for anything else); tests/test_jinja2_output.py renders the same
    templates with Jinja2's own code and compares."""
    kind = type(value)
    if kind is str:
        return _escape_inner(value)
    if kind is Markup:
        return value
    if kind is int or kind is float:  # the timeline's coordinates: digits, "." and "-"
        return str(value)
    return escape(value)


class SiteCodeGenerator(CodeGenerator):
    """Jinja2's code generator, writing output_escape() where it writes escape() around an
    output value. Everywhere else (set blocks, macros, filter blocks) the buffers are joined
    and marked safe as before, so their values stay escaped exactly once."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if not frame.eval_ctx.volatile and frame.eval_ctx.autoescape:
            self.write("environment.output_escape(")
            if finalize.src is not None:
                self.write(finalize.src)
            return
        super()._output_child_pre(node, frame, finalize)


class SiteEnvironment(Environment):
    code_generator_class = SiteCodeGenerator
    output_escape = staticmethod(output_escape)

    def getattr(self, obj, attribute):
        # Jinja2's own getattr(), one call less per `{{ a.b }}`, except for plain dicts: the
        # views hand the templates dicts (answer rows, offices, the timeline, the radios),
        # and for those `row.label` looks the key up first, as Django's engine does, instead
        # of failing getattr() and catching AttributeError for every value (more than half
        # of the richest checklist's rendering here). No template asks a dict for a method.
        if type(obj) is dict:
            value = obj.get(attribute, _MISSING)
            if value is not _MISSING:
                return value
        try:
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    """Tests switch catalogues, URLconfs and static storages: work everything out again."""
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "USE_I18N"):
        _WORDS.clear()
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "USE_I18N", "FORCE_SCRIPT_NAME"):
        _URLS.clear()
    if setting in ("STATIC_URL", "STATIC_ROOT", "STORAGES", "STATICFILES_STORAGE"):
        _STATIC.clear()


def environment(**options) -> Environment:
    # Undefined renders as "" in every setting: Django's backend would pick DebugUndefined
    # under DEBUG, which prints "{{ name }}" and so changes the pages.
    options["undefined"] = Undefined
    # Django's engine keeps a template's final newline; so does this one.
    options.setdefault("keep_trailing_newline", True)
    # gettext() above assumes autoescape, as Django's backend sets it.
    options["autoescape"] = True
    env = SiteEnvironment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=translation.gettext, ngettext=translation.ngettext, newstyle=True,
        pgettext=translation.pgettext, npgettext=translation.npgettext)
    env.globals.update(_=gettext, gettext=gettext, url=url, static=static)
    return env
