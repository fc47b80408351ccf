"""Calendars: the weeks of a month view, and .ics files for one event or a feed."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from babel.dates import get_day_names
from flask import request

from diaspora_platform.community.events import ics
from diaspora_platform.community.events.models import Event
from diaspora_platform.formatting import month_year, weekday_names
from diaspora_platform.i18n import country_name, current_language
from diaspora_platform.links import external_url
from diaspora_platform.text import markdown_text


def weeks(month: date) -> list[list[date | None]]:
    """The month as weeks from Monday; days of other months are None."""
    rows = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    return [[day if day.month == month.month else None for day in row] for row in rows]


def month_labels(month: date) -> dict:
    """The month's title, weekday names from Monday, and the neighbouring months, in the
    reader's language."""
    lang = current_language()
    names = get_day_names("abbreviated", context="stand-alone", locale=lang)
    previous = (month - timedelta(days=1)).replace(day=1)
    following = (month + timedelta(days=32)).replace(day=1)
    return {"title": month_year(month).capitalize(),
            "weekdays": [names[i] for i in range(7)],
            "weekdays_full": weekday_names(),
            "previous": previous.strftime("%Y-%m"), "next": following.strftime("%Y-%m"),
            "previous_title": month_year(previous), "next_title": month_year(following)}


def _uid(event: Event) -> str:
    return f"event-{event.id}@{request.host.split(':')[0] or 'diaspora.localhost'}"


def _location(event: Event, attendee: bool) -> str:
    if event.is_online:
        return event.online_url if attendee and event.online_url else "Online"
    return ", ".join(p for p in (event.address, event.city, country_name(event.country))
                     if p)


def calendar_event(event: Event, attendee: bool = False) -> ics.CalendarEvent:
    """One event for a calendar; the online link only when `attendee` (never in feeds)."""
    page = external_url("events.detail", event_id=event.id)
    description = markdown_text(event.description)
    if attendee and event.is_online and event.online_url:
        description = f"{event.online_url}\n\n{description}"
    return ics.CalendarEvent(
        uid=_uid(event), start=event.starts_at, end=event.ends_at, summary=event.title,
        description=f"{description}\n\n{page}".strip(), location=_location(event, attendee),
        url=page, timezone=event.timezone, cancelled=event.is_cancelled,
        sequence=int(event.updated_at.timestamp()) % 2_000_000_000 if event.updated_at else 0,
        categories=[event.kind_title])


def event_calendar(event: Event, attendee: bool) -> str:
    return ics.calendar([calendar_event(event, attendee)], name=event.title)


def feed_calendar(events: list[Event], name: str) -> str:
    return ics.calendar((calendar_event(event) for event in events), name=name)
