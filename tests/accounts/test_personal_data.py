"""Every domain's personal data is in "download my data" and erased with the account."""

import json

from diaspora_platform.assistance import services as assistance
from diaspora_platform.assistance.models import AssistanceRequest
from diaspora_platform.extensions import db
from tests.assistance.conftest import request_data
from tests.conftest import PASSWORD


def test_export_and_deletion_cover_requests_and_memberships(client, auth, make_user,
                                                            make_org):
    user = make_user(email="nodira@example.org", display_name="Nodira")
    make_org(owner=user, name="Paivand")
    request, _created = assistance.submit_request(user, request_data(
        contact_name="Nodira Karimova", contact_email="nodira@example.org",
        contact_phone="+7 900 000 00 00"))
    auth.login(user.email)
    data = json.loads(client.get("/account/export.json").data)
    assert [m["organisation"] for m in data["organisation_memberships"]] == ["Paivand"]
    assert data["assistance_requests"][0]["contact_name"] == "Nodira Karimova"
    assert data["competition_entries"] == []
    client.post("/account/delete", data={"current": PASSWORD})
    db.session.expire_all()
    kept = db.session.get(AssistanceRequest, request.id)
    assert kept is not None and kept.contact_phone is None
    assert "Nodira" not in kept.contact_name and kept.contact_email == ""
