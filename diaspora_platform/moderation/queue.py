"""Reading the moderation state across every registered type: the queue, reports, the
public log and the waiting-time figures."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from diaspora_platform import pagination, table_cache
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.moderation import registry
from diaspora_platform.moderation.models import ModerationDecision, Report
from diaspora_platform.moderation.vocabulary import Decision

PAGE_SIZE = 25


@dataclass
class QueueItem:
    type: registry.ContentType
    item: object

    @property
    def key(self) -> str:
        return f"{self.type.key}:{self.item.id}"


def _pending_stmt(ct, country: str | None):
    stmt = sa.select(ct.model).where(ct.model.status == S.PENDING)
    if country and ct.country:
        stmt = stmt.where(getattr(ct.model, ct.country) == country)
    return stmt


def pending(type_key: str | None = None, country: str | None = None, *,
            after: str | None = None, before: str | None = None) -> tuple[pagination.Page, int]:
    """One page of pending items of every (or one) type, oldest first (its items are
    QueueItems), and the total."""
    types = [registry.get(type_key)] if type_key else registry.all_types()
    # Every type's (submitted, type, id) in one list, so a page seeks across all of them.
    waiting = sa.union_all(*[
        _pending_stmt(ct, country).with_only_columns(
            ct.model.submitted_at.label("submitted_at"), sa.literal(ct.key).label("type"),
            ct.model.id.label("id"))
        for ct in types]).subquery()
    total = table_cache.count(sa.select(waiting))
    page = pagination.paginate(
        sa.select(waiting), pagination.key(waiting.c.submitted_at, waiting.c.type, waiting.c.id),
        [lambda r: r.submitted_at, lambda r: r.type, lambda r: r.id], after=after,
        before=before, per_page=PAGE_SIZE, scalars=False)
    page.items = _load(page.items)
    return page, total


def _load(keys) -> list[QueueItem]:
    """The items behind (submitted, type, id) rows, in their order (one query per type)."""
    ids: dict[str, list[int]] = {}
    for row in keys:
        ids.setdefault(row.type, []).append(row.id)
    found = {}
    for key, wanted in ids.items():
        ct = registry.get(key)
        for item in db.session.scalars(sa.select(ct.model).where(ct.model.id.in_(wanted))):
            found[key, item.id] = QueueItem(ct, item)
    return [found[row.type, row.id] for row in keys if (row.type, row.id) in found]


def pending_count() -> int:
    """Items waiting across every content type, in one query (staff see it on every page)."""
    counts = [sa.select(sa.func.count().label("n")).select_from(
        _pending_stmt(ct, None).subquery()) for ct in registry.all_types()]
    if not counts:
        return 0
    per_type = sa.union_all(*counts).subquery()
    stmt = sa.select(sa.func.coalesce(sa.func.sum(per_type.c.n), 0))
    return table_cache.remember(stmt, lambda: db.session.scalar(stmt) or 0)


@dataclass
class Waiting:
    count: int
    median_seconds: float | None
    oldest_seconds: float | None


def waiting_figures(now: datetime | None = None) -> Waiting:
    now = now or utcnow()
    ages = []
    for ct in registry.all_types():
        for submitted in db.session.scalars(
                sa.select(ct.model.submitted_at).where(ct.model.status == S.PENDING)):
            ages.append((now - submitted).total_seconds())
    if not ages:
        return Waiting(0, None, None)
    return Waiting(len(ages), statistics.median(ages), max(ages))


@dataclass
class ReportedItem:
    type: registry.ContentType
    item: object
    reports: list


def reported():
    """Items with open reports, most reported first."""
    grouped: dict[tuple[str, int], list] = {}
    for rep in db.session.scalars(sa.select(Report).where(Report.status == "open")
                                  .order_by(Report.created_at)):
        grouped.setdefault((rep.content_type, rep.object_id), []).append(rep)
    rows = []
    for (key, object_id), reps in grouped.items():
        ct = registry.get(key)
        item = db.session.get(ct.model, object_id)
        if item is not None:
            rows.append(ReportedItem(ct, item, reps))
    rows.sort(key=lambda row: -len(row.reports))
    return rows


LOG_KEY = pagination.key(pagination.desc(ModerationDecision.id))


def public_log_select():
    """The decisions the public log shows: rejections, hidings and restorations."""
    return sa.select(ModerationDecision).where(
        ModerationDecision.decision.in_([Decision.REJECT, Decision.HIDE, Decision.RESTORE]))


def public_log(after: str | None = None, before: str | None = None) -> pagination.Page:
    """Rejections and hidings, without names or content: kind, when, standard reason."""
    return pagination.paginate(public_log_select(), LOG_KEY, pagination.getters("id"), after=after,
                               before=before, per_page=50)
