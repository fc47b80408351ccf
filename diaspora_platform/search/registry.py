"""The search registry: where content types declare what they put in the index.

Search's own code never imports a domain; a domain registers its types here, the way it
registers with moderation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Audience(StrEnum):
    """Who may find a document: everybody, or Council staff only (e.g. items in review)."""

    PUBLIC = "public"
    STAFF = "staff"


@dataclass(frozen=True)
class Document:
    """What the index holds of one object (original text: display and highlighting).

    `title` and `body` are one text, or one per language ({"tg": ..., "ru": ..., "en": ...},
    the author's language first) when the content has versions: every version is
    searched, and a reader is shown the title and snippet in their language when it exists,
    else the first. `titles` gives further names in other languages (an organisation's)."""

    title: str | dict[str, str]
    body: str | dict[str, str]  # shown as the snippet
    url: str
    audience: Audience
    country: str = ""
    languages: tuple[str, ...] = ()
    titles: dict | None = None  # the title in other languages: {"tg": ..., "ru": ...}
    keywords: str = ""  # also searched, never shown (other names, city, kind in 3 languages)


@dataclass(frozen=True)
class SearchType:
    """How search sees one kind of content.

    key       stable identifier, also the type filter ("organisation")
    model     SQLAlchemy model
    title     translated name of the kind (lazy string), shown as the result's badge
    document  object -> Document, or None when nobody may find it (rejected, deleted ...)
    """

    key: str
    model: type
    title: object
    document: Callable


_TYPES: dict[str, SearchType] = {}


def register(search_type: SearchType) -> SearchType:
    existing = _TYPES.get(search_type.key)
    if existing is not None and existing.model is not search_type.model:
        raise ValueError(f"search type {search_type.key!r} is already registered")
    _TYPES[search_type.key] = search_type
    return search_type


def get(key: str) -> SearchType | None:
    return _TYPES.get(key)


def all_types() -> list[SearchType]:
    return list(_TYPES.values())


def type_of(obj) -> SearchType | None:
    for search_type in _TYPES.values():
        if isinstance(obj, search_type.model):
            return search_type
    return None


# When an object of `model` changes, documents of another type may change with it (a
# place is public only while its organisation is): (model, type key, object -> ids).
_DEPENDENTS: list[tuple[type, str, Callable]] = []


def register_dependents(model: type, key: str, ids: Callable) -> None:
    """Re-index `key` documents `ids(obj)` whenever an object of `model` changes."""
    if (model, key, ids) not in _DEPENDENTS:
        _DEPENDENTS.append((model, key, ids))


def dependents(obj) -> list[tuple[str, int]]:
    return [(key, object_id) for model, key, ids in _DEPENDENTS if isinstance(obj, model)
            for object_id in ids(obj)]
