"""The timeline on the checklist: where the card application period, the license renewal
period, the apply-by or renew-by day and today fall. Geometry only, in SVG user units, from
the plan's milestones; the template draws it and checklist.py labels it.

Ticks are months for a span of up to three years and years beyond, so any span the answers
allow stays a readable chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from guide.catalogue import Milestone, MilestoneKind
from guide.dates import months_add
from guide.plan import Plan

# A phone-sized drawing: at 320 px (a 288 px column) one unit is 0.9 px, so the 14-unit text
# is 12.6 px, never smaller (issue 10); wider screens cap the chart's width in the stylesheet.
WIDTH = 320
LEFT = 4
RIGHT = 4
FONT = 14
BAR_HEIGHT = 18
ROW = 18 + BAR_HEIGHT + 4  # a bar's label, the bar, a gap
TOP = 38  # below the month labels and the year labels under them
LABEL_ROW = 17
MONTH_TICKS_MAX = 36  # months; longer spans are ticked by year

PERIODS = (MilestoneKind.CARD_WINDOW, MilestoneKind.RENEWAL)
DAYS = (MilestoneKind.APPLY_BY, MilestoneKind.RENEW_BY)


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    start: date
    width: float
    yearly: bool  # a year rather than a month


@dataclass(frozen=True, slots=True)
class Bar:
    kind: MilestoneKind
    x: float
    width: float
    y: float
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class Marker:
    kind: str  # "today", or a MilestoneKind value (apply_by, renew_by)
    x: float
    day: date


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    ticks: tuple[Tick, ...]
    bars: tuple[Bar, ...]
    markers: tuple[Marker, ...]


def timeline_build(*, plan: Plan) -> Timeline | None:
    """A timeline when the plan has a period still to come; else None."""
    periods = [m for m in plan.milestones if m.kind in PERIODS]
    if not periods:
        return None
    # The renewal bar runs to the last day one can renew: the deadline, when it moved.
    deadline = plan.milestone(MilestoneKind.DEADLINE)
    if deadline is not None:
        periods = [Milestone(m.kind, m.start, max(m.end, deadline.end))
                   if m.kind is MilestoneKind.RENEWAL else m for m in periods]
    today = plan.today
    days = [m for m in plan.milestones if m.kind in DAYS and m.start >= today]
    first = min([today] + [m.start for m in periods]).replace(day=1)
    last_day = max([today] + [m.end for m in periods] + [m.start for m in days])
    last = months_add(last_day.replace(day=1), 1)  # the first day after the last month shown
    months_spanned = (last.year - first.year) * 12 + last.month - first.month
    yearly = months_spanned > MONTH_TICKS_MAX
    if yearly:
        first = first.replace(month=1)
        last = date(last.year + (last.month > 1), 1, 1)
    scale = (WIDTH - LEFT - RIGHT) / (last - first).days

    def x(day: date) -> float:
        return round(LEFT + (day - first).days * scale, 1)

    ticks = []
    cursor = first
    while cursor < last:
        following = date(cursor.year + 1, 1, 1) if yearly else months_add(cursor, 1)
        ticks.append(Tick(x(cursor), cursor, round((following - cursor).days * scale, 1), yearly))
        cursor = following
    bars = tuple(
        Bar(m.kind, x(m.start), max(round((m.end - m.start + timedelta(days=1)).days * scale, 1), 2),
            TOP + 18 + row * ROW, m.start, m.end)
        for row, m in enumerate(periods)
    )
    markers = [Marker("today", x(today), today)]
    markers += [Marker(m.kind.value, x(m.start), m.start) for m in days]
    # One row for each marker's label, so labels of close dates never overlap.
    height = TOP + len(bars) * ROW + LABEL_ROW * len(markers) + 4
    return Timeline(WIDTH, height, tuple(ticks), bars, tuple(markers))
