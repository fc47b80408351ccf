"""Outgoing mail in the recipient's language, through the outbox: written in the same
transaction as the change, sent after the commit by the worker (files in instance/mail in
development, SMTP when MAIL_SERVER is set), retried until it leaves, never twice."""

from __future__ import annotations

import base64
import smtplib
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from flask import current_app
from flask_babel import force_locale

from diaspora_platform import metrics, outbox
from diaspora_platform.database import utcnow

KIND = "mail"
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
    msg.set_content(body)
    msg["Content-Language"] = locale  # after set_content, which resets Content-* headers
    return msg


def _recipient(msg: EmailMessage, private: bool) -> str:
    """The address for the log: hidden when the message is about confidential matters."""
    return "(private)" if private else msg["To"]


def enqueue_message(msg: EmailMessage, private: bool = False, session=None) -> str:
    """Put a built message in the outbox, in the current transaction; it is sent after
    the commit, once, by the worker. Returns its idempotency key."""
    key = outbox.new_key()
    del msg["Message-ID"]
    msg["Message-ID"] = f"<{key}@{_message_domain()}>"  # the same on every retry
    payload = {"from": msg["From"], "to": msg["To"], "private": private,
               "raw": base64.b64encode(bytes(msg)).decode("ascii"),
               "written": f"{utcnow():%Y%m%dT%H%M%S%f}"}
    summary = msg["Subject"] if private else f"{msg['To']} — {msg['Subject']}"
    outbox.enqueue(KIND, payload, key=key, summary=summary, session=session)
    return key


def _message_domain() -> str:
    return current_app.config["MAIL_DEFAULT_SENDER"].rpartition("@")[2] or "diaspora.localhost"


def _send(payload: dict, key: str) -> None:
    """The outbox's sender for mail: SMTP when configured, else a file named by the key
    (created exclusively, so a repeated delivery cannot write a second copy)."""
    cfg = current_app.config
    raw = base64.b64decode(payload["raw"])
    if cfg.get("MAIL_SERVER"):
        try:
            with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=20) as smtp:
                if cfg.get("MAIL_USE_TLS"):
                    smtp.starttls()
                if cfg.get("MAIL_USERNAME"):
                    smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
                smtp.sendmail(payload["from"], [payload["to"]], raw)
        except (OSError, smtplib.SMTPException):
            metrics.MAIL_FAILURES.inc()  # the outbox retries it, then parks it
            raise
        return
    folder = Path(cfg["MAIL_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{payload['written']}-{key}.eml"
    try:
        with open(folder / name, "xb") as handle:
            handle.write(raw)
    except FileExistsError:  # written by an earlier try whose last step failed
        return
    current_app.logger.info("Mail to %s (%s)", "(private)" if payload.get("private")
                            else payload["to"], name)


def send_mail(to: str, locale: str, subject, template: str, also_in=(), private=False,
              **context) -> bool:
    """Queue one message in the current transaction (sent after the commit by the worker,
    retried until it leaves). `private`: logs and the staff page name neither the
    recipient nor the failure's details. True once queued."""
    enqueue_message(build_message(to, locale, subject, template, also_in, **context), private)
    return True


def init_app(app) -> None:
    outbox.register_sender(KIND, _send, private=lambda payload: bool(payload.get("private")))
