"""Council staff work on requests: the whole path to a place that opened, declining with a
confirmation, assignment, conflicts between two staff members, the dashboard."""

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.assistance import services
from diaspora_platform.assistance.models import AssistanceMessage, AssistanceRequest
from diaspora_platform.errors import Conflict, DomainError
from diaspora_platform.extensions import db


def _status(client, req, status, message, expected=None, **extra):
    data = {"status": status, "message": message, "expected": expected or req.status,
            "client_token": f"status-{status}-{len(message):04d}", **extra}
    return client.post(f"/help-to-open/staff/requests/{req.id}/status", data=data)


def _reload(req) -> AssistanceRequest:
    db.session.expire_all()
    return db.session.get(AssistanceRequest, req.id)


def test_received_to_fulfilled_with_the_place_that_opened(client, auth, make_staff,
                                                          make_request, make_place):
    req, place = make_request(), make_place()
    staff = make_staff()
    auth.login_as(staff)
    steps = (("in_review", "We are reading your plan."),
             ("in_progress", "The embassy school lends you a classroom."),
             ("fulfilled", "Congratulations on the opening!"))
    for status, message in steps:
        extra = {"place_id": str(place.id)} if status == "fulfilled" else {}
        response = _status(client, _reload(req), status, message, **extra)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        assert _reload(req).status == status
    req = _reload(req)
    assert req.place_id == place.id
    page = client.get(f"/help-to-open/staff/requests/{req.id}").get_data(as_text=True)
    for _status_name, message in steps:
        assert message in page
    actions = [e.action for e in audit.recent()]
    assert actions.count("assistance.status_changed") == 3 and audit.verify_chain().ok
    assert "Fulfilled" in page and "This request is closed" in page


def test_requester_follows_the_steps_and_sees_the_place(client, auth, make_user, make_staff,
                                                        make_request, make_place):
    member = make_user()
    req, place = make_request(requester=member), make_place(name="Maktabi Rudaki")
    staff = make_staff()
    services.change_status(staff, req, "in_review", "Reading it.")
    services.change_status(staff, req, "in_progress", "Working on it.")
    services.change_status(staff, req, "fulfilled", "Opened!", place_id=place.id)
    auth.login_as(member)
    page = client.get(f"/help-to-open/requests/{req.id}").get_data(as_text=True)
    assert "Reading it." in page and "Working on it." in page and "Opened!" in page
    assert "It opened:" in page and "Maktabi Rudaki" in page
    assert 'aria-current="step"' in page


def test_a_place_can_be_linked_after_fulfilment_and_a_bad_number_is_refused(
        client, auth, make_staff, make_request, make_place):
    req, place = make_request(), make_place()
    hidden = make_place(approved=False, name="Not yet approved")
    staff = make_staff()
    for status in ("in_review", "in_progress", "fulfilled"):
        services.change_status(staff, req, status, "Step.")
    auth.login_as(staff)
    url = f"/help-to-open/staff/requests/{req.id}/place"
    for bad in ("999999", str(hidden.id)):
        response = client.post(url, data={"place_id": bad})
        assert response.status_code == 200
        assert "There is no approved place with this number." in response.get_data(as_text=True)
    assert "Not a valid integer value." in client.post(url, data={"place_id": "abc"}).get_data(
        as_text=True)
    assert _reload(req).place_id is None
    assert client.post(url, data={"place_id": str(place.id)}).status_code == 302
    assert _reload(req).place_id == place.id
    assert [e.action for e in audit.recent()][0] == "assistance.place_linked"


def test_a_bad_place_on_fulfilment_keeps_the_message_and_changes_nothing(
        client, auth, make_staff, make_request):
    req, staff = make_request(), make_staff()
    services.change_status(staff, req, "in_review", "Step.")
    services.change_status(staff, req, "in_progress", "Step.")
    auth.login_as(staff)
    response = _status(client, _reload(req), "fulfilled", "It opened, well done.",
                       place_id="424242")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is no approved place" in page
    assert "It opened, well done." in page
    assert _reload(req).status == "in_progress"


def test_only_open_requests_of_a_fulfilled_status_can_be_linked(make_staff, make_request,
                                                                make_place):
    req, place = make_request(), make_place()
    try:
        services.link_place(make_staff(), req, place.id)
    except DomainError as exc:
        assert "Only a fulfilled request" in exc.message
    else:
        raise AssertionError("linked a request that is not fulfilled")


def test_decline_asks_for_confirmation_first(client, auth, make_staff, make_request):
    req, staff = make_request(), make_staff()
    auth.login_as(staff)
    response = _status(client, req, "declined", "We cannot fund this, sorry.")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Decline the request?" in page
    assert "We cannot fund this, sorry." in page and 'name="confirm" value="yes"' in page
    assert _reload(req).status == "received"
    response = _status(client, req, "declined", "We cannot fund this, sorry.",
                       confirm="yes")
    assert response.status_code == 302
    req = _reload(req)
    assert req.status == "declined" and not req.next_statuses
    entry = db.session.scalar(sa.select(AssistanceMessage))
    assert (entry.status, entry.body, entry.from_staff) == (
        "declined", "We cannot fund this, sorry.", True)


def test_every_status_change_needs_a_message_and_a_valid_step(client, auth, make_staff,
                                                              make_request):
    req, staff = make_request(), make_staff()
    auth.login_as(staff)
    page = _status(client, req, "in_review", "").get_data(as_text=True)
    assert "This field is required." in page
    page = _status(client, req, "fulfilled", "Skipping ahead.").get_data(as_text=True)
    assert "cannot become “Fulfilled”" in page and "Skipping ahead." in page
    page = _status(client, req, "in_review", "x" * 2001).get_data(as_text=True)
    assert "Use at most 2000 characters." in page
    assert _reload(req).status == "received"


def test_two_staff_changing_the_status_at_once_get_a_conflict(client, auth, make_staff,
                                                              make_request):
    req = make_request()
    first, second = make_staff(), make_staff()
    services.change_status(first, req, "in_review", "Mine.")
    # The second staff member's page still showed "received" when they decided.
    auth.login_as(second)
    response = _status(client, req, "declined", "Declining.", expected="received",
                       confirm="yes")
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Another staff member changed this request a moment ago" in page
    assert "Declining." in page  # what they typed is still there
    assert _reload(req).status == "in_review"
    assert db.session.scalar(sa.select(sa.func.count(AssistanceMessage.id))) == 1


def test_a_stale_service_call_gets_a_conflict_and_changes_nothing(make_staff, make_request):
    req = make_request()
    first, second = make_staff(), make_staff()
    stale = db.session.get(AssistanceRequest, req.id)
    services.change_status(first, req, "in_review", "First.", expected="received")
    try:
        services.change_status(second, stale, "declined", "Second.", expected="received")
    except Conflict:
        pass
    else:
        raise AssertionError("the second change was accepted")
    assert _reload(req).status == "in_review"


def test_the_same_status_form_sent_twice_changes_once(client, auth, make_staff, make_request):
    req, staff = make_request(), make_staff()
    auth.login_as(staff)
    data = {"status": "in_review", "message": "Reading.", "expected": "received",
            "client_token": "same-token-123"}
    url = f"/help-to-open/staff/requests/{req.id}/status"
    assert client.post(url, data=data).status_code == 302
    assert client.post(url, data=data).status_code == 302  # not a conflict
    assert db.session.scalar(sa.select(sa.func.count(AssistanceMessage.id))) == 1


def test_assign_to_me_and_to_a_colleague_with_conflicts_detected(client, auth, make_staff,
                                                                 make_request):
    req = make_request()
    me, colleague = make_staff(), make_staff(display_name="Rustam")
    auth.login_as(me)
    url = f"/help-to-open/staff/requests/{req.id}/assign"
    assert client.post(url, data={"assignee_id": me.id, "expected": ""}).status_code == 302
    assert _reload(req).assignee_id == me.id
    # Someone whose page still showed "nobody" tries to assign it too.
    response = client.post(url, data={"assignee_id": colleague.id, "expected": ""})
    assert response.status_code == 409 and _reload(req).assignee_id == me.id
    client.post(url, data={"assignee_id": colleague.id, "expected": str(me.id)})
    assert _reload(req).assignee_id == colleague.id
    page = client.get(url.replace("/assign", "")).get_data(as_text=True)
    assert "Assigned to: Rustam" in page
    client.post(url, data={"assignee_id": "", "expected": str(colleague.id)})
    assert _reload(req).assignee_id is None
    assert [e.action for e in audit.recent()][:3] == ["assistance.assigned"] * 3


def test_only_staff_can_be_assigned(client, auth, make_staff, make_user, make_request):
    req, member = make_request(), make_user()
    auth.login_as(make_staff())
    client.post(f"/help-to-open/staff/requests/{req.id}/assign",
                data={"assignee_id": member.id, "expected": ""})
    assert _reload(req).assignee_id is None


def test_staff_write_to_the_requester(client, auth, make_staff, make_request):
    req, staff = make_request(), make_staff()
    auth.login_as(staff)
    response = client.post(f"/help-to-open/staff/requests/{req.id}/messages",
                           data={"body": "Could you send a photo of the room?",
                                 "client_token": "staff-msg-0001"})
    assert response.status_code == 302
    entry = db.session.scalar(sa.select(AssistanceMessage))
    assert entry.from_staff and entry.status is None
    assert [e.action for e in audit.recent()][0] == "assistance.message_added"


def test_staff_opening_the_members_page_are_sent_to_the_staff_page(client, auth, make_staff,
                                                                   make_request):
    req = make_request()
    auth.login_as(make_staff())
    response = client.get(f"/help-to-open/requests/{req.id}")
    assert response.headers["Location"].endswith(f"/help-to-open/staff/requests/{req.id}")
