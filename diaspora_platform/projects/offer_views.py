"""Offer pages: the offer form, an offer's page for its two sides (contacts only once
accepted), accept / decline / withdraw, and the owner's list of offers on a project."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from diaspora_platform.authz import action
from diaspora_platform.errors import Conflict, DomainError
from diaspora_platform.extensions import db
from diaspora_platform.forms import ConfirmForm
from diaspora_platform.i18n import _, current_language, ngettext
from diaspora_platform.permissions import confirmed_required, visible_or_404
from diaspora_platform.projects import offers, queries
from diaspora_platform.projects.blueprint import bp
from diaspora_platform.projects.forms import DeclineForm, OfferForm
from diaspora_platform.projects.models import Offer, OfferStatus
from diaspora_platform.projects.views import load_project, managed_project


def load_offer(offer_id: int) -> Offer:
    """Only the expert and the project's owner see an offer; others get 404."""
    return visible_or_404(Offer, offer_id)


def _refusal(project):
    """Why this person cannot offer on this project now (None if they can)."""
    from diaspora_platform.projects.match_queries import profile_of

    if project.can_manage(current_user):
        return _("You cannot offer help on your own project.")
    if not project.is_open_for_offers(queries.today()):
        return _("This project is not open for offers.")
    if profile_of(current_user) is None:
        return _("Create your expert profile first: it tells the project's owner what you "
                 "can do.")
    return None


@bp.route("/<int:project_id>/offer", methods=["GET", "POST"])
@action("projects.offer_new")
@confirmed_required
def offer_new(project_id: int):
    project = load_project(project_id)
    existing = queries.active_offer(current_user, project)
    if existing is not None:
        flash(_("You already have an open offer on this project."), "info")
        return redirect(url_for("projects.offer_detail", offer_id=existing.id))
    refusal = _refusal(project)
    form = OfferForm()
    form.fill_choices(project)
    if request.method == "GET":
        from diaspora_platform.projects.match_queries import profile_of

        profile = profile_of(current_user)
        if profile is not None:
            form.skills.data = [n.skill for n in project.skills
                                if n.skill in profile.skills and not n.is_filled]
            form.hours_per_month.data = profile.hours_per_month or None
            form.mode.data = profile.mode
    if refusal is None and form.validate_on_submit():
        try:
            offer = offers.make_offer(current_user, project, form.data)
        except Conflict as exc:
            flash(exc.message, "info")
            existing = queries.active_offer(current_user, project)
            if existing is not None:  # a double submit: show the offer already made
                return redirect(url_for("projects.offer_detail", offer_id=existing.id))
            form.form_errors.append(exc.message)
        except DomainError as exc:
            db.session.rollback()
            form.form_errors.append(exc.message)
        else:
            days = current_app.config["PROJECT_OFFER_EXPIRY_DAYS"]
            flash(ngettext("Your offer was sent. The project's owner has %(days)d day to answer; "
                           "you will be told by email.",
                           "Your offer was sent. The project's owner has %(days)d days to "
                           "answer; you will be told by email.", days, days=days), "success")
            return redirect(url_for("projects.offer_detail", offer_id=offer.id))
    status = 200 if refusal is None or request.method == "GET" else 403
    return render_template(
        "projects/offer_form.html", project=project, form=form, refusal=refusal,
        open_count=queries.open_offer_count(current_user),
        limit=current_app.config["PROJECT_OPEN_OFFERS_LIMIT"], today=queries.today(),
        lang=current_language(),
    ), status


@bp.route("/offers/<int:offer_id>")
@login_required
def offer_detail(offer_id: int):
    offer = load_offer(offer_id)
    from diaspora_platform.projects.match_queries import profile_of

    return render_template(
        "projects/offer.html", offer=offer, project=offer.project,
        owner=offer.project.can_manage(current_user), profile=profile_of(offer.expert),
        events=queries.events(offer), decline_form=DeclineForm(),
        confirm_form=ConfirmForm(), lang=current_language())


def _answer(offer_id: int, act, done: str, form_class=ConfirmForm):
    offer = load_offer(offer_id)
    form = form_class()
    if form.validate_on_submit():
        try:
            act(offer, form)
        except DomainError as exc:
            db.session.rollback()
            if exc.status == 403:
                abort(403)
            flash(exc.message, "danger")
        else:
            flash(done, "success")
    else:
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "danger")
    return redirect(url_for("projects.offer_detail", offer_id=offer_id))


@bp.route("/offers/<int:offer_id>/accept", methods=["POST"])
@action("projects.offer_accept")
@login_required
def offer_accept(offer_id: int):
    return _answer(offer_id, lambda offer, form: offers.accept_offer(current_user, offer),
                   _("Offer accepted. You now see each other's contact details."))


@bp.route("/offers/<int:offer_id>/decline", methods=["POST"])
@action("projects.offer_decline")
@login_required
def offer_decline(offer_id: int):
    return _answer(offer_id, lambda offer, form: offers.decline_offer(
        current_user, offer, form.reason.data), _("Offer declined; the expert is told why."),
        DeclineForm)


@bp.route("/offers/<int:offer_id>/withdraw", methods=["POST"])
@action("projects.offer_withdraw")
@login_required
def offer_withdraw(offer_id: int):
    return _answer(offer_id, lambda offer, form: offers.withdraw_offer(current_user, offer),
                   _("Your offer was withdrawn."))


@bp.route("/<int:project_id>/offers")
@login_required
def project_offers(project_id: int):
    project = managed_project(project_id)
    status = request.args.get("status")
    status = status if status in set(OfferStatus) else None
    return render_template("projects/offers.html", project=project, status=status,
                           offers=queries.offers_for(project, status),
                           statuses=list(OfferStatus), lang=current_language())
