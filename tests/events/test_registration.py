"""Registering: seats, the waitlist, moving up, deadlines, and the race for the last seat."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform.community.events import registration
from diaspora_platform.community.events.models import Event, Registration
from diaspora_platform.database import utcnow
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.notifications.models import Notification


def kinds_for(user) -> list[str]:
    return list(db.session.scalars(sa.select(Notification.kind).where(
        Notification.user_id == user.id).order_by(Notification.id)))


def test_third_member_is_waitlisted_and_moves_up_when_someone_cancels(make_event, make_user,
                                                                      mailbox):
    event = make_event(capacity=2)
    first, second, third = (make_user() for _ in range(3))
    assert registration.register(first, event).status == "confirmed"
    assert registration.register(second, event).status == "confirmed"
    waiting = registration.register(third, event)
    assert waiting.status == "waitlisted"
    assert event.confirmed_count == 2 and event.is_full
    assert registration.cancel_registration(first, event) is True
    db.session.expire_all()
    assert db.session.get(Registration, waiting.id).status == "confirmed"
    assert db.session.get(Event, event.id).confirmed_count == 2
    assert kinds_for(third) == ["events.waitlisted", "events.promoted"]
    assert "A seat became free" in mailbox.last(third.email)["Subject"]


def test_registering_twice_keeps_one_registration(make_event, make_user):
    event, member = make_event(), make_user()
    first = registration.register(member, event)
    again = registration.register(member, event)
    assert first.id == again.id
    assert db.session.get(Event, event.id).confirmed_count == 1


def test_cancelling_twice_is_harmless_and_a_member_may_register_again(make_event, make_user):
    event, member = make_event(capacity=1), make_user()
    registration.register(member, event)
    assert registration.cancel_registration(member, event) is True
    assert registration.cancel_registration(member, event) is False
    assert db.session.get(Event, event.id).confirmed_count == 0
    assert registration.register(member, event).status == "confirmed"


def test_waitlist_is_first_come_first_served(make_event, make_user):
    event = make_event(capacity=1)
    holder, early, late = make_user(), make_user(), make_user()
    registration.register(holder, event)
    early_reg = registration.register(early, event)
    late_reg = registration.register(late, event)
    assert registration.waitlist_position(early_reg) == 1
    assert registration.waitlist_position(late_reg) == 2
    registration.cancel_registration(holder, event)
    db.session.expire_all()
    assert db.session.get(Registration, early_reg.id).status == "confirmed"
    assert db.session.get(Registration, late_reg.id).status == "waitlisted"


def test_registration_past_the_deadline_is_refused(make_event, make_user):
    event = make_event(registration_deadline=utcnow() + timedelta(days=1))
    event.registration_deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()
    with pytest.raises(DomainError, match="closed"):
        registration.register(make_user(), event)


def test_registration_for_an_event_in_review_or_cancelled_is_refused(make_event, make_user):
    pending = make_event(approved=False)
    with pytest.raises(DomainError, match="published"):
        registration.register(make_user(), pending)
    cancelled = make_event()
    cancelled.cancelled_at = utcnow()
    db.session.commit()
    with pytest.raises(DomainError, match="cancelled"):
        registration.register(make_user(), cancelled)


def test_unconfirmed_members_cannot_register(make_event, make_user):
    with pytest.raises(NotAllowed):
        registration.register(make_user(confirmed=False), make_event())


def test_no_capacity_means_no_waitlist(make_event, make_user):
    event = make_event(capacity=None)
    for _ in range(5):
        assert registration.register(make_user(), event).status == "confirmed"


def _race(app, event_id: int, user_ids: list[int]) -> list[str]:
    """Each member clicks "Register" in a thread of their own, released together."""
    from diaspora_platform.accounts.models import User

    barrier = threading.Barrier(len(user_ids))
    results, errors = {}, []

    def click(user_id):
        try:
            with app.app_context():
                user, event = db.session.get(User, user_id), db.session.get(Event, event_id)
                barrier.wait(timeout=10)
                results[user_id] = registration.register(user, event).status
                db.session.remove()
        except Exception as exc:  # reported below: a thread's error must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=click, args=(uid,)) for uid in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return [results[uid] for uid in user_ids]


@pytest.mark.parametrize("round_", range(3))
def test_two_members_racing_for_the_last_seat_exactly_one_gets_it(app, make_event, make_user,
                                                                  round_):
    event = make_event(capacity=2)
    registration.register(make_user(), event)  # one seat left
    racers = [make_user().id, make_user().id]
    outcome = _race(app, event.id, racers)
    assert sorted(outcome) == ["confirmed", "waitlisted"]
    db.session.expire_all()
    assert db.session.get(Event, event.id).confirmed_count == 2
    seats = db.session.scalar(sa.select(sa.func.count(Registration.id)).where(
        Registration.event_id == event.id, Registration.status == "confirmed"))
    assert seats == 2


def test_six_members_racing_for_three_seats(app, make_event, make_user):
    event = make_event(capacity=3)
    outcome = _race(app, event.id, [make_user().id for _ in range(6)])
    assert outcome.count("confirmed") == 3 and outcome.count("waitlisted") == 3
    db.session.expire_all()
    assert db.session.get(Event, event.id).confirmed_count == 3


def test_raising_the_capacity_moves_the_waitlist_up(make_event, make_user):
    from diaspora_platform.community.events import services
    from tests.events.conftest import event_data, org_owner

    event = make_event(capacity=1)
    registration.register(make_user(), event)
    waiting = registration.register(make_user(), event)
    data = event_data(capacity=2, starts_at=event.starts_at, ends_at=event.ends_at)
    services.update_event(org_owner(event.organisation), event, data)
    db.session.expire_all()
    assert db.session.get(Registration, waiting.id).status == "confirmed"


def test_lowering_the_capacity_below_the_registered_is_refused(make_event, make_user):
    from diaspora_platform.community.events import services
    from tests.events.conftest import event_data, org_owner

    event = make_event(capacity=2)
    registration.register(make_user(), event)
    registration.register(make_user(), event)
    data = event_data(capacity=1, starts_at=event.starts_at, ends_at=event.ends_at)
    with pytest.raises(DomainError, match="registered already"):
        services.update_event(org_owner(event.organisation), event, data)
