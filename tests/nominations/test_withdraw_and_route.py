"""Changing an undecided nomination: the nominator withdraws it after a confirmation, and
Council staff send it to another embassy or consulate; the offices concerned are told,
and a decided nomination stays as it is."""

import pytest
import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.accounts.models import AnonymousUser
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.nominations import endorsement, services
from diaspora_platform.nominations.models import Endorsement, Nomination, Stage
from diaspora_platform.notifications.models import Notification

pytestmark = pytest.mark.outbox_only


def consented(nominate, **overrides):
    nomination, _secret = nominate(**overrides)
    services.answer_nomination(AnonymousUser(), nomination, True)
    return nomination


def notices(user, kind):
    return db.session.scalars(sa.select(Notification).where(
        Notification.user_id == user.id, Notification.kind == kind)).all()


def actions_of(nomination):
    return [row.action for row in audit.recent(50)
            if row.target_type == "nomination" and row.target_id == str(nomination.id)]


def test_the_nominator_confirms_then_withdraws_and_the_office_is_told(client, auth, world,
                                                                      nominate):
    nomination = consented(nominate)
    auth.login_as(world.owner)
    mine = client.get("/en/nominations/mine").get_data(as_text=True)
    assert f"/nominations/{nomination.id}/withdraw" in mine
    page = client.get(f"/en/nominations/{nomination.id}/withdraw").get_data(as_text=True)
    assert "The person's consent link stops working" in page
    assert nomination.stage == Stage.AWAITING_ENDORSEMENT  # asking changes nothing
    for lang, words in (("tg", "Бозпас гирифтани пешбарӣ"), ("ru", "Отозвать выдвижение")):
        assert words in client.get(f"/{lang}/nominations/{nomination.id}/withdraw").get_data(
            as_text=True)
    response = client.post(f"/en/nominations/{nomination.id}/withdraw", data={})
    assert response.status_code == 302
    db.session.expire_all()
    assert nomination.stage == Stage.WITHDRAWN and nomination.withdrawn_by_id == world.owner.id
    assert "nomination.withdrawn" in actions_of(nomination)
    assert len(notices(world.officer, "nomination.withdrawn")) == 1
    assert "Withdrawn by the nominator" in client.get("/en/nominations/mine").get_data(
        as_text=True)
    with pytest.raises(DomainError, match="withdrew"):
        endorsement.endorse_nomination(world.officer, nomination, True, "")


def test_a_withdrawn_nominations_link_says_so_and_no_office_had_it(client, world, nominate):
    nomination, secret = nominate()
    services.withdraw_nomination(world.owner, nomination)
    page = client.get(f"/en/nominations/consent/{secret}").get_data(as_text=True)
    assert "The nomination was withdrawn" in page
    assert client.post(f"/en/nominations/consent/{secret}",
                       data={"decision": "yes"}).status_code == 200
    db.session.expire_all()
    assert nomination.consent == "pending"
    assert notices(world.officer, "nomination.withdrawn") == []
    with pytest.raises(DomainError, match="withdrawn"):
        services.resend_link(world.owner, nomination)


def test_only_the_nominator_withdraws_and_only_while_undecided(world, nominate):
    nomination = consented(nominate)
    with pytest.raises(NotAllowed):
        services.withdraw_nomination(world.member, nomination)
    endorsement.endorse_nomination(world.officer, nomination, True, "Известный учёный.")
    with pytest.raises(DomainError, match="already decided"):
        services.withdraw_nomination(world.owner, nomination)
    declined, _secret = nominate(email="declined@example.org")
    services.answer_nomination(AnonymousUser(), declined, False)
    with pytest.raises(DomainError, match="already decided"):
        services.withdraw_nomination(world.owner, declined)


def test_a_decision_taken_meanwhile_wins_over_a_withdrawal(world, nominate):
    nomination = consented(nominate)
    db.session.execute(sa.update(Nomination).where(Nomination.id == nomination.id)
                       .values(endorsement=Endorsement.ENDORSED)  # another request's
                       .execution_options(synchronize_session=False))
    with pytest.raises(Conflict):
        services.withdraw_nomination(world.owner, nomination)  # it saw the nomination open
    db.session.expire_all()
    assert nomination.withdrawn_at is None


def test_staff_send_a_nomination_to_another_office_and_both_are_told(client, auth, world,
                                                                     nominate, staff):
    nomination = consented(nominate)
    auth.login_as(staff)
    listing = client.get(f"/en/nominations/edition/{world.edition.id}").get_data(as_text=True)
    assert f"/nominations/{nomination.id}/route" in listing
    page = client.get(f"/en/nominations/{nomination.id}/route").get_data(as_text=True)
    assert "Embassy in Astana" in page
    for lang, words in (("tg", "Ҳарду идора"), ("ru", "Оба учреждения")):
        assert words in client.get(f"/{lang}/nominations/{nomination.id}/route").get_data(
            as_text=True)
    response = client.post(f"/en/nominations/{nomination.id}/route",
                           data={"office_id": str(world.astana.id)})
    assert response.status_code == 302
    db.session.expire_all()
    assert nomination.office_id == world.astana.id
    assert "nomination.rerouted" in actions_of(nomination)
    assert len(notices(world.officer, "nomination.moved")) == 1
    assert len(notices(world.other_officer, "nomination.to_endorse")) == 1
    with pytest.raises(NotAllowed):
        endorsement.endorse_nomination(world.officer, nomination, True, "")
    assert endorsement.endorse_nomination(world.other_officer, nomination, True, "")
    page = client.get(f"/en/nominations/{nomination.id}/route").get_data(as_text=True)
    assert "it can no longer go to another office" in page and "<select" not in page


def test_routing_refuses_a_decided_nomination_and_an_office_not_in_the_list(world, nominate,
                                                                           staff):
    nomination = consented(nominate)
    with pytest.raises(NotAllowed):
        services.reroute_nomination(world.owner, nomination, world.astana.id)
    with pytest.raises(DomainError, match="from the list"):
        services.reroute_nomination(staff, nomination, 999_999)
    with pytest.raises(DomainError, match="already goes"):
        services.reroute_nomination(staff, nomination, world.moscow.id)
    endorsement.endorse_nomination(world.officer, nomination, False, "Не знаем этого человека.")
    with pytest.raises(DomainError, match="already decided"):
        services.reroute_nomination(staff, nomination, world.astana.id)
