"""How long content waited for a first moderation decision: the median and the longest
wait per content type and month, for the public moderation log."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import sqlalchemy as sa

from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.moderation.models import ModerationDecision

MONTHS = 12


@dataclass(frozen=True)
class MonthWait:
    month: date
    content_type: str
    decisions: int
    median_seconds: float
    longest_seconds: float


def _first_month(today: date, months: int) -> date:
    index = today.year * 12 + today.month - months
    return date(index // 12, index % 12 + 1, 1)


def monthly(months: int = MONTHS, today: date | None = None) -> list[MonthWait]:
    """First decisions of the last `months` months (this one included), newest month first;
    only decisions that record how long the item waited."""
    start = _first_month(today or utcnow().date(), months)
    stmt = (sa.select(ModerationDecision.created_at, ModerationDecision.content_type,
                      ModerationDecision.waited_seconds)
            .where(ModerationDecision.waited_seconds.is_not(None),
                   ModerationDecision.created_at >= datetime.combine(start, time(), UTC)))
    waits: dict[tuple[date, str], list[int]] = {}
    for created_at, content_type, seconds in db.session.execute(stmt):
        waits.setdefault((created_at.date().replace(day=1), content_type), []).append(seconds)
    rows = [MonthWait(month, kind, len(values), statistics.median(values), max(values))
            for (month, kind), values in waits.items()]
    return sorted(rows, key=lambda row: (-row.month.toordinal(), row.content_type))
