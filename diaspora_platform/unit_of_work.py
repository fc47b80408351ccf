"""One unit of work per request, and compare-and-set state changes.

A request that changes something (POST, PUT, PATCH, DELETE) is one transaction: it is
committed once after the view succeeded, and rolled back in one place when anything fails.
A `DomainError` raised during the request (even one a view still catches itself) keeps it
from being committed. One a service raises is rolled back and becomes what the person sees:
inside a view, `service_errors(form)` turns it into the re-rendered form's error (or a
flashed message) and the view carries on; one that leaves the view becomes a flashed message
and a redirect back to the page the form was on, or a JSON error for JSON clients. Services
still commit their own work, as commands and tests call them outside any request.

`conditional_update` is the one compare-and-set: `UPDATE … SET … WHERE id = :id AND <what the
caller saw>`. Only one of two people acting at the same moment changes the row; the other
gets a `Conflict`. The object is then marked changed, so the search outbox and the page cache
hear of it as of any other change (a Core UPDATE bypasses the session's bookkeeping).
"""

from __future__ import annotations

from contextlib import contextmanager

import sqlalchemy as sa
from flask import Flask, flash, g, jsonify, redirect, request
from sqlalchemy.orm.attributes import flag_dirty

from diaspora_platform.errors import Conflict, DomainError, render_error
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _
from diaspora_platform.security import safe_next

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def conditional_update(obj, *where, conflict: str | bool = True, **values) -> bool:
    """Set `values` on `obj`'s row only while the `where` conditions still hold there.

    Returns True when the row changed. When it did not (someone changed it first), the
    transaction is rolled back and `Conflict` raised with `conflict` as its message (a
    general one when True); with `conflict=False` nothing is rolled back and False is
    returned, for callers to whom "already done" is an answer, not an error. Values may be
    SQL expressions (`Event.confirmed_count + 1`); the object reads them back when used."""
    model = type(obj)
    mapper = sa.inspect(model)
    identity = [column == getattr(obj, mapper.get_property_by_column(column).key)
                for column in mapper.primary_key]
    result = db.session.execute(
        sa.update(model).where(*identity, *where).values(**values)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        if conflict is False:
            return False
        db.session.rollback()
        raise Conflict(conflict if isinstance(conflict, str) else _(
            "Someone else changed this a moment ago. Nothing was changed; please reload the "
            "page and try again."))
    db.session.expire(obj, list(values))
    flag_dirty(obj)
    return True


def _fail() -> None:
    """Roll back and remember that this request must not be committed."""
    db.session.rollback()
    g.unit_of_work_failed = True


@contextmanager
def service_errors(form=None, field=None, category: str = "danger"):
    """Run a view's service call: a `DomainError` it raises rolls the transaction back and
    becomes the form's error (beside `field`, or above the form; `field` may also be a
    function of the error naming the field), or without a form a flashed message; the view
    then carries on after the block (re-render or redirect)."""
    try:
        yield
    except DomainError as exc:
        _fail()
        name = field(exc) if callable(field) else field
        if form is None:
            flash(exc.message, category)
        else:
            (form[name].errors if name else form.form_errors).append(exc.message)


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json" or request.is_json


def _domain_error(exc: DomainError):
    """A DomainError no view handled: rolled back, then told to the person."""
    _fail()
    if _wants_json():
        return jsonify(error=type(exc).__name__, message=exc.message, status=exc.status), \
            exc.status
    # back to the page the form was on, if it is one of ours (a GET of it shows the message)
    back = (request.referrer or "").removeprefix(request.host_url.rstrip("/"))
    if request.method in WRITES and safe_next(back, ""):
        flash(exc.message, "danger")
        return redirect(back)
    return render_error(exc.status if exc.status in (400, 403) else 400, exc.message)


def _commit_after_success(response):
    """Commit a writing request once its view has succeeded."""
    if (request.method in WRITES and response.status_code < 400
            and not g.get("unit_of_work_failed")):
        db.session.commit()
    return response


def _roll_back_on_error(exc: BaseException | None) -> None:
    if exc is not None:
        db.session.rollback()


def init_app(app: Flask) -> None:
    app.register_error_handler(DomainError, _domain_error)
    app.after_request(_commit_after_success)
    app.teardown_request(_roll_back_on_error)
