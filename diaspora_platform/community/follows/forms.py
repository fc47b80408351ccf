"""Follow buttons and email preferences."""

from __future__ import annotations

from wtforms import BooleanField, SelectField
from wtforms.validators import DataRequired

from diaspora_platform.forms import REQUIRED, BaseForm, select_choices
from diaspora_platform.i18n import _l, country_choices
from diaspora_platform.notifications.preferences import CATEGORIES


class FollowForm(BaseForm):
    """A bare CSRF-protected form for follow and unfollow buttons."""


class CountryFollowForm(BaseForm):
    country = SelectField(_l("Country"), validators=[DataRequired(REQUIRED)], choices=[])

    def fill_choices(self) -> None:
        self.country.choices = select_choices(country_choices())


class PreferencesForm(BaseForm):
    decisions = BooleanField(CATEGORIES["decisions"][0])
    registrations = BooleanField(CATEGORIES["registrations"][0])
    events = BooleanField(CATEGORIES["events"][0])
    news = BooleanField(CATEGORIES["news"][0])
    digest = BooleanField(CATEGORIES["digest"][0])

    def choices(self) -> dict[str, bool]:
        return {key: bool(self[key].data) for key in CATEGORIES}
