"""Reads: the proposals waiting for a member's decision, credits, and how much of the
public content exists in all three languages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa

from diaspora_platform import pagination, table_cache
from diaspora_platform.extensions import db
from diaspora_platform.i18n import LANGUAGES
from diaspora_platform.translations import registry
from diaspora_platform.translations.models import ProposalStatus, TranslationProposal

INBOX_PAGE = 20


@dataclass(frozen=True)
class InboxFilters:
    kind: str | None = None  # a registered type's key
    language: str | None = None
    after: str | None = None
    before: str | None = None


def _decidable(user):
    """SQL condition: the pending proposals this user may decide, by each type's rule
    (`decidable`, or staff-only); staff also get those whose text has gone (to decline
    them)."""
    staff = bool(getattr(user, "acts_as_staff", False))
    per_type = []
    for kind in registry.all_types():
        rows = (kind.decidable(user) if kind.decidable is not None
                else sa.true() if staff else sa.false())
        target = TranslationProposal.object_id.in_(sa.select(kind.model.id).where(rows))
        if staff:
            target = sa.or_(target, TranslationProposal.object_id.not_in(
                sa.select(kind.model.id)))
        per_type.append(sa.and_(TranslationProposal.content_type == kind.key, target))
    return sa.or_(*per_type) if per_type else sa.false()


def waiting_for(user, filters: InboxFilters | None = None) -> pagination.Page:
    """One page of (proposal, type, item) for the pending proposals this user may decide,
    oldest first, filtered in the database; the items of a page are read with one query
    per type on it (item None: the text has gone)."""
    filters = filters or InboxFilters()
    stmt = sa.select(TranslationProposal).where(
        TranslationProposal.status == ProposalStatus.PENDING, _decidable(user))
    if filters.kind:
        stmt = stmt.where(TranslationProposal.content_type == filters.kind)
    if filters.language:
        stmt = stmt.where(TranslationProposal.language == filters.language)
    page = pagination.paginate(stmt, pagination.key(TranslationProposal.id),
                               pagination.getters("id"), after=filters.after,
                               before=filters.before, per_page=INBOX_PAGE)
    wanted = defaultdict(set)
    for proposal in page.items:
        wanted[proposal.content_type].add(proposal.object_id)
    found = {}
    for key, ids in wanted.items():
        kind = registry.get(key)
        if kind is not None:
            for item in db.session.scalars(sa.select(kind.model).where(kind.model.id.in_(ids))):
                found[key, item.id] = item
    page.items = [(proposal, registry.get(proposal.content_type),
                   found.get((proposal.content_type, proposal.object_id)))
                  for proposal in page.items]
    return page


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
