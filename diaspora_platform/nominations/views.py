"""The nominator's pages (the form, their nominations and where each stands), the
person's consent page behind their private link, and the staff list of an edition."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from diaspora_platform import pagination
from diaspora_platform.authz import action
from diaspora_platform.competitions import queries as competition_queries
from diaspora_platform.errors import InvalidToken
from diaspora_platform.extensions import db
from diaspora_platform.form_pages import form_page
from diaspora_platform.forms import ConfirmForm, select_choices
from diaspora_platform.i18n import _, country_name, current_language
from diaspora_platform.inputs import parse_int
from diaspora_platform.nominations import queries, services
from diaspora_platform.nominations.blueprint import bp
from diaspora_platform.nominations.forms import ConsentForm, NominationForm, RouteForm
from diaspora_platform.nominations.letters import nominator_name
from diaspora_platform.nominations.models import Nomination
from diaspora_platform.permissions import confirmed_required, staff_required
from diaspora_platform.unit_of_work import service_errors


def _behalf_choices() -> list[tuple[str, str]]:
    lang = current_language()
    rows = [(f"org:{org.id}", org.display_name(lang))
            for org in queries.managed_organisations(current_user)]
    office = queries.acting_office(current_user)
    if office is not None:
        rows.insert(0, ("office", office.name_in(lang)))
    return rows


def _office_choices() -> list[tuple[str, str]]:
    lang = current_language()
    return [("", _("Chosen for me: the embassy or consulate of the person's country")), *[
        (str(body.id), f"{body.name_in(lang)} ({country_name(body.country, lang)})")
        for body in queries.all_endorsing_offices()]]


def _proposal(form: NominationForm) -> services.Proposal:
    office = form.office_id.data or ""
    return services.Proposal(
        client_token=form.client_token.data, name=form.name.data, email=form.email.data,
        country=form.country.data, statement=form.statement.data,
        language=form.language.data, on_behalf=form.on_behalf.data,
        office_id=int(office) if office.isdigit() else None)


@bp.route("/<key>/<int:year>/new", methods=["GET", "POST"])
@action("nominations.new")
@confirmed_required
def nominate(key: str, year: int):
    edition = competition_queries.visible_edition(key, year)
    if not edition.takes_nominations:
        abort(404)
    behalf = _behalf_choices()
    if not behalf and request.method == "POST":
        abort(403)
    form = NominationForm()
    form.on_behalf.choices = select_choices(behalf)
    form.office_id.choices = select_choices(_office_choices())
    if request.method == "GET":
        form.language.data = current_language()
    elif not form.on_behalf.data and behalf:  # one choice: the form may leave it out
        form.on_behalf.data = behalf[0][0]
    if behalf and form.validate_on_submit():
        with service_errors(form):
            _nomination, created = services.nominate_person(current_user, edition,
                                                            _proposal(form))
            flash(_("Nomination recorded. We sent the person a link to confirm that they "
                    "agree.") if created else _("This nomination was already recorded."),
                  "success")
            return redirect(url_for("nominations.mine"))
    return render_template("nominations/new.html", form=form, edition=edition,
                           can_nominate=bool(behalf), lang=current_language())


@bp.route("/mine")
@login_required
def mine():
    return render_template("nominations/mine.html",
                           page=queries.by_nominator(current_user, **pagination.cursor_args()),
                           confirm_form=ConfirmForm(), lang=current_language())


def _made_by_me(nomination_id: int) -> Nomination:
    """A nomination the signed-in member made; to anyone else it does not exist."""
    nomination = db.session.get(Nomination, nomination_id)
    if nomination is None or nomination.nominator_id != current_user.id:
        abort(404)
    return nomination


@bp.route("/<int:nomination_id>/resend", methods=["POST"])
@action("nominations.resend")
@login_required
def resend(nomination_id: int):
    nomination = _made_by_me(nomination_id)
    if ConfirmForm().validate_on_submit():
        with service_errors():
            services.resend_link(current_user, nomination)
            flash(_("A new link was sent to the person. The old one no longer works."),
                  "success")
    return redirect(url_for("nominations.mine"))


@bp.route("/<int:nomination_id>/withdraw", methods=["GET", "POST"])
@action("nominations.withdraw")
@login_required
def withdraw(nomination_id: int):
    """What withdrawing does, then the nominator confirms it."""
    nomination = _made_by_me(nomination_id)
    return form_page(ConfirmForm(), "nominations/withdraw.html",
                     lambda _data: services.withdraw_nomination(current_user, nomination),
                     lambda _done: url_for("nominations.mine"),
                     _("The nomination was withdrawn."), nomination=nomination,
                     lang=current_language())


@bp.route("/<int:nomination_id>/route", methods=["GET", "POST"])
@action("nominations.reroute")
@staff_required
def reroute(nomination_id: int):
    nomination = db.get_or_404(Nomination, nomination_id)
    form = RouteForm()
    form.office_id.choices = select_choices(_office_choices()[1:])
    if request.method == "GET":
        form.office_id.data = str(nomination.office_id or "")
    return form_page(
        form, "nominations/route.html",
        lambda data: services.reroute_nomination(current_user, nomination,
                                                 parse_int(data["office_id"])),
        lambda _done: url_for("nominations.edition", edition_id=nomination.edition_id),
        _("The nomination now goes to the office you chose; both offices were told."),
        nomination=nomination, lang=current_language())


@bp.route("/consent/<secret>", methods=["GET", "POST"])
@action("nominations.consent")
def consent(secret: str):
    nomination = services.by_secret(secret)
    if nomination is None:
        abort(404)
    form = ConsentForm()
    problem = None
    try:
        services.usable(nomination)
    except InvalidToken as exc:
        problem = exc.message
    if problem is None and form.validate_on_submit():
        with service_errors(form):
            services.answer_nomination(current_user, nomination,
                                       form.decision.data == "yes")
            flash(_("Thank you: you agreed to be nominated. We will tell you how the "
                    "competition goes.") if form.decision.data == "yes" else
                  _("Thank you: you declined. The nomination will go no further."),
                  "success")
            return redirect(url_for("competitions.edition",
                                    key=nomination.edition.competition.key,
                                    year=nomination.edition.year))
    return render_template("nominations/consent.html", nomination=nomination, form=form,
                           problem=problem, lang=current_language(),
                           nominator=_nominator(nomination))


def _nominator(nomination: Nomination) -> str:
    return nominator_name(nomination, current_language())


@bp.route("/edition/<int:edition_id>")
@staff_required
def edition(edition_id: int):
    item = competition_queries.edition_by_id(edition_id)
    if item is None:
        abort(404)
    page, total = queries.for_edition(item.id, **pagination.cursor_args())
    return render_template("nominations/edition.html", edition=item, page=page, total=total,
                           nominator=_nominator,
                           lang=current_language())
