"""The moderation mechanism through its public interface, with organisations as the
registered content type."""

import re
from datetime import timedelta

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.accounts.models import User
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.database import ModerationStatus, utcnow
from diaspora_platform.errors import Conflict
from diaspora_platform.extensions import db
from diaspora_platform.moderation import queue, services
from diaspora_platform.moderation.models import ModerationDecision
from diaspora_platform.notifications.models import Notification
from diaspora_platform.organisations.models import Organisation
from tests.paging import link, walk

EN = {"Accept-Language": "en"}


def test_staff_approve_from_the_queue_and_the_author_is_told(client, auth, make_user,
                                                             make_org, mailbox):
    owner = make_user(email="owner@example.org", locale="ru")
    org = make_org(owner=owner, approved=False)
    staff = make_user(email="staff@example.org", role=Role.STAFF)
    auth.login_as(staff)
    page = client.get("/moderation/", headers=EN).get_data(as_text=True)
    assert "Ravzana" in page and "1 item waiting" in page
    client.post(f"/moderation/organisation/{org.id}/decide", data={"decision": "approve"})
    db.session.refresh(org)
    assert org.status == "approved" and org.reviewed_by_id == staff.id
    note = db.session.scalar(sa.select(Notification).where(Notification.user_id == owner.id))
    assert note.kind == "moderation.approve"
    assert mailbox.last("owner@example.org")["Content-Language"] == "ru"
    assert audit.verify_chain().ok
    assert [e.action for e in audit.recent()][0] == "moderation.approve"


def test_reject_needs_a_reason_and_appears_in_the_public_log_without_names(
        app, client, auth, make_user, make_org):
    org = make_org(approved=False, name="Secret Name Ltd")
    auth.login_as(make_user(role=Role.STAFF))
    client.post(f"/moderation/organisation/{org.id}/decide", data={"decision": "reject"})
    db.session.refresh(org)
    assert org.status == "pending"
    client.post(f"/moderation/organisation/{org.id}/decide",
                data={"decision": "reject", "reason": "incomplete", "note": "Add a city."})
    db.session.refresh(org)
    assert org.status == "rejected" and org.moderation_note == "Add a city."
    log = app.test_client().get("/moderation/log", headers=EN).get_data(as_text=True)
    assert "Information is missing or unclear" in log and "Organisation" in log
    assert "Secret Name Ltd" not in log and "Add a city" not in log


def test_second_decision_on_a_decided_item_gets_a_clear_message(make_user, make_org):
    org = make_org(approved=False)
    first, second = make_user(role=Role.STAFF), make_user(role=Role.STAFF)
    stale = db.session.get(Organisation, org.id)
    services.decide(first, stale, "approve")
    try:
        services.decide(second, org, "reject", "spam")
    except Conflict as exc:
        assert "already decided" in exc.message
    else:
        raise AssertionError("second decision was accepted")
    assert db.session.get(Organisation, org.id).status == "approved"
    decisions = db.session.scalar(sa.select(sa.func.count(ModerationDecision.id)))
    assert decisions == 1


def test_claimed_item_cannot_be_decided_by_another_staff_member(make_user, make_org):
    org = make_org(approved=False)
    first, second = make_user(role=Role.STAFF), make_user(role=Role.STAFF)
    services.claim(first, org)
    for attempt in (lambda: services.claim(second, org),
                    lambda: services.decide(second, org, "approve")):
        try:
            attempt()
        except Conflict:
            pass
        else:
            raise AssertionError("claimed item was taken over")
    services.decide(first, org, "approve")
    assert db.session.get(Organisation, org.id).status == "approved"


def test_bulk_approve_decides_each_item_once(client, auth, make_user, make_org):
    owner = make_user()
    orgs = [make_org(owner=owner, approved=False, name=f"Org {i}") for i in range(3)]
    orgs[0].status = ModerationStatus.APPROVED
    db.session.commit()
    auth.login_as(make_user(role=Role.STAFF))
    response = client.post("/moderation/bulk", headers=EN, follow_redirects=True, data={
        "decision": "approve", "items": [f"organisation:{o.id}" for o in orgs] + ["bogus:1"]})
    assert "2 decided, 1 skipped" in response.get_data(as_text=True)
    assert all(db.session.get(Organisation, o.id).status == "approved" for o in orgs)


def test_queue_filters_by_type_and_country_oldest_first(make_user, make_org):
    owner = make_user()
    old = make_org(owner=owner, approved=False, name="Old", country="RU")
    new = make_org(owner=owner, approved=False, name="New", country="RU")
    make_org(owner=owner, approved=False, name="German", country="DE")
    old.submitted_at = utcnow().replace(year=2025)
    db.session.commit()
    page, total = queue.pending(country="RU")
    assert [r.item.id for r in page.items] == [old.id, new.id] and total == 2
    page, total = queue.pending(type_key="organisation-change")
    assert total == 0
    waiting = queue.waiting_figures()
    assert waiting.count == 3 and waiting.oldest_seconds > 3600 * 24 * 300


def test_three_reports_hide_the_item_until_staff_decide(client, auth, make_user, make_org,
                                                        make_reporter, app):
    org = make_org()
    reporters = [make_reporter() for _ in range(3)]
    for i, reporter in enumerate(reporters):
        hidden = services.report(reporter, org, "spam", "advert")
        assert hidden is (i == 2)
    db.session.refresh(org)
    assert org.status == "hidden"
    assert app.test_client().get(f"/organisations/{org.id}").status_code == 404
    staff = make_user(role=Role.STAFF)
    services.dismiss_reports(staff, org)
    db.session.refresh(org)
    assert org.status == "approved"


def test_a_member_reports_once(make_user, make_org):
    org = make_org()
    reporter = make_user()
    services.report(reporter, org, "spam")
    try:
        services.report(reporter, org, "spam")
    except Conflict as exc:
        assert "already reported" in exc.message
    else:
        raise AssertionError("second report accepted")


def test_report_form_works_for_signed_in_members(client, auth, make_user, make_org):
    org = make_org()
    auth.login(make_user().email)
    assert client.get(f"/moderation/organisation/{org.id}/report").status_code == 200
    client.post(f"/moderation/organisation/{org.id}/report",
                data={"reason": "inaccurate", "text": "Wrong address"})
    assert queue.reported()[0].item.id == org.id


def test_upholding_reports_can_suspend_the_author(make_user, make_org, make_reporter, app):
    owner = make_user(email="owner@example.org")
    org = make_org(owner=owner)
    for _ in range(3):
        services.report(make_reporter(), org, "offensive")
    staff = make_user(role=Role.STAFF)
    services.uphold_reports(staff, org, "offensive", suspend_author=True)
    assert db.session.get(User, owner.id).suspended_at is not None
    assert db.session.get(Organisation, org.id).status == "hidden"
    response = app.test_client().post("/account/login", headers=EN, data={
        "email": "owner@example.org", "password": "kitob-daryo-sabz-2026"})
    assert "suspended" in response.get_data(as_text=True)


def test_notifications_page_lists_decisions_in_the_readers_language(client, auth, make_user,
                                                                   make_org):
    owner = make_user()
    org = make_org(owner=owner, approved=False)
    services.decide(make_user(role=Role.STAFF), org, "reject", "duplicate")
    auth.login(owner.email)
    page = client.get("/notifications/", headers=EN).get_data(as_text=True)
    assert "Not approved" in page and "Already listed on the platform" in page
    client.post("/notifications/read")
    assert "badge text-bg-danger" not in client.get("/notifications/").get_data(as_text=True)


def test_approved_name_change_replaces_the_public_name(client, auth, make_user, make_org,
                                                       form_data):
    owner = make_user()
    org = make_org(owner=owner)
    auth.login(owner.email)
    client.post(f"/organisations/{org.id}/edit", data=form_data(name="Ravzana-France"))
    from diaspora_platform.organisations.models import OrganisationChange

    change = db.session.scalar(sa.select(OrganisationChange))
    services.decide(make_user(role=Role.STAFF), change, "approve")
    assert db.session.get(Organisation, org.id).name == "Ravzana-France"


def _queued(html: str) -> list[str]:
    return re.findall(r'name="items" value="([a-z-]+:\d+)"', html)


def test_queue_pages_hold_every_waiting_item_once_across_types(client, auth, make_user,
                                                                make_org, make_place, staff):
    owner = make_user()
    host = make_org(owner=owner, name="Host", country="RU")
    start = utcnow().replace(microsecond=0) - timedelta(days=3)
    expected = []
    for i in range(20):  # an organisation and a place submitted at each minute
        org = make_org(owner=owner, approved=False, name=f"Waiting org {i:02d}", country="RU")
        place = make_place(org=host, approved=False, name=f"Waiting place {i:02d}",
                           country="RU")
        org.submitted_at = place.submitted_at = start + timedelta(minutes=i)
        expected += [f"organisation:{org.id}", f"place:{place.id}"]
    make_org(owner=owner, approved=False, name="Waiting org 99", country="DE")
    db.session.commit()
    auth.login_as(staff)
    pages = walk(client, "/moderation/?country=RU", headers=EN)
    assert len(pages) == 2 and [k for p in pages for k in _queued(p)] == expected
    back = client.get(link(pages[1], "prev"), headers=EN).get_data(as_text=True)
    assert _queued(back) == expected[:25]
