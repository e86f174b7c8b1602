"""Rules benchmark (issue 6): `wizard.rules.plan_build` over every combination of the
categorical answers (388,800), timed with time.perf_counter; budget under 50 µs per evaluation.

    .venv/bin/python -m bench.rules [--passes 2]

Two passes over all the combinations: without dates (the answers' defaults), and with the
richest checklist's dates (bench/pages.py), where the date rules (same season, renewal
period, application window) all come into play. The answers are built before the clock
starts, so the figure is the rules alone. It also checks that no combination gives more
items than the richest checklist that the server benchmark and the page-weight test load.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import statistics
import sys
import time
from dataclasses import replace

from guide.answers import CHOICES, Answers
from guide.dates import today_tokyo
from guide.plan import plan_build

from .pages import RICHEST_ITEM_COUNT, richest_answers

BUDGET_US = 50.0


def all_categorical() -> list[Answers]:
    """Every combination of the categorical parameters (notice_result also unset)."""
    names = tuple(CHOICES)
    values = [list(CHOICES[name]) + ([None] if name == "notice_result" else [])
              for name in names]
    return [Answers(**dict(zip(names, combination, strict=True)))
            for combination in itertools.product(*values)]


def time_pass(answers: list[Answers], today) -> tuple[float, int]:
    """Seconds for plan_build over `answers`, and the most items any plan had."""
    most = 0
    start = time.perf_counter()
    for a in answers:
        plan = plan_build(answers=a, today=today)
        if len(plan.items) > most:
            most = len(plan.items)
    return time.perf_counter() - start, most


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=2,
                        help="timed passes of each set; the figure is the median")
    args = parser.parse_args(argv)

    today = today_tokyo()
    undated = all_categorical()
    richest = richest_answers(today)
    dates = {"card_expiry": richest.card_expiry, "license_expiry": richest.license_expiry,
             "birthday": richest.birthday}
    dated = [replace(a, **dates) for a in undated]
    print(f"rules benchmark: plan_build over {len(undated):,} categorical combinations, "
          f"without and with dates; Python {platform.python_version()}, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)

    time_pass(undated[:20_000], today)  # warm-up
    results = {}
    most_items = 0
    for name, answers in (("without dates", undated), ("with the richest dates", dated)):
        runs = []
        for _ in range(args.passes):
            seconds, most = time_pass(answers, today)
            runs.append(seconds / len(answers) * 1e6)
            most_items = max(most_items, most)
        results[name] = statistics.median(runs)
        print(f"  {name:<24} {results[name]:6.1f} µs per evaluation "
              f"({len(answers):,} evaluations, {args.passes} passes)", flush=True)

    overall = max(results.values())
    ok = overall < BUDGET_US
    print(f"most items in any plan: {most_items} (the richest checklist has {RICHEST_ITEM_COUNT})")
    print(f"rules: {overall:.1f} µs per evaluation at worst (budget < {BUDGET_US:g} µs): "
          f"{'PASS' if ok else 'FAIL'}")
    if most_items != RICHEST_ITEM_COUNT:
        print("ERROR: bench/pages.py's richest checklist is not the richest any more")
        return 1
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
