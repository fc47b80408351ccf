"""Outgoing mail in the recipient's language: files in instance/mail in development, SMTP
when MAIL_SERVER is set."""

from __future__ import annotations

import smtplib
import uuid
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app
from flask_babel import force_locale

from diaspora_platform import metrics
from diaspora_platform.database import utcnow

LANGUAGE_RULE = "\n" + "—" * 40 + "\n\n"


def _render(locale: str, template: str, context: dict) -> str:
    with force_locale(locale):
        # The environment's template, not render_template: no context processors (they
        # read the request and the database, and mail may be sent right after a commit).
        return current_app.jinja_env.get_template(f"mail/{template}.txt").render(
            mail_language=locale, **context)


def build_message(to: str, locale: str, subject, template: str, also_in=(),
                  **context) -> EmailMessage:
    """Render `templates/mail/<template>.txt` and the subject in the recipient's locale;
    `also_in` adds the same text in other languages below a line (for someone whose
    language the platform cannot know, such as an invited address without an account)."""
    body = LANGUAGE_RULE.join(_render(lang, template, context)
                              for lang in (locale, *[x for x in also_in if x != locale]))
    with force_locale(locale):
        subject_text = str(subject)
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    msg["To"] = to
    msg["Subject"] = subject_text
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = make_msgid(domain="diaspora.localhost")
    msg.set_content(body)
    msg["Content-Language"] = locale  # after set_content, which resets Content-* headers
    return msg


def _recipient(msg: EmailMessage, private: bool) -> str:
    """The address for the log: hidden when the message is about confidential matters."""
    return "(private)" if private else msg["To"]


def deliver(msg: EmailMessage, private: bool = False) -> None:
    cfg = current_app.config
    if cfg.get("MAIL_SERVER"):
        with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=20) as smtp:
            if cfg.get("MAIL_USE_TLS"):
                smtp.starttls()
            if cfg.get("MAIL_USERNAME"):
                smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
            smtp.send_message(msg)
        return
    folder = Path(cfg["MAIL_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{utcnow():%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.eml"
    (folder / name).write_bytes(bytes(msg))
    current_app.logger.info("Mail to %s: %s (%s)", _recipient(msg, private), msg["Subject"],
                            name)


def send_mail(to: str, locale: str, subject, template: str, also_in=(), private=False,
              **context) -> bool:
    """Send one message; a delivery failure is logged, never raised into the request.
    `private`: the log names neither the recipient nor the failure's details."""
    try:
        deliver(build_message(to, locale, subject, template, also_in, **context), private)
    except (OSError, smtplib.SMTPException):
        metrics.MAIL_FAILURES.inc()
        if private:
            current_app.logger.error("Could not send a private mail")
            return False
        current_app.logger.exception("Could not send mail to %s", to)
        return False
    return True
