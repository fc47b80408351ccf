"""Who may take each of the main actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "main.set_language": Check(allow=("anyone",)),
}
