"""Results: the ranking from submitted scores (see scoring.py for the method), staff
commendations, awards at publication, and feedback for entrants."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.competitions import scoring
from diaspora_platform.competitions.models import (
    Assignment,
    Award,
    Edition,
    EditionState,
    Entry,
    Score,
)
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _

PODIUM = (Award.FIRST, Award.SECOND, Award.THIRD)


def _criteria(edition: Edition) -> list[scoring.Criterion]:
    return [scoring.Criterion(c.id, c.weight) for c in edition.criteria]


def _sheets(edition: Edition) -> list[scoring.Sheet]:
    rows = db.session.execute(sa.select(
        Assignment.judge_user_id, Assignment.entry_id, Score.criterion_id, Score.value)
        .join(Score, Score.assignment_id == Assignment.id)
        .join(Entry, Entry.id == Assignment.entry_id)
        .where(Assignment.edition_id == edition.id, Assignment.submitted_at.is_not(None),
               Assignment.recused_at.is_(None), Entry.withdrawn_at.is_(None),
               Entry.status == "approved")).all()
    sheets: dict[tuple[int, int], dict[int, int]] = {}
    for judge_id, entry_id, criterion_id, value in rows:
        sheets.setdefault((judge_id, entry_id), {})[criterion_id] = value
    return [scoring.Sheet(judge, entry, scores) for (judge, entry), scores in sheets.items()]


def has_scores(edition: Edition) -> bool:
    return bool(_sheets(edition))


def ranking(edition: Edition) -> list[tuple[Entry, scoring.Ranked]]:
    """The current ranking (staff preview while judging; the basis of the awards)."""
    entries = {e.id: e for e in db.session.scalars(sa.select(Entry).where(
        Entry.edition_id == edition.id))}
    ranked = scoring.rank(_criteria(edition), _sheets(edition),
                          {e.id: e.submitted_at for e in entries.values() if e.submitted_at})
    return [(entries[r.entry_id], r) for r in ranked]


def set_commendations(staff, edition: Edition, entry_ids: set[int]) -> None:
    if not getattr(staff, "acts_as_staff", False):
        raise NotAllowed(_("Only Council staff can manage competitions."))
    if edition.state != EditionState.JUDGING:
        raise DomainError(_("Commendations are chosen while the edition is being judged."))
    for entry in db.session.scalars(sa.select(Entry).where(Entry.edition_id == edition.id)):
        entry.commended = entry.id in entry_ids
    audit.record(staff, "competition.commendations", edition, entries=sorted(entry_ids))
    db.session.commit()


def apply_awards(edition: Edition) -> None:
    """Freeze the ranking on the entries: rank, scores, 1st-3rd place, commendations."""
    for position, (entry, ranked) in enumerate(ranking(edition)):
        entry.rank, entry.final_score, entry.raw_score = (ranked.rank, ranked.normalised,
                                                          ranked.raw)
        entry.award = (PODIUM[position] if position < len(PODIUM)
                       else Award.COMMENDATION if entry.commended else None)


def published(edition: Edition) -> list[Entry]:
    """Ranked entries of a published edition, winners first."""
    return list(db.session.scalars(sa.select(Entry).where(
        Entry.edition_id == edition.id, Entry.rank.is_not(None)).order_by(Entry.rank)))


def feedback(entry: Entry) -> dict:
    """What an entrant reads after publication: the mean per criterion and the jury's
    comments, never who gave which score."""
    edition = entry.edition
    sheets = [s for s in _sheets(edition) if s.entry_id == entry.id]
    means = scoring.criterion_means(_criteria(edition), sheets).get(entry.id, {})
    comments = db.session.execute(sa.select(Score.criterion_id, Score.comment)
                                  .join(Assignment, Assignment.id == Score.assignment_id)
                                  .where(Assignment.entry_id == entry.id,
                                         Assignment.submitted_at.is_not(None),
                                         Score.comment != "")
                                  .order_by(Score.criterion_id, Score.comment)).all()
    by_criterion: dict[int, list[str]] = {}
    for criterion_id, comment in comments:
        by_criterion.setdefault(criterion_id, []).append(comment)
    return {"means": means, "comments": by_criterion, "judges": len(sheets)}
