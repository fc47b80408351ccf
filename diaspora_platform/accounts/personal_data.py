"""Where each domain declares the personal data it keeps about a member: what goes into
"download my data" and what is erased when the account is deleted. Accounts never import
the domains; the domains register here."""

from __future__ import annotations

from collections.abc import Callable

_EXPORTERS: dict[str, Callable] = {}
_ERASERS: dict[str, Callable] = {}


def register(key: str, export: Callable, erase: Callable | None = None) -> None:
    """export(user) -> JSON-ready data under `key`; erase(user) blanks personal fields
    (inside the deletion's transaction, before its commit)."""
    _EXPORTERS[key] = export
    if erase is not None:
        _ERASERS[key] = erase


def export_all(user) -> dict:
    return {key: export(user) for key, export in sorted(_EXPORTERS.items())}


def erase_all(user) -> None:
    for erase in _ERASERS.values():
        erase(user)
