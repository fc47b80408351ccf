"""Council staff run editions: settings and rubric, state changes, the jury and its
assignments, progress and reminders, the ranking preview, commendations, publication."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user

from diaspora_platform.authz import action
from diaspora_platform.competitions import editions, jury, results
from diaspora_platform.competitions.blueprint import bp
from diaspora_platform.competitions.forms import (
    EditionForm,
    JudgeForm,
    TransitionForm,
)
from diaspora_platform.competitions.models import Competition, Edition, EditionState, Entry
from diaspora_platform.competitions.views import load_competition
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.form_pages import form_page
from diaspora_platform.forms import ConfirmForm
from diaspora_platform.i18n import _, current_language
from diaspora_platform.inputs import parse_int
from diaspora_platform.permissions import staff_required
from diaspora_platform.unit_of_work import service_errors


@bp.route("/manage/")
@staff_required
def manage():
    rows = list(db.session.scalars(sa.select(Edition).order_by(Edition.year.desc(),
                                                               Edition.competition_id)))
    competitions = list(db.session.scalars(sa.select(Competition).order_by(
        Competition.position)))
    return render_template("competitions/manage.html", editions=rows,
                           competitions=competitions, lang=current_language())


def _edition_form(form: EditionForm, competition: Competition, edition: Edition | None):
    return form_page(
        form, "competitions/edition_form.html",
        lambda data: editions.save_edition(current_user, competition, data, edition),
        lambda saved: url_for("competitions.manage_edition", edition_id=saved.id),
        _("Edition saved."), competition=competition, edition=edition,
        lang=current_language())


@bp.route("/manage/new/<key>", methods=["GET", "POST"])
@action("competitions.new_edition")
@staff_required
def new_edition(key: str):
    return _edition_form(EditionForm(), load_competition(key), None)


def load_edition(edition_id: int) -> Edition:
    return db.get_or_404(Edition, edition_id)


@bp.route("/manage/<int:edition_id>/edit", methods=["GET", "POST"])
@action("competitions.edit_edition")
@staff_required
def edit_edition(edition_id: int):
    edition = load_edition(edition_id)
    form = EditionForm(obj=edition)
    if request.method == "GET":
        form.fill_from(edition)
    return _edition_form(form, edition.competition, edition)


@bp.route("/manage/<int:edition_id>")
@staff_required
def manage_edition(edition_id: int):
    edition = load_edition(edition_id)
    by_judge, by_entry = jury.progress(edition)
    entries = list(db.session.scalars(sa.select(Entry).where(
        Entry.edition_id == edition.id).order_by(Entry.submitted_at, Entry.id)))
    next_state = editions.NEXT.get(edition.state)
    return render_template(
        "competitions/manage_edition.html", edition=edition, entries=entries,
        judges=jury.judges(edition), by_judge={row["id"]: row for row in by_judge},
        by_entry={row["id"]: row for row in by_entry},
        ranking=results.ranking(edition) if edition.state == "judging" else [],
        unscored=editions.unscored_assignments(edition), next_state=next_state,
        deadline_passed=utcnow() >= edition.closes_at,
        next_state_title=EditionState(next_state).title if next_state else "",
        transition_form=TransitionForm(), judge_form=JudgeForm(), confirm_form=ConfirmForm(),
        lang=current_language())


def _back(edition_id: int, anchor: str = ""):
    return redirect(url_for("competitions.manage_edition", edition_id=edition_id) + anchor)


@bp.route("/manage/<int:edition_id>/transition", methods=["POST"])
@action("competitions.transition")
@staff_required
def transition(edition_id: int):
    edition = load_edition(edition_id)
    form = TransitionForm()
    if form.validate_on_submit():
        with service_errors():
            editions.transition(current_user, edition, form.to_state.data, form.override.data)
            flash(_("The edition is now “%(state)s”.", state=edition.state_title), "success")
    return _back(edition_id)


@bp.route("/manage/<int:edition_id>/judges", methods=["POST"])
@action("competitions.add_judge")
@staff_required
def add_judge(edition_id: int):
    edition = load_edition(edition_id)
    form = JudgeForm()
    if form.validate_on_submit():
        with service_errors():
            jury.add_judge(current_user, edition, form.email.data)
            flash(_("Judge added."), "success")
    else:
        flash(_("Enter a valid email address, like name@example.com."), "danger")
    return _back(edition_id, "#jury")


@bp.route("/manage/<int:edition_id>/judges/<int:judge_id>/remove", methods=["POST"])
@action("competitions.remove_judge")
@staff_required
def remove_judge(edition_id: int, judge_id: int):
    edition = load_edition(edition_id)
    if ConfirmForm().validate_on_submit():
        with service_errors():
            jury.remove_judge(current_user, edition, judge_id)
            flash(_("Judge removed."), "success")
    return _back(edition_id, "#jury")


@bp.route("/manage/<int:edition_id>/assign", methods=["POST"])
@action("competitions.assign")
@staff_required
def assign(edition_id: int):
    edition = load_edition(edition_id)
    if ConfirmForm().validate_on_submit():
        with service_errors():
            short = jury.reassign(current_user, edition)
            if short:
                flash(ngettext("%(num)d entry has fewer judges than asked for (conflicts "
                               "or too few judges).", "%(num)d entries have fewer judges "
                               "than asked for (conflicts or too few judges).", len(short)),
                      "warning")
            else:
                flash(_("Assignments updated."), "success")
    return _back(edition_id, "#jury")


@bp.route("/manage/<int:edition_id>/remind", methods=["POST"])
@action("competitions.remind")
@staff_required
def remind(edition_id: int):
    edition = load_edition(edition_id)
    if ConfirmForm().validate_on_submit():
        sent = jury.remind(current_user, edition)
        flash(_("Reminders sent: %(num)d.", num=sent), "success")
    return _back(edition_id, "#progress")


@bp.route("/manage/<int:edition_id>/commendations", methods=["POST"])
@action("competitions.commendations")
@staff_required
def commendations(edition_id: int):
    edition = load_edition(edition_id)
    if ConfirmForm().validate_on_submit():
        chosen = {parse_int(v) for v in request.form.getlist("commended")} - {None}
        with service_errors():
            results.set_commendations(current_user, edition, chosen)
            flash(_("Commendations saved."), "success")
    return _back(edition_id, "#ranking")
