"""Places declare themselves to moderation and search; neither has place-specific code."""

from __future__ import annotations

from functools import cache

from flask_babel import force_locale

from diaspora_platform import page_cache
from diaspora_platform.directory.models import Place, PlacePhoto
from diaspora_platform.directory.vocabulary import PlaceKind, Variant
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l
from diaspora_platform.moderation.registry import ContentType, register
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.organisations.queries import where_user_may
from diaspora_platform.search import registry as search_registry
from diaspora_platform.search.registry import Audience, Document, SearchType
from diaspora_platform.text import markdown_text
from diaspora_platform.translations import registry as translation_registry
from diaspora_platform.translations.registry import TranslatableType


def _author(place: Place):
    from diaspora_platform.accounts.models import User

    return db.session.get(User, place.created_by_id) if place.created_by_id else None


def _notes(place: Place) -> list[str]:
    return [str(_l("Listed by “%(org)s” (%(status)s).", org=place.organisation.name,
                   status=place.organisation.status_title))]


register(ContentType(
    key="place", model=Place, title=_l("Place"), label=lambda place: place.name,
    url=lambda place: f"/directory/{place.id}", author=_author, country="country",
    notes=_notes,
))


@cache
def _words(kind: str, variant: str | None) -> str:
    """Kind and variant in all three languages, so "school", "школа" and "мактаб" match."""
    words = []
    for lang in ("tg", "ru", "en"):
        with force_locale(lang):
            words.append(PlaceKind(kind).title)
            if variant:
                words.append(Variant(variant).title)
    return " ".join(words)


def _search_document(place: Place) -> Document | None:
    """Approved places of approved organisations for everybody; ones in review for staff."""
    if place.status == "approved" and place.organisation.status == "approved":
        audience = Audience.PUBLIC
    elif place.status == "pending":
        audience = Audience.STAFF
    else:
        return None
    keywords = " ".join(filter(None, [place.city, place.address, place.organisation.name,
                                      _words(place.kind, place.variant)]))
    return Document(title=place.name, body=markdown_text(place.description),
                    url=f"/directory/{place.id}",
                    audience=audience, country=place.country,
                    languages=tuple(place.language_list), keywords=keywords)


search_registry.register(SearchType(key="place", model=Place, title=_l("Place"),
                                    document=_search_document))


def _places_of(org) -> list[int]:
    import sqlalchemy as sa

    return list(db.session.scalars(sa.select(Place.id).where(
        Place.organisation_id == org.id)))


search_registry.register_dependents(Organisation, "place", _places_of)

# Place pages show their photos.
page_cache.watch(PlacePhoto)


def _after_translation(place: Place) -> None:
    """A new language version of a listed place is reviewed like the owner's own edit."""
    if place.status == "approved":
        from diaspora_platform.moderation import services as moderation

        moderation.submit(place)


translation_registry.register(TranslatableType(
    key="place", model=Place, title=_l("Place"), url=lambda place: f"/directory/{place.id}",
    can_decide=lambda user, place: bool(getattr(user, "is_authenticated", False))
    and place.can_edit(user),
    is_public=lambda place: place.can_view(None),
    public_filter=lambda: Place.status == "approved", after_change=_after_translation,
    decidable=lambda user: where_user_may(Place.organisation_id, user, "edit")))
