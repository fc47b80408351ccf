"""While the database is away (restarting, unreachable, refusing connections), pages
answer a self-contained 503 with Retry-After instead of a 500: it is rendered without
touching the database (no signed-in user, no context processors), in the language the
browser asks for. The pool pings connections before use, so the first request after the
database is back succeeds."""

from __future__ import annotations

from flask import Flask, current_app, jsonify, request
from flask_babel import force_locale
from sqlalchemy.exc import DBAPIError, OperationalError

from diaspora_platform.extensions import db
from diaspora_platform.i18n import DEFAULT_LANGUAGE, LANGUAGE_COOKIE, LANGUAGES, _, is_supported
from diaspora_platform.language_urls import current_path, link_language

RETRY_AFTER_SECONDS = 5


def _language() -> str:
    """From the address, the cookie or the browser, never from the account (that needs
    the database)."""
    in_link = link_language()
    if in_link:
        return in_link
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if is_supported(cookie):
        return cookie
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def _wants_json() -> bool:
    return (request.path.endswith(".json") or request.path.startswith("/api/")
            or request.accept_mimetypes.best == "application/json")


def _forget_connections() -> None:
    try:
        db.session.rollback()
    except DBAPIError:
        pass
    db.session.remove()


def unavailable(error: OperationalError):
    """The 503 answer; the connection error is logged as a warning, not a traceback."""
    current_app.logger.warning("Database unavailable: %s", error.orig)
    _forget_connections()
    lang = _language()
    with force_locale(lang):
        title = _("Back in a moment")
        message = _("The site is briefly unavailable while its database restarts. Please "
                    "try again in a few seconds.")
        if _wants_json():
            response = jsonify(error=title, message=message, status=503)
        else:
            page = current_app.jinja_env.get_template("errors/unavailable.html")
            response = current_app.response_class(
                page.render(lang=lang, title=title, message=message, again=current_path()),
                mimetype="text/html")
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(OperationalError, unavailable)
