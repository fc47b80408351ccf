"""One unit of work per request and the one compare-and-set: a writing request is committed
once after success and rolled back on any error; a stale compare-and-set changes nothing
and raises Conflict; a successful one reaches the search outbox like any other change."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import flash, redirect, request

from diaspora_platform.database import ModerationStatus
from diaspora_platform.errors import Conflict
from diaspora_platform.extensions import db
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.search.models import SearchOutbox
from diaspora_platform.unit_of_work import conditional_update, service_errors

pytestmark = pytest.mark.outbox_only  # outbox rows stay for the test to read


def _stored(org_id: int, column: str):
    db.session.expire_all()
    return db.session.scalar(sa.select(getattr(Organisation, column))
                             .where(Organisation.id == org_id))


def _outbox(org_id: int) -> list[int]:
    return list(db.session.scalars(sa.select(SearchOutbox.object_id).where(
        SearchOutbox.type_key == "organisation", SearchOutbox.object_id == org_id)))


def test_it_changes_the_row_while_the_expected_state_holds(app, make_org):
    org = make_org()
    assert conditional_update(org, Organisation.status == ModerationStatus.APPROVED,
                              status=ModerationStatus.HIDDEN)
    db.session.commit()
    assert org.status == ModerationStatus.HIDDEN
    assert _stored(org.id, "status") == ModerationStatus.HIDDEN


def test_a_stale_expectation_changes_nothing_and_raises_conflict(app, make_org):
    org = make_org()
    org.city = "Khujand"  # earlier work of the same transaction goes with it
    with pytest.raises(Conflict) as caught:
        conditional_update(org, Organisation.status == ModerationStatus.PENDING,
                           status=ModerationStatus.REJECTED, conflict="Decided already.")
    assert caught.value.message == "Decided already." and caught.value.status == 409
    assert _stored(org.id, "status") == ModerationStatus.APPROVED
    assert _stored(org.id, "city") != "Khujand"


def test_already_done_can_be_an_answer_instead_of_an_error(app, make_org):
    org = make_org()
    org.city = "Khujand"
    assert conditional_update(org, Organisation.status == ModerationStatus.PENDING,
                              status=ModerationStatus.REJECTED, conflict=False) is False
    db.session.commit()  # nothing was rolled back
    assert _stored(org.id, "city") == "Khujand"


def test_the_search_outbox_hears_of_the_change(app, make_org):
    org = make_org()
    db.session.execute(sa.delete(SearchOutbox))
    db.session.commit()
    conditional_update(org, Organisation.status == ModerationStatus.APPROVED,
                       status=ModerationStatus.HIDDEN)
    db.session.commit()
    assert _outbox(org.id) == [org.id]


@pytest.fixture
def rename(app):
    """A writing route that changes an organisation, then fails if asked to; it commits
    nothing itself."""

    def view(org_id: int):
        org = db.session.get(Organisation, org_id)
        org.city = request.form["city"]
        if request.form.get("fail") == "escape":
            raise Conflict("Someone else renamed it.")
        if request.form.get("fail") == "caught":
            try:
                raise Conflict("Someone else renamed it.")
            except Conflict:
                return "kept the form", 200
        if request.form.get("fail") == "form":
            with service_errors():
                raise Conflict("Someone else renamed it.")
            return redirect("/organisations/")
        flash("Saved.", "success")
        return redirect("/organisations/")

    app.add_url_rule("/test-rename/<int:org_id>", "test_rename", view, methods=["POST"])
    app.config["WTF_CSRF_ENABLED"] = False
    return lambda org, **form: app.test_client().post(
        f"/test-rename/{org.id}", data=form,
        headers={"Referer": f"http://localhost/organisations/{org.id}",
                 **({"Accept": "application/json"} if form.pop("json", None) else {})})


def test_a_successful_request_is_committed_once_at_the_end(app, make_org, rename):
    org = make_org()
    assert rename(org, city="Khujand").status_code == 302
    assert _stored(org.id, "city") == "Khujand"


def test_a_domain_error_leaving_the_view_rolls_back_and_goes_back_with_the_message(
        app, make_org, rename):
    org = make_org()
    response = rename(org, city="Khujand", fail="escape")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/organisations/{org.id}"
    assert _stored(org.id, "city") != "Khujand"
    response = rename(org, city="Khujand", fail="escape", json=True)
    assert response.status_code == 409
    assert response.get_json()["message"] == "Someone else renamed it."


def test_a_domain_error_caught_by_the_view_helper_is_rolled_back_and_flashed(
        app, make_org, rename):
    org = make_org()
    client = app.test_client()
    response = client.post(f"/test-rename/{org.id}", data={"city": "Khujand", "fail": "form"},
                           follow_redirects=True)
    assert "Someone else renamed it." in response.get_data(as_text=True)
    assert _stored(org.id, "city") != "Khujand"


def test_a_request_whose_view_caught_a_domain_error_itself_is_not_committed(
        app, make_org, rename):
    org = make_org()
    assert rename(org, city="Khujand", fail="caught").status_code == 200
    assert _stored(org.id, "city") != "Khujand"
