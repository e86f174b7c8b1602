"""4. No JavaScript: with JavaScript switched off in the browser, every journey still works
end to end, and so do changing an answer and switching language."""

from __future__ import annotations

import pytest

from tests.support.keyboard import autofocus_wait

from . import support
from .support import JOURNEYS, LANGS

pytestmark = pytest.mark.browser


def test_javascript_is_off(nojs_page):
    nojs_page.goto(f"/en/checklist/?{support.query(support.OUTCOMES['on_track'])}")
    # guide.js did not run: the print button stays hidden, the hint says what to do.
    assert nojs_page.is_hidden("[data-print]")
    assert nojs_page.is_visible("[data-print-hint]")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("journey", JOURNEYS, ids=lambda j: j.id)
def test_journey_without_javascript(nojs_page, journey, lang):
    support.run_journey(nojs_page, journey, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_change_answer_without_javascript(nojs_page, lang):
    support.change_from_check_page(nojs_page, lang)
    support.change_from_checklist(nojs_page, lang)


def test_switch_language_without_javascript(nojs_page):
    support.switch_language_half_way(nojs_page)


def test_error_summary_focus_without_javascript(nojs_page):
    """The error summary takes the focus through `autofocus`, not a script."""
    support.start_wizard(nojs_page, "ja")
    support.submit(nojs_page)
    autofocus_wait(nojs_page, ".error-summary")
    assert nojs_page.evaluate("() => document.activeElement.classList.contains('error-summary')")


def test_counter_questions_are_all_shown_and_marked_without_javascript(nojs_page):
    nojs_page.goto("/en/counter/")
    questions = nojs_page.locator(".counter__question")
    assert questions.count() == 13
    assert all(q.is_visible() for q in questions.all())
    marks = nojs_page.locator(".counter__only-if")
    assert marks.count() == 12 and all(m.is_visible() for m in marks.all())
    assert marks.first.inner_text().startswith("Only if")
