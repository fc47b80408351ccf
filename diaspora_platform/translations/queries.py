"""Reads: the proposals waiting for a member's decision, credits, and how much of the
public content exists in all three languages."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform import table_cache
from diaspora_platform.extensions import db
from diaspora_platform.i18n import LANGUAGES
from diaspora_platform.translations import registry
from diaspora_platform.translations.models import ProposalStatus, TranslationProposal
from diaspora_platform.translations.services import load_target

INBOX_MAX = 200


def waiting_for(user) -> list[tuple[TranslationProposal, object, object]]:
    """(proposal, type, item) for the pending proposals this user may decide, oldest
    first; staff also see those whose text has gone (to decline them)."""
    rows = db.session.scalars(sa.select(TranslationProposal).where(
        TranslationProposal.status == ProposalStatus.PENDING)
        .order_by(TranslationProposal.id).limit(INBOX_MAX))
    staff = getattr(user, "acts_as_staff", False)
    found = []
    for proposal in rows:
        kind, item = load_target(proposal.content_type, proposal.object_id)
        if (item is None and staff) or (item is not None and kind.can_decide(user, item)):
            found.append((proposal, kind, item))
    return found


def credits(item) -> list[TranslationProposal]:
    """Accepted proposals for this item: whom to thank on its page."""
    key = registry.key_of(item)
    if key is None or item.id is None:
        return []
    return list(db.session.scalars(sa.select(TranslationProposal).where(
        TranslationProposal.content_type == key, TranslationProposal.object_id == item.id,
        TranslationProposal.status == ProposalStatus.ACCEPTED)
        .order_by(TranslationProposal.id)))


def coverage() -> tuple[int, int]:
    """(texts in all three languages, public texts) over every translatable type: a text
    counts as complete when its first field (title, name) has all three versions. Kept
    until a table it reads changes (it reads every public text)."""
    statements = [sa.select(getattr(kind.model, kind.model.TRANSLATABLE[0]),
                            getattr(kind.model, f"{kind.model.TRANSLATABLE[0]}_translations"))
                  .where(kind.public_filter()) for kind in registry.all_types()]
    tables = tuple(sorted({name for stmt in statements for name in table_cache.tables_of(stmt)}))
    return table_cache.remember(None, lambda: _count_complete(statements),
                                key="translations.coverage", tables=tables)


def _count_complete(statements) -> tuple[int, int]:
    complete = total = 0
    for stmt in statements:
        for text, translations in db.session.execute(stmt):
            total += 1
            others = {lang for lang, value in (translations or {}).items() if value}
            complete += bool(text) and len(others) >= len(LANGUAGES) - 1
    return complete, total


def waiting_count(key: str, object_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count(TranslationProposal.id)).where(
        TranslationProposal.content_type == key, TranslationProposal.object_id == object_id,
        TranslationProposal.status == ProposalStatus.PENDING)) or 0
