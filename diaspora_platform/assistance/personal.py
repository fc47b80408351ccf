"""Assistance requests in "download my data", and their contact details erased with the
account (the request itself stays for the Council's records, without a name)."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform.accounts import personal_data
from diaspora_platform.assistance.models import AssistanceMessage, AssistanceRequest
from diaspora_platform.extensions import db


def _requests(user):
    return db.session.scalars(sa.select(AssistanceRequest).where(
        AssistanceRequest.requester_id == user.id).order_by(AssistanceRequest.id))


def export(user) -> list[dict]:
    rows = []
    for req in _requests(user):
        messages = db.session.scalars(sa.select(AssistanceMessage).where(
            AssistanceMessage.request_id == req.id, AssistanceMessage.author_id == user.id)
            .order_by(AssistanceMessage.id))
        rows.append({
            "id": req.id, "title": req.title, "kind": req.kind, "country": req.country,
            "city": req.city, "people": req.people, "needs": req.needs,
            "description": req.description, "timeline": req.timeline,
            "contact_name": req.contact_name, "contact_email": req.contact_email,
            "contact_phone": req.contact_phone, "status": req.status,
            "created_at": req.created_at.isoformat(),
            "your_messages": [{"at": m.created_at.isoformat(), "text": m.body}
                              for m in messages],
        })
    return rows


def erase(user) -> None:
    for req in _requests(user):
        req.contact_name, req.contact_email, req.contact_phone = "—", "", None


personal_data.register("assistance_requests", export, erase)
