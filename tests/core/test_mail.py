"""Mail: queued in the outbox with the change, then files in development or SMTP when
configured, always in the recipient's language."""

import socket

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from diaspora_platform import outbox
from diaspora_platform.extensions import db
from diaspora_platform.mail import send_mail

pytestmark = pytest.mark.any_database  # wording, headers and links: no SQL difference


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


@pytest.fixture
def smtp_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def test_smtp_is_used_when_a_mail_server_is_configured(app_factory, smtp_server, tmp_path):
    port, inbox = smtp_server
    app = app_factory(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False)
    with app.test_request_context():
        assert send_mail("zarina@example.org", "ru", "Subject", "notification",
                         name="Зарина", text="Текст", link=None)
        assert inbox.messages == []  # nothing leaves before the commit
        db.session.commit()
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "zarina@example.org"
    assert "Зарина" in message.get_payload(decode=True).decode()
    assert not (tmp_path / "mail").exists()


def test_unreachable_smtp_server_is_logged_and_retried_not_raised(app_factory, caplog):
    app = app_factory(MAIL_SERVER="127.0.0.1", MAIL_PORT=9, MAIL_USE_TLS=False)
    with app.test_request_context():
        assert send_mail("a@example.org", "en", "Subject", "notification", name="A",
                         text="x", link=None)
        db.session.commit()
        waiting = db.session.scalars(sa.select(outbox.OutboxMessage)).all()
    assert "Delivery of outbox message" in caplog.text
    assert len(waiting) == 1 and waiting[0].attempts == 1 and waiting[0].parked_at is None
    assert waiting[0].available_at > waiting[0].created_at  # retried later, with back-off


def test_mail_of_a_rolled_back_change_is_never_sent(app, mailbox):
    with app.test_request_context():
        send_mail("a@example.org", "en", "Subject", "notification", name="A", text="x",
                  link=None)
        db.session.rollback()
        db.session.commit()
    assert mailbox.messages() == []


def test_development_mail_is_written_as_a_file_in_the_recipients_language(app, mailbox):
    with app.test_request_context():
        send_mail("a@example.org", "tg", "Subject", "notification", name="Фарида", text="x",
                  link="https://example.org/x")
        db.session.commit()
    message = mailbox.last("a@example.org")
    assert message["Content-Language"] == "tg"
    assert "Фарида" in message.get_content() and "https://example.org/x" in message.get_content()
