"""Who may take each of the notifications actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "notifications.mark_one_read": Check(allow=("owner",), refuse=404),
    "notifications.mark_read": Check(allow=("signed_in",)),
}
