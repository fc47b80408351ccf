"""Who may take each of the admin actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "admin.public_name": Check(allow=("staff", "admin")),
    "admin.grant_staff": Check(allow=("admin",)),
    "admin.revoke_staff": Check(allow=("admin",)),
    "admin.outbox_retry": Check(allow=("staff", "admin")),
    "admin.outbox_discard": Check(allow=("staff", "admin")),
    "admin.job_retry": Check(allow=("staff", "admin")),
}
