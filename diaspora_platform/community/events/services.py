"""Event operations for organisers: publish, edit, cancel, message attendees; reminders.
Each checks its rule, audits what people did, tells those concerned and commits once.
Registration itself is in registration.py."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from diaspora_platform import audit
from diaspora_platform.community.events.models import (
    ANNOUNCED_FIELDS,
    REVIEWED_FIELDS,
    Event,
    EventAudience,
    EventKind,
    EventMessage,
    Registration,
)
from diaspora_platform.community.events.models import RegistrationStatus as R
from diaspora_platform.community.events.registration import (
    fill_from_waitlist,
    link,
    notice_params,
)
from diaspora_platform.content_i18n import versions_from_form
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.database import utcnow
from diaspora_platform.directory.models import Place
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.forms import TOO_LONG, is_web_url
from diaspora_platform.i18n import WORKING_LANGUAGES, _, _known_timezones, ngettext, valid_country
from diaspora_platform.inputs import parse_int
from diaspora_platform.moderation import services as moderation
from diaspora_platform.notifications.services import notify
from diaspora_platform.unit_of_work import conditional_update

TEXT_LIMITS = {"title": 200, "description": 20_000, "address": 300, "city": 100,
               "online_url": 500}
MAX_DAYS = 31  # longest event
MAX_CAPACITY = 100_000
MESSAGE_MAX = 2000
MESSAGES_PER_DAY = 5
FIELDS = ("kind", "title", "description", "starts_at", "ends_at", "timezone", "is_online",
          "online_url", "place_id", "address", "city", "country", "languages", "audience",
          "capacity", "registration_deadline")


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _instant(value, zone: ZoneInfo) -> datetime | None:
    """A datetime as given: naive ones are wall-clock time in the event's zone."""
    if value is None or value == "":
        return None
    if not isinstance(value, datetime):
        raise DomainError(_("Enter dates and times as shown."))
    return value.replace(tzinfo=zone) if value.tzinfo is None else value


def _clean_times(clean: dict, data: dict) -> None:
    if clean["timezone"] not in _known_timezones():
        raise DomainError(_("Choose the event's time zone from the list."))
    zone = ZoneInfo(clean["timezone"])
    for key in ("starts_at", "ends_at", "registration_deadline"):
        clean[key] = _instant(data.get(key), zone)
    starts, ends = clean["starts_at"], clean["ends_at"]
    if starts is None or ends is None:
        raise DomainError(_("Give the start and the end of the event."))
    if ends <= starts:
        raise DomainError(_("The event must end after it starts."))
    if ends - starts > timedelta(days=MAX_DAYS):
        raise DomainError(ngettext("An event can last at most %(days)d day.",
                                   "An event can last at most %(days)d days.",
                                   MAX_DAYS, days=MAX_DAYS))
    deadline = clean["registration_deadline"]
    if deadline is not None and deadline > ends:
        raise DomainError(_("The registration deadline cannot be after the event ends."))


def _clean_place(clean: dict, org) -> None:
    if clean["is_online"]:
        if not clean["online_url"] or not is_web_url(clean["online_url"]):
            raise DomainError(_("Give the link of the online event, starting with https://"))
        clean.update(address="", city="", country=None, place_id=None)
        return
    clean["online_url"] = None
    if str(clean["place_id"] or "").strip():
        place_id = parse_int(clean["place_id"])
        place = None if place_id is None else db.session.get(Place, place_id)
        if place is None or org is None or place.organisation_id != org.id:
            raise DomainError(_("Choose one of your organisation's places."))
        clean["place_id"] = place.id
        clean["address"] = clean["address"] or place.address
        clean["city"] = clean["city"] or place.city
        clean["country"] = clean["country"] or place.country
    clean["place_id"] = clean["place_id"] if str(clean["place_id"] or "").strip() else None
    clean["country"] = (clean["country"] or "").upper()
    if not valid_country(clean["country"]):
        raise DomainError(_("Choose a country from the list."))
    if not clean["city"]:
        raise DomainError(_("Give the city where the event takes place."))


def clean_event(data: dict, org) -> dict:
    """Check what a form or another caller sent; raise DomainError naming the problem."""
    clean = {key: data.get(key) for key in FIELDS}
    for key, limit in TEXT_LIMITS.items():
        clean[key] = _text(data.get(key))
        if len(clean[key]) > limit:
            raise DomainError(TOO_LONG % {"max": limit})
    if len(clean["title"]) < 3:
        raise DomainError(_("Give the event a title of at least 3 characters."))
    if clean["kind"] not in set(EventKind):
        raise DomainError(_("Choose what kind of event this is."))
    if clean["audience"] not in set(EventAudience):
        raise DomainError(_("Choose who the event is for."))
    clean["timezone"] = _text(data.get("timezone"))
    _clean_times(clean, data)
    clean["is_online"] = bool(data.get("is_online"))
    _clean_place(clean, org)
    languages = data.get("languages") or []
    languages = languages.split(",") if isinstance(languages, str) else list(languages)
    if any(code not in WORKING_LANGUAGES for code in languages):
        raise DomainError(_("Choose from the list."))
    clean["languages"] = ",".join(dict.fromkeys(languages))
    clean.update(versions_from_form(data, Event.TRANSLATABLE, TEXT_LIMITS))
    capacity = data.get("capacity")
    if capacity in ("", None):
        clean["capacity"] = None
    elif not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
        raise DomainError(_("Capacity must be between 1 and 100,000 people."))
    return clean


def editable_organisations(user) -> list:
    """Organisations the user may publish events for (owner, admin or editor; not
    rejected)."""
    from diaspora_platform.organisations.queries import editable_by

    return editable_by(user, (S.PENDING, S.APPROVED, S.HIDDEN))


def can_publish_for(user, org) -> bool:
    if org is None:
        return bool(user.acts_as_staff)
    return org.can(user, "publish") and org.status != S.REJECTED


def create_event(user, org, data: dict) -> Event:
    """Publish an event (organisation or, for staff, the Council's); it waits for review."""
    if not user.is_confirmed:
        raise NotAllowed(_("Please confirm your email address first."))
    if not can_publish_for(user, org):
        raise NotAllowed(_("You cannot publish events for this organisation."))
    clean = clean_event(data, org)
    if clean["starts_at"] <= utcnow():
        raise DomainError(_("The event must start in the future."))
    event = Event(**clean, organisation_id=org.id if org else None, created_by_id=user.id)
    db.session.add(event)
    db.session.flush()
    moderation.submit(event)
    audit.record(user, "event.created", event, organisation=org.id if org else None)
    db.session.commit()
    return event


def update_event(user, event: Event, data: dict) -> str:
    """Save an edit: "saved"; "review" when a new title, description or kind of a public
    event goes back to the Council; "resubmitted" for a corrected rejected one. Registered
    people are told of a new time or place."""
    if not event.can_edit(user):
        raise NotAllowed(_("You cannot edit this event."))
    if event.is_cancelled:
        raise DomainError(_("This event is cancelled."))
    clean = clean_event(data, event.organisation)
    if clean["capacity"] is not None and clean["capacity"] < event.confirmed_count:
        raise DomainError(ngettext(
            "%(num)d person is registered already: the capacity cannot be lower.",
            "%(num)d people are registered already: the capacity cannot be lower.",
            event.confirmed_count))
    changed = sorted(key for key, value in clean.items() if getattr(event, key) != value)
    for key in changed:
        setattr(event, key, clean[key])
    outcome = "saved"
    if event.status == S.REJECTED or (event.status == S.APPROVED
                                      and set(changed) & set(REVIEWED_FIELDS)):
        outcome = "resubmitted" if event.status == S.REJECTED else "review"
        moderation.submit(event)
    db.session.flush()
    if "capacity" in changed:
        fill_from_waitlist(event)
    if set(changed) & set(ANNOUNCED_FIELDS):
        for reg in _registered(event):
            notify(reg.user, "events.changed", link=link(event),
                   **notice_params(event, reg.is_confirmed))
    audit.record(user, "event.updated", event, fields=changed, outcome=outcome)
    db.session.commit()
    return outcome


def _registered(event: Event, statuses=(R.CONFIRMED, R.WAITLISTED)) -> list[Registration]:
    return list(db.session.scalars(sa.select(Registration).where(
        Registration.event_id == event.id, Registration.status.in_(statuses))
        .order_by(Registration.id)))


def cancel_event(user, event: Event, reason: str) -> int:
    """Cancel the event and tell everyone registered or waiting; returns how many were
    told. A second cancellation is refused."""
    if not event.can_edit(user):
        raise NotAllowed(_("You cannot edit this event."))
    reason = _text(reason)
    if not reason or len(reason) > 500:
        raise DomainError(_("Tell the attendees why, in at most 500 characters."))
    conditional_update(event, Event.cancelled_at.is_(None), cancelled_at=utcnow(),
                       cancel_reason=reason, conflict=_("This event is cancelled already."))
    people = _registered(event)
    for reg in people:
        notify(reg.user, "events.cancelled", link=link(event), reason=reason,
               **notice_params(event, False))
    audit.record(user, "event.cancelled", event, told=len(people))
    db.session.commit()
    return len(people)


def message_attendees(user, event: Event, body: str) -> int:
    """Write to everyone with a seat (on the site and by email); at most
    MESSAGES_PER_DAY a day per event. Returns how many were told."""
    if not event.can_edit(user):
        raise NotAllowed(_("You cannot edit this event."))
    body = _text(body)
    if not body or len(body) > MESSAGE_MAX:
        raise DomainError(ngettext("Write a message of at most %(max)d character.",
                                   "Write a message of at most %(max)d characters.",
                                   MESSAGE_MAX, max=MESSAGE_MAX))
    since = utcnow() - timedelta(days=1)
    sent = db.session.scalar(sa.select(sa.func.count(EventMessage.id)).where(
        EventMessage.event_id == event.id, EventMessage.created_at >= since))
    if sent >= MESSAGES_PER_DAY:
        raise DomainError(ngettext("At most %(num)d message a day can be sent about one event. "
                                   "Please try again tomorrow.",
                                   "At most %(num)d messages a day can be sent about one event. "
                                   "Please try again tomorrow.", MESSAGES_PER_DAY))
    people = _registered(event, (R.CONFIRMED,))
    for reg in people:
        notify(reg.user, "events.message", link=link(event), message=body,
               **notice_params(event, True))
    db.session.add(EventMessage(event_id=event.id, author_id=user.id, body=body,
                                recipients=len(people)))
    audit.record(user, "event.message_sent", event, recipients=len(people))
    db.session.commit()
    return len(people)


def record_export(user, event: Event) -> None:
    """The attendee list is personal data: who downloaded it is audited."""
    if not event.can_edit(user):
        raise NotAllowed(_("You cannot edit this event."))
    audit.record(user, "event.attendees_exported", event)
    db.session.commit()


def send_reminders(now: datetime | None = None, batch: int = 200) -> int:
    """Remind everyone with a seat at an event starting within EVENT_REMINDER_HOURS, once:
    each registration is marked by a conditional update, so a second run (or two at once)
    sends nothing twice. Returns how many were reminded."""
    now = now or utcnow()
    horizon = now + timedelta(hours=current_app.config["EVENT_REMINDER_HOURS"])
    due = (sa.select(Registration.id).join(Registration.event)
           .where(Registration.status == R.CONFIRMED, Registration.reminded_at.is_(None),
                  Event.status == S.APPROVED, Event.cancelled_at.is_(None),
                  Event.starts_at > now, Event.starts_at <= horizon)
           .order_by(Registration.id).limit(batch))
    sent = 0
    while ids := list(db.session.scalars(due)):
        for reg in list(db.session.scalars(sa.select(Registration).where(Registration.id.in_(ids))
                                           .order_by(Registration.id))):
            if conditional_update(reg, Registration.reminded_at.is_(None), reminded_at=now,
                                  conflict=False):
                notify(reg.user, "events.reminder", link=link(reg.event),
                       **notice_params(reg.event, True))
                sent += 1
        db.session.commit()
    return sent
