"""Competition fixtures: the six competitions (as the migration inserts them) and an
edition built through the real services."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.competitions import catalogue, editions, entries
from diaspora_platform.competitions.models import Competition, Edition
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def competitions(app):
    db.session.execute(sa.insert(Competition), catalogue.rows())
    db.session.commit()
    return {c.key: c for c in db.session.scalars(sa.select(Competition))}


@pytest.fixture
def centre(make_place):
    """A listed cultural centre, the entrant of best-cultural-centre entries."""
    return make_place(kind="cultural_centre", variant=None, name="Маркази Рӯдакӣ")


@pytest.fixture
def staff(make_user):
    return make_user(email="council@example.org", role=Role.STAFF)


def edition_data(**overrides):
    now = utcnow()
    data = {"year": 2026, "opens_at": now - timedelta(days=1),
            "closes_at": now + timedelta(days=30), "judging_ends_at": now + timedelta(days=60),
            "eligibility": "Centres listed in the directory.",
            "criteria": "Impact: 40\nReach: 30\nSustainability: 30",
            "questions": "What did you achieve this year?", "required_attachments": "",
            "optional_attachments": 2, "max_entries": 1, "blind": False, "hide_jury": False,
            "judges_per_entry": None}
    data.update(overrides)
    return data


@pytest.fixture
def make_edition(competitions, staff):
    def make(key="best-cultural-centre", state="open", **overrides):
        edition = editions.save_edition(staff, competitions[key], edition_data(**overrides))
        if state != "draft":
            editions.transition(staff, edition, "open")
        return edition

    return make


def close_now(edition: Edition) -> None:
    """The deadline passes (as if time went by)."""
    edition.closes_at = utcnow() - timedelta(seconds=1)
    edition.opens_at = edition.closes_at - timedelta(days=10)
    db.session.commit()


@pytest.fixture
def submitted_entry(staff):
    def make(user, edition, entrant_key, title="Our centre", eligible=True):
        entry = entries.create_entry(user, edition, entrant_key, {
            "title": title, "statement": f"About **{title}**.",
            "answers": ["We opened a library."] * len(edition.questions)})
        entries.submit_entry(user, entry)
        if eligible:
            moderation.decide(staff, entry, "approve")
        return entry

    return make
