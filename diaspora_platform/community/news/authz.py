"""Who may take each of the news actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "news.create": Check(allow=("staff", "admin")),
    "news.create_for_organisation": Check(allow=("owner",)),
    "news.edit": Check(allow=("owner",)),
    "news.pin": Check(allow=("staff", "admin")),
    "news.withdraw": Check(allow=("owner",)),
}
