"""What the operator watches of search: how many changes wait in the outbox and how old
the oldest is — the index lags the database by that much."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.search.models import SearchOutbox


def outbox_state() -> tuple[int, float]:
    """(rows waiting, seconds since the oldest was written; 0 when none waits)."""
    depth, oldest = db.session.execute(
        sa.select(sa.func.count(), sa.func.min(SearchOutbox.created_at))).one()
    db.session.rollback()  # a scrape holds no transaction open
    if not depth or oldest is None:
        return 0, 0.0
    return depth, max(0.0, (utcnow() - oldest).total_seconds())


def register_metrics() -> None:
    from diaspora_platform import metrics

    metrics.add_gauge("diaspora_outbox_depth", "Changes waiting in an outbox.",
                      lambda: {"search": outbox_state()[0]}, label="outbox")
    metrics.add_gauge("diaspora_outbox_oldest_age_seconds",
                      "Age of the oldest change waiting in an outbox.",
                      lambda: {"search": outbox_state()[1]}, label="outbox")
    metrics.add_gauge("diaspora_search_index_lag_seconds",
                      "How far the search index lags the database (the oldest change "
                      "not yet applied).", lambda: outbox_state()[1])
