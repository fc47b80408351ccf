"""Who may take each of the fund actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "fund.campaign_edit": Check(allow=("staff", "admin")),
    "fund.campaign_new": Check(allow=("staff", "admin")),
    "fund.campaign_status": Check(allow=("staff", "admin")),
    "fund.disbursement_new": Check(allow=("staff", "admin")),
    "fund.pledge": Check(allow=("signed_in",)),
    "fund.pledge_cancel": Check(allow=("owner",), refuse=404),
    "fund.pledge_confirm": Check(allow=("staff", "admin")),
    "fund.pledge_staff_cancel": Check(allow=("staff", "admin")),
    "fund.reconcile_accept": Check(allow=("staff", "admin")),
    "fund.reconcile_upload": Check(allow=("staff", "admin")),
    "fund.settings": Check(allow=("staff", "admin")),
}
