"""Who may take each of the assistance actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "assistance.message_create": Check(allow=("requester", "org_admin"), refuse=404),
    "assistance.request_create": Check(allow=("signed_in",)),
    "assistance.staff_assign": Check(allow=("staff", "admin")),
    "assistance.staff_message": Check(allow=("staff", "admin")),
    "assistance.staff_place": Check(allow=("staff", "admin")),
    "assistance.staff_status": Check(allow=("staff", "admin")),
}
