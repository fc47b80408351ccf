"""How projects and offers are worded in notifications (in the reader's language, on the
site and by email). No notice carries contact details: they are on the offer's page, for
the two sides, once an offer is accepted."""

from __future__ import annotations

from diaspora_platform.i18n import _l, plural_message
from diaspora_platform.notifications.services import register_kind

register_kind("projects.offer_received",
              plural_message("%(expert)s offers help on the project “%(title)s”. Please accept or "
                             "decline the offer within %(days)s day.",
                             "%(expert)s offers help on the project “%(title)s”. Please accept or "
                             "decline the offer within %(days)s days.", "days"),
              _l("A new offer of expertise"))
register_kind("projects.offer_accepted",
              _l("Your offer on the project “%(title)s” was accepted. You can now see each "
                 "other's contact details on the offer's page."),
              _l("Your offer was accepted"))
register_kind("projects.offer_declined",
              _l("Your offer on the project “%(title)s” was declined. Reason: %(reason)s"),
              _l("Your offer was declined"))
register_kind("projects.offer_withdrawn",
              _l("%(expert)s withdrew their offer on the project “%(title)s”."),
              _l("An offer was withdrawn"))
register_kind("projects.offer_expired",
              _l("Your offer on the project “%(title)s” expired: it was not answered in "
                 "time. You can make a new one while the project is open for offers."),
              _l("Your offer expired"))
register_kind("projects.offer_expired_owner",
              _l("The offer by %(expert)s on the project “%(title)s” expired unanswered."),
              _l("An offer expired unanswered"))
register_kind("projects.update",
              _l("New on the project “%(title)s”: %(update)s"),
              _l("News from a project you follow"))
register_kind("projects.milestone",
              _l("Milestone reached on the project “%(title)s”: %(update)s"),
              _l("A project you follow reached a milestone"))
