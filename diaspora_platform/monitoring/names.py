"""Names and list links of the groups that are rows of other domains (competitions, fund
campaigns, moderated content types), in the reader's language. Competitions and campaigns
are read once per request: a report names each of them many times."""

from __future__ import annotations

import sqlalchemy as sa
from flask import g, url_for

from diaspora_platform.competitions.models import Competition
from diaspora_platform.errors import DomainError
from diaspora_platform.extensions import db
from diaspora_platform.fund.models import Campaign
from diaspora_platform.i18n import current_language
from diaspora_platform.moderation import registry


def _rows(model) -> dict:
    cache = g.setdefault("monitoring_names", {})
    if model not in cache:
        cache[model] = {row.id: row for row in db.session.scalars(sa.select(model))}
    return cache[model]


def competition(key: tuple) -> str:
    item = _rows(Competition).get(key[0])
    return item.name(current_language()) if item else str(key[0])


def competition_link(key: tuple) -> str | None:
    item = _rows(Competition).get(key[0])
    return url_for("competitions.competition", key=item.key) if item else None


def campaign(key: tuple) -> str:
    item = _rows(Campaign).get(key[0])
    title = item.title_in(current_language()) if item else str(key[0])
    return f"{title} ({key[1]})"


def content_type(key: tuple) -> str:
    try:
        return str(registry.get(key[0]).title)
    except DomainError:  # a type no longer registered keeps its key
        return str(key[0])
