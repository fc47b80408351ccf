"""Offers of expertise: limits, refusals, answers, contacts revealed only on acceptance,
expiry, and the log of every change."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform.database import utcnow
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.notifications.models import Notification
from diaspora_platform.projects import offers, queries, services
from diaspora_platform.projects.models import Offer, OfferEvent, OfferSkill
from diaspora_platform.projects.queries import today
from tests.projects.conftest import offer_data

CONTACTS = ("nigina@orchards.example", "+992 93 555 12 34", "Нигина Саидова")


@pytest.fixture
def owner(make_user):
    return make_user(email="owner@orchards.example", display_name="Owner", locale="ru")


@pytest.fixture
def project(make_project, owner):
    return make_project(owner=owner)


@pytest.fixture
def expert(make_expert):
    return make_expert(email="expert@example.org", display_name="Farhod Expert",
                       link="https://farhod.example/cv")


def test_an_expert_offers_and_the_owners_are_told_in_their_language(
        project, expert, owner, make_offer, mailbox):
    offer = make_offer(expert, project)
    assert offer.status == "pending"
    assert [item.need.skill for item in offer.skills] == ["irrigation"]
    assert offer.expires_at - offer.created_at == timedelta(days=14)
    message = mailbox.last(owner.email)
    assert message["Content-Language"] == "ru"
    assert "Farhod Expert" in message.get_content()
    assert "expert@example.org" not in message.get_content()
    assert db.session.scalar(sa.select(OfferEvent.status)) == "pending"


def test_the_owner_cannot_offer_on_their_own_project(project, owner, make_offer):
    from tests.experts.helpers import make_profile

    make_profile(owner, skills=("irrigation",))
    with pytest.raises(NotAllowed, match="own project"):
        make_offer(owner, project)


def test_no_offers_on_closed_or_past_deadline_projects(project, owner, expert, make_offer):
    services.set_open(owner, project, False)
    with pytest.raises(DomainError, match="not open"):
        make_offer(expert, project)
    services.set_open(owner, project, True)
    project.offers_until = today() - timedelta(days=1)
    db.session.commit()
    with pytest.raises(DomainError, match="not open"):
        make_offer(expert, project)


def test_an_expert_needs_a_profile_to_offer(project, make_user, make_offer):
    with pytest.raises(NotAllowed, match="expert profile"):
        make_offer(make_user(), project)


@pytest.mark.parametrize("skills, message", [
    (["basket_weaving"], "Unknown skill"), (["surgery"], "Unknown skill"),
    ([], "at least one")])
def test_unknown_or_missing_skills_are_refused(project, expert, make_offer, skills,
                                               message):
    with pytest.raises(DomainError, match=message):
        make_offer(expert, project, skills=skills)


def test_one_open_offer_per_expert_per_project(project, expert, make_offer):
    make_offer(expert, project)
    with pytest.raises(Conflict):
        make_offer(expert, project, skills=["project_finance"])
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 1


def test_the_database_refuses_a_second_open_offer_even_past_the_service(
        project, expert, make_offer):
    first = make_offer(expert, project)
    db.session.add(Offer(project_id=project.id, expert_id=expert.id, hours_per_month=5,
                         mode="remote", expires_at=first.expires_at))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()
    offers.withdraw_offer(expert, db.session.get(Offer, first.id))
    make_offer(expert, project)  # a new offer once the old one is closed


def test_mass_offering_stops_at_the_configured_limit(app, make_project, owner, expert,
                                                     make_offer):
    app.config["PROJECT_OPEN_OFFERS_LIMIT"] = 2
    projects = [make_project(owner=owner, org=None if n == 0 else None,
                             title=f"Orchard {n}") for n in range(3)]
    make_offer(expert, projects[0])
    make_offer(expert, projects[1])
    with pytest.raises(DomainError, match="2 offers waiting"):
        make_offer(expert, projects[2])
    offers.withdraw_offer(expert, queries.active_offer(expert, projects[0]))
    make_offer(expert, projects[2])


def test_only_the_owner_accepts_and_then_both_see_contacts(
        client, auth, project, owner, expert, make_offer, make_user):
    offer = make_offer(expert, project)
    with pytest.raises(NotAllowed):
        offers.accept_offer(expert, offer)
    with pytest.raises(NotAllowed):
        offers.accept_offer(make_user(), offer)
    auth.login_as(expert)
    before = client.get(f"/projects/offers/{offer.id}").get_data(as_text=True) + \
        client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert not any(contact in before for contact in CONTACTS)
    auth.logout()
    auth.login_as(owner)
    page = client.get(f"/projects/offers/{offer.id}").get_data(as_text=True)
    assert "expert@example.org" not in page and "farhod.example" not in page
    assert client.post(f"/projects/offers/{offer.id}/accept").status_code == 302
    page = client.get(f"/projects/offers/{offer.id}").get_data(as_text=True)
    assert "expert@example.org" in page and "https://farhod.example/cv" in page
    auth.logout()
    auth.login_as(expert)
    page = client.get(f"/projects/offers/{offer.id}").get_data(as_text=True)
    assert all(contact in page for contact in CONTACTS)


def test_contacts_never_reach_visitors_search_or_mail(client, project, expert, owner,
                                                      make_offer, mailbox):
    offers.accept_offer(owner, make_offer(expert, project))
    pages = [client.get(url).get_data(as_text=True) for url in (
        f"/projects/{project.id}", "/projects/", "/search?q=irrigation&type=project",
        "/search.json?q=irrigation")]
    assert "orchards of Vose" in pages[2]  # found by search (the match is highlighted)
    mail = " ".join(m.get_content() for m in mailbox.messages())
    for text in pages + [mail]:
        assert not any(contact in text for contact in CONTACTS)
        assert "expert@example.org" not in text.replace("To: expert@example.org", "")


def test_accepting_fills_the_skill_and_a_filled_skill_takes_no_more(
        project, owner, make_expert, make_offer):
    first = make_offer(make_expert(), project)
    second = make_offer(make_expert(), project)
    offers.accept_offer(owner, first)
    irrigation = project.skills[0]
    db.session.refresh(irrigation)
    assert irrigation.is_filled
    with pytest.raises(Conflict, match="already filled"):
        offers.accept_offer(owner, second)
    with pytest.raises(DomainError, match="already filled"):
        make_offer(make_expert(), project)
    assert db.session.get(Offer, second.id).status == "pending"


def test_a_second_answer_to_the_same_offer_changes_nothing(project, owner, expert,
                                                           make_offer):
    offer = make_offer(expert, project)
    offers.accept_offer(owner, offer)
    with pytest.raises(Conflict):
        offers.accept_offer(owner, offer)
    with pytest.raises(Conflict):
        offers.decline_offer(owner, offer, "Changed our mind")
    assert project.skills[0].accepted == 1


def test_declining_needs_a_reason_and_tells_the_expert(project, owner, expert, make_offer,
                                                       mailbox):
    offer = make_offer(expert, project)
    with pytest.raises(DomainError, match="why"):
        offers.decline_offer(owner, offer, " ")
    offers.decline_offer(owner, offer, "We found an engineer in Bokhtar.")
    assert offer.status == "declined"
    assert "We found an engineer in Bokhtar." in mailbox.last(expert.email).get_content()


def test_withdrawing_an_accepted_offer_frees_its_place(project, owner, expert, make_offer):
    offer = make_offer(expert, project, skills=["irrigation", "project_finance"])
    offers.accept_offer(owner, offer)
    assert [n.accepted for n in project.skills] == [1, 1]
    offers.withdraw_offer(expert, offer)
    db.session.expire_all()
    assert [n.accepted for n in project.skills] == [0, 0]
    assert not any(item.counted for item in db.session.scalars(sa.select(OfferSkill)))
    with pytest.raises(NotAllowed):
        offers.withdraw_offer(owner, offer)


def test_unanswered_offers_expire_and_the_expert_is_told(runner, project, expert,
                                                         make_offer, mailbox):
    old = make_offer(expert, project)
    old.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    result = runner.invoke(args=["projects", "expire-offers"])
    assert "1 offer(s) expired." in result.output
    db.session.expire_all()
    assert db.session.get(Offer, old.id).status == "expired"
    assert "expired" in mailbox.last(expert.email).get_content()
    assert runner.invoke(args=["projects", "expire-offers"]).output.startswith("0 ")
    statuses = db.session.scalars(sa.select(OfferEvent.status).order_by(OfferEvent.id))
    assert list(statuses) == ["pending", "expired"]


def test_expiry_uses_the_configured_time(app, project, expert, make_offer):
    app.config["PROJECT_OFFER_EXPIRY_DAYS"] = 3
    offer = make_offer(expert, project)
    assert offer.expires_at - offer.created_at == timedelta(days=3)


def test_a_double_submitted_offer_form_makes_one_offer(client, auth, project, expert):
    auth.login_as(expert)
    form = {**offer_data(), "skills": ["irrigation"]}
    first = client.post(f"/projects/{project.id}/offer", data=form)
    second = client.post(f"/projects/{project.id}/offer", data=form)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 1


def test_offer_form_refuses_clearly_on_a_closed_project(client, auth, project, owner,
                                                        expert):
    services.set_open(owner, project, False)
    auth.login_as(expert)
    response = client.post(f"/projects/{project.id}/offer", data=offer_data())
    assert response.status_code == 403
    assert "not open for offers" in response.get_data(as_text=True)


def test_every_change_is_logged_and_notified_on_the_site(project, owner, expert,
                                                         make_offer):
    offer = make_offer(expert, project)
    offers.decline_offer(owner, offer, "Not this year.")
    kinds = list(db.session.scalars(sa.select(Notification.kind).order_by(Notification.id)))
    assert "projects.offer_received" in kinds and "projects.offer_declined" in kinds
    assert [e.status for e in queries.events(offer)] == ["pending", "declined"]


def test_offers_of_lists_an_experts_offers_for_their_dashboard(project, expert,
                                                               make_offer):
    from diaspora_platform.experts.models import profile_of

    offer = make_offer(expert, project)
    assert queries.offers_of(profile_of(expert)) == [offer]
    assert queries.offers_of(expert) == [offer]


def _offer_race(app, expert_id: int, project_ids: list[int]) -> tuple[int, list]:
    """The expert sends offers on several projects at the same instant (threads released
    together, each with its own session); returns how many were made and the refusals."""
    import threading

    from diaspora_platform.accounts.models import User
    from diaspora_platform.projects.models import Project

    barrier = threading.Barrier(len(project_ids))
    made, refused, errors = [], [], []

    def click(project_id):
        try:
            with app.app_context():
                user = db.session.get(User, expert_id)
                project = db.session.get(Project, project_id)
                barrier.wait(timeout=10)
                try:
                    made.append(offers.make_offer(user, project, offer_data()).id)
                except DomainError as exc:
                    refused.append(str(exc))
                db.session.remove()
        except Exception as exc:  # a thread's error must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=click, args=(pid,)) for pid in project_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return len(made), refused


@pytest.mark.parametrize("round_", range(2))
def test_offers_sent_at_the_same_instant_never_pass_the_limit(app, make_project, owner,
                                                              expert, make_offer, round_):
    app.config["PROJECT_OPEN_OFFERS_LIMIT"] = 3
    projects = [make_project(owner=owner, title=f"Orchard {n}") for n in range(6)]
    make_offer(expert, projects[0])  # two places left
    made, refused = _offer_race(app, expert.id, [p.id for p in projects[1:]])
    assert made == 2
    assert len(refused) == 3 and all("3 offers waiting" in text for text in refused)
    db.session.expire_all()
    assert queries.open_offer_count(expert) == 3
