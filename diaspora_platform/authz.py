"""Who may take each action: one named check per state-changing route.

A route declares the action it performs with `@action("organisation.update")`; each domain
keeps the checks of its actions in one table (`<domain>/authz.py`, a dict of name →
`Check`) and registers it in its `init_app`. The views and services enforce the rules; the
table states them in one place, and the authorization tests are generated from it, so a
route whose behaviour drifts from its declared check fails them.

A check's parties are the people the site knows: "anyone" (no sign-in needed),
"anonymous" (only someone not signed in: signing up, signing in), "signed_in" (any
signed-in member), "owner" (the member whose account or object it is, or
who manages it), "staff", "admin", or a party a domain names ("expert", "requester",
a help request's "office" and "partner" …).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

ANYONE = "anyone"
SIGNED_IN = "signed_in"
EXTENSION = "authz.actions"


@dataclass(frozen=True)
class Check:
    """The parties allowed to act; everyone else signed in gets `refuse` (403; 404 where the
    object's existence is not theirs to know; 302 where they are sent elsewhere; 200 where
    the page tells them why) unless `others` names another answer."""

    allow: tuple[str, ...]
    refuse: int = 403
    others: Mapping[str, int] = field(default_factory=dict)

    def allows(self, party: str) -> bool:
        return ANYONE in self.allow or SIGNED_IN in self.allow or party in self.allow


def action(name: str) -> Callable:
    """Declare the action a view performs (looked up in the registered tables)."""

    def declare(view):
        view.authz_action = name
        return view

    return declare


def register_actions(app, checks: Mapping[str, Check]) -> None:
    """Add a domain's table of checks to the application's."""
    table = app.extensions.setdefault(EXTENSION, {})
    clash = set(table) & set(checks)
    if clash:
        raise ValueError(f"actions declared twice: {sorted(clash)}")
    table.update(checks)


def declared_action(app, endpoint: str) -> str | None:
    """The action name a route's view declares (None when it declares none)."""
    return getattr(app.view_functions.get(endpoint), "authz_action", None)


def check_for(app, endpoint: str) -> Check | None:
    """The registered check of the action a route declares."""
    return app.extensions.get(EXTENSION, {}).get(declared_action(app, endpoint))
