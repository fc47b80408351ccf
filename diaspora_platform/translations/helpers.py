"""Template helpers: whether an item can be translated by the community, and its credits."""

from __future__ import annotations

from flask_login import current_user

from diaspora_platform.translations import queries, registry
from diaspora_platform.translations.blueprint import bp


@bp.app_template_global()
def translation_key(item) -> str | None:
    return registry.key_of(item)


@bp.app_template_global()
def translation_credits(item) -> list:
    return queries.credits(item)


@bp.app_template_global()
def translations_waiting(item) -> int:
    """Proposals for this item waiting for the signed-in reader's decision (0 for others)."""
    kind = registry.get(registry.key_of(item) or "")
    if kind is None or not current_user.is_authenticated or not kind.can_decide(current_user,
                                                                                 item):
        return 0
    return queries.waiting_count(kind.key, item.id)
