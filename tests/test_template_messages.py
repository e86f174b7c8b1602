"""The templates are Jinja2 (mynalicense/jinja2.py) and their words reach the catalogue:
the project's makemessages reads them with Jinja2's own extractor
(wizard/management/commands/makemessages.py), formatted strings included, and every string
it finds has its Japanese in locale/ja/LC_MESSAGES/django.po. The environment keeps the
words, URLs and file names the templates ask for: only ever their own literals."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.test import override_settings
from django.utils import translation
from jinja2 import nodes

from mynalicense import jinja2 as site_jinja2

from tests.support.po import PO_PATH, po_parse
from wizard.management.commands.makemessages import jinja2_templatize

TEMPLATES = sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html"))


def extracted(source: str) -> list[tuple[str, ...]]:
    """The (function, texts…) of each gettext call makemessages hands to xgettext."""
    calls = []
    for node in ast.walk(ast.parse(jinja2_templatize(source))):
        if isinstance(node, ast.Call):
            texts = [arg.value for arg in node.args if isinstance(arg, ast.Constant)
                     and isinstance(arg.value, str)]
            calls.append((node.func.id, *texts))
    return calls


def test_the_extractor_finds_plain_formatted_set_and_plural_strings_on_their_lines():
    source = ('<p>{{ _("Plain") }}</p>\n'
              '{% set where = _("Where:") %}{{ _("Step %(n)s", n=mark) }}\n'
              '{{ ngettext("%(num)d item", "%(num)d items", count) }}{{ pgettext("menu", "Open") }}\n'
              '{{ _(variable) }}')
    assert extracted(source) == [
        ("gettext", "Plain"), ("gettext", "Where:"), ("gettext", "Step %(n)s"),
        ("ngettext", "%(num)d item", "%(num)d items"), ("pgettext", "menu", "Open")]
    # Each call on its template line, so the .po's references point into the template.
    lines = jinja2_templatize(source).split("\n")
    assert len(lines) == 4 and "Plain" in lines[0] and "Step" in lines[1] and lines[3] == ""


def test_the_templates_are_found():
    names = {str(path.relative_to(Path(settings.BASE_DIR) / "templates")) for path in TEMPLATES}
    assert {"base.html", "checklist/steps.html", "wizard/date.html", "errors/500.html"} <= names


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_every_template_compiles_as_jinja2(path):
    engines["jinja2"].env.compile(path.read_text(encoding="utf-8"), filename=str(path))


def test_every_string_of_every_template_is_in_the_catalogue_and_translated():
    catalogue = {(e.msgctxt, e.msgid): e for e in po_parse(PO_PATH) if not e.obsolete}
    found = 0
    missing = []
    for path in TEMPLATES:
        for function, *texts in extracted(path.read_text(encoding="utf-8")):
            context = texts.pop(0) if function.startswith(("pgettext", "npgettext")) else None
            entry = catalogue.get((context, texts[0]))
            found += 1
            if entry is None or not all(entry.msgstr.values()):
                missing.append(f"{path.name}: {texts[0]!r}")
    assert found > 100, found  # the extractor read the templates
    assert not missing, "run makemessages and translate:\n" + "\n".join(missing)


def test_formatted_template_strings_are_in_the_catalogue_as_python_format():
    lines = PO_PATH.read_text(encoding="utf-8").splitlines()
    catalogue = {e.msgid: e for e in po_parse(PO_PATH) if not e.obsolete}
    for msgid in ("Made on %(today)s. Rules as of the information available on that day.",
                  "step %(n)s", "%(label)s: %(date)s", "(by %(date)s)"):
        entry = catalogue[msgid]
        assert "python-format" in entry.flags, msgid
        comments = lines[entry.line - 1:lines.index("", entry.line - 1)]
        assert any(c.startswith("#: templates/checklist/") for c in comments), (msgid, comments)


# --- what the environment keeps ---------------------------------------------------------------

# A step id from the rules (wizard/rules.py STEPS), never an answer.
CONSTANT_NAMES = {"s.step"}


def _source(node) -> str:
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
        return f"{node.node.name}.{node.attr}"
    return type(node).__name__


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_the_kept_functions_get_only_the_templates_own_literals(path):
    """`_()`, `url()` and `static()` keep their results: a value about a person must never
    reach them, so each takes literals only (a step id for a step's URL)."""
    tree = engines["jinja2"].env.parse(path.read_text(encoding="utf-8"))
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name) or call.node.name not in (
                "_", "gettext", "url", "static"):
            continue
        first, *rest = call.args
        assert isinstance(first, nodes.Const) and isinstance(first.value, str), (
            f"{path.name}:{call.lineno}: {call.node.name}() of {_source(first)}")
        if call.node.name == "url":
            for arg in rest:
                assert isinstance(arg, nodes.Const) or _source(arg) in CONSTANT_NAMES, (
                    f"{path.name}:{call.lineno}: url() of {_source(arg)}")
        else:
            assert not rest and not call.dyn_args, f"{path.name}:{call.lineno}"
            # Keyword values (the placeholders) are formatted in, never kept.


def test_the_kept_words_are_per_language_and_formatted_afresh(settings, japanese):
    site_jinja2._WORDS.clear()
    env = engines["jinja2"].env
    step = env.from_string('{{ _("Step %(n)s", n=mark) }}')
    with translation.override("en"):
        english = step.render(mark="<1>")
        # Without a request (the 500 page) the active language is used.
        assert env.from_string('{{ _("Sources") }}').render() == "Sources"
    with translation.override("ja"):
        japanese = step.render(mark="②", LANGUAGE_CODE="ja")
        assert step.render(mark="③", LANGUAGE_CODE="ja") != japanese
    assert english == "Step &lt;1&gt;"
    assert japanese.startswith("ステップ") and "②" in japanese
    # Only the literal is kept, never a value formatted into it.
    assert all("<1>" not in word and "②" not in word for word in site_jinja2._WORDS.values())
    assert {key[0] for key in site_jinja2._WORDS} == {"en", "ja"}
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)  # a catalogue change forgets them
    assert not site_jinja2._WORDS


def test_kept_urls_follow_the_language_and_the_urlconf(settings):
    with translation.override("en"):
        assert site_jinja2.url("checklist_step", "2") == "/en/checklist/2/"
    with translation.override("ja"):
        assert site_jinja2.url("checklist_step", "2") == "/ja/checklist/2/"
        with override_settings(ROOT_URLCONF="bench.urls"):
            assert site_jinja2.url("bench_anchor", "page") == "/ja/bench-anchor/page/"
        assert not any("bench" in value for value in site_jinja2._URLS.values())
