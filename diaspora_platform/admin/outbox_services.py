"""Staff decisions about what the worker could not do: a parked message retried or
discarded, a parked job started again. Every decision is audited."""

from __future__ import annotations

from diaspora_platform import audit
from diaspora_platform.database import utcnow
from diaspora_platform.errors import Conflict
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _
from diaspora_platform.jobs import ScheduledJob
from diaspora_platform.outbox import OutboxMessage
from diaspora_platform.unit_of_work import conditional_update

_GONE = _("This message is no longer parked: someone dealt with it a moment ago.")


def retry_message(staff, message: OutboxMessage) -> None:
    """Put a parked message back in the queue for a fresh round of attempts."""
    conditional_update(message, OutboxMessage.parked_at.is_not(None), conflict=_GONE,
                       parked_at=None, attempts=0, available_at=utcnow(), lease_until=None,
                       lease_owner=None)
    audit.record(staff, "outbox.message_retried", message, kind=message.kind,
                 error=message.last_error or "")
    db.session.commit()


def discard_message(staff, message: OutboxMessage) -> None:
    """Give up on a parked message (e.g. an address that no longer exists)."""
    kind, summary, error = message.kind, message.summary, message.last_error or ""
    deleted = db.session.execute(db.delete(OutboxMessage).where(
        OutboxMessage.id == message.id, OutboxMessage.parked_at.is_not(None))).rowcount
    if deleted != 1:
        db.session.rollback()
        raise Conflict(_GONE)
    audit.record(staff, "outbox.message_discarded", message, kind=kind, summary=summary,
                 error=error)
    db.session.commit()


def retry_job(staff, job: ScheduledJob) -> None:
    """Start a parked job again now, with its failures forgotten."""
    conditional_update(job, ScheduledJob.parked_at.is_not(None), conflict=_(
        "This job is no longer parked: someone started it again a moment ago."),
        parked_at=None, failures=0, next_run_at=utcnow(), lease_until=None, lease_owner=None)
    audit.record(staff, "outbox.job_retried", job, error=job.last_error or "")
    db.session.commit()
