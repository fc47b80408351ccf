"""Every route, walked as a staff member who has not passed the second factor and as a plain
member: staff powers need the second factor, so the first gets exactly the second's rights
(or is sent to set two-factor authentication up)."""

from __future__ import annotations

import pytest

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.extensions import db
from tests import world
from tests.conftest import PASSWORD
from tests.routewalk import walk

pytestmark = pytest.mark.outbox_only


def signed_in(app, user):
    client = app.test_client()
    response = client.post("/account/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_staff_without_second_factor_has_exactly_member_rights(app, make_user):
    ids = world.build(make_user)["ids"]
    unenrolled = make_user(email="new.staff@example.org", role=Role.STAFF)
    unenrolled.totp_secret = unenrolled.totp_enabled_at = None  # granted, never enrolled
    db.session.commit()
    member = make_user(email="plain@example.org")
    clients = {"staff": signed_in(app, unenrolled), "member": signed_in(app, member)}

    outcomes = walk(app, clients, ids)

    assert len(outcomes) > 150  # the walk reached the whole site
    differing = {
        request: seen for request, seen in outcomes.items()
        if seen["staff"].kind != seen["member"].kind
        and "/account/two-factor" not in seen["staff"].location}
    assert differing == {}


def test_the_ambiguous_staff_question_is_gone_for_good():
    """Permission asks acts_as_staff (role and second factor); has_staff_role is the role."""
    from pathlib import Path

    from diaspora_platform.accounts.models import AnonymousUser, User

    root = Path(__file__).resolve().parents[2]
    sources = [*(root / "diaspora_platform").rglob("*.py"), *(root / "templates").rglob("*.html")]
    assert not [p.name for p in sources if "is_staff" in p.read_text(encoding="utf-8")]
    assert not hasattr(User, "is_staff") and not hasattr(AnonymousUser, "is_staff")
