"""The jury: judges, conflicts of interest, assignments, declarations, recusals, scores."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.accounts.models import User
from diaspora_platform.competitions import scoring
from diaspora_platform.competitions.models import (
    Assignment,
    Edition,
    EditionState,
    Entry,
    Judge,
    Score,
)
from diaspora_platform.database import ModerationStatus, utcnow
from diaspora_platform.directory.models import Place
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _
from diaspora_platform.inputs import parse_int
from diaspora_platform.notifications.services import notify
from diaspora_platform.organisations import queries as org_queries
from diaspora_platform.unit_of_work import conditional_update

REMIND_EVERY = timedelta(hours=12)
COMMENT_MAX = 2000


def _staff(user) -> None:
    if not getattr(user, "acts_as_staff", False):
        raise NotAllowed(_("Only Council staff can manage competitions."))


def judges(edition: Edition) -> list[Judge]:
    return list(db.session.scalars(sa.select(Judge).where(Judge.edition_id == edition.id)
                                   .order_by(Judge.id)))


def add_judge(staff, edition: Edition, email: str) -> Judge:
    _staff(staff)
    if edition.state == EditionState.PUBLISHED:
        raise DomainError(_("The results are published: the jury can no longer change."))
    user = db.session.scalar(sa.select(User).where(
        sa.func.lower(User.email) == (email or "").strip().lower(), User.deleted_at.is_(None)))
    if user is None:
        raise DomainError(_("No registered member has this email address."))
    existing = db.session.scalar(sa.select(Judge).where(Judge.edition_id == edition.id,
                                                        Judge.user_id == user.id))
    if existing:
        return existing
    judge = Judge(edition_id=edition.id, user_id=user.id)
    db.session.add(judge)
    audit.record(staff, "competition.judge_added", edition, judge=user.id)
    db.session.commit()
    return judge


def remove_judge(staff, edition: Edition, judge_id: int) -> None:
    _staff(staff)
    judge = db.session.get(Judge, judge_id)
    if judge is None or judge.edition_id != edition.id:
        return
    scored = db.session.scalar(sa.select(sa.func.count(Assignment.id)).where(
        Assignment.edition_id == edition.id, Assignment.judge_user_id == judge.user_id,
        Assignment.submitted_at.is_not(None)))
    if scored:
        raise DomainError(_("This judge has submitted scores; they stay part of the record."))
    db.session.execute(sa.delete(Assignment).where(
        Assignment.edition_id == edition.id, Assignment.judge_user_id == judge.user_id))
    audit.record(staff, "competition.judge_removed", edition, judge=judge.user_id)
    db.session.delete(judge)
    db.session.commit()


def eligible_entries(edition: Edition) -> list[Entry]:
    return list(db.session.scalars(sa.select(Entry).where(
        Entry.edition_id == edition.id, Entry.status == ModerationStatus.APPROVED,
        Entry.withdrawn_at.is_(None)).order_by(Entry.submitted_at, Entry.id)))


def conflicts(edition: Edition, entries: list[Entry], judge_ids: list[int]) -> set[tuple]:
    """(judge, entry) pairs never to assign: the judge entered it, or belongs to the
    entering organisation or to the organisation that runs the entered place."""
    place_orgs = dict(db.session.execute(sa.select(Place.id, Place.organisation_id).where(
        Place.id.in_([e.place_id for e in entries if e.place_id] or [-1]))).all())
    members = org_queries.organisations_of(judge_ids)
    found = set()
    for entry in entries:
        orgs = {entry.organisation_id, place_orgs.get(entry.place_id)} - {None}
        for judge_id in judge_ids:
            if judge_id == entry.user_id or orgs & members.get(judge_id, set()):
                found.add((judge_id, entry.id))
    return found


def assign_entries(staff, edition: Edition, commit: bool = True) -> list[int]:
    """Give entries to judges (all to all, or K per entry, balanced), skipping conflicts;
    existing assignments stay and count. A judge who recused from an entry never gets it
    again, and another judge takes the place. Returns entries short of judges."""
    _staff(staff)
    entries = eligible_entries(edition)
    judge_ids = [j.user_id for j in judges(edition)]
    conflicted = conflicts(edition, entries, judge_ids)
    rows = db.session.execute(sa.select(Assignment.entry_id, Assignment.judge_user_id,
                                        Assignment.recused_at.is_not(None))
                              .where(Assignment.edition_id == edition.id)).all()
    recused = {(judge_id, entry_id) for entry_id, judge_id, gone in rows if gone}
    active: dict[int, list[int]] = {}
    for entry_id, judge_id, gone in rows:
        if not gone:
            active.setdefault(entry_id, []).append(judge_id)
    plan, short = scoring.assign([e.id for e in entries], judge_ids, conflicted | recused,
                                 edition.judges_per_entry, existing=active)
    existing = {(entry_id, judge_id) for entry_id, judge_id, _gone in rows}
    added = 0
    for entry_id, assigned in plan.items():
        for judge_id in assigned:
            if (entry_id, judge_id) not in existing:
                db.session.add(Assignment(edition_id=edition.id, entry_id=entry_id,
                                          judge_user_id=judge_id))
                added += 1
    audit.record(staff, "competition.assigned", edition, added=added, short=len(short),
                 conflicts=len(conflicted))
    if commit:
        db.session.commit()
    return short


def reassign(staff, edition: Edition) -> list[int]:
    """Staff share entries out again during judging (new judges, recusals)."""
    _staff(staff)
    if edition.state != EditionState.JUDGING:
        raise DomainError(_("Entries are given to judges while the edition is being judged."))
    return assign_entries(staff, edition)


def assignments_for(user, edition: Edition) -> list[Assignment]:
    return list(db.session.scalars(sa.select(Assignment).where(
        Assignment.edition_id == edition.id, Assignment.judge_user_id == user.id)
        .order_by(Assignment.id)))


def _own(user, assignment: Assignment) -> None:
    if assignment.judge_user_id != getattr(user, "id", None):
        raise NotAllowed(_("This entry is not assigned to you."))
    edition = db.session.get(Edition, assignment.edition_id)
    if edition.state != EditionState.JUDGING:
        raise DomainError(_("Scoring is possible only while the edition is being judged."))


def declare_no_conflict(user, assignment: Assignment) -> None:
    _own(user, assignment)
    if assignment.recused_at:
        raise DomainError(_("You recused yourself from this entry."))
    if assignment.declared_at is None:
        assignment.declared_at = utcnow()
        audit.record(user, "competition.no_conflict_declared", assignment.entry)
        db.session.commit()


def recuse(user, assignment: Assignment, reason: str) -> None:
    _own(user, assignment)
    if assignment.submitted_at:
        raise DomainError(_("Your scores for this entry are already submitted."))
    if not (reason or "").strip():
        raise DomainError(_("Say briefly why you recuse yourself."))
    if assignment.recused_at is None:
        assignment.recused_at = utcnow()
        assignment.recusal_reason = reason.strip()[:500]
        db.session.execute(sa.delete(Score).where(Score.assignment_id == assignment.id))
        audit.record(user, "competition.recused", assignment.entry,
                     reason=assignment.recusal_reason)
        db.session.commit()


def save_scores(user, assignment: Assignment, values: dict[int, tuple], submit: bool) -> None:
    """values: criterion id -> (score 0..10 or None, comment). Saving keeps a draft;
    submitting needs every criterion scored and cannot be undone."""
    _own(user, assignment)
    if assignment.recused_at or assignment.declared_at is None:
        raise DomainError(_("Declare that you have no conflict of interest first."))
    if assignment.submitted_at:
        raise Conflict(_("Your scores for this entry are already submitted."))
    edition = db.session.get(Edition, assignment.edition_id)
    cells = {s.criterion_id: s for s in assignment.scores}
    for criterion in edition.criteria:
        value, comment = values.get(criterion.id, (None, ""))
        if value is not None and parse_int(value, 0, 10) is None:
            raise DomainError(_("Scores go from 0 to 10."))
        if submit and value is None:
            raise DomainError(_("Score every criterion before submitting."))
        cell = cells.get(criterion.id) or Score(assignment_id=assignment.id,
                                                criterion_id=criterion.id)
        cell.value = None if value is None else parse_int(value, 0, 10)
        cell.comment = (comment or "").strip()[:COMMENT_MAX]
        db.session.add(cell)
    if submit:
        conditional_update(assignment, Assignment.submitted_at.is_(None),
                           submitted_at=utcnow(),
                           conflict=_("Your scores for this entry are already submitted."))
        audit.record(user, "competition.scores_submitted", assignment.entry)
    db.session.commit()


def progress(edition: Edition) -> tuple[list[dict], list[dict]]:
    """Per judge and per entry: assigned, submitted, recused (one query)."""
    rows = db.session.execute(sa.select(
        Assignment.judge_user_id, Assignment.entry_id, Assignment.submitted_at.is_not(None),
        Assignment.recused_at.is_not(None)).where(Assignment.edition_id == edition.id)).all()
    by_judge: dict[int, dict] = {}
    by_entry: dict[int, dict] = {}
    for judge_id, entry_id, submitted, recused in rows:
        for table, key in ((by_judge, judge_id), (by_entry, entry_id)):
            row = table.setdefault(key, {"id": key, "assigned": 0, "submitted": 0,
                                         "recused": 0})
            row["assigned"] += 1
            row["submitted"] += int(bool(submitted))
            row["recused"] += int(bool(recused))
    return list(by_judge.values()), list(by_entry.values())


def remind(staff, edition: Edition) -> int:
    """Remind judges with unsubmitted scores (at most every 12 hours each)."""
    _staff(staff)
    now = utcnow()
    waiting = {row["id"] for row in progress(edition)[0]
               if row["assigned"] > row["submitted"] + row["recused"]}
    sent = 0
    for judge in judges(edition):
        if judge.user_id not in waiting:
            continue
        if judge.reminded_at and now - judge.reminded_at < REMIND_EVERY:
            continue
        notify(judge.user, "competition.reminder", link=f"/competitions/judging/{edition.id}",
               edition=edition.title(judge.user.locale or "en"))
        judge.reminded_at = now
        sent += 1
    audit.record(staff, "competition.judges_reminded", edition, sent=sent)
    db.session.commit()
    return sent
