"""Telling the person about their request by the channel they gave: email when they gave
an address, else a text message to their phone or messenger handle through a gateway.
Notices carry only the request's number, its status and the private link: never the
story, the messages or a name, so nothing confidential reaches a third-party provider."""

from __future__ import annotations

import importlib
from typing import Protocol

from flask import current_app
from flask_babel import force_locale

from diaspora_platform import mail
from diaspora_platform.i18n import _, _l

SENT = "helpdesk_sent"  # what the development gateway "sent", for tests and the demo


class Gateway(Protocol):
    """A text-message provider: SMS or a messenger. Returns whether it was accepted."""

    def send(self, channel: str, to: str, text: str) -> bool: ...


def _masked(to: str) -> str:
    return "…" + to[-2:] if len(to) > 4 else "…"


class LogGateway:
    """Development: nothing leaves the machine; the log gets a redacted line only."""

    def send(self, channel: str, to: str, text: str) -> bool:
        current_app.logger.info("Help request notice by %s to %s (%d characters)", channel,
                                _masked(to), len(text))
        if current_app.testing or current_app.debug:
            current_app.extensions.setdefault(SENT, []).append((channel, to, text))
        return True


def gateway() -> Gateway:
    """The configured gateway: "log", or "package.module:factory" for a real provider."""
    name = current_app.config.get("HELPDESK_GATEWAY") or "log"
    if name == "log":
        return LogGateway()
    module, _sep, attr = name.partition(":")
    return getattr(importlib.import_module(module), attr)()


SUBJECT = _l("News about your help request")


def _text(number: int, status: str, link: str) -> str:
    return _("Help request No. %(number)d: %(status)s. Open it here: %(link)s",
             number=number, status=status, link=link)


def tell_person(req, link: str) -> str | None:
    """Send the notice in the person's language; returns the channel used, or None."""
    with force_locale(req.language):
        text = _text(req.id, req.status_title, link)
    if req.email:
        sent = mail.send_mail(req.email, req.language, SUBJECT, "helpdesk_notice",
                              private=True, text=text)
        return "email" if sent else None
    for channel, to in (("sms", req.phone), ("messenger", req.messenger)):
        if to:
            return channel if gateway().send(channel, to, text) else None
    return None
