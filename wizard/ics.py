"""The person's dates as an RFC 5545 calendar, built with the icalendar library."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone

from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from .rules import Plan

REMINDER_DAYS = 7


def _event(*, kind: str, summary: str, description: str, start: date, end: date,
           reminder: str) -> Event:
    event = Event()
    # The same dates give the same UID, so importing the file again updates, not duplicates.
    digest = hashlib.sha256(f"{kind}:{start}:{end}".encode()).hexdigest()[:20]
    event.add("uid", f"{kind}-{digest}@mynalicense")
    event.add("dtstamp", datetime.now(timezone.utc))
    event.add("summary", summary)
    event.add("description", description)
    event.add("dtstart", start)
    event.add("dtend", end + timedelta(days=1))  # all-day events end the day after
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", reminder)
    alarm.add("trigger", timedelta(days=-REMINDER_DAYS))
    event.add_component(alarm)
    return event


def calendar_events(*, plan: Plan, link: str) -> list[Event]:
    s = plan.situation
    more = _("Your checklist: %(link)s") % {"link": link}
    events = []
    if "s2.apply_window" in plan.item_ids:
        events.append(_event(
            kind="card-window", start=s.card_window.start, end=s.card_window.end,
            summary=_("My Number Card: application period for the new card"),
            description=_("Apply online for the new card during this period, while the current card is valid.") + "\n" + more,
            reminder=_("The application period for your new My Number Card starts in a week.")))
    if "s1.renew_card_first" in plan.item_ids:
        events.append(_event(
            kind="apply-by", start=s.apply_by, end=s.apply_by,
            summary=_("Apply for the new My Number Card by today"),
            description=_("Apply by this day so that you can renew your license with the new card. The date rests on our own estimate of how long a new card takes.") + "\n" + more,
            reminder=_("A week left to apply for your new My Number Card.")))
    if s.renewal and s.renewal.deadline >= s.today and "s4.renewal_period" in plan.item_ids:
        events.append(_event(
            kind="renewal", start=s.renewal.start, end=s.renewal.end,
            summary=_("Driver's license renewal period"),
            description=_("You can renew your driver's license during this period.") + "\n" + more,
            reminder=_("Your driver's license renewal period starts in a week.")))
        events.append(_event(
            kind="deadline", start=s.renewal.deadline, end=s.renewal.deadline,
            summary=_("Last day to renew your driver's license"),
            description=_("The last day to renew your driver's license.") + "\n" + more,
            reminder=_("A week left to renew your driver's license.")))
    return events


def calendar_has_events(*, plan: Plan) -> bool:
    """Whether calendar_events gives any event, without building them: the checklist asks
    on every request whether to offer the file (the same conditions as calendar_events)."""
    s = plan.situation
    ids = plan.item_ids
    return ("s2.apply_window" in ids or "s1.renew_card_first" in ids
            or bool(s.renewal and s.renewal.deadline >= s.today and "s4.renewal_period" in ids))


def calendar_build(*, plan: Plan, link: str) -> bytes | None:
    """The calendar file, or None when no date is known."""
    events = calendar_events(plan=plan, link=link)
    if not events:
        return None
    calendar = Calendar()
    calendar.add("prodid", "-//mynalicense//My Number Card license carryover guide//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("My Number Card and driver's license dates"))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()
