"""Granting and revoking staff, the audit chain, and the admin commands."""

import re

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.accounts.models import User
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.audit import AuditEntry
from diaspora_platform.extensions import db
from tests.paging import walk


def test_admin_grants_and_revokes_staff_and_both_are_audited(client, auth, make_user):
    admin = make_user(email="admin@example.org", role=Role.ADMIN)
    member = make_user(email="m@example.org")
    auth.login_as(admin)
    client.post(f"/admin/users/{member.id}/grant-staff")
    assert db.session.get(User, member.id).role == "staff"
    client.post(f"/admin/users/{member.id}/revoke-staff")
    assert db.session.get(User, member.id).role == "member"
    actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["role.staff_granted", "role.staff_revoked"]
    assert audit.verify_chain().ok


def test_granting_a_role_twice_gives_a_message_not_a_second_record(client, auth, make_user):
    admin = make_user(email="admin@example.org", role=Role.ADMIN)
    member = make_user(email="m@example.org")
    auth.login_as(admin)
    client.post(f"/admin/users/{member.id}/grant-staff")
    again = client.post(f"/admin/users/{member.id}/grant-staff", follow_redirects=True)
    assert "already has this role" in again.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == 1


def test_new_role_ends_the_members_existing_sessions(app, client, auth, make_user):
    admin = make_user(email="admin@example.org", role=Role.ADMIN)
    member = make_user(email="m@example.org")
    device = app.test_client()
    device.post("/account/login", data={"email": member.email, "password": "kitob-daryo-sabz-2026"})
    assert device.get("/account/").status_code == 200
    auth.login_as(admin)
    client.post(f"/admin/users/{member.id}/grant-staff")
    assert device.get("/account/").status_code == 302


def test_admins_cannot_be_demoted_from_the_page(client, auth, make_user):
    admin = make_user(email="admin@example.org", role=Role.ADMIN)
    other = make_user(email="admin2@example.org", role=Role.ADMIN)
    auth.login_as(admin)
    client.post(f"/admin/users/{other.id}/revoke-staff")
    assert db.session.get(User, other.id).role == "admin"


def test_users_page_searches_and_paginates(client, auth, make_user):
    admin = make_user(email="admin@example.org", role=Role.ADMIN)
    for i in range(30):
        make_user(email=f"person{i}@example.org", display_name=f"Person {i}")
    auth.login_as(admin)
    pages = walk(client, "/admin/users?role=member")
    assert "30 people" in pages[0] and len(pages) == 2
    assert [e for p in pages for e in re.findall(r"person\d+@example\.org", p)] == \
        [f"person{i}@example.org" for i in range(30)]
    found = client.get("/admin/users?q=person29").get_data(as_text=True)
    assert "person29@example.org" in found and "person28@example.org" not in found


def test_audit_verify_command_detects_a_changed_row(app, runner, make_user):
    admin = make_user(email="admin@example.org", role=Role.ADMIN)
    for user in (make_user(), make_user()):
        audit.record(admin, "role.staff_granted", user)
        db.session.commit()
    ok = runner.invoke(args=["audit", "verify"])
    assert ok.exit_code == 0 and "2 entries verified" in ok.output
    # Tamper behind the ORM's back, as someone with database access would.
    db.session.execute(sa.text("UPDATE audit_log SET action = 'nothing' WHERE id = 1"))
    db.session.commit()
    bad = runner.invoke(args=["audit", "verify"])
    assert bad.exit_code == 1 and "entry 1" in bad.output


def test_audit_verify_detects_a_removed_row(runner, make_user):
    admin = make_user(email="admin@example.org", role=Role.ADMIN)
    for _ in range(3):
        audit.record(admin, "role.staff_granted", make_user())
        db.session.commit()
    db.session.execute(sa.text("DELETE FROM audit_log WHERE id = 2"))
    db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and "entry 3" in result.output


def test_audit_rows_refuse_changes_through_the_orm(make_user):
    admin = make_user(email="admin@example.org", role=Role.ADMIN)
    entry = audit.record(admin, "role.staff_granted", admin)
    db.session.commit()
    entry.action = "something else"
    try:
        db.session.commit()
    except RuntimeError:
        db.session.rollback()
    assert db.session.get(AuditEntry, entry.id).action == "role.staff_granted"


def test_create_admin_command_prompts_for_password(runner):
    result = runner.invoke(args=["users", "create-admin", "boss@example.org", "--name", "Boss"],
                           input="river-mountain-apricot-77\nriver-mountain-apricot-77\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.email == "boss@example.org"))
    assert user.is_admin and user.is_confirmed


def test_create_admin_refuses_a_weak_password(runner):
    result = runner.invoke(args=["users", "create-admin", "boss@example.org"],
                           input="password1234\npassword1234\n")
    assert result.exit_code != 0 and "too common" in result.output
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_seed_demo_fills_an_empty_database_and_refuses_a_second_time(runner):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0 and "admin@example.org" in first.output
    count = db.session.scalar(sa.select(sa.func.count(User.id)))
    assert count >= 10
    names = set(db.session.scalars(sa.select(User.display_name)))
    assert any("ҳ" in n or "ҷ" in n for n in names) and "Sarah Thompson" in names
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code != 0 and "already has accounts" in second.output
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == count


def test_audit_verify_finds_a_changed_and_a_removed_row(client, auth, make_user, runner):
    admin = make_user(email="admin@example.org", role=Role.ADMIN)
    member = make_user(email="m@example.org")
    auth.login_as(admin)
    for verb in ("grant", "revoke", "grant"):
        client.post(f"/admin/users/{member.id}/{verb}-staff")
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0 and "3 entries verified" in result.output
    db.session.execute(sa.text("UPDATE audit_log SET actor_id = 99 WHERE id = 2"))
    db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and "TAMPERED at entry 2" in result.output
    db.session.execute(sa.text("DELETE FROM audit_log WHERE id = 2"))
    db.session.commit()
    report = audit.verify_chain()
    assert report.broken_at == 3 and "gap" in report.reason
