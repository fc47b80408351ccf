"""Offers, follows and project updates in "download my data"; deleting the account
withdraws pending offers, blanks the messages and ends the follows (the offer rows stay,
nameless, for the projects' history)."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform.accounts import personal_data
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.projects.models import (
    Offer,
    OfferEvent,
    OfferStatus,
    Project,
    ProjectFollower,
    ProjectUpdate,
)


def _offers(user):
    return db.session.scalars(sa.select(Offer).where(Offer.expert_id == user.id)
                              .order_by(Offer.id))


def export(user) -> dict:
    follows = db.session.execute(sa.select(Project.id, Project.title).join(
        ProjectFollower, ProjectFollower.project_id == Project.id).where(
        ProjectFollower.user_id == user.id).order_by(Project.id)).all()
    updates = db.session.scalars(sa.select(ProjectUpdate).where(
        ProjectUpdate.author_id == user.id).order_by(ProjectUpdate.id))
    return {
        "offers": [{"id": o.id, "project_id": o.project_id, "project": o.project.title,
                    "skills": [item.need.skill for item in o.skills],
                    "hours_per_month": o.hours_per_month, "mode": o.mode,
                    "message": o.message, "status": o.status,
                    "decline_reason": o.decline_reason,
                    "created_at": o.created_at.isoformat()} for o in _offers(user)],
        "following": [{"project_id": pid, "title": title} for pid, title in follows],
        "updates_posted": [{"project_id": u.project_id, "title": u.title, "text": u.body,
                            "at": u.created_at.isoformat()} for u in updates],
    }


def erase(user) -> None:
    for offer in _offers(user):
        if offer.status == OfferStatus.PENDING:
            offer.status, offer.decided_at = OfferStatus.WITHDRAWN, utcnow()
            db.session.add(OfferEvent(offer_id=offer.id, status=OfferStatus.WITHDRAWN,
                                      actor_id=user.id))
        offer.message = ""
    db.session.execute(sa.delete(ProjectFollower).where(ProjectFollower.user_id == user.id))


personal_data.register("projects", export, erase)
