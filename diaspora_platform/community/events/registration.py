"""Registering for events: seats, the waitlist and moving people up.

The number of confirmed seats lives on the event row and changes only through conditional
updates (`confirmed_count < capacity`). That statement is the first write of its
transaction: PostgreSQL makes a second writer wait for the row and re-check the condition,
SQLite lets one writer in at a time. So two members clicking for the last seat at once get
one seat and one waitlist place, never two seats.
"""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform.community.events.models import Event, Registration
from diaspora_platform.community.events.models import RegistrationStatus as R
from diaspora_platform.database import utcnow
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _
from diaspora_platform.notifications.services import notify
from diaspora_platform.unit_of_work import conditional_update


def notice_params(event: Event, attendee: bool) -> dict:
    """What notifications about `event` say; the online link only for attendees."""
    return {"title": event.title, "starts": event.starts_at.isoformat(),
            "zone": event.timezone, "online": event.is_online,
            "url": event.online_url if attendee and event.is_online else "",
            "address": event.address, "city": event.city, "country": event.country or ""}


def link(event: Event) -> str:
    return f"/events/{event.id}"


def _take_seat(event: Event) -> bool:
    """Add one confirmed seat if one is free (atomically); True if it was taken."""
    return conditional_update(event, sa.or_(Event.capacity.is_(None),
                                            Event.confirmed_count < Event.capacity),
                              confirmed_count=Event.confirmed_count + 1, conflict=False)


def _free_seat(event: Event) -> None:
    conditional_update(event, Event.confirmed_count > 0,
                       confirmed_count=Event.confirmed_count - 1, conflict=False)


def registration_of(event: Event, user) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(sa.select(Registration).where(
        Registration.event_id == event.id, Registration.user_id == user.id))


def waitlist_position(reg: Registration) -> int:
    return db.session.scalar(sa.select(sa.func.count(Registration.id)).where(
        Registration.event_id == reg.event_id, Registration.status == R.WAITLISTED,
        Registration.queued_at <= reg.queued_at)) or 1


class _AlreadyDone(Exception):
    """Another request of the same member registered first."""


def _check_open(event: Event, user) -> None:
    if not user.is_confirmed:
        raise NotAllowed(_("Please confirm your email address first."))
    if event.is_cancelled:
        raise DomainError(_("This event is cancelled."))
    if not event.registration_open:
        if utcnow() >= event.deadline:
            raise DomainError(_("Registration for this event has closed."))
        raise DomainError(_("Registration opens once the event is published."))


def register(user, event: Event) -> Registration:
    """Take a seat, or a waitlist place when the event is full. Registering twice returns
    the registration already made."""
    _check_open(event, user)
    reg = registration_of(event, user)
    if reg is not None and reg.status != R.CANCELLED:
        return reg
    seated = _take_seat(event)  # first write: the seat is decided here
    now = utcnow()
    values = dict(status=R.CONFIRMED if seated else R.WAITLISTED, queued_at=now,
                  confirmed_at=now if seated else None, cancelled_at=None, reminded_at=None)
    try:
        if reg is None:
            reg = Registration(event_id=event.id, user_id=user.id, created_at=now, **values)
            db.session.add(reg)
            db.session.flush()
        elif not conditional_update(reg, Registration.status == R.CANCELLED, **values,
                                    conflict=False):
            raise _AlreadyDone
    except (sa.exc.IntegrityError, _AlreadyDone):  # the member's own second click won
        db.session.rollback()
        return registration_of(event, user)
    db.session.refresh(reg)
    if seated:
        notify(user, "events.registered", link=link(event), **notice_params(event, True))
    else:
        notify(user, "events.waitlisted", link=link(event), position=waitlist_position(reg),
               **notice_params(event, False))
    db.session.commit()
    db.session.refresh(event)
    return reg


def _release(reg: Registration) -> bool:
    """Cancel one registration (conditionally); True if it held a seat."""
    was = reg.status
    if not conditional_update(reg, Registration.status == was, status=R.CANCELLED,
                              cancelled_at=utcnow(), conflict=False):
        return False
    if was == R.CONFIRMED:
        _free_seat(reg.event)
        return True
    return False


def fill_from_waitlist(event: Event) -> int:
    """Move waitlisted members up, first come first served, while seats are free; tell
    each of them. Returns how many moved up (the caller commits)."""
    moved = 0
    if event.is_cancelled or event.starts_at <= utcnow():
        return 0
    while True:
        nxt = db.session.scalar(
            sa.select(Registration).where(Registration.event_id == event.id,
                                          Registration.status == R.WAITLISTED)
            .order_by(Registration.queued_at, Registration.id).limit(1))
        if nxt is None or not _take_seat(event):
            return moved
        if not conditional_update(nxt, Registration.status == R.WAITLISTED,
                                  status=R.CONFIRMED, confirmed_at=utcnow(), conflict=False):
            _free_seat(event)  # they cancelled meanwhile: give the seat back, try the next
            continue
        notify(nxt.user, "events.promoted", link=link(event), **notice_params(event, True))
        moved += 1


def cancel_registration(user, event: Event) -> bool:
    """Give up a seat or a waitlist place; the first on the waitlist moves up. Returns
    False if there was nothing to cancel (a second click)."""
    reg = registration_of(event, user)
    if reg is None or reg.status == R.CANCELLED:
        return False
    if event.starts_at <= utcnow():
        raise DomainError(_("The event has begun: registrations can no longer change."))
    freed = _release(reg)
    if freed:
        fill_from_waitlist(event)
    db.session.commit()
    db.session.refresh(event)
    return True


def release_all(user) -> None:
    """Account deletion: cancel the member's registrations, moving others up (no commit)."""
    regs = db.session.scalars(sa.select(Registration).where(
        Registration.user_id == user.id, Registration.status != R.CANCELLED)).all()
    for reg in regs:
        if _release(reg):
            fill_from_waitlist(reg.event)
