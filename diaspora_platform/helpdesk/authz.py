"""Who may take each of the help-request actions: the checks the routes declare with
`@action(...)` (see diaspora_platform/authz.py for the parties).

Parties of this domain: "office" (an account of the official body a request is routed
to) and "partner" (an editor of the organisation it was handed to). Anyone else who is
signed in gets 404: a request's existence is known only to those it concerns.
"""

from diaspora_platform.authz import Check

ACTIONS = {
    "helpdesk.new": Check(allow=("anyone",)),
    "helpdesk.status": Check(allow=("anyone",)),  # the private link is the key
    "helpdesk.answer": Check(allow=("office", "partner"), refuse=404),
    # the partner reads and answers; moving the request is the office's
    "helpdesk.change_status": Check(allow=("office",), refuse=404, others={"partner": 403}),
    "helpdesk.hand_off": Check(allow=("office",), refuse=404, others={"partner": 403}),
    "helpdesk.take": Check(allow=("staff", "admin"), refuse=404),  # the Council's queue
}
