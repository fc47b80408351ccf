"""How this domain's notifications read (registered by `init_app`)."""

from __future__ import annotations

from diaspora_platform.i18n import _l
from diaspora_platform.notifications.services import register_kind

WEEKLY_SUBJECT = _l("New projects that match your expertise")
register_kind("experts.weekly_matches",
              _l("New projects match your expert profile: %(count)s."),
              WEEKLY_SUBJECT, category="news")
