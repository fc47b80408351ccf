"""Names and list links of the groups that are rows of other domains (competitions, fund
campaigns, moderated content types), in the reader's language."""

from __future__ import annotations

from flask import url_for

from diaspora_platform.competitions.models import Competition
from diaspora_platform.errors import DomainError
from diaspora_platform.extensions import db
from diaspora_platform.fund.models import Campaign
from diaspora_platform.i18n import current_language
from diaspora_platform.moderation import registry


def competition(key: tuple) -> str:
    item = db.session.get(Competition, key[0])
    return item.name(current_language()) if item else str(key[0])


def competition_link(key: tuple) -> str | None:
    item = db.session.get(Competition, key[0])
    return url_for("competitions.competition", key=item.key) if item else None


def campaign(key: tuple) -> str:
    item = db.session.get(Campaign, key[0])
    title = item.title(current_language()) if item else str(key[0])
    return f"{title} ({key[1]})"


def content_type(key: tuple) -> str:
    try:
        return str(registry.get(key[0]).title)
    except DomainError:  # a type no longer registered keeps its key
        return str(key[0])
