"""Organisations declare themselves to the platform's shared mechanisms: moderation, search."""

from __future__ import annotations

from functools import cache

from flask_babel import force_locale

from diaspora_platform import page_cache
from diaspora_platform.accounts import personal_data
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _, _l
from diaspora_platform.moderation.registry import ContentType, register
from diaspora_platform.organisations import services
from diaspora_platform.organisations.models import (
    Kind,
    Membership,
    Organisation,
    OrganisationChange,
)
from diaspora_platform.organisations.queries import where_user_may
from diaspora_platform.search import registry as search_registry
from diaspora_platform.search.registry import Audience, Document, SearchType
from diaspora_platform.text import markdown_text
from diaspora_platform.translations import registry as translation_registry
from diaspora_platform.translations.registry import TranslatableType


def _author(item):
    from diaspora_platform.accounts.models import User

    user_id = getattr(item, "created_by_id", None) or getattr(item, "requested_by_id", None)
    return db.session.get(User, user_id) if user_id else None


def _duplicate_notes(org: Organisation) -> list[str]:
    notes = []
    for other_id in org.duplicate_ids:
        other = db.session.get(Organisation, other_id)
        if other is not None:
            notes.append(_("Possible duplicate of “%(name)s” (%(city)s), #%(id)d.",
                           name=other.name, city=other.city, id=other.id))
    return notes


def _change_notes(change: OrganisationChange) -> list[str]:
    org = change.organisation
    notes = []
    if change.name != org.name:
        notes.append(_("Name: “%(old)s” → “%(new)s”", old=org.name, new=change.name))
    old_versions, new_versions = org.versions("name"), change.versions("name")
    for lang in sorted(set(old_versions) | set(new_versions)):
        if old_versions.get(lang) != new_versions.get(lang) and (
                lang not in (org.language, change.language)):
            notes.append(_("Name (%(language)s): “%(old)s” → “%(new)s”",
                           language=lang.upper(), old=old_versions.get(lang, ""),
                           new=new_versions.get(lang, "")))
    if change.kind != org.kind:
        notes.append(_("Kind: %(old)s → %(new)s", old=Kind(org.kind).title,
                       new=Kind(change.kind).title))
    if change.country != org.country:
        notes.append(_("Country: %(old)s → %(new)s", old=org.country, new=change.country))
    return notes


register(ContentType(
    key="organisation", model=Organisation, title=_l("Organisation"),
    label=lambda org: org.name, url=lambda org: f"/organisations/{org.id}",
    author=_author, country="country", notes=_duplicate_notes,
))
register(ContentType(
    key="organisation-change", model=OrganisationChange,
    title=_l("Change to an organisation"),
    label=lambda change: change.organisation.name,
    url=lambda change: f"/organisations/{change.organisation_id}",
    author=_author, country="country", on_decision=services.apply_change,
    # A proposed change is the organisation's business until staff apply it.
    visible=lambda change, user: (change.organisation.can(user, "edit")
                                  or bool(getattr(user, "acts_as_staff", False))),
    notes=_change_notes,
))


@cache
def _kind_words(kind: str) -> str:
    """The kind in all three languages, so "school", "школа" and "мактаб" all find it."""
    words = []
    for lang in ("tg", "ru", "en"):
        with force_locale(lang):
            words.append(Kind(kind).title)
    return " ".join(words)


def _search_document(org: Organisation) -> Document | None:
    """Approved organisations for everybody; ones in review for Council staff only."""
    audience = {"approved": Audience.PUBLIC, "pending": Audience.STAFF}.get(org.status)
    if audience is None:
        return None
    names = org.versions("name")
    bodies = {lang: markdown_text(text) for lang, text in org.versions("description").items()}
    keywords = " ".join(filter(None, [org.name, *names.values(), org.city,
                                      _kind_words(org.kind)]))
    return Document(title=names or org.name, body=bodies or "",
                    url=f"/organisations/{org.id}",
                    audience=audience, country=org.country,
                    languages=tuple(org.language_list), keywords=keywords)


search_registry.register(SearchType(key="organisation", model=Organisation,
                                    title=_l("Organisation"), document=_search_document))


def _export_memberships(user) -> list[dict]:
    import sqlalchemy as sa

    from diaspora_platform.organisations.models import Membership

    rows = db.session.execute(sa.select(Membership, Organisation.name).join(
        Organisation, Organisation.id == Membership.organisation_id).where(
        Membership.user_id == user.id).order_by(Membership.id)).all()
    return [{"organisation": name, "role": m.role, "status": m.status,
             "message": m.message, "since": m.created_at.isoformat()} for m, name in rows]


personal_data.register("organisation_memberships", _export_memberships)

# Organisation pages show their members.
page_cache.watch(Membership)


translation_registry.register(TranslatableType(
    key="organisation", model=Organisation, title=_l("Organisation"),
    url=lambda org: f"/organisations/{org.id}",
    can_decide=lambda user, org: bool(getattr(user, "is_authenticated", False))
    and org.can(user, "edit"),
    is_public=lambda org: org.is_public,
    public_filter=lambda: Organisation.status == "approved",
    after_change=services.review_new_name_versions,
    decidable=lambda user: where_user_may(Organisation.id, user, "edit")))
