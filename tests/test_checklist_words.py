"""wizard/checklist.py keeps the words of an item whose values hold no date, per language
(issue 13): the same for everyone in that situation. What it keeps must never be anyone's
dates, and must be exactly what wording the item afresh gives."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta
from urllib.parse import parse_qsl, urlencode

import pytest
from django.utils import translation

from guide.answers import CHOICES, answers_parse, answers_query
from guide.plan import plan_build
from tests.support.people import TODAY
from wizard import checklist
from wizard.texts import item_text


def dates_in(value) -> list[date]:
    """Every date inside a value, through nested dataclasses and tuples."""
    if isinstance(value, date):
        return [value]
    if dataclasses.is_dataclass(value):
        return [d for field in dataclasses.fields(value) for d in dates_in(getattr(value, field.name))]
    if isinstance(value, tuple):
        return [d for item in value for d in dates_in(item)]
    return []


def people(count: int) -> list[dict[str, str]]:
    """Answers with every choice drawn at random and dates all around today (seeded)."""
    rng = random.Random(13)
    found = []
    for _ in range(count):
        query = {name: rng.choice([c.value for c in choices]) for name, choices in CHOICES.items()}
        card = TODAY + timedelta(days=rng.randint(-200, 900))
        license_expiry = TODAY + timedelta(days=rng.randint(-200, 1500))
        query.update(card_expiry=card.isoformat(), license_expiry=license_expiry.isoformat(),
                     birthday=f"{license_expiry.month:02d}-{min(license_expiry.day, 28):02d}")
        found.append(urlencode(answers_query(answers_parse(query=query))))
    return found


@pytest.mark.usefixtures("japanese")
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_words_kept_hold_no_date_and_are_the_words_of_the_item(client, lang):
    checklist._WORDS_KEPT.clear()
    seen_dates: set[date] = set()
    for query in people(150):
        assert client.get(f"/{lang}/checklist/?{query}").status_code == 200
        plan = plan_build(answers=answers_parse(query=dict(parse_qsl(query))), today=TODAY)
        seen_dates.update(d for item in plan.items for d in dates_in(item.values))
    kept = dict(checklist._WORDS_KEPT)
    assert {key[0] for key in kept} == {lang}
    assert len(kept) > 20  # most items were kept in some situation
    with translation.override(lang):
        written = {checklist.date_format(d) for d in seen_dates}
        for (language, item_id, values), (text, summary, more) in kept.items():
            assert dates_in(values) == [], (item_id, values)
            words = " ".join((text.title, *text.paragraphs, text.action or ""))
            assert not any(d in words for d in written), item_id
            fresh = item_text(item_id, values, checklist.date_format)
            assert fresh == text
            # The summary and the rest are the paragraphs, nothing lost or repeated.
            assert "".join((summary, *more)).replace(" ", "") == "".join(text.paragraphs).replace(" ", "")
    # Items with a date are never kept, however often they are shown.
    assert not any(dates_in(values) for (_, _, values) in kept)
