"""Which content can be translated by the community: each domain registers its
translatable models here (from its content.py), with who decides on a proposal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TranslatableType:
    key: str
    model: type
    title: object  # lazy string: "News", "Fund campaign"
    url: Callable[[object], str]
    can_decide: Callable[[object, object], bool]  # (user, item): owner, or staff
    is_public: Callable[[object], bool]
    public_filter: Callable[[], object]  # SQL condition selecting the public rows
    after_change: Callable[[object], None] = field(default=lambda item: None)
    owner_ids: Callable[[object], list[int]] = field(default=lambda item: [])
    # user -> SQL condition on `model` selecting the rows the user may decide on (the
    # same rule as `can_decide`, for the inbox to filter in the database); None: staff
    # decide on every row, nobody else on any.
    decidable: Callable[[object], object] | None = None


_types: dict[str, TranslatableType] = {}


def register(kind: TranslatableType) -> None:
    _types[kind.key] = kind


def get(key: str) -> TranslatableType | None:
    return _types.get(key)


def key_of(item) -> str | None:
    """The registered key of an item's model, if it is translatable by the community."""
    return next((kind.key for kind in _types.values() if isinstance(item, kind.model)), None)


def all_types() -> list[TranslatableType]:
    return list(_types.values())
