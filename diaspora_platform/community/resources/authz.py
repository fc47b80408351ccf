"""Who may take each of the resources actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "resources.create": Check(allow=("staff", "admin")),
    "resources.create_for_organisation": Check(allow=("owner",)),
    "resources.edit": Check(allow=("owner",)),
    "resources.withdraw": Check(allow=("owner",)),
}
