"""Home page, language choice and the health check."""

from __future__ import annotations

import sqlalchemy as sa
from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from diaspora_platform import worker as health
from diaspora_platform.accounts import services as account_services
from diaspora_platform.accounts.forms import LanguageForm
from diaspora_platform.authz import action
from diaspora_platform.extensions import db
from diaspora_platform.facts import key_facts
from diaspora_platform.i18n import LANGUAGE_COOKIE, _, current_language, is_supported
from diaspora_platform.language_urls import with_language
from diaspora_platform.main import pages
from diaspora_platform.search import service as search_service
from diaspora_platform.security import safe_next

bp = Blueprint("main", __name__)


@bp.route("/")
def home():
    return render_template("main/home.html", facts=key_facts())


@bp.route("/<any(about, privacy, terms, accessibility):name>")
def page(name: str):
    return render_template("main/page.html", name=name,
                           body=pages.page_html(name, current_language()))


@bp.route("/language", methods=["GET", "POST"])
@action("main.set_language")
def set_language():
    """Remember the reader's language: on the account (POST, CSRF-checked) and in a cookie.

    A GET only sets the cookie, a display preference that changes nothing on the server,
    so visitors switch language with a link and read pages without a session."""
    source = request.form if request.method == "POST" else request.args
    # The page to go back to, in the chosen language (its prefix is swapped).
    code = source.get("language", "")
    target = safe_next(source.get("next"), url_for("main.home"))
    valid = is_supported(code)
    if request.method == "POST":
        valid = LanguageForm().validate_on_submit() and valid
    if not valid:
        flash(_("This language is not available."), "warning")
        return redirect(target)
    if request.method == "POST" and current_user.is_authenticated:
        account_services.set_locale(current_user, code)
    response = make_response(redirect(with_language(target, code)))
    response.set_cookie(LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax",
                        httponly=True, secure=request.is_secure)
    return response


@bp.route("/healthz")
def healthz():
    """The database, the search index, and the worker: its heartbeat's age and the outbox
    lag (age of the oldest message waiting). 503 when the database is down, the lag passes
    HEALTH_OUTBOX_LAG_MAX or the heartbeat is older than HEALTH_HEARTBEAT_MAX.
    `?scope=web` (for a load balancer choosing app hosts) leaves the worker out."""
    try:
        db.session.execute(sa.text("SELECT 1"))
        database = "ok"
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        database = "error"
    try:
        search = search_service.index_state()
    except Exception:  # a broken index must not hide the database state
        current_app.logger.exception("Search index unreadable")
        search = "error"
    body = {"database": database,
            "search": {"backend": current_app.config["SEARCH_BACKEND"], "index": search}}
    healthy = database == "ok"
    if healthy and request.args.get("scope") != "web":
        body["worker"] = health.worker_state()
        healthy = body["worker"]["status"] == "ok"
    body = {"status": "ok" if healthy else "error", **body}
    return jsonify(body), 200 if healthy else 503
