"""Proposing a missing language version of a public text; the owner's list of proposals
with accept (after editing) and decline."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from diaspora_platform import pagination
from diaspora_platform.authz import action
from diaspora_platform.extensions import db
from diaspora_platform.forms import ConfirmForm
from diaspora_platform.i18n import LANGUAGES, _
from diaspora_platform.permissions import confirmed_required
from diaspora_platform.translations import URL_PREFIX, queries, registry, services
from diaspora_platform.translations.blueprint import bp
from diaspora_platform.translations.forms import proposal_form
from diaspora_platform.translations.models import TranslationProposal
from diaspora_platform.unit_of_work import service_errors


def _public_target(key: str, object_id: int):
    kind, item = services.load_target(key, object_id)
    if item is None or not kind.is_public(item):
        abort(404)
    return kind, item


@bp.route(f"{URL_PREFIX}/propose/<key>/<int:object_id>/<lang>", methods=["GET", "POST"])
@action("translations.propose")
@confirmed_required
def propose(key: str, object_id: int, lang: str):
    kind, item = services.load_target(key, object_id)
    if kind is None or lang not in LANGUAGES:
        abort(404)
    if item is None or not kind.is_public(item):
        if request.method == "POST":  # removed while the member was translating
            flash(_("This text is no longer on the site, so it cannot be translated."),
                  "warning")
            return redirect(url_for("main.home"))
        abort(404)
    if lang in item.text_languages:
        flash(_("This text already has a version in that language."), "info")
        return redirect(kind.url(item))
    form = proposal_form(item)
    if form.validate_on_submit():
        with service_errors(form):
            services.propose_translation(current_user, key, object_id, lang, form.texts())
            flash(_("Thank you: your translation was sent to the text's owner."), "success")
            return redirect(kind.url(item))
    return render_template("translations/propose.html", form=form, item=item, kind=kind,
                           lang=lang)


def _inbox_filters() -> queries.InboxFilters:
    kind = request.args.get("type")
    lang = request.args.get("language")
    return queries.InboxFilters(kind=kind if registry.get(kind or "") else None,
                                language=lang if lang in LANGUAGES else None,
                                **pagination.cursor_args())


@bp.route(f"{URL_PREFIX}/")
@login_required
def inbox():
    filters = _inbox_filters()
    page = queries.waiting_for(current_user, filters)
    forms = {proposal.id: proposal_form(item, data=proposal.texts, prefix=f"p{proposal.id}")
             for proposal, _kind, item in page.items if item is not None}
    return render_template("translations/inbox.html", rows=page.items, page=page,
                           forms=forms, filters=filters, types=registry.all_types(),
                           kept_args=pagination.kept_args(), confirm_form=ConfirmForm())


def _proposal(proposal_id: int) -> TranslationProposal:
    proposal = db.session.get(TranslationProposal, proposal_id)
    if proposal is None:
        abort(404)
    return proposal


@bp.route(f"{URL_PREFIX}/<int:proposal_id>/accept", methods=["POST"])
@action("translations.accept")
@login_required
def accept(proposal_id: int):
    proposal = _proposal(proposal_id)
    _kind, item = services.load_target(proposal.content_type, proposal.object_id)
    form = proposal_form(item, prefix=f"p{proposal.id}") if item is not None else ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    with service_errors():
        services.accept_translation(current_user, proposal,
                                    form.texts() if item is not None else None)
        flash(_("The translation is added to the text."), "success")
    return redirect(url_for("translations.inbox"))


@bp.route(f"{URL_PREFIX}/<int:proposal_id>/decline", methods=["POST"])
@action("translations.decline")
@login_required
def decline(proposal_id: int):
    proposal = _proposal(proposal_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with service_errors():
        services.decline_translation(current_user, proposal)
        flash(_("The proposal is declined."), "success")
    return redirect(url_for("translations.inbox"))
