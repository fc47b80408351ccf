"""Who may take each of the guides' actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "guides.create": Check(allow=("staff", "admin")),
    "guides.edit": Check(allow=("staff", "admin")),
    "guides.publish": Check(allow=("staff", "admin")),
    "guides.section_add": Check(allow=("staff", "admin")),
    "guides.section_delete": Check(allow=("staff", "admin")),
    "guides.section_edit": Check(allow=("staff", "admin")),
}
