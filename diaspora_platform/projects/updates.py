"""A project's timeline: the owner posts progress updates and milestones; members follow
a project and get each update by email and on the site, in their own language."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.content_i18n import versions_from_form
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _, ngettext
from diaspora_platform.notifications.services import notify
from diaspora_platform.projects import (
    queries,
)
from diaspora_platform.projects.models import Project, ProjectFollower, ProjectUpdate

MAX_BODY = 10_000


def post_update(user, project: Project, data: dict) -> ProjectUpdate:
    """Add an update to the timeline; followers are told once the project is public."""
    if not project.can_manage(user):
        raise NotAllowed(_("Only the project's owner can post updates."))
    title = (data.get("title") or "").strip()
    body = (data.get("body") or "").strip()
    if not 2 <= len(title) <= 200:
        raise DomainError(_("Give the update a title of 2 to 200 characters."))
    if len(body) > MAX_BODY:
        raise DomainError(ngettext("The text can have at most %(max)d character.",
                                   "The text can have at most %(max)d characters.",
                                   MAX_BODY, max=MAX_BODY))
    existing = _already_posted(project, user, title, body)
    if existing is not None:
        return existing  # a double click or a resent form: the same update, once
    versions = versions_from_form({**data, "title": title, "body": body},
                                  ProjectUpdate.TRANSLATABLE, {"title": 200, "body": MAX_BODY})
    update = ProjectUpdate(project_id=project.id, author_id=user.id, title=title, body=body,
                           is_milestone=bool(data.get("is_milestone")), **versions)
    db.session.add(update)
    db.session.flush()
    audit.record(user, "project.update_posted", project, update=update.id)
    if project.can_view(None):  # public: tell followers (never about a project in review)
        kind = "projects.milestone" if update.is_milestone else "projects.update"
        for person in queries.followers(project):
            if person.id != user.id:
                notify(person, kind, link=f"/projects/{project.id}#update-{update.id}",
                       title=project.title, update=title)
    db.session.commit()
    return update


def _already_posted(project: Project, user, title: str, body: str) -> ProjectUpdate | None:
    """The newest update, if it is this very one (a double click or a resent form)."""
    last = db.session.scalar(sa.select(ProjectUpdate).where(
        ProjectUpdate.project_id == project.id).order_by(ProjectUpdate.id.desc()).limit(1))
    if last and last.author_id == user.id and last.title == title and last.body == body:
        return last
    return None


def delete_update(user, project: Project, update_id: int) -> None:
    if not project.can_manage(user):
        raise NotAllowed(_("Only the project's owner can post updates."))
    update = db.session.get(ProjectUpdate, update_id)
    if update is None or update.project_id != project.id:
        return  # already gone
    db.session.delete(update)
    audit.record(user, "project.update_deleted", project, update=update_id)
    db.session.commit()


def follow(user, project: Project) -> None:
    """Follow a public project (following twice is the same as once)."""
    if not project.can_view(None):
        raise DomainError(_("Only public projects can be followed."))
    if queries.is_following(user, project):
        return
    db.session.add(ProjectFollower(project_id=project.id, user_id=user.id))
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()  # a parallel click got there first: already following


def unfollow(user, project: Project) -> None:
    row = db.session.scalar(sa.select(ProjectFollower).where(
        ProjectFollower.project_id == project.id, ProjectFollower.user_id == user.id))
    if row is not None:
        db.session.delete(row)
        db.session.commit()
