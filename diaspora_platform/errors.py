"""Domain errors raised by services, and the translated error pages."""

from __future__ import annotations

from flask import Flask, current_app, g, has_request_context, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

from diaspora_platform.extensions import db
from diaspora_platform.i18n import _


class DomainError(Exception):
    """A rule of the domain refused the action; `message` is shown to the person."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
        if has_request_context():  # the request's unit of work is not committed
            g.unit_of_work_failed = True


class NotAllowed(DomainError):
    status = 403


class Conflict(DomainError):
    status = 409


class InvalidToken(DomainError):
    pass


def _titles() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Bad request"), _("The request could not be understood. Please try again.")),
        403: (_("Not allowed"), _("You do not have permission to open this page.")),
        404: (_("Page not found"), _("The page you asked for does not exist or was moved.")),
        405: (_("Not allowed"), _("This address does not accept that kind of request.")),
        413: (
            _("Too large"),
            _("What you sent is larger than the site accepts. Please send something smaller."),
        ),
        429: (
            _("Too many attempts"),
            _("You tried this too many times. Please wait a minute and try again."),
        ),
        500: (
            _("Something went wrong"),
            _("An error occurred on our side. It has been logged; please try again later."),
        ),
    }


def render_error(code: int, message: str | None = None):
    titles = _titles()
    title, default_message = titles.get(code, titles[500])
    text = message or default_message
    # A part of the site that answers in its own format (the API) registers a renderer
    # for its address prefix: errors raised before any of its views runs answer in it too.
    for prefix, respond in current_app.extensions.get("error_renderers", {}).items():
        if request.path.startswith(prefix):
            return respond(code)
    if request.accept_mimetypes.best == "application/json" or request.path.endswith(".json"):
        return jsonify(error=title, message=text, status=code), code
    g.error_page = True  # no canonical link: the address is not a page of the site
    return render_template("errors/error.html", code=code, title=title, message=text), code


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(
            400,
            _("The form expired or was sent from another page. Please reload it and try again."),
        )

    @app.errorhandler(SecurityError)
    def untrusted_host(error: SecurityError):
        # A Host outside TRUSTED_HOSTS: the error page cannot be rendered for it (its links
        # need the host), so the answer is the bare message.
        title, message = _titles()[400]
        return current_app.response_class(f"{title}. {message}", 400,
                                          mimetype="text/plain")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        return render_error(code if code in _titles() else 400)

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError):
        # Flask logs the original exception; leave the session usable for the error page.
        db.session.rollback()
        return render_error(500)
