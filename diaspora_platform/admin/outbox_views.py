"""The worker's page for staff: mail it could not deliver (parked), retried or discarded
here, and the scheduled jobs with their last run and error."""

from __future__ import annotations

import sqlalchemy as sa
from babel.dates import get_day_names
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_login import current_user

from diaspora_platform import jobs, outbox, worker
from diaspora_platform.admin import outbox_services as services
from diaspora_platform.admin.views import bp
from diaspora_platform.authz import action
from diaspora_platform.extensions import db
from diaspora_platform.forms import BaseForm
from diaspora_platform.i18n import _, ngettext
from diaspora_platform.permissions import staff_required
from diaspora_platform.unit_of_work import service_errors


def schedule_text(schedule) -> str:
    """A job's schedule in the reader's language."""
    if isinstance(schedule, jobs.Every):
        minutes = int(schedule.step.total_seconds() // 60)
        if minutes % 60:
            return ngettext("every %(num)d minute", "every %(num)d minutes", minutes)
        return ngettext("every %(num)d hour", "every %(num)d hours", minutes // 60)
    time = f"{schedule.hour:02d}:{schedule.minute:02d}"
    if schedule.weekday is None:
        return _("daily at %(time)s UTC", time=time)
    day = get_day_names("wide", locale=get_locale())[jobs.WEEKDAYS.index(schedule.weekday)]
    return _("every %(day)s at %(time)s UTC", day=day, time=time)


@bp.route("/outbox")
@staff_required
def outbox_page():
    schedules = {name: schedule_text(job.schedule) for name, job in jobs.registered().items()}
    return render_template("admin/outbox.html", parked=outbox.parked_messages(),
                           waiting=outbox.count_waiting(), state=worker.worker_state(),
                           jobs=jobs.all_rows(), schedules=schedules, form=BaseForm())


def _parked_message(message_id: int) -> outbox.OutboxMessage:
    message = db.session.scalar(sa.select(outbox.OutboxMessage).where(
        outbox.OutboxMessage.id == message_id, outbox.OutboxMessage.parked_at.is_not(None)))
    return message or abort(404)


def _checked_form() -> None:
    if not BaseForm().validate_on_submit():
        abort(400)


def _on_parked_message(message_id: int, change, done: str):
    """Apply a staff decision (`change`) to a parked message, then back to the list."""
    message = _parked_message(message_id)
    _checked_form()
    with service_errors(category="warning"):
        change(current_user, message)
        flash(done, "success")
    return redirect(url_for("admin.outbox_page"))


@bp.route("/outbox/<int:message_id>/retry", methods=["POST"])
@action("admin.outbox_retry")
@staff_required
def outbox_retry(message_id: int):
    return _on_parked_message(message_id, services.retry_message,
                              _("The message is back in the queue and will be sent again."))


@bp.route("/outbox/<int:message_id>/discard", methods=["POST"])
@action("admin.outbox_discard")
@staff_required
def outbox_discard(message_id: int):
    return _on_parked_message(message_id, services.discard_message,
                              _("The message was discarded; it will not be sent."))


@bp.route("/jobs/<name>/retry", methods=["POST"])
@action("admin.job_retry")
@staff_required
def job_retry(name: str):
    job = db.session.scalar(sa.select(jobs.ScheduledJob).where(
        jobs.ScheduledJob.name == name[:64], jobs.ScheduledJob.parked_at.is_not(None)))
    if job is None:
        abort(404)
    _checked_form()
    with service_errors(category="warning"):
        services.retry_job(current_user, job)
        flash(_("The job will run again now."), "success")
    return redirect(url_for("admin.outbox_page"))
