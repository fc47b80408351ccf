"""Reading events: the public listing with filters, the month view, calendars, an
organisation's upcoming events, attendee lists and what the weekly digest reads."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from diaspora_platform import pagination, table_cache
from diaspora_platform.community.events.models import Event, EventMessage, Registration
from diaspora_platform.community.events.models import RegistrationStatus as R
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.organisations.models import Organisation

PAGE_SIZE = 20
FEED_PAST_DAYS = 90  # calendar feeds keep recent events, so cancellations reach them
FEED_LIMIT = 500
MONTH_LIMIT = 300
# Upcoming: soonest first; past: latest first (events starting together by id either way).
SORTS = {"upcoming": pagination.key(Event.starts_at, Event.id),
         "past": pagination.key(pagination.desc(Event.starts_at), Event.id)}
SORT_GETTERS = pagination.getters("starts_at", "id")


@dataclass
class Filters:
    when: str = "upcoming"  # or "past"
    country: str | None = None
    kind: str | None = None
    month: date | None = None  # first day of a month
    online: bool = False
    after: str | None = None
    before: str | None = None

    @property
    def active(self) -> bool:
        return any((self.country, self.kind, self.month, self.online))


# The organisation joined under an alias of its own (a caller may join Organisation too);
# built once: aliasing a mapped class copies every column, a third of a listing's time.
_ORG = aliased(Organisation)


def public():
    """Events anybody may see: approved, of the Council or of an approved organisation."""
    return (sa.select(Event).outerjoin(_ORG, _ORG.id == Event.organisation_id)
            .where(Event.status == S.APPROVED,
                   sa.or_(Event.organisation_id.is_(None), _ORG.status == S.APPROVED)))


def _month_bounds(month: date) -> tuple[datetime, datetime]:
    """The month in UTC, widened by 14 hours each side: every zone's local month."""
    first = datetime(month.year, month.month, 1, tzinfo=UTC)
    days = calendar.monthrange(month.year, month.month)[1]
    return first - timedelta(hours=14), first + timedelta(days=days, hours=14)


def _filtered(filters: Filters):
    stmt = public()
    if filters.country:
        stmt = stmt.where(Event.country == filters.country)
    if filters.kind:
        stmt = stmt.where(Event.kind == filters.kind)
    if filters.online:
        stmt = stmt.where(Event.is_online.is_(True))
    if filters.month:
        low, high = _month_bounds(filters.month)
        stmt = stmt.where(Event.starts_at < high, Event.ends_at > low)
    return stmt


def listing(filters: Filters) -> tuple[pagination.Page, int]:
    """One page of upcoming (soonest first) or past (latest first) events, and the total."""
    now = utcnow()
    stmt = _filtered(filters)
    past = filters.when == "past"
    stmt = stmt.where(Event.ends_at <= now if past else Event.ends_at > now)
    total = _total(filters, stmt, now)
    page = pagination.paginate(stmt, SORTS["past" if past else "upcoming"], SORT_GETTERS,
                               after=filters.after, before=filters.before, per_page=PAGE_SIZE)
    return page, total


def _total(filters: Filters, stmt, now: datetime) -> int:
    """The listing's total, kept until its tables change or the next of its events ends
    (the moment an upcoming event becomes a past one)."""
    key = ("events.listing", filters.when, filters.country, filters.kind, filters.month,
           filters.online)
    next_end = _filtered(filters).where(Event.ends_at > now).with_only_columns(
        sa.func.min(Event.ends_at))
    return table_cache.count(stmt.with_only_columns(Event.id), key=key,
                             until=lambda: db.session.scalar(next_end))


def month_days(filters: Filters) -> dict[date, list[Event]]:
    """The month's events by the local day (in each event's own zone) they take place;
    an event of several days appears on each."""
    month = filters.month
    events = db.session.scalars(_filtered(filters).order_by(Event.starts_at)
                                .limit(MONTH_LIMIT))
    days: dict[date, list[Event]] = {}
    for event in events:
        day = event.starts_at.astimezone(event.zone).date()
        last = (event.ends_at - timedelta(seconds=1)).astimezone(event.zone).date()
        while day <= last:
            if (day.year, day.month) == (month.year, month.month):
                days.setdefault(day, []).append(event)
            day += timedelta(days=1)
    return days


def countries_with_events() -> list[str]:
    """Countries that have upcoming public events (for the filter)."""
    now = utcnow()
    stmt = (public().where(Event.ends_at > now, Event.country.is_not(None))
            .with_only_columns(Event.country).distinct())
    next_end = public().where(Event.ends_at > now).with_only_columns(sa.func.min(Event.ends_at))
    # Kept until the events change or the next one ends (its country may then leave).
    return table_cache.remember(stmt, lambda: list(db.session.scalars(stmt)),
                                key=("events.countries",),
                                until=lambda: db.session.scalar(next_end))


def approved_upcoming(since: datetime | None = None, until: datetime | None = None,
                      country: str | None = None, organisation_ids=None,
                      limit: int | None = 50) -> list[Event]:
    """Public, not cancelled events that have not ended, soonest first (the weekly digest
    reads this): optionally starting before `until`, published (approved) after `since`,
    in one country or by some organisations."""
    stmt = public().where(Event.cancelled_at.is_(None), Event.ends_at > utcnow())
    if since is not None:
        stmt = stmt.where(Event.reviewed_at >= since)
    if until is not None:
        stmt = stmt.where(Event.starts_at < until)
    if country:
        stmt = stmt.where(Event.country == country)
    if organisation_ids is not None:
        stmt = stmt.where(Event.organisation_id.in_(list(organisation_ids)))
    stmt = stmt.order_by(Event.starts_at, Event.id)
    return list(db.session.scalars(stmt.limit(limit) if limit else stmt))


def of_organisation(org: Organisation, include_unpublished: bool,
                    limit: int = 10) -> list[Event]:
    """An organisation's events that have not ended (its editors also see those in review)."""
    stmt = sa.select(Event).where(Event.organisation_id == org.id, Event.ends_at > utcnow())
    if not include_unpublished:
        stmt = stmt.where(Event.status == S.APPROVED)
    return list(db.session.scalars(stmt.order_by(Event.starts_at).limit(limit)))


def feed(organisation_id: int | None = None, country: str | None = None) -> list[Event]:
    """Events for a subscribed calendar: upcoming and recent, cancelled ones included (so
    calendar apps remove them)."""
    since = utcnow() - timedelta(days=FEED_PAST_DAYS)
    stmt = public().where(Event.ends_at > since)
    if organisation_id is not None:
        stmt = stmt.where(Event.organisation_id == organisation_id)
    if country is not None:
        stmt = stmt.where(Event.country == country)
    return list(db.session.scalars(stmt.order_by(Event.starts_at).limit(FEED_LIMIT)))


def attendees(event: Event) -> list[Registration]:
    """Confirmed, then the waitlist in order (the user comes with each row)."""
    stmt = (sa.select(Registration).where(Registration.event_id == event.id,
                                          Registration.status != R.CANCELLED)
            .order_by(Registration.status, Registration.queued_at, Registration.id))
    return list(db.session.scalars(stmt))


def messages(event: Event) -> list[EventMessage]:
    return list(db.session.scalars(sa.select(EventMessage).where(
        EventMessage.event_id == event.id).order_by(EventMessage.id.desc()).limit(20)))


def mine(user) -> list[Registration]:
    """The member's registrations for events that have not ended."""
    stmt = (sa.select(Registration).join(Registration.event)
            .where(Registration.user_id == user.id, Registration.status != R.CANCELLED,
                   Event.ends_at > utcnow())
            .order_by(Event.starts_at))
    return list(db.session.scalars(stmt))


def managed(user, organisation_ids: list[int]) -> list[Event]:
    """Events the user organises: their organisations' and, for staff, the Council's."""
    conditions = [Event.organisation_id.in_(organisation_ids)] if organisation_ids else []
    if user.acts_as_staff:
        conditions.append(Event.organisation_id.is_(None))
    if not conditions:
        return []
    stmt = sa.select(Event).where(sa.or_(*conditions)).order_by(Event.starts_at.desc())
    return list(db.session.scalars(stmt.limit(100)))


def open_data(batch: int = 500):
    """Every public event, streamed in id order (never the online link)."""
    return db.session.scalars(public().order_by(Event.id).execution_options(yield_per=batch))
