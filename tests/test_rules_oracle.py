"""The core against an independent oracle of rules.md version 2 (tests/oracle.py, written
from the spec's text alone, without reading the product's code).

Every categorical combination of §1 (466,560, which normalize to about 44,000 distinct
plans) is evaluated, for each of several date scenarios chosen to reach every branch of §3;
plus a random sample of the raw combinations, so that the core's own normalization is
checked against the oracle's reading of §1. Outcome, items by step, the panel of §6, the next
actions of §7, R and the dates of §3 must all agree. Pure Python: no Django.
"""

from __future__ import annotations

import itertools
import random
from datetime import date

import pytest

from guide.answers import CHOICES, Answers, answers_normalize, answers_parse, answers_query
from guide.plan import Plan, plan_build
from guide.rules import situation_build
from tests import oracle
from tests.support.people import TODAY

# Dates that reach each branch of §3 at TODAY (Thursday 2026-11-26).
SCENARIOS: dict[str, dict[str, str]] = {
    "no-dates": {},
    "card-first": {"card_expiry": "2027-01-31", "license_expiry": "2027-01-07", "birthday": "12-07"},
    "license-first": {"card_expiry": "2027-01-31", "license_expiry": "2027-01-06", "birthday": "12-06"},
    # The card expires before the renewal period opens, and the deadline is too near for the
    # card to come first: no order fits.
    "order-conflict": {"card_expiry": "2026-12-01", "license_expiry": "2027-01-05", "birthday": "01-05"},
    "renewal-near-no-card-date": {"license_expiry": "2027-01-20", "birthday": "12-20"},
    "deadline-passed": {"license_expiry": "2026-11-20", "birthday": "10-20"},
    "card-expired": {"card_expiry": "2026-11-25"},
    "far-apart": {"card_expiry": "2028-05-01", "license_expiry": "2030-01-10", "birthday": "12-10"},
    # A Sunday expiry moves the deadline; 02-29 counts as 02-28; no birthday: approximate.
    "moved-deadline-leap-birthday": {"card_expiry": "2027-03-20", "license_expiry": "2027-02-28",
                                     "birthday": "02-29"},
    "no-birthday": {"card_expiry": "2027-02-15", "license_expiry": "2027-02-10"},
}

NAMES = list(CHOICES)
VALUES = [[v.value for v in CHOICES[n]] + ([""] if n == "notice_result" else []) for n in NAMES]


# What the core gives, in the oracle's own shape, so the two compare field by field.
Seen = oracle.Expected


def seen_of(plan: Plan, query: dict[str, str]) -> Seen:
    items: dict[str, set[str]] = {}
    for item in plan.items:
        items.setdefault(item.step.value, set()).add(item.id)
    s = situation_build(answers=answers_parse(query=query), today=plan.today)
    dates = {}
    if s.card_window:
        dates.update(window_start=s.card_window.start, window_end=s.card_window.end)
    if s.renewal:
        dates.update(renewal_start=s.renewal.start, renewal_end=s.renewal.end,
                     deadline=s.renewal.deadline)
    if s.apply_by:
        dates["apply_by"] = s.apply_by
    if s.renew_by:
        dates["renew_by"] = s.renew_by
    return Seen(
        outcome=plan.outcome.value,
        items={step: frozenset(ids) for step, ids in items.items()},
        panel={r.value: st.value for r, st in plan.requirements} or None,
        next_actions=tuple(a.id for a in plan.next_actions),
        expected_result=plan.expected.value,
        dates=dates,
    )


def expected_of(query: dict[str, str], today: date) -> Seen:
    return oracle.expected(query, today)


def _representatives() -> list[dict[str, str]]:
    """One raw combination for each distinct normalized answer set."""
    seen: dict[Answers, dict[str, str]] = {}
    for combo in itertools.product(*VALUES):
        query = {n: v for n, v in zip(NAMES, combo) if v}
        normalized = answers_normalize(answers_parse(query=query))
        seen.setdefault(normalized, query)
    return list(seen.values())


@pytest.fixture(scope="module")
def representatives() -> list[dict[str, str]]:
    return _representatives()


def _disagreements(queries, today: date) -> list[str]:
    out = []
    for query in queries:
        ours = seen_of(plan_build(answers=answers_parse(query=query), today=today), query)
        theirs = expected_of(query, today)
        if ours != theirs:
            fields = [f for f in Seen.__dataclass_fields__ if getattr(ours, f) != getattr(theirs, f)]
            out.append(f"{query}: " + "; ".join(
                f"{f}: core {getattr(ours, f)!r} != oracle {getattr(theirs, f)!r}" for f in fields))
    return out


def test_representatives_cover_every_categorical_combination(representatives) -> None:
    # Every value of every parameter appears, and no two representatives plan alike.
    for index, name in enumerate(NAMES):
        assert {q.get(name, "") for q in representatives} == set(VALUES[index]), name
    assert len(representatives) > 40_000


@pytest.mark.exhaustive
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_core_agrees_with_the_oracle_for_every_combination(representatives, scenario) -> None:
    dates = SCENARIOS[scenario]
    wrong = _disagreements(({**q, **dates} for q in representatives), TODAY)
    assert not wrong, f"{len(wrong)} disagreements, first: " + "\n".join(wrong[:5])


def test_core_agrees_with_the_oracle_on_raw_unnormalized_answers() -> None:
    rng = random.Random(20261201)
    scenarios = list(SCENARIOS.values())
    queries = []
    for _ in range(20_000):
        query = {n: rng.choice(VALUES[i]) for i, n in enumerate(NAMES)}
        query = {k: v for k, v in query.items() if v}
        queries.append({**query, **rng.choice(scenarios)})
    wrong = _disagreements(queries, TODAY)
    assert not wrong, f"{len(wrong)} disagreements, first: " + "\n".join(wrong[:5])


def test_scenarios_reach_every_outcome_item_and_next_action(representatives) -> None:
    outcomes, items, nexts = set(), set(), set()
    for dates in SCENARIOS.values():
        rare = [q for q in representatives if q["holding"] in ("none", "license_only", "myna_history")]
        for query in representatives[::7] + rare:
            e = oracle.expected({**query, **dates}, TODAY)
            outcomes.add(e.outcome)
            items.update(*e.items.values())
            nexts.update(e.next_actions)
    from guide.catalogue import CATALOGUE
    assert items == {entry.id for entry in CATALOGUE}
    assert outcomes == {"not_applicable", "recorded", "record_free", "record_with_fee",
                        "no_carryover", "at_risk", "on_track"}
    assert len(nexts) >= 20


@pytest.mark.parametrize("query", [
    {"holding": "bogus"}, {"stage": "later"}, {"card_expiry": "2026-02-30"},
    {"birthday": "13-01"}, {"license_expiry": "1899-12-31"},
    # (v2) values are checked first: bad even where the parameter would be ignored.
    {"holding": "none", "continue_use": "perhaps"},
    {"holding": "myna_history", "license_expiry": "2027-02-30"},
])
def test_bad_values_are_refused_by_both(query) -> None:
    with pytest.raises(oracle.BadParameter) as theirs:
        oracle.expected(query, TODAY)
    from guide.answers import AnswerError
    with pytest.raises(AnswerError) as ours:
        answers_parse(query=query)
    assert ours.value.parameter == theirs.value.parameter


def test_answers_query_round_trips_through_the_oracle(representatives) -> None:
    # The permalink the site writes for a plan is read back by the oracle as the same plan.
    for query in representatives[::50]:
        full = {**query, **SCENARIOS["card-first"]}
        plan = plan_build(answers=answers_parse(query=full), today=TODAY)
        again = answers_query(plan.answers)
        assert expected_of(again, TODAY) == expected_of(full, TODAY), full
