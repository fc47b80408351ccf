"""Reading help requests: the helpers' dashboard (no content, only what a queue needs)
and the public statistics, with small counts suppressed as on the map."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

import sqlalchemy as sa

from diaspora_platform import pagination, table_cache
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.helpdesk import access
from diaspora_platform.helpdesk.models import HelpRequest, HelpTally
from diaspora_platform.helpdesk.retention import hours_to_first_answer
from diaspora_platform.helpdesk.vocabulary import CLOSED, Status
from diaspora_platform.statistics.measures import SUPPRESS_BELOW, SUPPRESSED

PAGE_SIZE = 25
LIST_KEY = (pagination.desc(HelpRequest.created_at), pagination.desc(HelpRequest.id))


def dashboard(user, after=None, before=None) -> pagination.Page:
    """The requests this user may open, newest first (open ones only unless closed)."""
    query = sa.select(HelpRequest).where(access.visible_to(user))
    return pagination.paginate(query, LIST_KEY, pagination.getters("created_at", "id"),
                               after=after, before=before, per_page=PAGE_SIZE)


@dataclass
class Counts:
    open: int
    overdue: int
    answered: int
    answered_in_time: int


def counts(user) -> Counts:
    """The figures the dashboard shows: open, past their promised answer time, answered
    within it."""
    rows = list(db.session.scalars(sa.select(HelpRequest).where(access.visible_to(user))))
    now = utcnow()
    answered = [r for r in rows if r.first_answer_at is not None]
    return Counts(open=sum(r.status not in CLOSED for r in rows),
                  overdue=sum(r.status not in CLOSED and r.is_overdue(now) for r in rows),
                  answered=len(answered),
                  answered_in_time=sum(r.first_answer_at <= r.answer_due_at
                                       for r in answered))


@dataclass
class Fact:
    """One anonymous request: all the statistics know of it."""

    month: str
    country: str
    category: str
    outcome: str
    hours: float | None


@dataclass
class Line:
    key: str
    count: int | str
    median_hours: float | None
    resolved_share: int | None  # percent of closed requests resolved
    suppressed: bool


def facts() -> list[Fact]:
    """Every request's and tally's anonymous facts, kept until either table changes."""
    return table_cache.remember(None, _facts, key="helpdesk.facts",
                                tables=("help_requests", "help_tallies"))


def _facts() -> list[Fact]:
    live = [Fact(f"{r.created_at:%Y-%m}", r.country, r.category, r.status,
                 hours_to_first_answer(r))
            for r in db.session.execute(sa.select(
                HelpRequest.created_at, HelpRequest.first_answer_at, HelpRequest.country,
                HelpRequest.category, HelpRequest.status))]
    kept = [Fact(t.month, t.country, t.category, t.outcome, t.first_answer_hours)
            for t in db.session.scalars(sa.select(HelpTally))]
    return live + kept


def _line(key: str, group: list[Fact]) -> Line:
    if len(group) < SUPPRESS_BELOW:
        return Line(key, SUPPRESSED, None, None, True)
    hours = [f.hours for f in group if f.hours is not None]
    closed = [f for f in group if f.outcome in CLOSED]
    share = (round(100 * sum(f.outcome == Status.RESOLVED for f in closed) / len(closed))
             if closed else None)
    return Line(key, len(group), round(median(hours), 1) if hours else None, share, False)


def breakdown(rows: list[Fact], attribute: str) -> list[Line]:
    groups: dict[str, list[Fact]] = {}
    for fact in rows:
        groups.setdefault(getattr(fact, attribute), []).append(fact)
    lines = [_line(key, group) for key, group in groups.items()]
    return sorted(lines, key=lambda line: (line.suppressed, line.key))


def summary(rows: list[Fact]) -> Line:
    return _line("", rows)
