"""Who may take each of the projects actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "projects.add_document": Check(allow=("owner",)),
    "projects.close": Check(allow=("owner",)),
    "projects.delete_update": Check(allow=("owner",)),
    "projects.edit": Check(allow=("owner",)),
    "projects.follow": Check(allow=("signed_in",)),
    "projects.new": Check(allow=("owner",)),
    "projects.offer_accept": Check(allow=("owner",), refuse=404, others={"expert": 403}),
    "projects.offer_decline": Check(allow=("owner",), refuse=404, others={"expert": 403}),
    "projects.offer_new": Check(allow=("expert",)),
    "projects.offer_withdraw": Check(allow=("expert",), refuse=404, others={"owner": 403}),
    "projects.post_update": Check(allow=("owner",)),
    "projects.remove_document": Check(allow=("owner",)),
    "projects.reopen": Check(allow=("owner",)),
    "projects.unfollow": Check(allow=("signed_in",)),
}
