"""Organiser pages: publish and edit events, cancel them, see, export and message the
people registered."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from diaspora_platform import opendata
from diaspora_platform.authz import action
from diaspora_platform.community.events import queries, services
from diaspora_platform.community.events.blueprint import bp
from diaspora_platform.community.events.forms import CancelEventForm, EventForm, MessageForm
from diaspora_platform.community.events.models import Event
from diaspora_platform.community.events.views import load_event
from diaspora_platform.directory.models import Place
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _, ngettext, select_timezone
from diaspora_platform.inputs import int_arg
from diaspora_platform.permissions import confirmed_required, require
from diaspora_platform.unit_of_work import service_errors

ATTENDEE_FIELDS = ("name", "email", "status", "registered_at", "language")


def organised_event(event_id: int) -> Event:
    event = load_event(event_id)
    require(event.can_edit(current_user))
    return event


def _places(org_ids: list[int]) -> list[Place]:
    if not org_ids:
        return []
    return list(db.session.scalars(sa.select(Place).where(
        Place.organisation_id.in_(org_ids), Place.status != "rejected").order_by(Place.name)))


@bp.route("/new", methods=["GET", "POST"])
@action("events.create")
@confirmed_required
def create():
    orgs = services.editable_organisations(current_user)
    allowed = {o.id for o in orgs} | ({0} if current_user.acts_as_staff else set())
    if request.method == "POST" and request.form.get("organisation", type=int_arg) not in allowed:
        abort(403)  # not an organiser for whom the member may publish
    if not allowed:
        return render_template("events/no_organisation.html")
    form = EventForm()
    form.fill_choices(orgs, _places([o.id for o in orgs]), current_user.acts_as_staff)
    if request.method == "GET":
        form.timezone.data = select_timezone()
        first = form.organisation.choices[0][0]
        form.organisation.data = request.args.get("org", type=int_arg) or first
    if form.validate_on_submit():
        org = next((o for o in orgs if o.id == form.organisation.data), None)
        with service_errors(form):
            event = services.create_event(current_user, org, form.data_for_service())
            flash(_("Thank you. “%(title)s” waits for review by the Coordination Council; "
                    "you will be told of the decision.", title=event.title), "success")
            return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=None)


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@action("events.edit")
@login_required
def edit(event_id: int):
    event = organised_event(event_id)
    form = EventForm(obj=event)
    org_ids = [event.organisation_id] if event.organisation_id else []
    form.fill_choices([event.organisation] if event.organisation else [], _places(org_ids),
                      current_user.acts_as_staff)
    form.organisation.data = event.organisation_id or 0
    if request.method == "GET":
        form.fill_from(event)
    if form.validate_on_submit():
        with service_errors(form):
            outcome = services.update_event(current_user, event, form.data_for_service())
            flash({
                "saved": _("Saved."),
                "review": _("Saved. A new title, description or kind is checked by the "
                            "Council first: the event is public again once approved."),
                "resubmitted": _("Saved and sent for review again."),
            }[outcome], "success")
            return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=event)


@bp.route("/<int:event_id>/cancel", methods=["GET", "POST"])
@action("events.cancel")
@login_required
def cancel(event_id: int):
    event = organised_event(event_id)
    form = CancelEventForm()
    if form.validate_on_submit():
        with service_errors():
            told = services.cancel_event(current_user, event, form.reason.data)
            flash(ngettext("The event is cancelled; %(num)d person was told.",
                           "The event is cancelled; %(num)d people were told.", told), "success")
        return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/cancel.html", event=event, form=form)


@bp.route("/<int:event_id>/attendees")
@login_required
def attendees(event_id: int):
    event = organised_event(event_id)
    return render_template("events/attendees.html", event=event,
                           registrations=queries.attendees(event),
                           messages=queries.messages(event), form=MessageForm())


@bp.route("/<int:event_id>/attendees.csv")
@login_required
def attendees_csv(event_id: int):
    event = organised_event(event_id)
    services.record_export(current_user, event)
    rows = ({"name": reg.user.display_name, "email": reg.user.email, "status": reg.status,
             "registered_at": reg.queued_at.isoformat(), "language": reg.user.locale}
            for reg in queries.attendees(event))
    return opendata.csv_response(rows, ATTENDEE_FIELDS, f"event-{event.id}-attendees.csv")


@bp.route("/<int:event_id>/message", methods=["POST"])
@action("events.message")
@login_required
def message(event_id: int):
    event = organised_event(event_id)
    form = MessageForm()
    if form.validate_on_submit():
        with service_errors():
            told = services.message_attendees(current_user, event, form.body.data)
            flash(ngettext("Message sent to %(num)d person.", "Message sent to %(num)d people.",
                           told), "success")
    else:
        flash(ngettext("Write a message of at most %(max)d character.",
                       "Write a message of at most %(max)d characters.",
                       services.MESSAGE_MAX, max=services.MESSAGE_MAX),
              "danger")
    return redirect(url_for("events.attendees", event_id=event.id))
