"""The public record of staff decisions: decisions about public content and the fund, no
private data, "Council staff" unless the staff member chose to be named, and a chain that
the published check verifies."""

import hashlib
import json

from diaspora_platform import audit, decisions
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.admin import services as admin
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation

EN = {"Accept-Language": "en"}
FIELDS = ("id", "created_at", "action", "object_type", "object_id", "reason", "details",
          "actor_name", "audit_id", "prev_hash")


def published_check(rows: list[dict]) -> str:
    """The program printed on the page, run on the export: returns the newest hash."""
    prev = "0" * 64
    for number, row in enumerate(rows, start=1):
        body = json.dumps({k: row[k] for k in FIELDS}, sort_keys=True, ensure_ascii=False,
                          separators=(",", ":"))
        assert row["id"] == number and row["prev_hash"] == prev
        assert hashlib.sha256(body.encode()).hexdigest() == row["hash"]
        prev = row["hash"]
    return prev


def _decide(make_user, make_org):
    staff = make_user(email="rustam@example.org", role=Role.STAFF, display_name="Rustam N.")
    approved = make_org(approved=False, name="Vatan", contact_email="vatan@secret.example")
    rejected = make_org(approved=False, name="Hidden Club", country="DE")
    moderation.decide(staff, approved, "approve")
    moderation.decide(staff, rejected, "reject", "duplicate", "Private note to the author")
    return staff, approved, rejected


def test_record_lists_decisions_with_public_reasons_and_no_private_data(
        client, make_user, make_org):
    staff, approved, rejected = _decide(make_user, make_org)
    admin_user = make_user(email="boss@example.org", role=Role.ADMIN)
    member = make_user(email="newstaff@private.example", display_name="Secret Person")
    admin.grant_staff(admin_user, member)
    page = client.get("/decisions/", headers=EN).get_data(as_text=True)
    assert "Approved" in page and "Not approved" in page
    assert "Already listed on the platform" in page  # the reason, translated
    assert f'href="/organisations/{approved.id}' in page
    assert "Council staff role granted" in page
    for private in ("Hidden Club", "Private note", "vatan@secret.example", "Secret Person",
                    "newstaff@private.example", "Rustam N.", "rustam@example.org"):
        assert private not in page
    text = client.get("/decisions/decisions.json").get_data(as_text=True)
    for private in ("Hidden Club", "Private note", "secret.example", "Secret Person",
                    "private.example", "Rustam"):
        assert private not in text
    rows = json.loads(text)["decisions"]
    assert [r["action"] for r in rows] == ["moderation.approve", "moderation.reject",
                                           "role.staff_granted"]
    assert rows[1]["object_id"] == "" and rows[1]["reason"] == "duplicate"
    assert rows[0]["object_id"] == str(approved.id)


def test_the_published_check_verifies_the_export_and_detects_a_change(
        client, make_user, make_org):
    _decide(make_user, make_org)
    rows = client.get("/decisions/decisions.json").get_json()["decisions"]
    assert published_check(rows) == rows[-1]["hash"]
    assert decisions.verify_chain().ok and decisions.verify_chain().checked == 2
    rows[0]["reason"] = "spam"
    try:
        published_check(rows)
    except AssertionError:
        pass
    else:
        raise AssertionError("a changed row passed the check")


def test_staff_named_only_after_choosing_to_be(client, auth, make_user, make_org):
    staff, _approved, _rejected = _decide(make_user, make_org)
    auth.login_as(staff)
    response = client.post("/admin/public-name", data={"named": "1"})
    assert response.status_code == 302
    db.session.refresh(staff)
    assert staff.named_in_public_log
    auth.logout()
    moderation.decide(staff, make_org(approved=False, name="Third"), "approve")
    rows = client.get("/decisions/decisions.json").get_json()["decisions"]
    assert [r["actor_name"] for r in rows] == ["", "", "Rustam N."]  # the past is kept
    page = client.get("/decisions/", headers=EN).get_data(as_text=True)
    assert page.count("Rustam N.") == 1 and "Council staff" in page


def test_the_record_filters_by_decision(client, make_user, make_org):
    _decide(make_user, make_org)
    page = client.get("/decisions/?action=moderation.reject", headers=EN)
    text = page.get_data(as_text=True)
    assert text.count("<tr>") == 2  # the header and one row
    assert client.get("/decisions/?action=nonsense").status_code == 200


def test_audit_page_names_actions_and_objects_in_the_readers_language_with_filters(
        client, auth, make_user, make_org):
    staff, approved, _rejected = _decide(make_user, make_org)
    auth.login_as(make_user(email="boss@example.org", role=Role.ADMIN, locale="tg"))
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Тасдиқ шуд" in page and "moderation.approve</" not in page
    assert f'href="/tg/organisations/{approved.id}"' in page and "localproxy" not in page
    fund_only = client.get("/admin/audit?area=fund").get_data(as_text=True)
    assert "Тасдиқ шуд" not in fund_only
    one = client.get(f"/admin/audit?type=organisation&id={approved.id}").get_data(as_text=True)
    assert one.count("<tr>") == 3  # header, registered, approved
    assert client.get("/admin/audit?area=nonsense&type=x&id=" + "9" * 80).status_code == 200


def test_a_decision_no_one_took_is_shown_as_the_platforms(client, make_user, make_org):
    admin_user = make_user(email="boss@example.org", role=Role.ADMIN)
    admin.grant_staff(admin_user, make_user())
    org = make_org()
    audit.record(None, "moderation.hide", org, type="organisation", reason="reported")
    db.session.commit()
    rows = client.get("/decisions/decisions.json").get_json()["decisions"]
    assert json.loads(rows[-1]["details"]) == {"automatic": True}
    page = client.get("/decisions/", headers=EN).get_data(as_text=True)
    assert "The platform, with no staff member" in page
