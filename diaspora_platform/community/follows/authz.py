"""Who may take each of the follows actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "follows.follow_country": Check(allow=("signed_in",)),
    "follows.follow_organisation": Check(allow=("signed_in",)),
    "follows.preferences": Check(allow=("signed_in",)),
    "follows.unfollow_country": Check(allow=("signed_in",)),
    "follows.unfollow_organisation": Check(allow=("signed_in",)),
    "follows.unsubscribe": Check(allow=("anyone",)),
}
