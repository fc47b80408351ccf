"""Who may take each nomination action: the checks the routes declare with `@action(...)`
(see diaspora_platform/authz.py for the parties).

"owner": a manager (owner or administrator) of a verified organisation, the one who
nominates on its behalf; "office": an account, acting with its second factor, of the
embassy or consulate a nomination is routed to (the one covering the person's country);
"foreign_office": an account of any other official body. Any official body may
nominate; only the routed one endorses. The nominee acts through the private link sent
to them, which is the key. Anyone else who is signed in gets 404 on a
nomination: its existence is known only to those it concerns. The nominator may withdraw
an undecided nomination; Council staff and administrators, who see every nomination of an
edition, may route it to another embassy or consulate."""

from diaspora_platform.authz import Check

ACTIONS = {
    "nominations.new": Check(allow=("owner", "office", "foreign_office")),
    "nominations.consent": Check(allow=("anyone",)),  # the private link is the key
    "nominations.resend": Check(allow=("owner",), refuse=404),
    "nominations.endorse": Check(allow=("office",), refuse=404),
    "nominations.withdraw": Check(allow=("owner",), refuse=404),
    "nominations.reroute": Check(allow=("staff", "admin")),
}
