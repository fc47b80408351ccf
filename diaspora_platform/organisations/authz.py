"""Who may take each of the organisations actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "organisations.accept": Check(allow=("owner",)),
    "organisations.change_role": Check(allow=("owner",)),
    "organisations.create": Check(allow=("signed_in",)),
    "organisations.decline": Check(allow=("owner",)),
    "organisations.edit": Check(allow=("owner",)),
    "organisations.invitation": Check(allow=("signed_in",)),
    "organisations.invite": Check(allow=("owner",)),
    "organisations.join": Check(allow=("signed_in",)),
    "organisations.leave": Check(allow=("signed_in",)),
    "organisations.remove": Check(allow=("owner",)),
    "organisations.transfer": Check(allow=("owner",)),
}
