"""Events declare themselves to moderation and search (neither has event-specific code), the
wording of event notifications, and what "download my data" holds of registrations."""

from __future__ import annotations

from functools import cache

import sqlalchemy as sa
from flask_babel import force_locale

from diaspora_platform import page_cache
from diaspora_platform.accounts import personal_data
from diaspora_platform.community.events.display import resolve
from diaspora_platform.community.events.models import Event, EventKind, Registration
from diaspora_platform.community.follows.services import notify_followers
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l
from diaspora_platform.moderation.models import ModerationDecision
from diaspora_platform.moderation.registry import ContentType, register
from diaspora_platform.moderation.vocabulary import Decision
from diaspora_platform.notifications.services import register_kind
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.organisations.queries import where_user_may
from diaspora_platform.search import registry as search_registry
from diaspora_platform.search.registry import Audience, Document, SearchType
from diaspora_platform.text import markdown_text
from diaspora_platform.translations import registry as translation_registry
from diaspora_platform.translations.registry import TranslatableType


def event_url(event: Event) -> str:
    return f"/events/{event.id}"


def _author(event: Event):
    from diaspora_platform.accounts.models import User

    return db.session.get(User, event.created_by_id) if event.created_by_id else None


def _notes(event: Event) -> list[str]:
    if event.organisation is None:
        return [str(_l("An event of the Coordination Council."))]
    return [str(_l("Organised by “%(org)s” (%(status)s).", org=event.organisation.name,
                   status=event.organisation.status_title))]


def _on_decision(event: Event, decision) -> None:
    """An event that becomes public is announced to the followers of its organiser and of
    its country (inside the decision's transaction, so a rollback tells nobody)."""
    if Decision(decision) != Decision.APPROVE or event.is_cancelled:
        return
    if event.organisation is not None and not event.organisation.is_public:
        return
    approvals = db.session.scalar(sa.select(sa.func.count(ModerationDecision.id)).where(
        ModerationDecision.content_type == "event", ModerationDecision.object_id == event.id,
        ModerationDecision.decision == Decision.APPROVE))
    if approvals > 1:
        return  # approved before (an edit went back to review): announced then
    source = event.organisation.name if event.organisation else str(_l("Coordination Council"))
    notify_followers(organisation=event.organisation, country=event.country,
                     kind="follows.event", link=event_url(event), exclude=[event.created_by_id],
                     source=source, title=event.title)


register(ContentType(
    key="event", model=Event, title=_l("Event"), label=lambda event: event.title,
    url=event_url, author=_author, country="country", notes=_notes,
    on_decision=_on_decision,
))


@cache
def _kind_words(kind: str) -> str:
    """The kind in all three languages, so "concert", "вечер" and "шом" all find events."""
    words = []
    for lang in ("tg", "ru", "en"):
        with force_locale(lang):
            words.append(EventKind(kind).title)
    return " ".join(words)


def _search_document(event: Event) -> Document | None:
    """Approved events of approved organisers for everybody; ones in review for staff;
    cancelled ones for nobody (their page stays, but nobody should find them as if they
    were on). The online link is never indexed."""
    if event.is_cancelled:
        return None
    org_public = event.organisation is None or event.organisation.is_public
    if event.status == "approved" and org_public:
        audience = Audience.PUBLIC
    elif event.status == "pending":
        audience = Audience.STAFF
    else:
        return None
    keywords = " ".join(filter(None, [event.city, event.address, event.host_name,
                                      _kind_words(event.kind),
                                      event.starts_at.astimezone(event.zone).strftime("%Y-%m-%d")]))
    return Document(title=event.title, body=markdown_text(event.description),
                    url=event_url(event), audience=audience, country=event.country or "",
                    languages=tuple(event.language_list), keywords=keywords)


search_registry.register(SearchType(key="event", model=Event, title=_l("Event"),
                                    document=_search_document))


def _events_of(org: Organisation) -> list[int]:
    return list(db.session.scalars(sa.select(Event.id).where(
        Event.organisation_id == org.id)))


search_registry.register_dependents(Organisation, "event", _events_of)

register_kind("events.registered",
              _l("You are registered for “%(title)s”, %(when)s. %(where)s"),
              _l("You are registered for an event"), resolve, category="registrations")
register_kind("events.waitlisted",
              _l("“%(title)s” is full: you are number %(position)s on the waitlist. We will "
                 "tell you if a seat becomes free."),
              _l("You are on the waitlist for an event"), resolve, category="registrations")
register_kind("events.promoted",
              _l("A seat became free: you are now registered for “%(title)s”, %(when)s. "
                 "%(where)s"),
              _l("A seat became free: you are registered"), resolve, category="registrations")
register_kind("events.reminder",
              _l("Reminder: “%(title)s” begins %(when)s. %(where)s"),
              _l("Reminder: your event is coming up"), resolve, category="registrations")
register_kind("events.cancelled",
              _l("Cancelled: “%(title)s”, planned for %(when)s. Message from the organisers: "
                 "%(reason)s"),
              _l("An event you registered for is cancelled"), resolve, category="registrations")
register_kind("events.changed",
              _l("Changed: “%(title)s” is now %(when)s. %(where)s"),
              _l("An event you registered for has changed"), resolve, category="registrations")
register_kind("events.message",
              _l("Message from the organisers of “%(title)s”: %(message)s"),
              _l("A message about your event"), resolve, category="registrations")


def _export(user) -> list[dict]:
    rows = db.session.scalars(sa.select(Registration).where(Registration.user_id == user.id)
                              .order_by(Registration.id))
    return [{"event_id": r.event_id, "event": r.event.title, "status": r.status,
             "registered_at": r.created_at.isoformat(),
             "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None}
            for r in rows]


def _erase(user) -> None:
    from diaspora_platform.community.events.registration import release_all

    release_all(user)


personal_data.register("event_registrations", _export, _erase)

# Event pages show the seats left.
page_cache.watch(Registration)


def _after_translation(event: Event) -> None:
    """A new language version of a public event is reviewed like the owner's own edit."""
    if event.status == "approved":
        from diaspora_platform.moderation import services as moderation

        moderation.submit(event)


translation_registry.register(TranslatableType(
    key="event", model=Event, title=_l("Event"), url=lambda event: f"/events/{event.id}",
    can_decide=lambda user, event: event.can_edit(user),
    is_public=lambda event: event.can_view(None),
    public_filter=lambda: Event.status == "approved", after_change=_after_translation,
    decidable=lambda user: where_user_may(Event.organisation_id, user, "publish",
                                          council_for_staff=True)))
