"""Editions: staff create a yearly edition with its rubric and move it through
draft → open → closed → judging → published. Each step is audited and refused when it
makes no sense."""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.competitions import edition_texts as texts
from diaspora_platform.competitions.models import (
    Assignment,
    Competition,
    Criterion,
    Edition,
    EditionState,
    Entry,
    Judge,
)
from diaspora_platform.database import utcnow
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _
from diaspora_platform.unit_of_work import conditional_update

S = EditionState
EDITABLE = (S.DRAFT, S.OPEN)  # settings change only before entries close
RULES = ("year", "eligibility", "optional_attachments", "max_entries", "blind", "hide_jury",
         "judges_per_entry")


def _staff(user) -> None:
    if not getattr(user, "acts_as_staff", False):
        raise NotAllowed(_("Only Council staff can manage competitions."))


def parse_criteria(text: str) -> list[tuple[str, int]]:
    """Rubric lines "Impact: 40" → [("Impact", 40)]; the weights must add up to 100."""
    return [(name, weight) for name, weight, _guidance in texts.parse_rubric(text)]


def _minute(when: datetime) -> datetime:
    return when.replace(second=0, microsecond=0)


def _rules_changed(edition: Edition, data: dict, rubric, questions, attachments) -> bool:
    """Whether anything but the texts' other language versions and the results notes
    differs from what the edition has."""
    return (any(getattr(edition, key) != (data[key].strip() if key == "eligibility"
                                          else data[key]) for key in RULES)
            or any(_minute(getattr(edition, key)) != _minute(data[key])
                   for key in ("opens_at", "closes_at", "judging_ends_at"))
            or [(name, weight) for name, weight, _g in rubric] !=
            [(c.name, c.weight) for c in edition.criteria]
            or questions != edition.questions or attachments != edition.required_attachments)


def _check_dates(opens: datetime, closes: datetime, judging_ends: datetime) -> None:
    if not opens < closes < judging_ends:
        raise DomainError(_("The dates must follow each other: opening, then closing, then "
                            "the end of judging."))


def save_edition(staff, competition: Competition, data: dict,
                 edition: Edition | None = None) -> Edition:
    """Create an edition (in draft) or change one whose entries are not closed yet; once
    they are, only the texts' versions in other languages and the results notes change."""
    _staff(staff)
    rubric = texts.parse_rubric(data["criteria"])
    questions = texts.lines(data.get("questions"), texts.MAX_QUESTIONS,
                            texts.too_many_questions())
    attachments = texts.lines(data.get("required_attachments"), texts.MAX_ATTACHMENTS,
                              texts.too_many_attachments())
    if edition is not None and edition.state not in EDITABLE:
        if _rules_changed(edition, data, rubric, questions, attachments):
            raise DomainError(_("Entries are closed: this edition's settings can no longer "
                                "change."))
        texts.apply_texts(edition, {**data, "language": edition.language}, rubric,
                          questions, attachments)
        audit.record(staff, "competition.edition_changed", edition, texts_only=True)
        db.session.commit()
        return edition
    _check_dates(data["opens_at"], data["closes_at"], data["judging_ends_at"])
    criteria = [(name, weight) for name, weight, _guidance in rubric]
    if edition is not None and edition.state == S.OPEN and \
            criteria != [(c.name, c.weight) for c in edition.criteria]:
        raise DomainError(_("The rubric cannot change once the edition is open."))
    duplicate = db.session.scalar(sa.select(Edition.id).where(
        Edition.competition_id == competition.id, Edition.year == data["year"],
        Edition.id != (edition.id if edition else -1)))
    if duplicate:
        raise DomainError(_("This competition already has an edition for %(year)d.",
                            year=data["year"]))
    creating = edition is None
    if creating:
        edition = Edition(competition_id=competition.id, created_by_id=staff.id,
                          state=S.DRAFT)
        db.session.add(edition)
    for key in ("year", "opens_at", "closes_at", "judging_ends_at", "eligibility",
                "optional_attachments", "max_entries", "blind", "hide_jury",
                "judges_per_entry"):
        setattr(edition, key, data[key])
    for key, default in (("by_nomination", False), ("self_entry", True),
                         ("endorsement_required", True)):
        setattr(edition, key, bool(data.get(key, default)))
    edition.eligibility = (data["eligibility"] or "").strip()
    edition.questions_json = json.dumps(questions, ensure_ascii=False)
    edition.required_attachments_json = json.dumps(attachments, ensure_ascii=False)
    if edition.state == S.DRAFT:
        edition.criteria = [Criterion(name=name, weight=weight, position=position)
                            for position, (name, weight, _guidance) in enumerate(rubric)]
    texts.apply_texts(edition, data, rubric, questions, attachments)
    db.session.flush()
    audit.record(staff, "competition.edition_created" if creating
                 else "competition.edition_changed", edition)
    db.session.commit()
    return edition


def _count(stmt) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery()))


def _entries(edition: Edition, *statuses: str):
    return sa.select(Entry.id).where(Entry.edition_id == edition.id,
                                     Entry.withdrawn_at.is_(None), Entry.status.in_(statuses))


def _check_transition(edition: Edition, to_state: str, override: str | None) -> None:
    now = utcnow()
    if to_state == S.OPEN:
        if not edition.criteria:
            raise DomainError(_("Give the rubric before opening the edition."))
    elif to_state == S.CLOSED:
        if now < edition.closes_at:
            raise DomainError(_("The deadline has not passed yet: entrants may still be "
                                "working on their entries."))
    elif to_state == S.JUDGING:
        if _count(_entries(edition, "pending")):
            raise DomainError(_("Some entries still wait for the eligibility check."))
        if not _count(_entries(edition, "approved")):
            raise DomainError(_("No eligible entry to judge."))
        if not db.session.scalar(sa.select(sa.func.count(Judge.id)).where(
                Judge.edition_id == edition.id)):
            raise DomainError(_("Add judges first."))
    elif to_state == S.PUBLISHED:
        from diaspora_platform.competitions import results

        if not results.has_scores(edition):
            raise DomainError(_("No entry has been scored yet."))
        if unscored_assignments(edition) and not (override or "").strip():
            raise DomainError(_("Some judges have not submitted their scores. Wait for them, "
                                "or publish anyway and give the reason."))


NEXT = {S.DRAFT: S.OPEN, S.OPEN: S.CLOSED, S.CLOSED: S.JUDGING, S.JUDGING: S.PUBLISHED}


def transition(staff, edition: Edition, to_state: str, override: str | None = None) -> None:
    """Move the edition one step on; a second click or a stale page gets a Conflict."""
    _staff(staff)
    from_state = next((s for s, nxt in NEXT.items() if nxt == to_state), None)
    if from_state is None:
        raise DomainError(_("That step is not possible."))
    if edition.state != from_state:
        raise Conflict(_("The edition is already “%(state)s”.", state=edition.state_title))
    _check_transition(edition, to_state, override)
    if to_state == S.JUDGING:
        from diaspora_platform.competitions import jury

        jury.assign_entries(staff, edition, commit=False)
    values = {"state": to_state}
    if to_state == S.PUBLISHED:
        from diaspora_platform.competitions import results

        results.apply_awards(edition)
        values.update(published_at=utcnow(), override_reason=(override or "").strip() or None)
    # the entries are re-indexed once results are public (the edition is marked changed)
    conditional_update(edition, Edition.state == from_state, **values, conflict=_(
        "Another staff member changed this edition; reload the page."))
    audit.record(staff, f"competition.edition_{to_state}", edition,
                 override=(override or "").strip() or None)
    db.session.commit()


def unscored_assignments(edition: Edition) -> int:
    return db.session.scalar(sa.select(sa.func.count(Assignment.id)).where(
        Assignment.edition_id == edition.id, Assignment.submitted_at.is_(None),
        Assignment.recused_at.is_(None)))
