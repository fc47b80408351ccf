"""The judge's pages: assigned entries, the conflict declaration that comes before any
content, recusal, and the scoring sheet. In a blind edition nothing here names the
entrant."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from diaspora_platform.authz import action
from diaspora_platform.competitions import entries, jury
from diaspora_platform.competitions.blueprint import bp
from diaspora_platform.competitions.forms import RecuseForm
from diaspora_platform.competitions.models import Assignment, Edition, Judge
from diaspora_platform.errors import DomainError
from diaspora_platform.extensions import db
from diaspora_platform.forms import ConfirmForm
from diaspora_platform.i18n import _, current_language
from diaspora_platform.inputs import parse_int
from diaspora_platform.unit_of_work import service_errors


@bp.route("/judging/")
@login_required
def judging():
    editions = list(db.session.scalars(sa.select(Edition).join(
        Judge, Judge.edition_id == Edition.id).where(Judge.user_id == current_user.id)
        .order_by(Edition.judging_ends_at.desc())))
    return render_template("competitions/judging.html", editions=editions,
                           lang=current_language())


@bp.route("/judging/<int:edition_id>")
@login_required
def judge_edition(edition_id: int):
    edition = db.session.get(Edition, edition_id)
    if edition is None or not db.session.scalar(sa.select(Judge.id).where(
            Judge.edition_id == edition_id, Judge.user_id == current_user.id)):
        abort(404)
    return render_template("competitions/judge_edition.html", edition=edition,
                           assignments=jury.assignments_for(current_user, edition),
                           lang=current_language())


def load_assignment(assignment_id: int) -> Assignment:
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.judge_user_id != current_user.id:
        abort(404)
    return assignment


@bp.route("/judging/assignments/<int:assignment_id>")
@login_required
def assignment(assignment_id: int):
    item = load_assignment(assignment_id)
    edition = db.session.get(Edition, item.edition_id)
    reading = item.declared_at is not None and item.recused_at is None
    return render_template(
        "competitions/assignment.html", assignment=item, edition=edition, entry=item.entry,
        reading=reading, files=entries.attachments(item.entry) if reading else [],
        scores={s.criterion_id: s for s in item.scores}, recuse_form=RecuseForm(),
        confirm_form=ConfirmForm(), lang=current_language())


def _back(assignment_id: int):
    return redirect(url_for("competitions.assignment", assignment_id=assignment_id))


@bp.route("/judging/assignments/<int:assignment_id>/declare", methods=["POST"])
@action("competitions.declare")
@login_required
def declare(assignment_id: int):
    item = load_assignment(assignment_id)
    if ConfirmForm().validate_on_submit():
        with service_errors():
            jury.declare_no_conflict(current_user, item)
    return _back(assignment_id)


@bp.route("/judging/assignments/<int:assignment_id>/recuse", methods=["POST"])
@action("competitions.recuse")
@login_required
def recuse(assignment_id: int):
    item = load_assignment(assignment_id)
    form = RecuseForm()
    if form.validate_on_submit():
        with service_errors():
            jury.recuse(current_user, item, form.reason.data)
            flash(_("You recused yourself from this entry. The Council was told."), "success")
    else:
        flash(_("Say briefly why you recuse yourself."), "danger")
    return _back(assignment_id)


def _sheet_from_request(edition: Edition) -> dict[int, tuple]:
    values = {}
    for criterion in edition.criteria:
        raw = (request.form.get(f"score-{criterion.id}") or "").strip()
        score = parse_int(raw, 0, 10)
        if raw and score is None:
            raise DomainError(_("Scores go from 0 to 10."))
        values[criterion.id] = (score,
                                request.form.get(f"comment-{criterion.id}", ""))
    return values


@bp.route("/judging/assignments/<int:assignment_id>/scores", methods=["POST"])
@action("competitions.score")
@login_required
def score(assignment_id: int):
    item = load_assignment(assignment_id)
    edition = db.session.get(Edition, item.edition_id)
    if not ConfirmForm().validate_on_submit():
        return _back(assignment_id)
    submit = request.form.get("action") == "submit"
    try:
        jury.save_scores(current_user, item, _sheet_from_request(edition), submit)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "danger")
        if item.declared_at is None or item.recused_at is not None:
            # Not (or no longer) reading it: the entry stays behind the declaration.
            return _back(assignment_id)
        # Keep what was typed: the sheet re-renders with the person's values.
        return render_template(
            "competitions/assignment.html", assignment=item, edition=edition,
            entry=item.entry, reading=True, files=entries.attachments(item.entry),
            scores={}, typed=request.form, recuse_form=RecuseForm(),
            confirm_form=ConfirmForm(), lang=current_language())
    flash(_("Scores submitted. Thank you.") if submit else _("Scores saved as a draft."),
          "success")
    if submit:
        return redirect(url_for("competitions.judge_edition", edition_id=edition.id))
    return _back(assignment_id)
