"""Resources declare themselves to moderation and search."""

from __future__ import annotations

from functools import cache

import sqlalchemy as sa
from flask_babel import force_locale

from diaspora_platform.community.resources.models import (
    Resource,
    ResourceAudience,
    ResourceKind,
)
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


def _author(item: Resource):
    from diaspora_platform.accounts.models import User

    return db.session.get(User, item.created_by_id) if item.created_by_id else None


register(ContentType(
    key="resource", model=Resource, title=_l("Resource"), label=lambda item: item.title,
    url=lambda item: f"/resources/{item.id}", author=_author,
))


@cache
def _words(kind: str, audience: str) -> str:
    """Kind and audience in all three languages, so "textbook" finds "китоби дарсӣ"."""
    words = []
    for lang in ("tg", "ru", "en"):
        with force_locale(lang):
            words += [ResourceKind(kind).title, ResourceAudience(audience).title]
    return " ".join(words)


def _search_document(item: Resource) -> Document | None:
    public_org = item.organisation is None or item.organisation.status == "approved"
    if item.status == "approved" and public_org:
        audience = Audience.PUBLIC
    elif item.status == "pending":
        audience = Audience.STAFF
    else:
        return None
    keywords = " ".join(filter(None, [item.organisation.name if item.organisation else "",
                                      _words(item.kind, item.audience)]))
    bodies = {lang: markdown_text(text)[:2000]
              for lang, text in item.versions("description").items()}
    return Document(title=item.versions("title") or item.title, body=bodies or "",
                    url=f"/resources/{item.id}", audience=audience,
                    languages=(item.material_language,), keywords=keywords)


search_registry.register(SearchType(key="resource", model=Resource, title=_l("Resource"),
                                    document=_search_document))


def _resources_of(org) -> list[int]:
    return list(db.session.scalars(sa.select(Resource.id).where(
        Resource.organisation_id == org.id)))


search_registry.register_dependents(Organisation, "resource", _resources_of)


def _after_translation(item: Resource) -> None:
    """A new language version of an organisation's public resource is reviewed like the
    owner's own edit (Council resources are published by staff directly)."""
    if item.status == "approved" and not item.is_council:
        from diaspora_platform.moderation import services as moderation

        moderation.submit(item)


def _can_decide(user, item: Resource) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and item.can_edit(user)


translation_registry.register(TranslatableType(
    key="resource", model=Resource, title=_l("Resource"),
    url=lambda item: f"/resources/{item.id}", can_decide=_can_decide,
    is_public=lambda item: item.can_view(None),
    public_filter=lambda: Resource.status == "approved", after_change=_after_translation,
    decidable=lambda user: where_user_may(Resource.organisation_id, user, "publish",
                                          council_for_staff=True)))
