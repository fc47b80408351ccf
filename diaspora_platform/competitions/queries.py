"""Reading competitions: what anybody may see of them."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform.competitions.models import Edition, EditionState


def public_editions():
    """Editions anybody may see: all but those still in preparation."""
    return sa.select(Edition).where(Edition.state != EditionState.DRAFT)
