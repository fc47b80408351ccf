"""Who may take each of the experts actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "experts.delete": Check(allow=("expert",), refuse=404),
    "experts.edit": Check(allow=("signed_in",)),
    "experts.weekly_email": Check(allow=("expert",), refuse=404),
}
