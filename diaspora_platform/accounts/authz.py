"""Who may take each of the accounts actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "accounts.change_email": Check(allow=("signed_in",)),
    "accounts.change_password": Check(allow=("signed_in",)),
    # An administrator's account is not deleted here: the page says so.
    "accounts.delete_account": Check(allow=("signed_in",), others={"admin": 200}),
    "accounts.disable_two_factor": Check(allow=("signed_in",)),
    "accounts.login": Check(allow=("anonymous",), refuse=302),
    "accounts.login_second_factor": Check(allow=("anonymous",), refuse=302),
    "accounts.logout": Check(allow=("signed_in",)),
    "accounts.regenerate_recovery_codes": Check(allow=("signed_in",)),
    "accounts.register": Check(allow=("anonymous",), refuse=302),
    "accounts.request_reset": Check(allow=("anyone",)),
    "accounts.resend_confirmation": Check(allow=("signed_in",)),
    "accounts.reset_password": Check(allow=("anyone",)),
    "accounts.settings": Check(allow=("signed_in",)),
    "accounts.two_factor": Check(allow=("signed_in",)),
}
