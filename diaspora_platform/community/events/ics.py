"""Calendar files (RFC 5545) through the `icalendar` library, which escapes text and folds
long lines: a stable UID, DTSTAMP, and instants in UTC ("Z"), so every calendar app shows
them in its own zone with no VTIMEZONE rules to get wrong. The organisers' zone is kept in
X-EVENT-TIMEZONE."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import icalendar

PRODID = "-//Diaspora Platform of Tajikistan//Events//EN"


@dataclass
class CalendarEvent:
    uid: str
    start: datetime
    end: datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    timezone: str = ""
    cancelled: bool = False
    sequence: int = 0
    categories: list[str] = field(default_factory=list)


def _vevent(event: CalendarEvent, now: datetime) -> icalendar.Event:
    import icalendar  # local: icalendar costs a worker's start; only .ics answers need it

    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", now.astimezone(UTC))
    vevent.add("dtstart", event.start.astimezone(UTC))
    vevent.add("dtend", event.end.astimezone(UTC))
    vevent.add("summary", event.summary)
    vevent.add("sequence", event.sequence)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    optional = {"description": event.description, "location": event.location,
                "url": event.url, "x-event-timezone": event.timezone}
    for name, value in optional.items():
        if value:
            vevent.add(name, value)
    if event.categories:
        vevent.add("categories", event.categories)
    return vevent


def calendar(events: Iterable[CalendarEvent], name: str = "",
             now: datetime | None = None) -> str:
    """A VCALENDAR with the given events, as the text of an .ics file."""
    import icalendar  # local, as in _vevent

    now = now or datetime.now(UTC)
    cal = icalendar.Calendar()
    for key, value in (("prodid", PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"),
                       ("method", "PUBLISH")):
        cal.add(key, value)
    if name:
        cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(_vevent(event, now))
    return cal.to_ical().decode("utf-8")
