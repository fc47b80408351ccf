"""Publishing, editing, cancelling and messaging events; reminders; followers told."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform.community.events import registration, services
from diaspora_platform.community.events.models import Event, Registration
from diaspora_platform.community.follows import services as follows
from diaspora_platform.database import utcnow
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from diaspora_platform.notifications.models import Notification
from tests.events.conftest import event_data, org_owner
from tests.events.test_registration import kinds_for


def test_an_event_that_ends_before_it_starts_is_refused(make_org):
    org = make_org()
    start = utcnow() + timedelta(days=3)
    with pytest.raises(DomainError, match="end after it starts"):
        services.create_event(org_owner(org), org, event_data(starts_at=start,
                                                              ends_at=start))


@pytest.mark.parametrize("overrides, message", [
    ({"timezone": "Mars/Olympus"}, "time zone"),
    ({"kind": "rave"}, "kind of event"),
    ({"title": "x" * 201}, "too long"),
    ({"capacity": 0}, "Capacity"),
    ({"country": "XX"}, "country"),
    ({"city": ""}, "city"),
    ({"is_online": True, "online_url": "javascript:alert(1)"}, "https://"),
    ({"languages": ["klingon"]}, "list"),
])
def test_bad_input_is_refused_with_a_message(make_org, overrides, message):
    org = make_org()
    with pytest.raises(DomainError, match=message):
        services.create_event(org_owner(org), org, event_data(**overrides))
    assert db.session.scalar(sa.select(sa.func.count(Event.id))) == 0


def test_a_deadline_after_the_end_and_a_start_in_the_past_are_refused(make_org):
    org = make_org()
    data = event_data()
    with pytest.raises(DomainError, match="deadline"):
        services.create_event(org_owner(org), org, {
            **data, "registration_deadline": data["ends_at"] + timedelta(hours=1)})
    with pytest.raises(DomainError, match="future"):
        services.create_event(org_owner(org), org, event_data(
            starts_at=utcnow() - timedelta(hours=2), ends_at=utcnow() + timedelta(hours=1)))


def test_naive_times_are_read_in_the_events_own_zone(make_org):
    org = make_org()
    start = (utcnow() + timedelta(days=10)).replace(tzinfo=None, hour=18, minute=0,
                                                    second=0, microsecond=0)
    event = services.create_event(org_owner(org), org, event_data(
        starts_at=start, ends_at=start + timedelta(hours=2), timezone="Asia/Dushanbe"))
    assert event.starts_at.hour == 13  # Dushanbe is UTC+5 all year
    assert event.timezone == "Asia/Dushanbe"


def test_online_events_keep_no_address(make_org):
    org = make_org()
    event = services.create_event(org_owner(org), org, event_data(
        is_online=True, online_url="https://meet.example/navruz", address="x", city="Paris"))
    assert event.country is None and event.city == "" and event.is_online


def test_members_without_a_role_cannot_publish_for_an_organisation(make_org, make_user):
    org = make_org()
    with pytest.raises(NotAllowed):
        services.create_event(make_user(), org, event_data())


def test_staff_publish_council_events_and_members_cannot(make_user, staff):
    event = services.create_event(staff, None, event_data())
    assert event.organisation_id is None and event.status == "pending"
    with pytest.raises(NotAllowed):
        services.create_event(make_user(), None, event_data())


def test_followers_of_the_organisation_and_country_are_told_once_on_approval(
        make_org, make_user, staff):
    org = make_org(country="FR")
    fan, french, other = make_user(), make_user(), make_user()
    follows.follow(fan, organisation=org)
    follows.follow(french, country="FR")
    follows.follow(other, country="DE")
    event = services.create_event(org_owner(org), org, event_data())
    moderation.decide(staff, event, "approve")
    assert kinds_for(fan) == ["follows.event"]
    assert kinds_for(french) == ["follows.event"]
    assert kinds_for(other) == []
    services.update_event(org_owner(org), event, event_data(
        title="Navruz in Paris 2026", starts_at=event.starts_at, ends_at=event.ends_at))
    db.session.refresh(event)
    assert event.status == "pending"  # a new title goes back to review
    moderation.decide(staff, event, "approve")
    assert kinds_for(fan) == ["follows.event"]  # not announced twice


def test_a_new_time_is_told_to_everyone_registered(make_event, make_user):
    event, member = make_event(), make_user()
    registration.register(member, event)
    later = event.starts_at + timedelta(hours=1)
    services.update_event(org_owner(event.organisation), event, event_data(
        starts_at=later, ends_at=later + timedelta(hours=3)))
    assert kinds_for(member)[-1] == "events.changed"


def test_cancelling_tells_everyone_registered_or_waiting_once(make_event, make_user, mailbox):
    event = make_event(capacity=1)
    seated, waiting = make_user(locale="ru"), make_user(locale="tg")
    registration.register(seated, event)
    registration.register(waiting, event)
    assert services.cancel_event(org_owner(event.organisation), event, "Зал закрыт.") == 2
    assert kinds_for(seated)[-1] == kinds_for(waiting)[-1] == "events.cancelled"
    assert mailbox.last(seated.email)["Content-Language"] == "ru"
    assert "Зал закрыт." in mailbox.last(waiting.email).get_content()
    with pytest.raises(Conflict):
        services.cancel_event(org_owner(event.organisation), event, "Again.")
    with pytest.raises(DomainError, match="cancelled"):
        registration.register(make_user(), event)


def test_messages_reach_attendees_and_are_limited_per_day(make_event, make_user):
    event = make_event(capacity=1)
    seated, waiting = make_user(), make_user()
    registration.register(seated, event)
    registration.register(waiting, event)
    owner = org_owner(event.organisation)
    assert services.message_attendees(owner, event, "Bring a dish for the dastarkhan.") == 1
    assert kinds_for(seated)[-1] == "events.message"
    assert "events.message" not in kinds_for(waiting)
    for _ in range(services.MESSAGES_PER_DAY - 1):
        services.message_attendees(owner, event, "More news.")
    with pytest.raises(DomainError, match="tomorrow"):
        services.message_attendees(owner, event, "One too many.")
    with pytest.raises(DomainError):
        services.message_attendees(owner, event, "x" * (services.MESSAGE_MAX + 1))


def test_remind_runs_once_for_events_starting_within_a_day(app, make_event, make_user,
                                                          runner, mailbox):
    soon = make_event(starts_at=utcnow() + timedelta(hours=20),
                      ends_at=utcnow() + timedelta(hours=23), capacity=5)
    later = make_event(capacity=5)  # in a week
    tajik, english = make_user(locale="tg"), make_user(locale="en")
    for member in (tajik, english):
        registration.register(member, soon)
        registration.register(member, later)
    app.config["SERVER_NAME"] = "diaspora.example.org"  # commands link to the real site
    result = runner.invoke(args=["events", "remind"])
    assert "2 reminder(s) sent." in result.output
    assert runner.invoke(args=["events", "remind"]).output.startswith("0 reminder")
    assert kinds_for(tajik).count("events.reminder") == 1
    mail = mailbox.last(tajik.email)
    assert mail["Content-Language"] == "tg" and "Navruz in Paris" in mail.get_content()
    # the link opens the event in the recipient's language
    assert f"://diaspora.example.org/tg/events/{soon.id}" in mail.get_content()


def test_the_online_link_is_mailed_to_attendees_only(make_event, make_user, mailbox):
    url = "https://meet.example/secret-room"
    event = make_event(is_online=True, online_url=url, capacity=1)
    seated, waiting = make_user(), make_user()
    registration.register(seated, event)
    registration.register(waiting, event)
    assert url in mailbox.last(seated.email).get_content()
    assert url not in mailbox.last(waiting.email).get_content()
    params = db.session.scalars(sa.select(Notification.params_json).where(
        Notification.user_id == waiting.id)).all()
    assert all(url not in p for p in params)


def test_personal_data_export_and_erase_free_the_seat(make_event, make_user):
    from diaspora_platform.accounts import personal_data

    event = make_event(capacity=1)
    leaving, waiting = make_user(), make_user()
    registration.register(leaving, event)
    waiting_reg = registration.register(waiting, event)
    exported = personal_data.export_all(leaving)["event_registrations"]
    assert exported[0]["event"] == "Navruz in Paris"
    personal_data.erase_all(leaving)
    db.session.commit()
    assert db.session.get(Registration, waiting_reg.id).status == "confirmed"
