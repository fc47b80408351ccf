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
    body = " ".join(filter(None, [profile.headline, markdown_text(profile.cv)]))
    return Document(title=f"{user.display_name} — {profile.headline}",
                    body=body, url=f"/experts/{profile.id}",
                    audience=Audience.PUBLIC, languages=tuple(profile.languages),
                    keywords=_words(profile))


search_registry.register(SearchType(key="expert", model=ExpertProfile, title=_l("Expert"),
                                    document=_search_document))


def _profiles_of(user: User) -> list[int]:
    """The profile follows its member's name, deletion and suspension."""
    return list(db.session.scalars(sa.select(ExpertProfile.id).where(
        ExpertProfile.user_id == user.id)))


search_registry.register_dependents(User, "expert", _profiles_of)
