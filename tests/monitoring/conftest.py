"""Helpers for the monitoring report: a signed-in staff member and dated rows."""

from datetime import UTC, datetime

import pytest

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.extensions import db

EN = {"Accept-Language": "en"}
H1_2025 = {"start": "2025-01-01", "end": "2025-06-30"}  # compared with 2024-07-01..12-31
IN_PERIOD = datetime(2025, 3, 15, 12, tzinfo=UTC)
BEFORE = datetime(2024, 10, 1, 9, tzinfo=UTC)


@pytest.fixture
def staff(make_user):
    return make_user(email="staff@example.org", role=Role.STAFF)


@pytest.fixture
def staff_client(client, auth, staff):
    auth.login_as(staff)
    return client


@pytest.fixture
def dated(app):
    """Set timestamp columns of a row and save it."""

    def set_(obj, **values):
        for name, value in values.items():
            setattr(obj, name, value)
        db.session.commit()
        return obj

    return set_
