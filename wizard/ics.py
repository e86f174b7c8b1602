"""The person's dates as an RFC 5545 calendar, built with the icalendar library, from the
milestones of their plan."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from guide.catalogue import Milestone, MilestoneKind
from guide.plan import Plan

REMINDER_DAYS = 7


def _event(*, milestone: Milestone, summary: str, description: str, reminder: str) -> Event:
    event = Event()
    # The same dates give the same UID, so importing the file again updates, not duplicates.
    kind = milestone.kind.value
    digest = hashlib.sha256(f"{kind}:{milestone.start}:{milestone.end}".encode()).hexdigest()[:20]
    event.add("uid", f"{kind.replace('_', '-')}-{digest}@mynalicense")
    event.add("dtstamp", datetime.now(timezone.utc))
    event.add("summary", summary)
    event.add("description", description)
    event.add("dtstart", milestone.start)
    event.add("dtend", milestone.end + timedelta(days=1))  # all-day events end the day after
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", reminder)
    alarm.add("trigger", timedelta(days=-REMINDER_DAYS))
    event.add_component(alarm)
    return event


def _words(kind: MilestoneKind) -> tuple[str, str, str]:
    """Summary, description and reminder of each kind of milestone."""
    match kind:
        case MilestoneKind.CARD_WINDOW:
            return (_("My Number Card: application period for the new card"),
                    _("Apply online for the new card during this period, while the current card is valid."),
                    _("The application period for your new My Number Card starts in a week."))
        case MilestoneKind.APPLY_BY:
            return (_("Apply for the new My Number Card by today"),
                    _("Apply by this day so that you can renew your license with the new card. The date rests on our own estimate of how long a new card takes."),
                    _("A week left to apply for your new My Number Card."))
        case MilestoneKind.RENEW_BY:
            return (_("Renew your driver's license by today"),
                    _("Renew your license by this day, then apply for the new card while your current card is valid."),
                    _("A week left to renew your driver's license before you apply for the new card."))
        case MilestoneKind.RENEWAL:
            return (_("Driver's license renewal period"),
                    _("You can renew your driver's license during this period."),
                    _("Your driver's license renewal period starts in a week."))
        case MilestoneKind.DEADLINE:
            return (_("Last day to renew your driver's license"),
                    _("The last day to renew your driver's license."),
                    _("A week left to renew your driver's license."))
    raise AssertionError(kind)


def calendar_build(*, plan: Plan, link: str) -> bytes | None:
    """The calendar file, or None when the plan has no date to put in it."""
    if not plan.milestones:
        return None
    more = _("Your checklist: %(link)s") % {"link": link}
    calendar = Calendar()
    calendar.add("prodid", "-//mynalicense//My Number Card license carryover guide//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("My Number Card and driver's license dates"))
    for milestone in plan.milestones:
        summary, description, reminder = _words(milestone.kind)
        calendar.add_component(_event(milestone=milestone, summary=summary,
                                      description=f"{description}\n{more}", reminder=reminder))
    return calendar.to_ical()
