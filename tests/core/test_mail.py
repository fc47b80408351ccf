"""Mail: files in development, SMTP when configured, always in the recipient's language."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

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
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "zarina@example.org"
    assert "Зарина" in message.get_payload(decode=True).decode()
    assert not (tmp_path / "mail").exists()


def test_unreachable_smtp_server_is_logged_not_raised(app_factory, caplog):
    app = app_factory(MAIL_SERVER="127.0.0.1", MAIL_PORT=9, MAIL_USE_TLS=False)
    with app.test_request_context():
        assert send_mail("a@example.org", "en", "Subject", "notification", name="A",
                         text="x", link=None) is False
    assert "Could not send mail" in caplog.text


def test_development_mail_is_written_as_a_file_in_the_recipients_language(app, mailbox):
    with app.test_request_context():
        send_mail("a@example.org", "tg", "Subject", "notification", name="Фарида", text="x",
                  link="https://example.org/x")
    message = mailbox.last("a@example.org")
    assert message["Content-Language"] == "tg"
    assert "Фарида" in message.get_content() and "https://example.org/x" in message.get_content()
