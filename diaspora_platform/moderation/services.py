"""Moderation operations for every registered content type.

Decisions are conditional updates (`... WHERE status IN (expected)`), so when two staff
members decide the same item at once exactly one decision is recorded; the other gets a
Conflict with a clear message.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from diaspora_platform import audit
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.database import utcnow
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _
from diaspora_platform.moderation import (
    registry,
    reports,
)
from diaspora_platform.moderation.models import ModerationDecision, Report
from diaspora_platform.moderation.vocabulary import Decision, Reason
from diaspora_platform.notifications.services import notify
from diaspora_platform.unit_of_work import conditional_update

CLAIM_MINUTES = 30
# decision -> (states it applies to, resulting state, whether a reason is required)
TRANSITIONS = {
    Decision.APPROVE: ((S.PENDING,), S.APPROVED, False),
    Decision.REJECT: ((S.PENDING,), S.REJECTED, True),
    Decision.HIDE: ((S.APPROVED, S.PENDING), S.HIDDEN, True),
    Decision.RESTORE: ((S.HIDDEN,), S.APPROVED, False),
}


def _claimed_by_other(staff, item) -> bool:
    if item.assigned_to_id in (None, getattr(staff, "id", None)) or item.assigned_at is None:
        return False
    return utcnow() - item.assigned_at < timedelta(minutes=CLAIM_MINUTES)


def _transition(item, to_state: str, from_states, **values) -> None:
    """Change the status only if it is still one of `from_states`; else Conflict."""
    model = type(item)
    conditional_update(item, model.status.in_([str(s) for s in from_states]),
                       status=str(to_state), **values, conflict=_(
                           "Someone else has already decided on this item. Nothing was "
                           "changed; the list now shows its current state."))


def _log(ct, item, decision: Decision, actor, reason=None, note=None, waited=None) -> None:
    db.session.add(ModerationDecision(content_type=ct.key, object_id=item.id,
                                      decision=decision, reason=reason, note=note,
                                      staff_id=getattr(actor, "id", None),
                                      waited_seconds=waited))
    audit.record(actor, f"moderation.{decision}", item, type=ct.key, reason=reason)


def decide(staff, item, decision: Decision | str, reason: str | None = None,
           note: str | None = None) -> None:
    """Apply one staff decision to one item, log it, tell the author, commit."""
    if not staff.acts_as_staff:
        raise NotAllowed(_("Only Council staff can moderate."))
    decision = Decision(decision)
    ct = registry.type_of(item)
    from_states, to_state, needs_reason = TRANSITIONS[decision]
    if needs_reason and reason not in {r.value for r in Reason}:
        raise DomainError(_("Choose a reason."))
    if _claimed_by_other(staff, item):
        raise Conflict(_("Another staff member is reviewing this item."))
    waited = int((utcnow() - item.submitted_at).total_seconds())
    _transition(item, to_state, from_states, reviewed_by_id=staff.id, reviewed_at=utcnow(),
                moderation_reason=reason, moderation_note=(note or None),
                assigned_to_id=None, assigned_at=None)
    first_review = decision in (Decision.APPROVE, Decision.REJECT)
    _log(ct, item, decision, staff, reason, note, waited if first_review else None)
    if ct.on_decision:
        ct.on_decision(item, decision)
    _tell_author(ct, item, decision, reason, note)
    db.session.commit()


def _tell_author(ct, item, decision: Decision, reason: str | None, note: str | None) -> None:
    notify(ct.author(item), f"{ct.notices}.{decision}", link=ct.url(item), type=ct.key,
           label=ct.label(item), reason=reason or "", note=note or "")


def decide_many(staff, items, decision, reason=None, note=None) -> tuple[int, int]:
    """Bulk decisions: each item in its own transaction; returns (done, skipped)."""
    done = skipped = 0
    for item in items:
        try:
            decide(staff, item, decision, reason, note)
            done += 1
        except DomainError:
            skipped += 1
    return done, skipped


def claim(staff, item) -> None:
    """Mark the item as being reviewed by `staff` for the next 30 minutes."""
    if not staff.acts_as_staff:
        raise NotAllowed(_("Only Council staff can moderate."))
    model = type(item)
    stale = utcnow() - timedelta(minutes=CLAIM_MINUTES)
    conditional_update(item, model.status == S.PENDING,
                       sa.or_(model.assigned_to_id.is_(None), model.assigned_to_id == staff.id,
                              model.assigned_at < stale),
                       assigned_to_id=staff.id, assigned_at=utcnow(),
                       conflict=_("Another staff member is reviewing this item."))
    db.session.commit()


def submit(item) -> None:
    """(Re)enter the queue: used by a domain when its author submits or corrects an item."""
    item.status = S.PENDING
    item.submitted_at = utcnow()
    item.reviewed_by_id = item.reviewed_at = None
    item.assigned_to_id = item.assigned_at = None


def report(user, item, reason: str, text: str | None = None,
           address: str | None = None) -> bool:
    """Record a member's report (sent from `address`); when the reports that count reach
    the threshold the item is hidden for review. Returns True if this report hid the item."""
    ct = registry.type_of(item)
    if not user.is_confirmed:
        raise NotAllowed(_("Please confirm your email address before you report content."))
    if item.status != S.APPROVED:
        raise DomainError(_("Only public content can be reported."))
    if ct.author(item) is not None and ct.author(item).id == user.id:
        raise DomainError(_("You cannot report your own content."))
    db.session.add(Report(content_type=ct.key, object_id=item.id, reporter_id=user.id,
                          reason=reason, text=(text or "").strip() or None,
                          network=reports.network_key(address)))
    try:
        db.session.flush()
    except sa.exc.IntegrityError as exc:
        db.session.rollback()
        raise Conflict(_("You have already reported this. Council staff will look at it.")) \
            from exc
    threshold = current_app.config["REPORT_THRESHOLD"]
    hidden = reports.weighted_count(ct.key, item.id) >= threshold
    if hidden:
        _transition(item, S.HIDDEN, (S.APPROVED,), moderation_reason=Reason.REPORTED,
                    reviewed_by_id=None, reviewed_at=utcnow())
        _log(ct, item, Decision.HIDE, None, Reason.REPORTED)
        _tell_author(ct, item, Decision.HIDE, Reason.REPORTED, None)
    reports.tell_staff(ct, item, hidden)
    db.session.commit()
    return hidden


def open_report_count(key: str, object_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count(Report.id)).where(
        Report.content_type == key, Report.object_id == object_id, Report.status == "open"))


def _close_reports(staff, ct, item, status: str) -> int:
    reports = db.session.scalars(sa.select(Report).where(
        Report.content_type == ct.key, Report.object_id == item.id, Report.status == "open"))
    count = 0
    for rep in reports:
        rep.status, rep.closed_by_id, rep.closed_at = status, staff.id, utcnow()
        count += 1
    return count


def dismiss_reports(staff, item) -> None:
    """The reports were unfounded: close them and put the item back if they hid it."""
    if not staff.acts_as_staff:
        raise NotAllowed(_("Only Council staff can moderate."))
    ct = registry.type_of(item)
    closed = _close_reports(staff, ct, item, "dismissed")
    if item.status == S.HIDDEN and item.moderation_reason == Reason.REPORTED:
        _transition(item, S.APPROVED, (S.HIDDEN,), moderation_reason=None,
                    reviewed_by_id=staff.id, reviewed_at=utcnow())
        _log(ct, item, Decision.RESTORE, staff)
        _tell_author(ct, item, Decision.RESTORE, None, None)
    else:
        audit.record(staff, "moderation.reports_dismissed", item, type=ct.key, count=closed)
    db.session.commit()


def uphold_reports(staff, item, reason: str, note: str | None = None,
                   suspend_author: bool = False) -> None:
    """The reports were right: keep the item hidden (and optionally suspend its author)."""
    if not staff.acts_as_staff:  # checked by decide() too, but an item already hidden skips it
        raise NotAllowed(_("Only Council staff can moderate."))
    ct = registry.type_of(item)
    if item.status != S.HIDDEN:
        decide(staff, item, Decision.HIDE, reason, note)
    else:
        if reason not in {r.value for r in Reason}:
            raise DomainError(_("Choose a reason."))
        item.moderation_reason, item.reviewed_by_id = reason, staff.id
        item.reviewed_at = utcnow()
        _log(ct, item, Decision.HIDE, staff, reason, note)
        db.session.commit()
    _close_reports(staff, ct, item, "upheld")
    author = ct.author(item)
    if suspend_author and author is not None and not author.has_staff_role:
        from diaspora_platform.accounts.services import suspend_user

        suspend_user(staff, author, reason)
    db.session.commit()


def ever_approved(item) -> bool:
    """Whether the item was ever public (its history must then be kept, not deleted)."""
    ct = registry.type_of(item)
    return db.session.scalar(sa.select(sa.exists().where(
        ModerationDecision.content_type == ct.key, ModerationDecision.object_id == item.id,
        ModerationDecision.decision == Decision.APPROVE)))
