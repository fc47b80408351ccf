"""A member asks for help: the form, its checks, double submits, their pages, privacy."""

import re

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.assistance.models import AssistanceMessage, AssistanceRequest
from diaspora_platform.extensions import db
from tests.assistance.conftest import form_post


def _count(model=AssistanceRequest) -> int:
    return db.session.scalar(sa.select(sa.func.count(model.id)))


def _token(page: str) -> str:
    return re.search(r'name="client_token" type="hidden" value="([^"]+)"', page).group(1)


def test_form_is_prefilled_with_the_members_contact_and_carries_a_token(client, auth,
                                                                        make_user):
    auth.login_as(make_user(email="zarina@example.org", display_name="Zarina", country="RU"))
    page = client.get("/help-to-open/new").get_data(as_text=True)
    assert 'value="Zarina"' in page and 'value="zarina@example.org"' in page
    assert '<option selected value="RU">' in page
    assert len(_token(page)) >= 24


def test_member_sends_a_request_and_sees_it_received(client, auth, make_user):
    member = make_user()
    auth.login_as(member)
    response = client.post("/help-to-open/new", data=form_post(
        description="Lessons on Saturdays\nfor <b>children</b>."))
    assert response.status_code == 302
    req = db.session.scalar(sa.select(AssistanceRequest))
    assert response.headers["Location"].endswith(f"/help-to-open/requests/{req.id}")
    assert (req.requester_id, req.status, req.needs, req.people) == (
        member.id, "received", "premises,materials", 40)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Weekend Tajik school in Lyon" in page and "Received" in page
    assert "Lessons on Saturdays<br>for &lt;b&gt;children&lt;/b&gt;." in page  # plain text
    assert [e.action for e in audit.recent()][0] == "assistance.submitted"
    mine = client.get("/help-to-open/mine").get_data(as_text=True)
    assert "Weekend Tajik school in Lyon" in mine


def test_missing_fields_rerender_the_form_with_what_was_typed(client, auth, make_user):
    auth.login_as(make_user())
    data = form_post(title="", city="", timeline="", description="Our plan, kept.")
    data.pop("needs")
    page = client.post("/help-to-open/new", data=data).get_data(as_text=True)
    assert page.count("This field is required.") == 3
    assert "Choose at least one thing you need." in page
    assert "Our plan, kept." in page and 'value="Madina Yusupova"' in page
    assert f'value="{data["client_token"]}"' in page  # the same form, the same token
    assert _count() == 0


def test_too_long_text_and_bad_numbers_are_refused_with_clear_messages(client, auth,
                                                                       make_user):
    auth.login_as(make_user())
    data = form_post(title="x" * 201, description="y" * 5001, people="0",
                     contact_email="not-an-email")
    page = client.post("/help-to-open/new", data=data).get_data(as_text=True)
    assert "Use at most 200 characters." in page and "Use at most 5000 characters." in page
    assert "Enter a number between 1 and 100000." in page
    assert "Enter a valid email address" in page
    assert "x" * 201 in page  # kept, so the member can shorten it
    assert _count() == 0


def test_unknown_needs_and_kinds_are_refused(client, auth, make_user):
    auth.login_as(make_user())
    page = client.post("/help-to-open/new", data=form_post(
        needs=["premises", "a-helicopter"], kind="castle")).get_data(as_text=True)
    assert "Choose from the list." in page and "Not a valid choice." in page
    assert '<input checked class="form-check-input is-invalid" id="needs-0"' in page
    assert _count() == 0


def test_the_same_form_sent_twice_makes_one_request(client, auth, make_user):
    auth.login_as(make_user())
    data = form_post()
    first = client.post("/help-to-open/new", data=data)
    second = client.post("/help-to-open/new", data=data)
    assert _count() == 1
    assert first.headers["Location"] == second.headers["Location"]
    assert "already sent" in client.get(second.headers["Location"]).get_data(as_text=True)
    client.post("/help-to-open/new", data=form_post())  # a new form is a new request
    assert _count() == 2


def test_a_reply_sent_twice_is_added_once(client, auth, make_request, make_user):
    member = make_user()
    req = make_request(requester=member)
    auth.login_as(member)
    reply = {"body": "We found a room.", "client_token": "reply-token-0001"}
    for _ in range(2):
        assert client.post(f"/help-to-open/requests/{req.id}/messages",
                           data=reply).status_code == 302
    assert _count(AssistanceMessage) == 1


def test_requester_replies_and_an_empty_or_long_reply_is_refused(client, auth, make_request,
                                                                 make_user):
    member = make_user()
    req = make_request(requester=member)
    auth.login_as(member)
    url = f"/help-to-open/requests/{req.id}/messages"
    page = client.post(url, data={"body": "  ", "client_token": "t" * 20}).get_data(
        as_text=True)
    assert "This field is required." in page
    page = client.post(url, data={"body": "z" * 2001, "client_token": "t" * 20}).get_data(
        as_text=True)
    assert "Use at most 2000 characters." in page and "z" * 2001 in page
    client.post(url, data={"body": "We found a room.", "client_token": "t" * 20})
    page = client.get(f"/help-to-open/requests/{req.id}").get_data(as_text=True)
    assert "We found a room." in page


def test_organisation_managers_see_and_answer_requests_filed_for_it(client, auth, make_user,
                                                                    make_org, make_request):
    owner, admin_of_org = make_user(), make_user()
    org = make_org(owner=owner)
    from diaspora_platform.organisations import membership

    joined = membership.request_to_join(admin_of_org, org, None)
    membership.accept_request(owner, joined, "admin")
    req = make_request(requester=owner, organisation_id=str(org.id))
    assert req.organisation_id == org.id
    auth.login_as(admin_of_org)
    assert "Weekend Tajik school" in client.get("/help-to-open/mine").get_data(as_text=True)
    assert client.get(f"/help-to-open/requests/{req.id}").status_code == 200


def test_a_request_cannot_be_filed_for_someone_elses_organisation(client, auth, make_user,
                                                                  make_org):
    org = make_org()
    auth.login_as(make_user())
    page = client.post("/help-to-open/new", data=form_post(
        organisation_id=str(org.id))).get_data(as_text=True)
    assert "only for an organisation you own or administer" in page
    assert _count() == 0


def test_other_members_and_visitors_cannot_see_a_request(app, client, auth, make_user,
                                                         make_request):
    req = make_request()
    assert client.get(f"/help-to-open/requests/{req.id}").status_code == 302  # to sign in
    auth.login_as(make_user())
    assert client.get(f"/help-to-open/requests/{req.id}").status_code == 404
    assert client.get("/help-to-open/requests/999").status_code == 404
    assert "Weekend Tajik school" not in client.get("/help-to-open/mine").get_data(
        as_text=True)


def test_unconfirmed_members_are_asked_to_confirm_first(client, auth, make_user):
    auth.login_as(make_user(confirmed=False))
    response = client.post("/help-to-open/new", data=form_post())
    assert response.status_code == 302 and "/account/" in response.headers["Location"]
    assert _count() == 0


def test_the_explanation_page_is_public(client):
    page = client.get("/help-to-open/").get_data(as_text=True)
    assert "Help to open a centre, school, course or library" in page
    assert "Sign in to ask for help" in page
