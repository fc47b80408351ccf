"""How moderation decisions are worded to the author (in their language, when shown)."""

from __future__ import annotations

from diaspora_platform.i18n import _l
from diaspora_platform.moderation import registry
from diaspora_platform.moderation.vocabulary import Reason
from diaspora_platform.notifications.services import register_kind


def resolve(params: dict) -> dict:
    resolved = dict(params)
    try:
        resolved["type"] = str(registry.get(params.get("type", "")).title)
    except Exception:  # a type removed since the notice was written
        resolved["type"] = params.get("type", "")
    reason = params.get("reason")
    resolved["reason"] = Reason(reason).title if reason in Reason.__members__.values() else ""
    return resolved


register_kind("moderation.approve", _l("Approved: %(type)s “%(label)s” is now public."),
              _l("Your submission was approved"), resolve, category="decisions")
register_kind("moderation.reject",
              _l("Not approved: %(type)s “%(label)s”. Reason: %(reason)s. %(note)s "
                 "You can correct it and submit it again."),
              _l("Your submission needs changes"), resolve, category="decisions")
register_kind("moderation.hide",
              _l("Hidden: %(type)s “%(label)s”. Reason: %(reason)s. %(note)s"),
              _l("Your content was hidden"), resolve, category="decisions")
register_kind("moderation.restore", _l("Restored: %(type)s “%(label)s” is public again."),
              _l("Your content is public again"), resolve, category="decisions")
