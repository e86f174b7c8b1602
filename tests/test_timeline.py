"""The timeline on the checklist: a server-drawn inline SVG of the coming months with the card
application window, the license renewal period, the apply-by date and today, labelled in the
page's language, with a text equivalent; absent when no period is known."""

from __future__ import annotations

import calendar
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from html import unescape
from urllib.parse import urlencode

import pytest

from tests.support.people import TODAY as FROZEN_TODAY
from tests.support.page import parse_page
from tests.support.people import SAME_SEASON
from tests.support.people import PEOPLE
from guide.answers import answers_parse
from wizard.dates import date_en, date_ja
from guide.plan import plan_build
from wizard.timeline import timeline_build

NS = "{http://www.w3.org/2000/svg}"
LANGS = ["en", "ja"]
# SAME_SEASON (tests/support/people.py): card window 2026-11-01 → 2027-01-31 (rules.md v2: the
# day after expiry − 3 months), renewal 2026-12-20 → last day 2027-02-22, apply by 2027-01-11,
# today 2026-11-26: November 2026 to February 2027.
WINDOW = (date(2026, 11, 1), date(2027, 1, 31))
RENEWAL = (date(2026, 12, 20), date(2027, 2, 22))
APPLY_BY = date(2027, 1, 11)
MONTHS = {"en": ["Nov", "Dec", "Jan", "Feb"], "ja": ["11月", "12月", "1月", "2月"]}
YEARS = {"en": ["2026", "2027"], "ja": ["2026年", "2027年"]}
# The license is renewed first: the card can be applied for only from Feb 2, 2027, after the
# apply-by day (Jan 11), so no "apply by" is shown; "renew by" (the deadline) is.
LICENSE_FIRST = {**SAME_SEASON, "card_expiry": "2027-05-01"}


@dataclass
class Drawn:
    width: float
    height: float
    months: list[tuple[float, float, str]]  # x, width, label
    bars: dict[str, tuple[float, float, float]]  # kind → x, width, y
    bar_labels: dict[str, tuple[float, str, str]]  # kind → x, anchor, text
    markers: dict[str, float]  # kind → x
    marker_labels: dict[str, tuple[float, str, str]]
    marker_rows: dict[str, float]  # kind → the y of its label
    text: list[str]  # the text equivalent, one entry per line
    svg: ET.Element


def timeline(html: str) -> Drawn | None:
    section = re.search(r'<section class="timeline".*?</section>', html, re.DOTALL)
    if section is None:
        return None
    svg_text = re.search(r"<svg\b.*?</svg>", section.group(0), re.DOTALL).group(0)
    svg = ET.fromstring(svg_text.replace("<svg ", f'<svg xmlns="{NS[1:-1]}" ', 1))
    _, _, width, height = (float(v) for v in svg.get("viewBox").split())
    kind = lambda el, prefix: next(c.split("--")[1] for c in el.get("class").split()  # noqa: E731
                                   if c.startswith(prefix + "--"))
    rects = svg.findall(f"{NS}rect")
    texts = svg.findall(f"{NS}text")
    # Each month column and the label drawn at its left edge (None where it was left out so
    # that labels never overlap); the years drawn under their months.
    labels = {round(float(t.get("x")) - 2, 1): t.text for t in texts
              if t.get("class") == "timeline__month-label"}
    months = [(float(r.get("x")), float(r.get("width")), labels.get(round(float(r.get("x")), 1)))
              for r in rects if "timeline__month" in r.get("class")]
    assert len(labels) == sum(1 for *_, label in months if label), "a label off its month"
    bars = {kind(r, "timeline__bar"): (float(r.get("x")), float(r.get("width")), float(r.get("y")))
            for r in rects if "timeline__bar" in r.get("class")}
    bar_texts = [t for t in texts if t.get("class") == "timeline__bar-label"]
    bar_labels = {k: (float(t.get("x")), t.get("text-anchor"), t.text)
                  for k, t in zip(bars, bar_texts)}
    lines = svg.findall(f"{NS}line")
    markers = {kind(line, "timeline__marker"): float(line.get("x1")) for line in lines}
    for line in lines:
        assert line.get("x1") == line.get("x2")
    marker_texts = [t for t in texts if t.get("class") == "timeline__marker-label"]
    marker_labels = {k: (float(t.get("x")), t.get("text-anchor"), t.text)
                     for k, t in zip(markers, marker_texts)}
    marker_rows = {k: float(t.get("y")) for k, t in zip(markers, marker_texts)}
    items = re.findall(r"<li>(.*?)</li>", section.group(0).split('id="timeline-text"')[1],
                       re.DOTALL)
    text = [" ".join(unescape(i).split()) for i in items]
    return Drawn(width, height, months, bars, bar_labels, markers, marker_labels, marker_rows,
                 text, svg)


def page(client, lang: str, query: dict[str, str]) -> str:
    response = client.get(f"/{lang}/checklist/?{urlencode(query)}")
    assert response.status_code == 200
    return response.content.decode()


def x_of(drawn: Drawn, day: date) -> float:
    """Where a day should be, read off the month columns drawn."""
    for (x, width, _), first in zip(drawn.months, _month_starts(drawn)):
        if (first.year, first.month) == (day.year, day.month):
            return x + (day.day - 1) / calendar.monthrange(day.year, day.month)[1] * width
    raise AssertionError(f"{day} is not on the timeline")


def _month_starts(drawn: Drawn) -> list[date]:
    first = date(2026, 11, 1)  # SAME_SEASON's first month
    starts = []
    for index in range(len(drawn.months)):
        month = first.month - 1 + index
        starts.append(date(first.year + month // 12, month % 12 + 1, 1))
    return starts


@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_draws_the_persons_dates(client, today, japanese, lang):
    drawn = timeline(page(client, lang, SAME_SEASON))

    assert drawn is not None
    assert [label for _, _, label in drawn.months] == MONTHS[lang]
    assert [t.text for t in drawn.svg.iter(f"{NS}text")
            if t.get("class") == "timeline__year-label"] == YEARS[lang]
    assert set(drawn.bars) == {"card_window", "renewal"}
    assert set(drawn.markers) == {"today", "apply_by"}
    # Where each thing is: within a day (about 4 units) of where its date falls.
    tolerance = 4.5
    for kind, (start, end) in {"card_window": WINDOW, "renewal": RENEWAL}.items():
        x, width, _ = drawn.bars[kind]
        assert abs(x - x_of(drawn, start)) < tolerance, kind
        one_day = width / ((end - start).days + 1)
        assert abs(x + width - one_day - x_of(drawn, end)) < tolerance, kind
    assert abs(drawn.markers["today"] - x_of(drawn, FROZEN_TODAY)) < tolerance
    assert abs(drawn.markers["apply_by"] - x_of(drawn, APPLY_BY)) < tolerance


def test_everything_is_inside_the_view_box_and_in_order(client, today):
    drawn = timeline(page(client, "en", SAME_SEASON))

    # The months tile the width, left to right, without gaps or overlaps.
    xs = [(x, x + width) for x, width, _ in drawn.months]
    assert xs[0][0] >= 0 and xs[-1][1] <= drawn.width
    assert all(abs(a[1] - b[0]) < 0.2 for a, b in zip(xs, xs[1:]))
    for kind, (x, width, y) in drawn.bars.items():
        assert 0 <= x and x + width <= drawn.width, kind
        assert 0 <= y and y + 22 <= drawn.height, kind
        label_x, anchor, _ = drawn.bar_labels[kind]
        assert 0 <= label_x <= drawn.width and anchor in ("start", "end"), kind
    for kind, x in drawn.markers.items():
        assert 0 <= x <= drawn.width, kind
        label_x, anchor, _ = drawn.marker_labels[kind]
        assert 0 <= label_x <= drawn.width and anchor in ("start", "end"), kind
    for element in drawn.svg.iter():
        for attribute in ("y", "y1", "y2"):
            if element.get(attribute) is not None:
                assert 0 <= float(element.get(attribute)) <= drawn.height, element.attrib
    # Order: the window opens before the renewal period, today comes before the apply-by day,
    # which falls inside the window and before the renewal period ends.
    window_x, window_w, window_y = drawn.bars["card_window"]
    renewal_x, renewal_w, renewal_y = drawn.bars["renewal"]
    assert window_x < drawn.markers["today"] < drawn.markers["apply_by"] < window_x + window_w
    assert window_x < renewal_x < drawn.markers["apply_by"] < renewal_x + renewal_w
    assert window_y < renewal_y  # one row each, not on top of each other
    assert window_y + 22 <= renewal_y


@pytest.mark.parametrize("query", [p for p, _ in PEOPLE.values()] + [SAME_SEASON, LICENSE_FIRST],
                         ids=[*PEOPLE, "same season", "license first"])
def test_the_geometry_stays_inside_for_every_person(query):
    plan = plan_build(answers=answers_parse(query=query), today=FROZEN_TODAY)
    drawn = timeline_build(plan=plan)
    if drawn is None:
        return
    assert drawn.ticks[0].x >= 0
    assert drawn.ticks[-1].x + drawn.ticks[-1].width <= drawn.width + 0.2
    for bar in drawn.bars:
        assert 0 <= bar.x and bar.x + bar.width <= drawn.width + 0.2, bar
        assert bar.y + 22 <= drawn.height, bar
    for marker in drawn.markers:
        assert 0 <= marker.x <= drawn.width, marker
    assert [m.kind for m in drawn.markers][0] == "today"


@pytest.mark.parametrize("lang", LANGS)
def test_the_text_equivalent_lists_each_period_with_its_dates(client, today, japanese, lang):
    html = page(client, lang, SAME_SEASON)
    drawn = timeline(html)
    fmt = date_en if lang == "en" else date_ja

    assert len(drawn.text) == 4
    window, renewal, now, apply_by = drawn.text
    for line, days in ((window, WINDOW), (renewal, RENEWAL)):
        assert fmt(days[0]) in line and fmt(days[1]) in line, line
        assert line.index(fmt(days[0])) < line.index(fmt(days[1]))
    assert fmt(FROZEN_TODAY) in now
    assert fmt(APPLY_BY) in apply_by
    # Each line is named as in the chart.
    for kind, line in (("card_window", window), ("renewal", renewal)):
        assert line.startswith(drawn.bar_labels[kind][2]), (line, drawn.bar_labels[kind])
    for kind, line in (("today", now), ("apply_by", apply_by)):
        assert line.startswith(drawn.marker_labels[kind][2]), (line, drawn.marker_labels[kind])
    if lang == "en":
        assert drawn.text == [
            "Card application period: November 1, 2026 to January 31, 2027",
            "License renewal period: December 20, 2026 to February 22, 2027",
            "Today: November 26, 2026",
            "Apply by: January 11, 2027",
        ]
    else:
        assert all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", label)
                   for _, _, label in drawn.bar_labels.values())


def test_the_chart_is_named_and_described_for_screen_readers(client, today):
    html = page(client, "en", SAME_SEASON)

    svg = re.search(r'<svg class="timeline__chart"[^>]*>', html).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="timeline-title"' in svg
    assert 'aria-describedby="timeline-text"' in svg
    assert 'id="timeline-title"' in html and 'id="timeline-text"' in html
    assert "Your dates at a glance" in parse_page(html).text
    # The text equivalent is not hidden: it prints and is read.
    ul = re.search(r'<ul class="timeline__text" id="timeline-text">', html)
    assert ul and "no-print" not in ul.group(0) and "visually-hidden" not in ul.group(0)


def test_close_dates_keep_their_labels_apart(client, today):
    # Apply by December 1, five days after today: the two labels get a row each, below the bars.
    query = {**SAME_SEASON, "card_expiry": "2027-01-05", "license_expiry": "2027-01-10",
             "birthday": "12-10"}
    drawn = timeline(page(client, "en", query))

    assert drawn.markers["apply_by"] - drawn.markers["today"] < 30
    rows = drawn.marker_rows
    assert abs(rows["today"] - rows["apply_by"]) >= 12  # a 12-unit font
    lowest_bar = max(y + 22 for _, _, y in drawn.bars.values())
    assert min(rows.values()) - 12 >= lowest_bar
    assert max(rows.values()) <= drawn.height


def test_renew_by_not_apply_by_when_the_license_is_renewed_first(client, today):
    drawn = timeline(page(client, "en", LICENSE_FIRST))

    assert set(drawn.bars) == {"card_window", "renewal"}
    assert set(drawn.markers) == {"today", "renew_by"}
    assert not any(line.startswith("Apply by") for line in drawn.text)
    assert "Renew by: February 22, 2027" in drawn.text


@pytest.mark.parametrize(("query", "first", "last", "yearly"), [
    # Up to three years: a tick a month. Beyond: a tick a year, so the chart stays readable.
    ({"holding": "license_only", "license_expiry": "2029-09-25", "birthday": "09-25"},
     date(2026, 11, 1), date(2029, 9, 1), False),
    ({"holding": "license_only", "license_expiry": "2031-06-10", "birthday": "06-10"},
     date(2026, 1, 1), date(2031, 1, 1), True),
    ({"holding": "both", "card_expiry": "2040-12-31", "license_expiry": "2040-06-30"},
     date(2026, 1, 1), date(2040, 1, 1), True),
])
def test_ticks_are_months_for_a_short_span_and_years_for_a_long_one(query, first, last, yearly):
    plan = plan_build(answers=answers_parse(query=query), today=FROZEN_TODAY)
    drawn = timeline_build(plan=plan)
    assert drawn.ticks[0].start == first and drawn.ticks[-1].start == last
    assert {t.yearly for t in drawn.ticks} == {yearly}
    assert len(drawn.ticks) <= 37


def test_a_license_only_timeline_shows_the_renewal_period(client, today):
    query = {"holding": "license_only", "license_expiry": "2027-03-28", "birthday": "02-28"}
    drawn = timeline(page(client, "en", query))

    assert set(drawn.bars) == {"renewal"}
    assert set(drawn.markers) == {"today"}
    assert [label for _, _, label in drawn.months] == [
        "Nov", "Dec", "Jan", "Feb", "Mar"]
    assert drawn.text[0] == "License renewal period: January 28, 2027 to March 29, 2027"


NO_TIMELINE = {
    "no license": {"holding": "none"},
    "no dates": {"holding": "myna_only"},
    "renewal long past": {"holding": "both", "license_expiry": "2026-10-01", "birthday": "09-01"},
    "after the application, no license date": {
        "holding": "myna_only", "stage": "applied", "card_expiry": "2027-01-31"},
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("query", NO_TIMELINE.values(), ids=NO_TIMELINE.keys())
def test_no_timeline_without_dates(client, today, lang, query):
    html = page(client, lang, query)
    assert timeline(html) is None
    assert "timeline" not in html


def test_step_pages_do_not_repeat_the_timeline(client, today):
    html = client.get(f"/en/checklist/1/?{urlencode(SAME_SEASON)}").content.decode()
    assert timeline(html) is None
