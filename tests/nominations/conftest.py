"""A nomination world: the scientist competition open, an embassy in Russia and one in
Kazakhstan each with an account of its staff, and an organisation whose owner nominates."""

from __future__ import annotations

import secrets
from types import SimpleNamespace

import pytest

from diaspora_platform.extensions import db
from diaspora_platform.nominations import services
from diaspora_platform.official import services as official
from diaspora_platform.official.accounts import grant_office_account
from tests.competitions.conftest import competitions, make_edition, submitted_entry
from tests.official.conftest import office_data

__all__ = ["competitions", "make_edition", "submitted_entry"]  # fixtures used here

STATEMENT = "Профессор Каримов 20 сол физикаи плазмаро дар Москва таълим медиҳад."


@pytest.fixture
def world(app, staff, make_user, make_org, make_edition):
    people = SimpleNamespace(staff=staff)
    people.moscow = official.create_office(staff, office_data(
        kind="embassy", name_en="Embassy of Tajikistan in Moscow",
        name_ru="Посольство Таджикистана в Москве", name_tg="Сафорати Тоҷикистон дар Маскав"))
    people.astana = official.create_office(staff, office_data(
        country="KZ", city="Astana", kind="embassy", name_en="Embassy in Astana",
        name_ru="Посольство в Астане", name_tg="Сафорат дар Остона"))
    people.officer = make_user(email="officer@example.org", two_factor=True, locale="ru")
    people.other_officer = make_user(email="kz-officer@example.org", two_factor=True)
    grant_office_account(staff, people.moscow, people.officer.email)
    grant_office_account(staff, people.astana, people.other_officer.email)
    people.owner = make_user(email="owner@example.org", locale="tg")
    people.org = make_org(owner=people.owner)
    people.member = make_user(email="member@example.org")
    people.edition = make_edition("best-scientist", questions="")
    return people


def proposal(world, **overrides) -> services.Proposal:
    data = {"client_token": secrets.token_urlsafe(24), "name": "Рустам Каримов",
            "email": "rustam@example.org", "country": "RU", "statement": STATEMENT,
            "language": "ru", "on_behalf": f"org:{world.org.id}"}
    data.update(overrides)
    return services.Proposal(**data)


@pytest.fixture
def nominate(world, mailbox):
    """Nominate as the organisation's owner; returns (nomination, the link's secret)."""
    def make(**overrides):
        nomination, _created = services.nominate_person(world.owner, world.edition,
                                                        proposal(world, **overrides))
        db.session.commit()  # the mail leaves through the outbox after the commit
        link = mailbox.link(mailbox.last(nomination.nominee_email))
        return nomination, link.rsplit("/", 1)[1]

    return make
