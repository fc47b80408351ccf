"""Who may take each of the competitions actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties)."""

from diaspora_platform.authz import Check

ACTIONS = {
    "competitions.add_file": Check(allow=("owner",), others={"member": 404}),
    "competitions.add_judge": Check(allow=("staff", "admin")),
    "competitions.assign": Check(allow=("staff", "admin")),
    "competitions.commendations": Check(allow=("staff", "admin")),
    "competitions.declare": Check(allow=("owner",), refuse=404),
    "competitions.edit_edition": Check(allow=("staff", "admin")),
    "competitions.edit_entry": Check(allow=("owner",), others={"member": 404}),
    "competitions.enter": Check(allow=("signed_in",)),
    "competitions.new_edition": Check(allow=("staff", "admin")),
    "competitions.recuse": Check(allow=("owner",), refuse=404),
    "competitions.remind": Check(allow=("staff", "admin")),
    "competitions.remove_file": Check(allow=("owner",), others={"member": 404}),
    "competitions.remove_judge": Check(allow=("staff", "admin")),
    "competitions.score": Check(allow=("owner",), refuse=404),
    "competitions.submit_entry": Check(allow=("owner",), others={"member": 404}),
    "competitions.transition": Check(allow=("staff", "admin")),
    "competitions.withdraw_entry": Check(allow=("owner",), others={"member": 404}),
}
