"""The site's Jinja2 environment writes each output value with output_escape() instead of
Jinja2's escape() (mynalicense/jinja2.py, issue 13). The pages must come out byte for byte
as Jinja2's own code writes them: every kind of value and every construct that buffers
output, then the site's real pages, rendered both ways."""

from __future__ import annotations

import re

import pytest
from django.template import engines
from django.utils.functional import lazy
from jinja2 import DictLoader
from jinja2.compiler import CodeGenerator
from markupsafe import Markup

from mynalicense.jinja2 import SiteEnvironment, environment
from tests.support.pages import QUESTION_KINDS, checklist_path, common_query, question_path, richest_query

# Every construct whose output Jinja2 buffers and marks safe, each fed every kind of value.
TEMPLATES = {
    "page.html": (
        "{{ text }}|{{ markup }}|{{ number }}|{{ fraction }}|{{ flag }}|{{ nothing }}|{{ missing }}|{{ html_object }}|"
        "{{ lazy_text }}|{{ sub }}|{{ text|safe }}|{{ text|e }}|{{ markup ~ text }}|"
        "{{ _('Step %(n)s', n=text) }}|{{ items|join(', ') }}\n"
        "{% set block %}<b>{{ text }}</b>{{ markup }}{% endset %}{{ block }}|{{ block|length }}\n"
        "{% macro pair(a, b) %}[{{ a }}:{{ b }}]{% endmacro %}{{ pair(text, markup) }}"
        "{{ pair(pair(text, number), nothing) }}\n"
        "{% macro around(a) %}({{ a }}{{ caller() }}){% endmacro %}"
        "{% call around(text) %}{{ markup }}{{ number }}{% endcall %}"
        "{% filter upper %}{{ text }}{{ markup }}{% endfilter %}\n"
        "{% for x in items %}{{ loop.index }}{{ x }}{% if not loop.last %},{% endif %}{% endfor %}\n"
        "{% with inner = text %}{% include 'part.html' %}{% endwith %}\n"
        "{% autoescape false %}{{ text }}{% endautoescape %}|{{ text if number else markup }}"
    ),
    "part.html": "<i>{{ inner }}</i>{{ markup }}{{ dict_value.key }}",
}


class HasHtml:
    def __html__(self) -> str:
        return "<em>already markup</em>"


class SubText(str):
    pass


VALUES = {
    "text": "<script>alert('x') & \"y\"</script> 記録：無",
    "markup": Markup("<strong>safe & sound</strong>"),
    "number": 1500,
    "fraction": -12.5,
    "flag": True,
    "nothing": None,
    "html_object": HasHtml(),
    "lazy_text": lazy(lambda: "<lazy & 'text'>", str)(),
    "sub": SubText("<sub>"),
    "items": ["<a>", Markup("<b>"), 3],
    "dict_value": {"key": "<k & v>"},
}


def stock(env: SiteEnvironment) -> SiteEnvironment:
    """The same environment, compiling with Jinja2's own code generator."""
    env.code_generator_class = CodeGenerator
    env.cache.clear()
    return env


def test_every_kind_of_value_in_every_construct_comes_out_as_jinja2_writes_it():
    site = environment(loader=DictLoader(TEMPLATES))
    jinja = stock(environment(loader=DictLoader(TEMPLATES)))
    ours = site.get_template("page.html").render(VALUES)
    theirs = jinja.get_template("page.html").render(VALUES)
    assert ours == theirs
    assert "&lt;script&gt;alert(&#39;x&#39;) &amp; &#34;y&#34;&lt;/script&gt;" in ours
    assert "<strong>safe & sound</strong>" in ours and "<em>already markup</em>" in ours
    # The site's code does take the other path (else this test would compare Jinja2 with itself).
    assert "environment.output_escape(" in site.compile(TEMPLATES["page.html"], raw=True)
    assert "environment.output_escape(" not in jinja.compile(TEMPLATES["page.html"], raw=True)


CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def pages(client, today) -> dict[str, bytes]:
    """The bytes of each kind of page: start, each kind of question, a refused date, the
    check page, the richest and a common checklist in both languages, a step sheet, the
    counter, the sources, the accessibility statement, a bad permalink and a 404."""
    found = {}
    for lang in ("ja", "en"):
        found[f"start-{lang}"] = client.get(f"/{lang}/")
        found[f"checklist-{lang}"] = client.get(checklist_path(lang, today))
        found[f"common-{lang}"] = client.get(f"/{lang}/checklist/?{common_query(today)}")
    client.get(f"/ja/questions/load/?{richest_query(today)}")
    for kind, step in QUESTION_KINDS.items():
        found[f"question-{kind}"] = client.get(question_path("ja", step))
    found["refused-date"] = client.post(question_path("ja", "card_expiry"), {
        "questions_wizard-current_step": "card_expiry", "card_expiry-year": "<b>2027",
        "card_expiry-month": "13", "card_expiry-day": "1"})
    found["step-sheet"] = client.get(f"/ja/checklist/1/?{richest_query(today)}")
    found["counter"] = client.get("/ja/counter/")
    found["sources"] = client.get("/en/sources/")
    found["accessibility"] = client.get("/ja/accessibility/")
    found["bad-permalink"] = client.get("/en/checklist/?holding=<script>")
    found["not-found"] = client.get("/ja/no-such-page/")
    return {name: CSRF.sub(b"CSRF", response.content) for name, response in found.items()}


@pytest.mark.usefixtures("japanese")
def test_the_site_pages_come_out_as_jinja2_writes_them(client, today):
    env = engines["jinja2"].env
    ours = pages(client, today)
    try:
        stock(env)
        theirs = pages(client, today)
    finally:
        env.code_generator_class = SiteEnvironment.code_generator_class
        env.cache.clear()
    assert ours.keys() == theirs.keys()
    for name in ours:
        assert ours[name] == theirs[name], name
    assert all(len(body) > 1000 for body in ours.values())
    assert b"CSRF" in ours["question-choice"] and b"data-item=" in ours["checklist-ja"]


@pytest.mark.parametrize("message", ["Step %(n)s", "%(n)s%% of %(n)s", "(%(n)s) and %(m)s"])
def test_words_with_values_come_out_as_markup_formats_them(message):
    from django.utils import translation

    from mynalicense.jinja2 import gettext

    page = {"LANGUAGE_CODE": "en"}  # the template context gettext() reads the language from
    with translation.override("en"):
        for value in VALUES.values():
            ours = gettext(page, message, n=value, m=Markup("<m>"))
            assert ours == Markup(message) % {"n": value, "m": Markup("<m>")}
            assert isinstance(ours, Markup)
        # A conversion other than %s goes markupsafe's own way.
        assert gettext(page, "%(n)d items", n=3) == Markup("3 items")
