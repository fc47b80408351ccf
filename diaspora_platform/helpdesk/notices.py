"""How help requests are worded in the notices their handlers get. A notice names the
request's number and links to it; nothing of the request itself (who, what, where) goes
into the notice or its mail."""

from __future__ import annotations

from diaspora_platform.i18n import _l
from diaspora_platform.notifications.services import register_kind

register_kind("helpdesk.routed",
              _l("A new help request, No. %(number)s, was routed to your office. Open it on "
                 "the platform to read it and answer."),
              _l("A new help request for your office"), category="decisions")
