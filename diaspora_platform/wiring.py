"""How a domain joins the application: each domain package's `init_app(app)` names, in one
place, the modules whose import attaches its routes to its blueprint or registers its content
types, personal data and notification wording, then registers its blueprints."""

from __future__ import annotations

import importlib


def load(package: str, *modules: str) -> None:
    """Import `package`'s listed modules (each registers itself when first imported)."""
    for name in modules:
        importlib.import_module(f"{package}.{name}")
