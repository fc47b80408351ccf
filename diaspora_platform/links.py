"""Absolute links that leave the site (mail, digests, feeds): always on the canonical host.

A link built from the request would follow its Host header, so anyone could make the site
mail a password-reset link pointing at their own server. Outside development the canonical
origin (BASE_URL, or SERVER_NAME) is required by the configuration, and every absolute link
is built here."""

from __future__ import annotations

from urllib.parse import urljoin

from flask import current_app, has_request_context, request, url_for


def base_url() -> str:
    """The site's canonical origin ("https://diaspora.example"), without a trailing slash."""
    config = current_app.config
    if config.get("BASE_URL"):
        return config["BASE_URL"].rstrip("/")
    if config.get("SERVER_NAME"):
        return f"{config.get('PREFERRED_URL_SCHEME', 'http')}://{config['SERVER_NAME']}"
    # Development only (the configuration refuses production without one of the above).
    return request.host_url.rstrip("/") if has_request_context() else ""


def absolute(path: str) -> str:
    """A site path ("/events/3") as an absolute link on the canonical host."""
    return urljoin(base_url() + "/", path.lstrip("/")) if path.startswith("/") else path


def external_url(endpoint: str, **values) -> str:
    """url_for(endpoint, ...) as an absolute link on the canonical host; a page's link is
    in the language being written in (mail is rendered in its recipient's)."""
    from diaspora_platform.i18n import current_language

    values.setdefault("_language", current_language())
    if not has_request_context() and not current_app.config.get("SERVER_NAME"):
        with current_app.test_request_context(base_url() or "/"):
            return absolute(url_for(endpoint, **values))
    return absolute(url_for(endpoint, **values))
