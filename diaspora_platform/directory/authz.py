"""Who may take each of the directory actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "directory.add_photos": Check(allow=("owner",)),
    "directory.create": Check(allow=("owner",), refuse=200),  # others: "no organisation"
    "directory.delete": Check(allow=("owner",)),
    "directory.edit": Check(allow=("owner",)),
    "directory.operating": Check(allow=("owner",)),
    "directory.remove_photo": Check(allow=("owner",)),
}
