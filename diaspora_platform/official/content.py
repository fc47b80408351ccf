"""Official bodies declare themselves to search; search has no code of its own for them."""

from __future__ import annotations

from functools import cache

from flask_babel import force_locale

from diaspora_platform.i18n import LANGUAGES, _l
from diaspora_platform.official.models import OfficialBody
from diaspora_platform.official.vocabulary import OfficeKind, Service
from diaspora_platform.search import registry as search_registry
from diaspora_platform.search.registry import Audience, Document, SearchType


@cache
def _words(kind: str, services: str) -> str:
    """Kind and services in all three languages, so "embassy", "посольство" and the Tajik
    word all find an embassy."""
    words = []
    for lang in LANGUAGES:
        with force_locale(lang):
            words.append(OfficeKind(kind).title)
            words.extend(Service(code).title for code in services.split(",") if code)
    return " ".join(words)


def _search_document(office: OfficialBody) -> Document | None:
    """Every office in the public network; archived ones nobody finds."""
    if not office.is_public:
        return None
    names = {lang: getattr(office, f"name_{lang}") for lang in LANGUAGES
             if getattr(office, f"name_{lang}")}
    body = {lang: office.hours_in(lang) or office.address for lang in names}
    keywords = " ".join(filter(None, [office.city, office.address,
                                      _words(office.kind, office.services)]))
    return Document(title=names, body=body, url=f"/official/{office.id}",
                    audience=Audience.PUBLIC, country=office.country,
                    languages=tuple(office.language_list), keywords=keywords)


search_registry.register(SearchType(key="official", model=OfficialBody,
                                    title=_l("Official body"), document=_search_document))
