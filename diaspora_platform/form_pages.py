"""The create-or-edit page of a form: one shape for the staff pages that write one thing
(a guide, a section, a campaign, an edition, an office) through one service call."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template

from diaspora_platform.i18n import _
from diaspora_platform.unit_of_work import service_errors


def form_page(form, template: str, save: Callable, done: Callable, saved: str | None = None,
              **context):
    """A valid post runs `save(form.data_for_service())`, says `saved` ("Saved." unless
    told) and goes to `done(result)`; otherwise, or when the service refuses (its message
    above the form), `template` shows the form again with `context`."""
    if form.validate_on_submit():
        with service_errors(form):
            result = save(form.data_for_service())
            flash(saved or _("Saved."), "success")
            return redirect(done(result))
    return render_template(template, form=form, **context)
