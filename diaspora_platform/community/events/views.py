"""Event pages for everybody: upcoming and past events, the month view, an event's page,
registering and cancelling, calendar files and feeds, open data. Organiser pages are in
manage_views.py."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from diaspora_platform import opendata, pagination
from diaspora_platform.authz import action
from diaspora_platform.community.events import calendars, queries, registration, services
from diaspora_platform.community.events.blueprint import bp
from diaspora_platform.community.events.display import moment, span
from diaspora_platform.community.events.models import (
    EVENT_KIND_TITLES,
    Event,
    EventKind,
    RegistrationStatus,
)
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.forms import ConfirmForm
from diaspora_platform.i18n import _, country_name, local_zone, valid_country
from diaspora_platform.links import external_url
from diaspora_platform.organisations import queries as org_queries
from diaspora_platform.permissions import confirmed_required
from diaspora_platform.unit_of_work import service_errors

if TYPE_CHECKING:
    from diaspora_platform.organisations.models import Organisation

OPEN_FIELDS = ("id", "title", "kind", "organisation_id", "organisation", "starts_at",
               "ends_at", "timezone", "online", "address", "city", "country", "languages",
               "audience", "capacity", "seats_left", "registration_deadline", "cancelled",
               "url", "ics")


def load_event(event_id: int) -> Event:
    """The event, if this reader may see it (those registered keep seeing it); else 404."""
    event = db.session.get(Event, event_id)
    if event is None:
        abort(404)
    if not event.can_view(current_user):
        reg = registration.registration_of(event, current_user)
        if reg is None or reg.status == RegistrationStatus.CANCELLED:
            abort(404)
    return event


def _month(value: str | None) -> date | None:
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1) if 2000 <= year <= 2100 else None
    except ValueError:
        return None


def _filters() -> queries.Filters:
    args = request.args
    country = (args.get("country") or "").upper()
    return queries.Filters(
        when="past" if args.get("when") == "past" else "upcoming",
        country=country if valid_country(country) else None,
        kind=args.get("kind") if args.get("kind") in set(EventKind) else None,
        month=_month(args.get("month")), online=args.get("online") == "1",
        **pagination.cursor_args(),
    )


def _context(filters) -> dict:
    return dict(filters=filters, kinds=EVENT_KIND_TITLES,
                countries=queries.countries_with_events())


@bp.route("/")
def index():
    filters = _filters()
    page, total = queries.listing(filters)
    return render_template("events/index.html", events=page.items, page=page, total=total,
                           kept_args=pagination.kept_args(), **_context(filters))


@bp.route("/month")
def month():
    filters = _filters()
    if filters.month is None:
        today = utcnow().astimezone(local_zone()).date()
        filters.month = today.replace(day=1)
    return render_template("events/month.html", days=queries.month_days(filters),
                           weeks=calendars.weeks(filters.month),
                           labels=calendars.month_labels(filters.month), **_context(filters))


@bp.route("/<int:event_id>")
def detail(event_id: int):
    event = load_event(event_id)
    reg = registration.registration_of(event, current_user)
    organiser = event.can_edit(current_user)
    return render_template(
        "events/detail.html", event=event, reg=reg, organiser=organiser,
        show_link=organiser or bool(reg and reg.is_confirmed),
        position=registration.waitlist_position(reg) if reg and reg.status == "waitlisted"
        else None, form=ConfirmForm())


@bp.route("/<int:event_id>/register", methods=["POST"])
@action("events.register")
@confirmed_required
def register(event_id: int):
    event = load_event(event_id)
    if ConfirmForm().validate_on_submit():
        with service_errors():
            reg = registration.register(current_user, event)
            if reg.is_confirmed:
                flash(_("You are registered. A confirmation is on its way to your email."),
                      "success")
            else:
                flash(_("The event is full: you are on the waitlist, number %(num)d. We will "
                        "tell you if a seat becomes free.",
                        num=registration.waitlist_position(reg)), "info")
    return redirect(url_for("events.detail", event_id=event_id))


@bp.route("/<int:event_id>/unregister", methods=["POST"])
@action("events.unregister")
@confirmed_required
def unregister(event_id: int):
    event = load_event(event_id)
    if ConfirmForm().validate_on_submit():
        with service_errors():
            done = registration.cancel_registration(current_user, event)
            if done:
                flash(_("Your registration is cancelled."), "success")
    return redirect(url_for("events.detail", event_id=event_id))


@bp.route("/mine")
@confirmed_required
def mine():
    orgs = services.editable_organisations(current_user)
    return render_template("events/mine.html", registrations=queries.mine(current_user),
                           managed=queries.managed(current_user, [o.id for o in orgs]),
                           can_publish=bool(orgs) or current_user.acts_as_staff)


def _ics_response(text: str, filename: str) -> Response:
    return Response(text, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "private, max-age=300"})


@bp.route("/<int:event_id>.ics")
def ics(event_id: int):
    event = load_event(event_id)
    reg = registration.registration_of(event, current_user)
    attendee = event.can_edit(current_user) or bool(reg and reg.is_confirmed)
    return _ics_response(calendars.event_calendar(event, attendee), f"event-{event.id}.ics")


@bp.route("/feeds/organisation/<int:org_id>.ics")
def feed_organisation(org_id: int):
    org = org_queries.by_id(org_id)
    if org is None or not org.is_public:
        abort(404)
    return _ics_response(calendars.feed_calendar(queries.feed(organisation_id=org.id),
                                                 org.name), f"organisation-{org.id}.ics")


@bp.route("/feeds/country/<code>.ics")
def feed_country(code: str):
    if not valid_country(code) or code != code.upper():
        abort(404)
    name = _("Events in %(country)s", country=country_name(code))
    return _ics_response(calendars.feed_calendar(queries.feed(country=code), name),
                         f"events-{code}.ics")


def _open_rows():
    for event in queries.open_data():
        yield {
            "id": event.id, "title": event.title, "kind": event.kind,
            "organisation_id": event.organisation_id, "organisation": event.host_name,
            "starts_at": event.starts_at.isoformat(), "ends_at": event.ends_at.isoformat(),
            "timezone": event.timezone, "online": event.is_online, "address": event.address,
            "city": event.city, "country": event.country, "languages": event.language_list,
            "audience": event.audience, "capacity": event.capacity,
            "seats_left": event.seats_left,
            "registration_deadline": event.deadline.isoformat(),
            "cancelled": event.is_cancelled,
            "url": external_url("events.detail", event_id=event.id),
            "ics": external_url("events.ics", event_id=event.id)}


@bp.route("/events.json")
def open_data_json():
    return opendata.json_response("events", _open_rows())


@bp.route("/events.csv")
def open_data_csv():
    return opendata.csv_response(_open_rows(), OPEN_FIELDS, "events.csv")


@bp.app_template_global("event_times")
def event_times(event: Event) -> tuple[str, str | None]:
    """The event's span in its own zone, and the start in the reader's zone when that
    differs (None when it is the same)."""
    own = span(event.starts_at, event.ends_at, event.zone)
    reader = local_zone()
    same = (event.starts_at.astimezone(reader).utcoffset()
            == event.starts_at.astimezone(event.zone).utcoffset())
    return own, None if same else moment(event.starts_at, reader)


@bp.app_template_global("org_events")
def org_events(org: Organisation) -> list[Event]:
    """For the organisation page: its upcoming events (with those in review for its
    editors and staff)."""
    return queries.of_organisation(org, include_unpublished=org.can(current_user, "publish")
                                   or bool(getattr(current_user, "acts_as_staff", False)))

