"""Expert profiles declare themselves to search (search has no expert code). Only a
profile everyone may see is found, by everyone: a profile for members or project owners,
or of a deleted or suspended account, is not in the index at all. The document holds
only what the profile page shows an anonymous visitor, never the email or phone."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import force_locale

from diaspora_platform.accounts.models import User
from diaspora_platform.experts.models import ExpertProfile, Visibility
from diaspora_platform.extensions import db
from diaspora_platform.i18n import LANGUAGES, _l, language_name
from diaspora_platform.projects import vocabulary
from diaspora_platform.search import registry as search_registry
from diaspora_platform.search.registry import Audience, Document, SearchType
from diaspora_platform.text import markdown_text
from diaspora_platform.translations import registry as translation_registry
from diaspora_platform.translations.registry import TranslatableType


def _words(profile: ExpertProfile) -> str:
    """Skills, sectors and working languages in all three languages, so "hydrology",
    "гидрология" and "гидрологӣ" all find the expert; and the expert's own keywords."""
    words = list(profile.keyword_list)
    for lang in LANGUAGES:
        with force_locale(lang):
            words += [vocabulary.skill_label(key) for key in profile.skills]
            words += [vocabulary.sector_label(key) for key in profile.sectors]
        words += [language_name(code, lang) for code in profile.languages]
    return " ".join(dict.fromkeys(words))


def _search_document(profile: ExpertProfile) -> Document | None:
    """Public profiles of active accounts for everybody; nothing else (the page of any
    other profile is hidden from anonymous visitors, so search must not reveal it)."""
    user = profile.user
    if profile.visibility != Visibility.PUBLIC or user is None or not user.is_active:
        return None
    headlines, cvs = profile.versions("headline"), profile.versions("cv")
    titles = {lang: f"{user.display_name} — {text}" for lang, text in headlines.items()}
    bodies = {lang: " ".join(filter(None, [text, markdown_text(cvs.get(lang, ""))]))
              for lang, text in headlines.items()}
    return Document(title=titles, body=bodies, url=f"/experts/{profile.id}",
                    audience=Audience.PUBLIC, languages=tuple(profile.languages),
                    keywords=_words(profile))


search_registry.register(SearchType(key="expert", model=ExpertProfile, title=_l("Expert"),
                                    document=_search_document))


def _profiles_of(user: User) -> list[int]:
    """The profile follows its member's name, deletion and suspension."""
    return list(db.session.scalars(sa.select(ExpertProfile.id).where(
        ExpertProfile.user_id == user.id)))


search_registry.register_dependents(User, "expert", _profiles_of)


def _is_public(profile: ExpertProfile) -> bool:
    return (profile.visibility == Visibility.PUBLIC and profile.user is not None
            and profile.user.is_active)


# A member may propose the summary in a language the expert did not write; the expert
# decides (a profile is not moderated, so an accepted version is public at once).
translation_registry.register(TranslatableType(
    key="expert", model=ExpertProfile, title=_l("Expert"),
    url=lambda profile: f"/experts/{profile.id}",
    can_decide=lambda user, profile: getattr(user, "id", None) == profile.user_id,
    is_public=_is_public, public_filter=lambda: ExpertProfile.visibility == Visibility.PUBLIC,
    owner_ids=lambda profile: [profile.user_id],
    decidable=lambda user: ExpertProfile.user_id == user.id))
