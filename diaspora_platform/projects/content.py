"""Projects declare themselves to moderation and search; neither has project code.
The search document never holds the contact person, email or phone."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import force_locale

from diaspora_platform.accounts.models import User
from diaspora_platform.accounts.vocabulary import Region
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l
from diaspora_platform.moderation import services as moderation
from diaspora_platform.moderation.registry import ContentType, register
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.organisations.queries import where_user_may
from diaspora_platform.projects import vocabulary
from diaspora_platform.projects.models import Project, ProjectUpdate, Stage
from diaspora_platform.search import registry as search_registry
from diaspora_platform.search.registry import Audience, Document, SearchType
from diaspora_platform.text import markdown_text
from diaspora_platform.translations import registry as translation_registry
from diaspora_platform.translations.registry import TranslatableType


def _author(project: Project):
    return db.session.get(User, project.created_by_id) if project.created_by_id else None


def _notes(project: Project) -> list[str]:
    notes = [str(_l("Skills needed: %(skills)s.",
                    skills=", ".join(need.label for need in project.skills)))]
    if project.organisation is not None:
        notes.append(str(_l("Published by “%(org)s” (%(status)s).",
                            org=project.organisation.name,
                            status=project.organisation.status_title)))
    else:
        notes.append(str(_l("Published by the Coordination Council.")))
    return notes


register(ContentType(
    key="project", model=Project, title=_l("Project"), label=lambda project: project.title,
    url=lambda project: f"/projects/{project.id}", author=_author, notes=_notes,
))


def _words(project: Project) -> str:
    """Region, sector, stage and skills in all three languages, so "Sughd", "Суғд" and
    "Согд", or "irrigation" and "ирригатсия", find the project."""
    words = []
    for lang in ("tg", "ru", "en"):
        with force_locale(lang):
            words += [Region(project.region).title, vocabulary.sector_label(project.sector),
                      Stage(project.stage).title]
            words += [vocabulary.skill_label(need.skill) for need in project.skills]
    return " ".join(words)


def _search_document(project: Project) -> Document | None:
    """Approved projects (of approved organisations) for everybody; ones in review for
    staff; nothing else."""
    org = project.organisation
    if project.status == "approved" and (org is None or org.status == "approved"):
        audience = Audience.PUBLIC
    elif project.status == "pending":
        audience = Audience.STAFF
    else:
        return None
    keywords = " ".join(filter(None, [project.town, org.name if org else "",
                                      _words(project)]))
    return Document(title=project.versions("title"),
                    body={lang: markdown_text(text) for lang, text in
                          project.versions("description").items()},
                    url=f"/projects/{project.id}", audience=audience, country="TJ",
                    keywords=keywords)


search_registry.register(SearchType(key="project", model=Project, title=_l("Project"),
                                    document=_search_document))


def _projects_of(org) -> list[int]:
    return list(db.session.scalars(sa.select(Project.id).where(
        Project.organisation_id == org.id)))


search_registry.register_dependents(Organisation, "project", _projects_of)


def _after_translation(project: Project) -> None:
    """A new language version of a public project is reviewed like the owner's own edit."""
    if project.status == "approved":
        moderation.submit(project)


translation_registry.register(TranslatableType(
    key="project", model=Project, title=_l("Project"),
    url=lambda project: f"/projects/{project.id}",
    can_decide=lambda user, project: project.can_manage(user),
    is_public=lambda project: project.can_view(None),
    public_filter=lambda: Project.status == "approved", after_change=_after_translation,
    decidable=lambda user: where_user_may(Project.organisation_id, user, "publish",
                                          council_for_staff=True)))


def _update_public(update: ProjectUpdate) -> bool:
    project = db.session.get(Project, update.project_id)
    return project is not None and project.can_view(None)


def _update_owner(user, update: ProjectUpdate) -> bool:
    project = db.session.get(Project, update.project_id)
    return project is not None and project.can_manage(user)


translation_registry.register(TranslatableType(
    key="project-update", model=ProjectUpdate, title=_l("Project update"),
    url=lambda update: f"/projects/{update.project_id}#update-{update.id}",
    can_decide=_update_owner, is_public=_update_public,
    public_filter=lambda: ProjectUpdate.project_id.in_(
        sa.select(Project.id).where(Project.status == "approved")),
    decidable=lambda user: ProjectUpdate.project_id.in_(sa.select(Project.id).where(
        where_user_may(Project.organisation_id, user, "publish", council_for_staff=True)))))
