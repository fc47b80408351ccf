"""Reading competitions: what anybody may see of them."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort
from flask_login import current_user

from diaspora_platform.competitions.models import Competition, Edition, EditionState
from diaspora_platform.extensions import db


def public_editions():
    """Editions anybody may see: all but those still in preparation."""
    return sa.select(Edition).where(Edition.state != EditionState.DRAFT)


def visible_edition(key: str, year: int) -> Edition:
    """A competition's edition of that year, 404 unless the reader may see it (an edition
    in preparation only to staff): the one door to an edition by its address."""
    edition = db.session.scalar(sa.select(Edition).join(Competition).where(
        Competition.key == key, Edition.year == year))
    if edition is None or (edition.state == EditionState.DRAFT
                           and not getattr(current_user, "acts_as_staff", False)):
        abort(404)
    return edition


def edition_by_id(edition_id: int) -> Edition | None:
    """An edition by id whatever its state (for staff pages), or None."""
    return db.session.get(Edition, edition_id)
