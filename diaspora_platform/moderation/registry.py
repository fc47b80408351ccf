"""The moderation registry: where content types declare themselves moderatable.

Moderation's own code never imports a domain; a domain registers its types here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from diaspora_platform.errors import DomainError


@dataclass(frozen=True)
class ContentType:
    """How moderation sees one kind of content.

    key        stable identifier stored in reports and the log ("organisation")
    model      SQLAlchemy model using ModerationMixin
    title      translated name of the kind (lazy string)
    label      item -> short display name for staff and notifications
    url        item -> where staff (and, once approved, everybody) see it
    author     item -> the user told of decisions (or None)
    country    name of the model's ISO country column, for queue filters (or None)
    on_decision  optional hook(item, decision) run inside the decision's transaction
    notes      optional item -> list of strings shown to staff in the queue (e.g. duplicates)
    notices    prefix of the notification kinds telling the author of decisions
               ("moderation": approved = now public); a type whose approval means something
               else registers its own wording ("<prefix>.approve", ".reject", ...)
    visible    optional (item, user) -> whether the user may see the item; without it the
               model's own `can_view(user)`. A type must have one or the other: moderation
               shows a member (e.g. on the report form) only what they may see.
    """

    key: str
    model: type
    title: object
    label: Callable
    url: Callable
    author: Callable
    country: str | None = None
    on_decision: Callable | None = None
    notes: Callable | None = field(default=None)
    notices: str = "moderation"
    visible: Callable | None = None

    def can_view(self, item, user) -> bool:
        """Whether `user` may see `item` (the domain's own rule)."""
        return bool(self.visible(item, user) if self.visible else item.can_view(user))


_TYPES: dict[str, ContentType] = {}


def register(content_type: ContentType) -> ContentType:
    if content_type.visible is None and not hasattr(content_type.model, "can_view"):
        raise ValueError(f"moderation type {content_type.key!r} needs a visibility rule")
    existing = _TYPES.get(content_type.key)
    if existing is not None and existing.model is not content_type.model:
        raise ValueError(f"moderation type {content_type.key!r} is already registered")
    _TYPES[content_type.key] = content_type
    return content_type


def get(key: str) -> ContentType:
    try:
        return _TYPES[key]
    except KeyError as exc:
        raise DomainError("unknown content type") from exc


def all_types() -> list[ContentType]:
    return list(_TYPES.values())


def type_of(item) -> ContentType:
    for content_type in _TYPES.values():
        if isinstance(item, content_type.model):
            return content_type
    raise DomainError("not a moderated content type")
