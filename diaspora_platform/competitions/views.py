"""Competition pages for everybody: the six competitions, editions and results, and the
entrant's own entries (draft, files, submit, withdraw)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from diaspora_platform import uploads
from diaspora_platform.authz import action
from diaspora_platform.competitions import (
    entries,
    queries,
    results,
)
from diaspora_platform.competitions.blueprint import bp
from diaspora_platform.competitions.forms import AttachmentForm, EntryForm
from diaspora_platform.competitions.jury import judges
from diaspora_platform.competitions.models import (
    Assignment,
    Attachment,
    Competition,
    Edition,
    EditionState,
    Entry,
)
from diaspora_platform.extensions import db
from diaspora_platform.forms import ConfirmForm
from diaspora_platform.i18n import _, current_language
from diaspora_platform.permissions import confirmed_required, require
from diaspora_platform.unit_of_work import service_errors

MAX_ANSWER = 5000


def load_competition(key: str) -> Competition:
    competition = db.session.scalar(sa.select(Competition).where(Competition.key == key))
    if competition is None:
        abort(404)
    return competition


@bp.route("/")
def index():
    competitions = list(db.session.scalars(sa.select(Competition).order_by(
        Competition.position)))
    latest = {}
    for edition in db.session.scalars(queries.public_editions().order_by(Edition.year)):
        latest[edition.competition_id] = edition
    return render_template("competitions/index.html", competitions=competitions,
                           latest=latest, lang=current_language())


@bp.route("/<key>")
def competition(key: str):
    item = load_competition(key)
    editions = [e for e in db.session.scalars(sa.select(Edition).where(
        Edition.competition_id == item.id).order_by(Edition.year.desc()))
        if e.state != EditionState.DRAFT or current_user.is_authenticated
        and current_user.acts_as_staff]
    return render_template("competitions/competition.html", competition=item,
                           editions=editions, lang=current_language())


@bp.route("/<key>/<int:year>")
def edition(key: str, year: int):
    item = queries.visible_edition(key, year)
    mine = []
    if current_user.is_authenticated:
        mine = list(db.session.scalars(sa.select(Entry).where(
            Entry.edition_id == item.id, Entry.user_id == current_user.id)))
    return render_template(
        "competitions/edition.html", edition=item, lang=current_language(), mine=mine,
        winners=results.published(item) if item.results_public else [],
        jury=judges(item) if item.results_public and not item.hide_jury else [],
    )


def _answers_from_request(edition: Edition) -> list[str]:
    return [request.form.get(f"answer-{n}", "")[:MAX_ANSWER]
            for n in range(len(edition.questions))]


@bp.route("/<key>/<int:year>/enter", methods=["GET", "POST"])
@action("competitions.enter")
@confirmed_required
def enter(key: str, year: int):
    item = queries.visible_edition(key, year)
    options = entries.entrants_for(current_user, item)
    form = EntryForm()
    form.entrant.choices = [(o.key, o.name) for o in options]
    answers = _answers_from_request(item) if request.method == "POST" else []
    if form.validate_on_submit():
        with service_errors(form):
            entry = entries.create_entry(current_user, item, form.entrant.data, {
                "title": form.title.data, "statement": form.statement.data,
                "answers": answers})
            flash(_("Draft saved. Add files if needed, then submit before the deadline."),
                  "success")
            return redirect(url_for("competitions.entry", entry_id=entry.id))
    return render_template("competitions/entry_form.html", form=form, edition=item,
                           entry=None, answers=answers, options=options,
                           lang=current_language())


def load_entry(entry_id: int) -> Entry:
    """Entrants and staff see an entry; everybody once it is ranked in published results.
    Judges read entries on their own pages (which hide the entrant in blind editions)."""
    entry = db.session.get(Entry, entry_id)
    if entry is None:
        abort(404)
    if not entries.can_read(current_user, entry):
        abort(404)
    return entry


@bp.route("/entries/<int:entry_id>")
def entry(entry_id: int):
    item = load_entry(entry_id)
    manager = entries.can_manage(current_user, item)
    show_feedback = manager and item.edition.results_public
    return render_template(
        "competitions/entry.html", entry=item, edition=item.edition, manager=manager,
        files=entries.attachments(item) if manager or current_user.is_authenticated
        and current_user.acts_as_staff else [],
        missing=entries.missing_for_submission(item) if manager and item.is_draft else [],
        feedback=results.feedback(item) if show_feedback else None,
        upload_form=AttachmentForm(), confirm_form=ConfirmForm(), lang=current_language())


@bp.route("/entries/<int:entry_id>/edit", methods=["GET", "POST"])
@action("competitions.edit_entry")
@login_required
def edit_entry(entry_id: int):
    item = load_entry(entry_id)
    require(entries.can_manage(current_user, item))
    form = EntryForm(obj=item)
    form.entrant.choices = [(item.entrant_key, item.entrant_name)]
    form.entrant.data = item.entrant_key
    answers = _answers_from_request(item.edition) if request.method == "POST" else item.answers
    if form.validate_on_submit():
        with service_errors(form):
            entries.update_entry(current_user, item, {
                "title": form.title.data, "statement": form.statement.data,
                "answers": answers})
            flash(_("Draft saved."), "success")
            return redirect(url_for("competitions.entry", entry_id=item.id))
    return render_template("competitions/entry_form.html", form=form, edition=item.edition,
                           entry=item, answers=answers, options=[], lang=current_language())


def _entry_action(entry_id: int, action, done: str):
    item = load_entry(entry_id)
    require(entries.can_manage(current_user, item))
    if ConfirmForm().validate_on_submit():
        with service_errors():
            result = action(current_user, item)
            if result is not False:
                flash(done, "success")
    return redirect(url_for("competitions.entry", entry_id=entry_id))


@bp.route("/entries/<int:entry_id>/submit", methods=["POST"])
@action("competitions.submit_entry")
@login_required
def submit_entry(entry_id: int):
    return _entry_action(entry_id, entries.submit_entry,
                         _("Submitted. A confirmation was sent to you by email."))


@bp.route("/entries/<int:entry_id>/withdraw", methods=["POST"])
@action("competitions.withdraw_entry")
@login_required
def withdraw_entry(entry_id: int):
    return _entry_action(entry_id, entries.withdraw_entry, _("The entry was withdrawn."))


@bp.route("/entries/<int:entry_id>/files", methods=["POST"])
@action("competitions.add_file")
@login_required
def add_file(entry_id: int):
    item = load_entry(entry_id)
    require(entries.can_manage(current_user, item))
    form = AttachmentForm()
    if form.validate_on_submit():
        upload = form.file.data
        if upload is None or not getattr(upload, "filename", ""):
            flash(_("Choose a file."), "danger")
        else:
            with service_errors():
                entries.add_attachment(current_user, item, upload, form.required_index.data)
                flash(_("File added."), "success")
    return redirect(url_for("competitions.entry", entry_id=entry_id) + "#files")


@bp.route("/entries/<int:entry_id>/files/<int:file_id>/remove", methods=["POST"])
@action("competitions.remove_file")
@login_required
def remove_file(entry_id: int, file_id: int):
    return _entry_action(entry_id, lambda user, item: entries.remove_attachment(
        user, item, file_id), _("File removed."))


@bp.route("/entries/<int:entry_id>/files/<int:file_id>")
@login_required
def download(entry_id: int, file_id: int):
    """Entrants and staff get the original name; judges a neutral one (blind review)."""
    item = db.session.get(Entry, entry_id)
    attachment = db.session.get(Attachment, file_id)
    if item is None or attachment is None or attachment.entry_id != entry_id:
        abort(404)
    insider = entries.can_manage(current_user, item) or current_user.acts_as_staff
    if not insider and not _reading_judge(item):
        abort(404)
    name = (attachment.original_name if insider
            else f"entry-{item.id}-file-{attachment.id}.{attachment.extension}")
    return uploads.send("entries", attachment.stored_name, attachment.media_type, max_age=0,
                        download_name=name)


def _reading_judge(item: Entry) -> bool:
    return db.session.scalar(sa.select(sa.func.count(Assignment.id)).where(
        Assignment.entry_id == item.id, Assignment.judge_user_id == current_user.id,
        Assignment.declared_at.is_not(None), Assignment.recused_at.is_(None))) > 0


@bp.route("/mine")
@login_required
def mine():
    rows = list(db.session.scalars(sa.select(Entry).where(
        Entry.user_id == current_user.id).order_by(Entry.created_at.desc())))
    return render_template("competitions/mine.html", entries=rows, lang=current_language())

