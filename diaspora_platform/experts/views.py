"""The expert roster, an expert's page, creating and editing one's own profile, and the
expert's dashboard (suggested projects with the reasons, their offers, the weekly email)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from diaspora_platform import pagination
from diaspora_platform.authz import action
from diaspora_platform.experts import queries as expert_queries
from diaspora_platform.experts import services as experts
from diaspora_platform.experts.blueprint import bp
from diaspora_platform.experts.forms import (
    ExpertProfileForm,
    WeeklyEmailForm,
)
from diaspora_platform.experts.models import ExpertProfile, profile_of
from diaspora_platform.extensions import db
from diaspora_platform.forms import ConfirmForm
from diaspora_platform.i18n import _, language_choices
from diaspora_platform.permissions import confirmed_required
from diaspora_platform.projects import vocabulary
from diaspora_platform.unit_of_work import service_errors

SUGGESTIONS_ON_DASHBOARD = 20
SUGGESTIONS_ON_PROJECT = 10


def suggested_experts_for(project) -> list:
    """The experts suggested on a project's page; only its managers see them."""
    from diaspora_platform.projects.match_queries import suggest_experts

    if not project.can_manage(current_user):
        return []
    return suggest_experts(project, limit=SUGGESTIONS_ON_PROJECT)


@bp.app_context_processor
def _helpers() -> dict:
    return {"suggested_experts_for": suggested_experts_for,
            "skill_label": vocabulary.skill_label, "sector_label": vocabulary.sector_label}


@bp.route("/")
def index():
    filters = expert_queries.parse_filters(request.args)
    page, total = expert_queries.roster(filters, current_user)
    return render_template(
        "experts/index.html", profiles=page.items, page=page, total=total, filters=filters,
        kept_args=pagination.kept_args(),
        skill_groups=vocabulary.skill_choices(), sectors=vocabulary.sector_choices(),
        languages=language_choices(), hours_choices=expert_queries.HOURS_CHOICES,
        mine=profile_of(current_user))


@bp.route("/<int:expert_id>")
def detail(expert_id: int):
    profile = db.session.get(ExpertProfile, expert_id)
    if profile is None or not experts.can_view(current_user, profile):
        abort(404)  # a hidden profile is not revealed to exist
    return render_template("experts/detail.html", profile=profile,
                           can_edit=experts.can_edit(current_user, profile),
                           delete_form=ConfirmForm())


@bp.route("/me", methods=["GET", "POST"])
@action("experts.edit")
@confirmed_required
def edit():
    profile = profile_of(current_user)
    form = ExpertProfileForm()
    form.fill_choices()
    if request.method == "GET" and profile is not None:
        form.load(profile)
    if form.validate_on_submit():
        with service_errors(form):
            profile, created = experts.save_profile(current_user, form.data_for_service())
            flash(_("Your expert profile was created.") if created
                  else _("Your expert profile was saved."), "success")
            return redirect(url_for("experts.dashboard"))
    return render_template("experts/form.html", form=form, profile=profile,
                           skill_groups=vocabulary.skill_choices())


@bp.route("/me/delete", methods=["POST"])
@action("experts.delete")
@confirmed_required
def delete():
    profile = profile_of(current_user)
    if profile is None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        experts.delete_profile(current_user, profile)
        flash(_("Your expert profile was deleted."), "success")
    return redirect(url_for("experts.index"))


@bp.route("/dashboard")
@login_required
def dashboard():
    from diaspora_platform.projects.match_queries import offers_of, suggest_projects

    profile = profile_of(current_user)
    if profile is None:
        return render_template("experts/dashboard.html", profile=None)
    form = WeeklyEmailForm(weekly_email=profile.weekly_email)
    return render_template(
        "experts/dashboard.html", profile=profile, weekly_form=form,
        suggestions=suggest_projects(profile, limit=SUGGESTIONS_ON_DASHBOARD),
        offers=offers_of(profile))


@bp.route("/dashboard/weekly-email", methods=["POST"])
@action("experts.weekly_email")
@confirmed_required
def weekly_email():
    profile = profile_of(current_user)
    if profile is None:
        abort(404)
    form = WeeklyEmailForm()
    if form.validate_on_submit():
        experts.set_weekly_email(current_user, profile, form.weekly_email.data)
        flash(_("You will get a weekly email about new projects that match you.")
              if form.weekly_email.data else _("You will get no more weekly emails."),
              "success")
    return redirect(url_for("experts.dashboard"))
