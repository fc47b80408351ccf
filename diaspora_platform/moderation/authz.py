"""Who may take each of the moderation actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "moderation.bulk": Check(allow=("staff", "admin")),
    "moderation.claim": Check(allow=("staff", "admin")),
    "moderation.decide": Check(allow=("staff", "admin")),
    "moderation.dismiss_reports": Check(allow=("staff", "admin")),
    "moderation.report": Check(allow=("signed_in",)),
    "moderation.uphold_reports": Check(allow=("staff", "admin")),
}
