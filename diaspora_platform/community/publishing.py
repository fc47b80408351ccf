"""What news items and educational resources share: each is published either by an
organisation (its owners, admins and editors manage it) or by the Council itself (staff
manage it), is seen by everyone once approved and its organisation is public, and can be
taken off the site by those who manage it."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, url_for
from flask_login import current_user

from diaspora_platform.forms import ConfirmForm
from diaspora_platform.permissions import staff_required


class PublishedByOrganisationOrCouncil:
    """For a moderated model with an optional `organisation` (None: the Council's own)."""

    @property
    def is_council(self) -> bool:
        return self.organisation_id is None

    def can_edit(self, user) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        if self.is_council:
            return bool(user.acts_as_staff)
        return self.organisation.can(user, "publish")

    def can_view(self, user) -> bool:
        if self.is_public and (self.is_council or self.organisation.is_public):
            return True
        return bool(getattr(user, "acts_as_staff", False)) or self.can_edit(user)


def withdraw_view(item, withdraw: Callable, done: Callable[[], str], endpoint: str):
    """Take `item` off the site after the confirmation form (`withdraw(actor, item)`);
    the Council's own items need a staff session with its second factor."""

    def run(item):
        if ConfirmForm().validate_on_submit():
            withdraw(current_user, item)
            flash(done(), "success")
        return redirect(url_for(endpoint, item_id=item.id))

    return staff_required(run)(item) if item.is_council else run(item)
