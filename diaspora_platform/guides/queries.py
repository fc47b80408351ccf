"""Reads: the published guides, the guide for a country, a request's section."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform.extensions import db
from diaspora_platform.guides.models import Guide
from diaspora_platform.guides.vocabulary import SITUATION_TOPIC, GuideKind
from diaspora_platform.official.vocabulary import Situation


def published():
    return sa.select(Guide).where(Guide.published_at.isnot(None))


def public_guides() -> list[Guide]:
    """Every published guide: the return guide first, then countries by code."""
    return list(db.session.scalars(published().order_by(
        sa.case((Guide.kind == GuideKind.RETURN, 0), else_=1), Guide.country, Guide.id)))


def all_guides() -> list[Guide]:
    """Every guide, published or not (staff's list)."""
    return list(db.session.scalars(sa.select(Guide).order_by(
        sa.case((Guide.kind == GuideKind.RETURN, 0), else_=1), Guide.country, Guide.id)))


def country_guide(country: str | None) -> Guide | None:
    if not country:
        return None
    return db.session.scalar(published().where(Guide.kind == GuideKind.COUNTRY,
                                               Guide.country == country.upper()))


def return_guide() -> Guide | None:
    return db.session.scalar(published().where(Guide.kind == GuideKind.RETURN).limit(1))


def section_for(guide: Guide, situation: str | None) -> str | None:
    """The anchor of the section that answers a help request's category, if written."""
    topic = SITUATION_TOPIC.get(Situation(situation)) if situation in set(Situation) else None
    found = next((s for s in guide.sections if s.topic == topic), None)
    return found.anchor if found else None
