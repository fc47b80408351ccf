"""Project operations: publish (staff, or editors of a verified organisation), edit (title,
sector or description changes go back to review), close and reopen for offers. Each
commits once and audits what people did."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from babel.numbers import get_currency_precision

from diaspora_platform import audit, table_cache
from diaspora_platform.content_i18n import versions_from_form
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.database import utcnow
from diaspora_platform.directory.services import CURRENCIES
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _, ngettext
from diaspora_platform.moderation import services as moderation
from diaspora_platform.organisations.models import Membership, Organisation
from diaspora_platform.projects import vocabulary
from diaspora_platform.projects.models import (
    MAX_SKILLS,
    REGIONS,
    REVIEWED_FIELDS,
    OfferSkill,
    Project,
    ProjectSkill,
    Stage,
)
from diaspora_platform.projects.queries import today
from diaspora_platform.text import phonetic_key

FIELDS = ("title", "sector", "region", "town", "stage", "offers_until", "description",
          "contact_name", "contact_email", "contact_phone")
MAX_BUDGET_UNITS = Decimal("1e12")
MAX_DEADLINE_DAYS = 730


def _text(value):
    return (value.strip() or None) if isinstance(value, str) else value


def publishing_organisations(user) -> list[Organisation]:
    """Verified organisations in which the user may publish projects."""
    from diaspora_platform.organisations.queries import editable_by
    from diaspora_platform.permissions import org_role_allows

    return [org for org in editable_by(user, (S.APPROVED,))
            if org_role_allows(org.role_of(user), "publish")]


def can_publish(user, kept: bool = False) -> bool:
    """Whether the user may publish a project; `kept`: the organisations part kept until
    memberships or organisations change (the list's button; publishing asks afresh)."""
    if not getattr(user, "is_authenticated", False) or not user.is_confirmed:
        return False
    if user.acts_as_staff:
        return True
    if not kept:
        return bool(publishing_organisations(user))
    return table_cache.remember(
        None, lambda: bool(publishing_organisations(user)), key=("publishes_projects", user.id),
        tables=(Membership.__tablename__, Organisation.__tablename__))


def _check_publisher(user, org: Organisation | None) -> None:
    if not user.is_confirmed:
        raise NotAllowed(_("Please confirm your email address first."))
    if org is None:
        if not user.acts_as_staff:
            raise NotAllowed(_("Only Council staff and verified organisations can publish "
                               "projects."))
    elif org.status != S.APPROVED or not org.can(user, "publish"):
        raise NotAllowed(_("Only Council staff and verified organisations can publish "
                           "projects."))


def _budget(amount, currency) -> tuple[int | None, str | None]:
    """Amount and currency as integer minor units, or (None, None) when not given."""
    if amount in (None, ""):
        return None, None
    try:
        amount = Decimal(str(amount))
    except InvalidOperation as exc:
        raise DomainError(_("Give the budget as a number.")) from exc
    if not Decimal(0) < amount < MAX_BUDGET_UNITS:
        raise DomainError(_("Give a budget above zero, or leave it empty."))
    if currency not in CURRENCIES:
        raise DomainError(_("Choose the currency of the budget."))
    minor = amount.scaleb(get_currency_precision(currency)).to_integral_value()
    return int(minor), currency


def clean_skills(rows) -> list[dict]:
    """Needed skills from a form or API: known keys, once each, 1-50 experts, hours."""
    clean, seen = [], set()
    for row in rows or []:
        key = (row.get("skill") or "").strip()
        if not key:
            continue
        if not vocabulary.is_skill(key):
            raise DomainError(_("Unknown skill: choose skills from the list."))
        if key in seen:
            raise DomainError(_("Each skill can be listed once; give the number of experts "
                                "instead."))
        needed, hours = row.get("experts_needed") or 1, row.get("hours")
        if not 1 <= int(needed) <= 50:
            raise DomainError(_("Between 1 and 50 experts per skill."))
        if hours is not None and hours != "" and not 1 <= int(hours) <= 10_000:
            raise DomainError(_("Give the hours as a number between 1 and 10,000."))
        seen.add(key)
        clean.append({"skill": key, "experts_needed": int(needed),
                      "hours": int(hours) if hours not in (None, "") else None})
    if not clean:
        raise DomainError(_("Name at least one skill the project needs."))
    if len(clean) > MAX_SKILLS:
        raise DomainError(ngettext("A project can ask for at most %(max)d skill.",
                                   "A project can ask for at most %(max)d skills.",
                                   MAX_SKILLS, max=MAX_SKILLS))
    return clean


TEXT_LIMITS = {"title": 200, "description": 20_000}


def _clean(data: dict, deadline_from: date | None) -> dict:
    clean = {key: _text(data.get(key)) for key in FIELDS}
    if not clean["title"] or len(clean["title"]) > 200:
        raise DomainError(_("Give the project a title of at most 200 characters."))
    if not vocabulary.is_sector(clean["sector"]):
        raise DomainError(_("Choose the sector from the list."))
    if clean["region"] not in REGIONS:
        raise DomainError(_("Choose the region of Tajikistan from the list."))
    if clean["stage"] not in set(Stage):
        raise DomainError(_("Choose the stage from the list."))
    if not clean["town"] or not clean["contact_name"] or not clean["contact_email"]:
        raise DomainError(_("The town, the contact person and their email are required."))
    deadline = clean["offers_until"]
    if not isinstance(deadline, date):
        raise DomainError(_("Give the deadline for offers as a date."))
    if deadline_from is not None and not (
            deadline_from <= deadline <= deadline_from + timedelta(days=MAX_DEADLINE_DAYS)):
        raise DomainError(_("The deadline for offers must be between today and two years "
                            "from now."))
    clean["description"] = clean["description"] or ""
    clean.update(versions_from_form(data, Project.TRANSLATABLE, TEXT_LIMITS))
    clean["budget_minor"], clean["budget_currency"] = _budget(data.get("budget_amount"),
                                                              data.get("budget_currency"))
    return clean


def create_project(user, org: Organisation | None, data: dict) -> Project:
    """Publish a project; it waits for the Council's review before it is public."""
    _check_publisher(user, org)
    clean = _clean(data, today())
    skills = clean_skills(data.get("skills"))
    project = Project(**clean, organisation_id=org.id if org else None,
                      town_key=phonetic_key(clean["town"]), created_by_id=user.id)
    project.skills = [ProjectSkill(position=n, **row) for n, row in enumerate(skills)]
    db.session.add(project)
    db.session.flush()
    moderation.submit(project)
    audit.record(user, "project.published", project,
                 organisation=org.id if org else None, skills=[s["skill"] for s in skills])
    db.session.commit()
    return project


def _apply_skills(project: Project, rows: list[dict]) -> None:
    """Update needs in place: a need with accepted experts is kept and cannot go below
    them; pending offers lose a need that is removed."""
    by_key = {need.skill: need for need in project.skills}
    wanted = {row["skill"] for row in rows}
    for need in list(project.skills):
        if need.skill not in wanted:
            if need.accepted:
                raise DomainError(_("“%(skill)s” already has accepted experts and cannot be "
                                    "removed.", skill=need.label))
            db.session.execute(sa.delete(OfferSkill).where(OfferSkill.skill_id == need.id))
            project.skills.remove(need)
    for position, row in enumerate(rows):
        need = by_key.get(row["skill"])
        if need is None:
            project.skills.append(ProjectSkill(position=position, **row))
            continue
        if row["experts_needed"] < need.accepted:
            raise DomainError(ngettext("“%(skill)s” already has %(num)d accepted expert.",
                                       "“%(skill)s” already has %(num)d accepted experts.",
                                       need.accepted, skill=need.label))
        need.experts_needed, need.hours, need.position = (row["experts_needed"], row["hours"],
                                                          position)


def update_project(user, project: Project, data: dict) -> str:
    """Save an edit: "saved", "review" (a reviewed field of an approved project changed:
    it leaves the listing until approved again) or "resubmitted" (a rejected one)."""
    if not project.can_manage(user):
        raise NotAllowed(_("You cannot edit this project."))
    moved = data.get("offers_until") != project.offers_until
    if not data.get("language"):
        data = {**data, "language": project.language}
    clean = _clean(data, today() if moved else None)
    skills = clean_skills(data.get("skills"))
    changed = sorted(k for k, v in clean.items() if getattr(project, k) != v)
    for key, value in clean.items():
        setattr(project, key, value)
    project.town_key = phonetic_key(project.town)
    _apply_skills(project, skills)
    outcome = "saved"
    if project.status == S.REJECTED or (project.status == S.APPROVED
                                        and set(changed) & set(REVIEWED_FIELDS)):
        outcome = "resubmitted" if project.status == S.REJECTED else "review"
        moderation.submit(project)
    audit.record(user, "project.updated", project, fields=changed, outcome=outcome)
    db.session.commit()
    return outcome


def set_open(user, project: Project, open_: bool) -> None:
    """Close the project for new offers (pending ones can still be answered) or reopen."""
    if not project.can_manage(user):
        raise NotAllowed(_("You cannot edit this project."))
    if project.is_closed != open_:
        return  # already so: a repeated click changes nothing
    project.closed_at = None if open_ else utcnow()
    audit.record(user, "project.reopened" if open_ else "project.closed", project)
    db.session.commit()
