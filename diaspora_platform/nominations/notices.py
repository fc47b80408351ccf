"""The wording of the nomination notices (registered when the domain starts)."""

from __future__ import annotations

from flask_babel import get_locale

from diaspora_platform.competitions.models import Edition
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l
from diaspora_platform.nominations.models import Stage
from diaspora_platform.notifications.services import register_kind


def _resolve(params: dict) -> dict:
    edition = db.session.get(Edition, params.get("edition_id") or 0)
    lang = str(get_locale() or "en")
    return {**params, "edition": edition.title(lang) if edition else "",
            "stage": Stage(params["stage"]).title if params.get("stage") else ""}


register_kind("nomination.stage",
              _l("Your nomination of %(name)s for %(edition)s: %(stage)s."),
              _l("News about your nomination"), _resolve, category="registrations")
# What the accounts of an embassy or consulate hear about a nomination sent to them.
for kind, message, subject in (
        ("nomination.to_endorse",
         _l("A nomination waits for your endorsement: %(name)s for %(edition)s."),
         _l("A nomination waits for your endorsement")),
        ("nomination.withdrawn",
         _l("A nomination sent to you was withdrawn by its nominator: %(name)s for "
            "%(edition)s."),
         _l("A nomination was withdrawn")),
        ("nomination.moved",
         _l("A nomination sent to you now goes to another embassy or consulate: %(name)s "
            "for %(edition)s."),
         _l("A nomination went to another office"))):
    register_kind(kind, message, subject, _resolve, category="registrations")
