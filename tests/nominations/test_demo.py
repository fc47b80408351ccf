"""The demo content shows a nomination edition with an endorsed nomination."""

import sqlalchemy as sa

from diaspora_platform.extensions import db
from diaspora_platform.nominations.models import Nomination


def test_seed_demo_adds_a_nomination_edition_with_an_endorsed_nomination(runner,
                                                                        competitions):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    rows = list(db.session.scalars(sa.select(Nomination).order_by(Nomination.id)))
    assert [n.stage.value for n in rows] == ["entered", "awaiting_consent"]
    endorsed = rows[0]
    assert endorsed.is_endorsed and endorsed.office.country == "RU"
    edition = endorsed.edition
    assert edition.by_nomination and not edition.self_entry
