"""Project pages: the listing with filters, a project's page (needs, documents, timeline),
publishing and editing, closing for offers, updates, documents and following. Offers are
in offer_views (same blueprint)."""

from __future__ import annotations

from functools import cache

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_login import current_user, login_required

from diaspora_platform import pagination
from diaspora_platform.accounts.vocabulary import REGION_TITLES
from diaspora_platform.authz import action
from diaspora_platform.forms import ConfirmForm
from diaspora_platform.i18n import _, current_language
from diaspora_platform.permissions import confirmed_required, require, visible_or_404
from diaspora_platform.projects import (
    queries,
    services,
    updates,
    vocabulary,
)
from diaspora_platform.projects.blueprint import bp
from diaspora_platform.projects.forms import (
    DocumentForm,
    ProjectForm,
    UpdateForm,
)
from diaspora_platform.projects.models import STAGE_TITLES, Project, Stage
from diaspora_platform.unit_of_work import service_errors


def load_project(project_id: int) -> Project:
    return visible_or_404(Project, project_id)


def managed_project(project_id: int) -> Project:
    project = load_project(project_id)
    require(project.can_manage(current_user))
    return project


def _filters() -> queries.Filters:
    args = request.args
    return queries.Filters(
        sector=args.get("sector") if vocabulary.is_sector(args.get("sector")) else None,
        region=args.get("region") if args.get("region") in REGION_TITLES else None,
        stage=args.get("stage") if args.get("stage") in set(Stage) else None,
        skill=args.get("skill") if vocabulary.is_skill(args.get("skill")) else None,
        open_only=args.get("open") == "1",
        sort=args.get("sort") if args.get("sort") in queries.SORTS else "newest",
        **pagination.cursor_args(),
    )


@cache
def _vocabulary(lang: str) -> tuple:
    """Sectors and grouped skills as plain strings in `lang`: labels are looked up once
    per language, not ~80 times a page."""
    with force_locale(lang):
        return (tuple(vocabulary.sector_choices()),
                tuple((group, tuple(skills)) for group, skills in vocabulary.skill_choices()))


@bp.app_template_global("project_suggestions")
def _suggestions():
    """Open projects matching the signed-in expert, with the reasons (the list page's
    personal region: rendered for each reader, never shared)."""
    from diaspora_platform.projects.match_queries import has_profile, profile_of, suggest_projects

    profile = profile_of(current_user) if has_profile(current_user) else None
    return (suggest_projects(profile, 3) if profile else []), profile


@bp.route("/")
def index():
    filters = _filters()
    page, total = queries.listing(filters)
    sectors, skill_groups = _vocabulary(current_language())
    return render_template(
        "projects/index.html", projects=page.items, page=page, total=total, filters=filters,
        kept_args=pagination.kept_args(), regions=REGION_TITLES,
        stages=STAGE_TITLES, sectors=sectors, skill_groups=skill_groups, today=queries.today(),
        lang=current_language())


@bp.app_template_global("can_publish_project")
def _can_publish() -> bool:
    return services.can_publish(current_user, kept=True)


def _form_for(project: Project | None) -> tuple[ProjectForm, list]:
    organisations = services.publishing_organisations(current_user)
    form = ProjectForm(obj=project)
    form.fill_choices(organisations, council=current_user.acts_as_staff)
    if project is not None:
        del form.organisation  # the publisher does not change
        if request.method == "GET":
            form.budget_amount.data = project.budget
    return form, organisations


@bp.route("/new", methods=["GET", "POST"])
@action("projects.new")
@confirmed_required
def new():
    if not services.can_publish(current_user):
        return render_template("projects/no_organisation.html"), (
            403 if request.method == "POST" else 200)
    form, organisations = _form_for(None)
    if request.method == "GET" and request.args.get("org"):
        form.organisation.data = request.args.get("org")
    if form.validate_on_submit():
        chosen = form.organisation.data or ""
        org = next((o for o in organisations if str(o.id) == chosen), None)
        if org is None and (chosen or not current_user.acts_as_staff):
            abort(403)
        with service_errors(form):
            project = services.create_project(current_user, org, form.data_for_service())
            flash(_("Thank you. “%(title)s” waits for review by the Coordination Council; "
                    "you will be told of the decision.", title=project.title), "success")
            return redirect(url_for("projects.detail", project_id=project.id))
    return render_template("projects/form.html", form=form, project=None)


@bp.route("/<int:project_id>/edit", methods=["GET", "POST"])
@action("projects.edit")
@login_required
def edit(project_id: int):
    project = managed_project(project_id)
    form, _orgs = _form_for(project)
    if form.validate_on_submit():
        with service_errors(form):
            outcome = services.update_project(current_user, project, form.data_for_service())
            flash({
                "saved": _("Saved. The changes are public."),
                "review": _("Saved. A new title, sector or description is checked by the "
                            "Council first: the project is listed again once approved."),
                "resubmitted": _("Saved and sent for review again."),
            }[outcome], "success")
            return redirect(url_for("projects.detail", project_id=project.id))
    return render_template("projects/form.html", form=form, project=project)


def _contacts_visible(project: Project, offer) -> bool:
    return project.can_manage(current_user) or bool(offer and offer.is_accepted)


@bp.route("/<int:project_id>")
def detail(project_id: int):
    project = load_project(project_id)
    manager = project.can_manage(current_user)
    offer = queries.active_offer(current_user, project)
    suggested = []
    if manager and project.is_public:
        from diaspora_platform.projects.match_queries import suggest_experts

        suggested = suggest_experts(project, 5)
    return render_template(
        "projects/detail.html", project=project, manager=manager, offer=offer,
        contacts=_contacts_visible(project, offer), documents=queries.documents(project),
        timeline=queries.timeline(project), followers=queries.follower_count(project),
        following=queries.is_following(current_user, project), today=queries.today(),
        pending=queries.pending_counts([project]).get(project.id, 0) if manager else 0,
        suggested=suggested, confirm_form=ConfirmForm(), update_form=UpdateForm(),
        document_form=DocumentForm(), lang=current_language())


def _action(project_id: int, action, done: str, anchor: str = ""):
    """Run a manager's button action and come back to the project page."""
    project = managed_project(project_id)
    if ConfirmForm().validate_on_submit():
        with service_errors():
            action(project)
            flash(done, "success")
    return redirect(url_for("projects.detail", project_id=project.id) + anchor)


@bp.route("/<int:project_id>/close", methods=["POST"])
@action("projects.close")
@login_required
def close(project_id: int):
    return _action(project_id, lambda p: services.set_open(current_user, p, False),
                   _("The project no longer takes offers. You can still answer the open "
                     "ones."))


@bp.route("/<int:project_id>/reopen", methods=["POST"])
@action("projects.reopen")
@login_required
def reopen(project_id: int):
    return _action(project_id, lambda p: services.set_open(current_user, p, True),
                   _("The project takes offers again."))


@bp.route("/<int:project_id>/updates", methods=["POST"])
@action("projects.post_update")
@login_required
def post_update(project_id: int):
    project = managed_project(project_id)
    form = UpdateForm()
    if form.validate_on_submit():
        with service_errors():
            update = updates.post_update(current_user, project, form.data)
            flash(_("The update is on the timeline; followers are told."), "success")
            return redirect(url_for("projects.detail", project_id=project.id)
                            + f"#update-{update.id}")
    else:
        for errors in form.errors.values():
            flash(" ".join(str(e) for e in errors), "danger")
    return redirect(url_for("projects.detail", project_id=project.id) + "#timeline")


@bp.route("/<int:project_id>/updates/<int:update_id>/delete", methods=["POST"])
@action("projects.delete_update")
@login_required
def delete_update(project_id: int, update_id: int):
    return _action(project_id, lambda p: updates.delete_update(current_user, p, update_id),
                   _("The update was removed."), "#timeline")


@bp.route("/<int:project_id>/follow", methods=["POST"])
@action("projects.follow")
@login_required
def follow(project_id: int):
    project = load_project(project_id)
    if ConfirmForm().validate_on_submit():
        with service_errors():
            updates.follow(current_user, project)
            flash(_("You follow this project: its updates come to you by email and here."),
                  "success")
    return redirect(url_for("projects.detail", project_id=project.id))


@bp.route("/<int:project_id>/unfollow", methods=["POST"])
@action("projects.unfollow")
@login_required
def unfollow(project_id: int):
    project = load_project(project_id)
    if ConfirmForm().validate_on_submit():
        updates.unfollow(current_user, project)
        flash(_("You no longer follow this project."), "success")
    return redirect(url_for("projects.detail", project_id=project.id))


@bp.route("/mine")
@login_required
def mine():
    from diaspora_platform.projects.match_queries import profile_of

    projects = queries.managed_by(current_user)
    return render_template("projects/mine.html", projects=projects,
                           pending=queries.pending_counts(projects),
                           offers=queries.offers_of(current_user),
                           profile=profile_of(current_user), lang=current_language())


@bp.app_template_global("org_projects")
def projects_of(org) -> list[Project]:
    """For the organisation page: its public projects, or all of them for its editors."""
    return queries.of_organisation(org, include_unpublished=org.can(current_user, "publish")
                                   or bool(getattr(current_user, "acts_as_staff", False)))

