"""The timeline on the checklist: where the card application window, the license renewal
period, the apply-by date and today fall over the coming months.

Pure Python (no Django): geometry only, in SVG user units; the template draws and labels it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .dates import months_add
from .rules import Plan

WIDTH = 640
LEFT = 8
RIGHT = 8
BAR_HEIGHT = 22


@dataclass(frozen=True, slots=True)
class Month:
    x: float
    start: date
    width: float


@dataclass(frozen=True, slots=True)
class Bar:
    kind: str  # "card_window" or "renewal"
    x: float
    width: float
    y: float
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class Marker:
    kind: str  # "today", "apply_by" or "deadline"
    x: float
    day: date


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    months: tuple[Month, ...]
    bars: tuple[Bar, ...]
    markers: tuple[Marker, ...]


def timeline_build(*, plan: Plan) -> Timeline | None:
    """A timeline when at least one period is known and not long past; else None."""
    s = plan.situation
    periods = []
    if s.card_window and s.a.stage.value == "before" and not s.ineligible:
        periods.append(("card_window", s.card_window.start, s.card_window.end))
    if s.renewal and s.renewal.deadline >= s.today:
        periods.append(("renewal", s.renewal.start, s.renewal.deadline))
    if not periods:
        return None
    first = min([s.today] + [start for _, start, _ in periods]).replace(day=1)
    last_day = max([s.today] + [end for _, _, end in periods])
    last = months_add(last_day.replace(day=1), 1)  # the first day after the last month shown
    span = (last - first).days
    scale = (WIDTH - LEFT - RIGHT) / span

    def x(day: date) -> float:
        return round(LEFT + (day - first).days * scale, 1)

    months = []
    cursor = first
    while cursor < last:
        following = months_add(cursor, 1)
        months.append(Month(x(cursor), cursor, round((following - cursor).days * scale, 1)))
        cursor = following
    bars = tuple(
        Bar(kind, x(start), max(round((end - start + timedelta(days=1)).days * scale, 1), 2),
            40 + row * (BAR_HEIGHT + 14), start, end)
        for row, (kind, start, end) in enumerate(periods)
    )
    markers = [Marker("today", x(s.today), s.today)]
    # Only when the checklist says to apply for the card first (as the calendar does): when the
    # license is renewed first, the apply-by day falls before the card can be applied for.
    if s.apply_by and "s1.renew_card_first" in plan.item_ids and s.apply_by >= s.today:
        markers.append(Marker("apply_by", x(s.apply_by), s.apply_by))
    # One row for each marker's label, so labels of close dates never overlap.
    height = 40 + len(bars) * (BAR_HEIGHT + 14) + 8 + 14 * (len(markers) - 1)
    return Timeline(WIDTH, height, tuple(months), bars, tuple(markers))
