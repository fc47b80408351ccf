"""Who may take each of the events actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "events.cancel": Check(allow=("owner",)),
    "events.create": Check(allow=("owner",)),
    "events.edit": Check(allow=("owner",)),
    "events.message": Check(allow=("owner",)),
    "events.register": Check(allow=("signed_in",)),
    "events.unregister": Check(allow=("signed_in",)),
}
