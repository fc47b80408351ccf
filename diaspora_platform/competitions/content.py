"""Entries declare themselves to moderation (the eligibility check) and to search (once
results are published); the wording of competition notifications."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform import page_cache
from diaspora_platform.accounts import personal_data
from diaspora_platform.accounts.models import User
from diaspora_platform.competitions import entries
from diaspora_platform.competitions.models import (
    Competition,
    Criterion,
    Edition,
    EditionState,
    Entry,
)
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l, current_language
from diaspora_platform.moderation import notices
from diaspora_platform.moderation.registry import ContentType, register
from diaspora_platform.notifications.services import register_kind
from diaspora_platform.search import registry as search_registry
from diaspora_platform.search.registry import Audience, Document, SearchType
from diaspora_platform.text import markdown_text
from diaspora_platform.translations import registry as translation_registry
from diaspora_platform.translations.registry import TranslatableType


def _notes(entry: Entry) -> list[str]:
    return [str(_l("Entry to %(edition)s by %(entrant)s.",
                   edition=entry.edition.title(current_language()),
                   entrant=entry.entrant_name))]


register(ContentType(
    key="competition-entry", model=Entry, title=_l("Competition entry"),
    label=lambda entry: entry.title, url=lambda entry: f"/competitions/entries/{entry.id}",
    author=lambda entry: entry.user, country="country", notes=_notes,
    notices="competition-entry", visible=lambda entry, user: entries.can_read(user, entry),
))

register_kind("competition-entry.approve",
              _l("Eligible: your entry “%(label)s” was accepted for judging."),
              _l("Your competition entry was accepted"), notices.resolve, category="decisions")
register_kind("competition-entry.reject",
              _l("Not eligible: your entry “%(label)s”. Reason: %(reason)s. %(note)s"),
              _l("Your competition entry is not eligible"), notices.resolve, category="decisions")
register_kind("competition-entry.hide",
              _l("Hidden: your entry “%(label)s”. Reason: %(reason)s. %(note)s"),
              _l("Your content was hidden"), notices.resolve, category="decisions")
register_kind("competition-entry.restore",
              _l("Restored: your entry “%(label)s”."),
              _l("Your content is public again"), notices.resolve, category="decisions")
register_kind("competition.submitted",
              _l("Submitted: your entry “%(title)s” to %(edition)s. You will hear from the "
                 "Council after the eligibility check."),
              _l("Your competition entry was submitted"), category="registrations")
register_kind("competition.reminder",
              _l("Reminder: entries of %(edition)s wait for your scores."),
              _l("Entries wait for your scores"), category="registrations")


def _document(entry: Entry) -> Document | None:
    """Ranked entries of published editions, for everybody; nothing before."""
    edition = entry.edition
    if edition.state != EditionState.PUBLISHED or entry.rank is None:
        return None
    names = {lang: edition.title(lang) for lang in ("tg", "ru", "en")}
    keywords = " ".join([*names.values(), entry.entrant_name])
    return Document(title=entry.title, body=markdown_text(entry.statement),
                    url=f"/competitions/entries/{entry.id}", audience=Audience.PUBLIC,
                    country=_public_country(entry), keywords=keywords)


def _public_country(entry: Entry) -> str:
    """A person's entry shows their country only while their profile shows it to everyone
    (they may have hidden it since entering)."""
    if entry.user is not None and entry.entrant_key == f"user:{entry.user_id}":
        return entry.user.public_value("country") or ""
    return entry.country


search_registry.register(SearchType(key="competition-entry", model=Entry,
                                    title=_l("Competition entry"), document=_document))


def _entries_of(edition: Edition) -> list[int]:
    return list(db.session.scalars(sa.select(Entry.id).where(
        Entry.edition_id == edition.id)))


search_registry.register_dependents(Edition, "competition-entry", _entries_of)


def _entries_by(user: User) -> list[int]:
    """A person's entries follow the visibility of their country."""
    return list(db.session.scalars(sa.select(Entry.id).where(
        Entry.entrant_key == f"user:{user.id}")))


search_registry.register_dependents(User, "competition-entry", _entries_by)


def _export_entries(user) -> list[dict]:
    rows = db.session.scalars(sa.select(Entry).where(Entry.user_id == user.id)
                              .order_by(Entry.id))
    return [{"id": e.id, "edition": e.edition.title("en"), "entrant": e.entrant_name,
             "title": e.title, "statement": e.statement, "answers": e.answers,
             "state": e.status, "withdrawn": e.is_withdrawn, "rank": e.rank,
             "award": e.award} for e in rows]


def _erase_entries(user) -> None:
    """A person's own entries lose the name; organisations' entries keep theirs."""
    for entry in db.session.scalars(sa.select(Entry).where(
            Entry.user_id == user.id, Entry.entrant_key == f"user:{user.id}")):
        entry.entrant_name = "—"


personal_data.register("competition_entries", _export_entries, _erase_entries)

# The competitions page shows editions and their state.
page_cache.watch(Competition, Edition, Criterion)

# Members may propose an edition's rules and results notes in a missing language; Council
# staff decide (editions are the Council's content).
translation_registry.register(TranslatableType(
    key="competition-edition", model=Edition, title=_l("Competition edition"),
    url=lambda edition: f"/competitions/{edition.competition.key}/{edition.year}",
    can_decide=lambda user, edition: bool(getattr(user, "acts_as_staff", False)),
    is_public=lambda edition: edition.state != EditionState.DRAFT,
    public_filter=lambda: Edition.state != EditionState.DRAFT))
