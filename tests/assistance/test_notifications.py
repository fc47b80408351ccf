"""The requester follows every step on the site and by email, in their own language."""

import sqlalchemy as sa

from diaspora_platform.assistance import services
from diaspora_platform.extensions import db
from diaspora_platform.notifications.models import Notification
from diaspora_platform.notifications.services import render


def _notes(user) -> list[Notification]:
    return list(db.session.scalars(sa.select(Notification).where(
        Notification.user_id == user.id).order_by(Notification.id)))


def test_each_step_reaches_the_requester_on_the_site_and_by_email(make_user, make_staff,
                                                                  make_request, make_place,
                                                                  mailbox):
    member = make_user(email="madina@example.org", locale="en")
    req, place, staff = make_request(requester=member), make_place(), make_staff()
    services.change_status(staff, req, "in_review", "We are reading your plan.")
    services.change_status(staff, req, "in_progress", "Premises found.")
    services.change_status(staff, req, "fulfilled", "Opened!", place_id=place.id)
    kinds = [note.kind for note in _notes(member)]
    assert kinds == ["assistance.received"] + ["assistance.status"] * 3
    assert render(_notes(member)[1]) == ("Your request “Weekend Tajik school in Lyon” is now: "
                                         "In review. Message from the Council: We are "
                                         "reading your plan.")
    mails = [m for m in mailbox.messages() if m["To"] == "madina@example.org"]
    assert len(mails) == 4
    body = mails[-1].get_content()
    assert "Fulfilled" in body and "Opened!" in body
    assert f"/help-to-open/requests/{req.id}" in body


def test_mail_and_notices_are_in_the_requesters_language(app, make_user, make_staff,
                                                         make_request, mailbox):
    member = make_user(email="zarina@example.org", locale="ru")
    req, staff = make_request(requester=member), make_staff(locale="en")
    services.change_status(staff, req, "in_review", "Смотрим.")
    message = mailbox.last("zarina@example.org")
    assert message["Content-Language"] == "ru"
    from flask_babel import force_locale, gettext

    with app.test_request_context(), force_locale("ru"):
        status_ru = gettext("In review")
        subject_ru = gettext("News about your request for help")
        hello_ru = gettext("Hello, %(name)s.", name=member.display_name)
    assert hello_ru.startswith("Здравствуйте") or hello_ru.startswith("Привет")
    assert message["Subject"] == subject_ru and hello_ru in message.get_content()
    assert status_ru in message.get_content() and "Смотрим." in message.get_content()


def test_tajik_requester_reads_tajik(app, make_user, make_staff, make_request, mailbox):
    member = make_user(email="nilufar@example.org", locale="tg")
    services.change_status(make_staff(), make_request(requester=member), "declined",
                           "Бубахшед.")
    assert mailbox.last("nilufar@example.org")["Content-Language"] == "tg"


def test_messages_reach_the_other_side(make_user, make_staff, make_request, mailbox):
    member, staff = make_user(email="member@example.org"), make_staff()
    req = make_request(requester=member)
    services.add_message(member, req, "Nobody assigned yet, nobody told.", "m-token-0001")
    services.assign_request(make_staff(), req, staff.id, None)
    assert [n.kind for n in _notes(staff)] == ["assistance.assigned"]
    services.add_message(member, req, "Any news?", "m-token-0002")
    assert [n.kind for n in _notes(staff)][-1] == "assistance.message"
    assert "Any news?" in render(_notes(staff)[-1])
    services.add_message(staff, req, "Yes: next week.", "s-token-0001", as_staff=True)
    assert _notes(member)[-1].kind == "assistance.staff_message"
    assert "Yes: next week." in mailbox.last("member@example.org").get_content()


def test_linking_a_place_tells_the_requester(make_user, make_staff, make_request, make_place):
    member, staff = make_user(), make_staff()
    req, place = make_request(requester=member), make_place(name="Kitobkhona")
    for status in ("in_review", "in_progress", "fulfilled"):
        services.change_status(staff, req, status, "Step.")
    services.link_place(staff, req, place.id)
    assert "Kitobkhona" in render(_notes(member)[-1])
