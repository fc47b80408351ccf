"""How assistance requests are worded in notifications (in the reader's language, when shown
or mailed)."""

from __future__ import annotations

from diaspora_platform.assistance.models import Status
from diaspora_platform.i18n import _l
from diaspora_platform.notifications.services import register_kind


def _resolve(params: dict) -> dict:
    resolved = dict(params)
    status = params.get("status")
    resolved["status"] = Status(status).title if status in Status.__members__.values() else ""
    return resolved


register_kind("assistance.received",
              _l("We received your request “%(title)s”. Council staff will review it and "
                 "write to you here."),
              _l("Your request for help was received"), category="decisions")
register_kind("assistance.status",
              _l("Your request “%(title)s” is now: %(status)s. Message from the Council: "
                 "%(message)s"),
              _l("News about your request for help"), _resolve, category="decisions")
register_kind("assistance.message",
              _l("New message about the request “%(title)s” from %(name)s: %(message)s"),
              _l("A new message about a request for help"), category="decisions")
register_kind("assistance.staff_message",
              _l("The Council wrote about your request “%(title)s”: %(message)s"),
              _l("A message about your request for help"), category="decisions")
register_kind("assistance.assigned",
              _l("%(name)s assigned the request “%(title)s” to you."),
              _l("A request for help was assigned to you"), category="decisions")
register_kind("assistance.place_linked",
              _l("Your request “%(title)s” is linked to the place that opened: %(place)s."),
              _l("Your request is linked to a place"), category="decisions")
