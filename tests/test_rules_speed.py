"""The rules are fast enough to evaluate on every request (issue 6).

`bench/rules.py` reports the real figure over all 388,800 categorical combinations against
the budget (under 50 µs per evaluation); this test only guards against a large regression,
with a bound generous enough not to fail on a busy CI machine.
"""

from __future__ import annotations

import random
import time
from dataclasses import replace

from bench.pages import richest_answers
from tests.support.people import TODAY as FROZEN_TODAY
from guide.answers import CHOICES, Answers
from guide.plan import plan_build

SAMPLE = 20_000
SEED = 20261126
BOUND_US = 200.0


def test_plan_build_mean_time_over_a_sample_of_combinations_is_well_under_200_us():
    rng = random.Random(SEED)
    values = {name: [*choices, *([None] if name == "notice_result" else [])]
              for name, choices in CHOICES.items()}
    richest = richest_answers(FROZEN_TODAY)
    dates = {"card_expiry": richest.card_expiry, "license_expiry": richest.license_expiry,
             "birthday": richest.birthday}
    # Half without dates, half with the richest checklist's dates.
    sample = [Answers(**{name: rng.choice(v) for name, v in values.items()}) for _ in range(SAMPLE)]
    sample = [a if n % 2 else replace(a, **dates) for n, a in enumerate(sample)]
    for a in sample[:500]:  # warm-up
        plan_build(answers=a, today=FROZEN_TODAY)
    best = float("inf")
    for _ in range(2):  # the better of two runs: a burst of other work hits one only
        start = time.perf_counter()
        for a in sample:
            plan_build(answers=a, today=FROZEN_TODAY)
        best = min(best, (time.perf_counter() - start) / SAMPLE * 1e6)
    assert best < BOUND_US, f"plan_build: {best:.1f} µs per evaluation (bound {BOUND_US:g} µs)"
