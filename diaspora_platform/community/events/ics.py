"""A small iCalendar (RFC 5545) writer: escaped text, lines folded at 75 octets, a stable UID,
DTSTAMP, and instants in UTC ("Z"): every calendar app shows them in its own zone, with no
VTIMEZONE rules to get wrong. The organisers' zone is kept in X-EVENT-TIMEZONE."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

PRODID = "-//Diaspora Platform of Tajikistan//Events//EN"


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newlines."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces joined by CRLF + space, never inside a
    UTF-8 character (RFC 5545 3.1)."""
    if len(line.encode("utf-8")) <= 75:  # most lines: nothing to fold
        return line
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with a space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


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


def _event_lines(event: CalendarEvent, now: datetime) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp(now)}",
             f"DTSTART:{stamp(event.start)}", f"DTEND:{stamp(event.end)}",
             f"SUMMARY:{escape(event.summary)}", f"SEQUENCE:{event.sequence}",
             f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}"]
    if event.description:
        lines.append(f"DESCRIPTION:{escape(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(escape(c) for c in event.categories))
    if event.timezone:  # the zone the organisers gave; the instants above are UTC
        lines.append(f"X-EVENT-TIMEZONE:{escape(event.timezone)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[CalendarEvent], name: str = "",
             now: datetime | None = None) -> str:
    """A VCALENDAR with the given events, as the text of an .ics file."""
    now = now or datetime.now(UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape(name)}")
    for event in events:
        lines.extend(_event_lines(event, now))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
