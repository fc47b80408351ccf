"""The office's pages: the nominations routed to it and the endorsement decision; and the
endorsement shown to judges beside an entry. A nomination routed elsewhere is a 404."""

from __future__ import annotations

from functools import wraps

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from diaspora_platform import pagination
from diaspora_platform.authz import action
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _, current_language
from diaspora_platform.nominations import endorsement, queries
from diaspora_platform.nominations.blueprint import bp
from diaspora_platform.nominations.forms import EndorseForm
from diaspora_platform.nominations.letters import nominator_name
from diaspora_platform.nominations.models import Consent, Nomination
from diaspora_platform.official import queries as office_queries
from diaspora_platform.official.accounts import has_office_role
from diaspora_platform.permissions import second_factor_gate
from diaspora_platform.unit_of_work import service_errors

_gated = second_factor_gate(has_office_role)


def office_required(view):
    """An official body's account, with its second factor; anyone else signed in is
    answered as if nothing were here."""
    gated = _gated(view)

    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_user.is_authenticated and not has_office_role(current_user):
            abort(404)
        return gated(*args, **kwargs)

    return wrapper


def _routed(nomination_id: int) -> Nomination:
    nomination = db.session.get(Nomination, nomination_id)
    if nomination is None or nomination.consent != Consent.GIVEN \
            or not endorsement.can_endorse(current_user, nomination):
        abort(404)
    return nomination


@bp.route("/office/")
@office_required
def office():
    body = queries.acting_office(current_user)
    if body is None:
        abort(404)
    return render_template("nominations/office.html", office=body,
                           page=queries.for_office(body.id, **pagination.cursor_args()),
                           lang=current_language())


@bp.route("/office/<int:nomination_id>", methods=["GET", "POST"])
@action("nominations.endorse")
@office_required
def endorse(nomination_id: int):
    nomination = _routed(nomination_id)
    form = EndorseForm()
    if form.validate_on_submit():
        with service_errors(form):
            changed = endorsement.endorse_nomination(
                current_user, nomination, form.decision.data == "endorse", form.note.data)
            if changed:
                flash(_("Your decision was recorded; the nominator was told."), "success")
            return redirect(url_for("nominations.endorse", nomination_id=nomination.id))
    return render_template("nominations/endorse.html", nomination=nomination, form=form,
                           lang=current_language(),
                           nominator=nominator_name(nomination, current_language()))


@bp.app_template_global("endorsement_of")
def endorsement_of(entry) -> dict | None:
    """The endorsement judges see beside an entry: the body's name, its note and the date;
    in a blind edition the note is shown without the person's name."""
    nomination = queries.of_entry(entry.id)
    if nomination is None or not nomination.is_endorsed:
        return None
    body = office_queries.office(nomination.office_id or 0)
    note = nomination.endorsement_note
    if entry.edition.blind:
        note = queries.without_name(note, nomination.nominee_name)
    return {"body": body.name_in(current_language()) if body else "", "note": note,
            "date": nomination.endorsed_at}
