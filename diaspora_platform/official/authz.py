"""Who may take each of the official actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties). "office": an account of
the official body acted on, with its second factor; it keeps its own office's entry."""

from diaspora_platform.authz import Check

ACTIONS = {
    "official.accounts": Check(allow=("staff", "admin")),
    "official.archive": Check(allow=("staff", "admin")),
    "official.checked": Check(allow=("staff", "admin", "office")),
    "official.create": Check(allow=("staff", "admin")),
    "official.edit": Check(allow=("staff", "admin", "office")),
    "official.org_help": Check(allow=("owner",)),
    "official.revoke_account": Check(allow=("staff", "admin")),
    "official.verify_help": Check(allow=("staff", "admin")),
}
