"""The office a new request is routed to hears of it at once: each of its accounts gets a
notice on the site and a mail in their own language holding the request's number and a
link, never what the person wrote or who they are."""

import sqlalchemy as sa
from flask_babel import force_locale

from diaspora_platform.extensions import db
from diaspora_platform.notifications.models import Notification
from diaspora_platform.notifications.services import render
from tests.helpdesk.conftest import STORY, filing


def _notices(user) -> list[Notification]:
    return list(db.session.scalars(sa.select(Notification).where(
        Notification.user_id == user.id, Notification.kind == "helpdesk.routed")))


def test_the_routed_office_gets_a_mail_in_its_language_with_only_a_link(app, world,
                                                                        file_request, mailbox):
    app.config["BASE_URL"] = "https://diaspora.example"
    world.officer.locale = "tg"
    db.session.commit()
    req = file_request(email="farrukh@example.org")[0]
    assert req.office_id == world.moscow.id
    message = mailbox.last("officer@example.org")
    body = message.get_content()
    assert message["Content-Language"] == "tg"
    assert f"https://diaspora.example/tg/helpdesk/{req.id}" in body
    for secret in (STORY, "Фаррух", "Назаров", "Kazan", "917", "farrukh@"):
        assert secret not in body and secret not in message["Subject"]


def test_the_notice_on_the_site_links_the_request_in_the_readers_language(world,
                                                                         file_request):
    req = file_request()[0]
    notice = _notices(world.officer)[0]
    assert notice.link == f"/helpdesk/{req.id}"
    with force_locale("ru"):
        text = str(render(notice))
    assert str(req.id) in text and STORY not in text


def test_offices_the_request_was_not_routed_to_hear_nothing(world, file_request, mailbox):
    file_request()
    assert _notices(world.other_officer) == []
    assert not [m for m in mailbox.messages() if m["To"] == "kz-officer@example.org"]


def test_a_double_submit_tells_the_office_once(world, app):
    from diaspora_platform.accounts.models import AnonymousUser
    from diaspora_platform.helpdesk import services

    same = filing()
    services.file_request(AnonymousUser(), same)
    services.file_request(AnonymousUser(), same)
    assert len(_notices(world.officer)) == 1


def test_a_request_for_the_council_notifies_no_office(world, file_request):
    req = file_request(country="DE", city="Berlin")[0]
    assert req.office_id is None
    assert _notices(world.officer) == [] and _notices(world.other_officer) == []
