"""Account forms; every message is translated, including validators' defaults."""

from __future__ import annotations

from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from diaspora_platform.accounts.vocabulary import (
    DIASPORA_STATUS_CHOICES,
    REGION_CHOICES,
    VISIBILITY_CHOICES,
)
from diaspora_platform.forms import BETWEEN, MAX, BaseForm, select_choices
from diaspora_platform.i18n import LANGUAGE_NAMES, LANGUAGES, _l, country_choices
from diaspora_platform.security import PASSWORD_MAX

REQUIRED = _l("This field is required.")


def _email_field(label):
    return EmailField(label, validators=[
        DataRequired(REQUIRED),
        Length(max=254, message=MAX),
        Email(message=_l("Enter a valid email address, like name@example.com."),
              check_deliverability=False),
    ])


def _password_field(label):
    # The policy (length, common passwords) is checked by the service, with its own message.
    return PasswordField(label, validators=[
        DataRequired(REQUIRED),
        Length(max=PASSWORD_MAX, message=MAX),
    ])


class ProfileFieldsMixin:
    """Fields of the member profile, shared by registration and settings."""

    display_name = StringField(_l("Display name"), validators=[
        DataRequired(REQUIRED),
        Length(min=2, max=80, message=BETWEEN),
    ])
    locale = SelectField(_l("Preferred language"),
                         choices=select_choices((c, LANGUAGE_NAMES[c]) for c in LANGUAGES))
    country = SelectField(_l("Country of residence"), validators=[Optional()], choices=[])
    city = StringField(_l("City"), validators=[
        Optional(), Length(max=80, message=MAX)])
    diaspora_status = SelectField(_l("Diaspora status"), validators=[Optional()],
                                  choices=select_choices(DIASPORA_STATUS_CHOICES))
    region_of_origin = SelectField(_l("Region of origin in Tajikistan"),
                                   validators=[Optional()], choices=select_choices(REGION_CHOICES))

    def fill_choices(self) -> None:
        self.country.choices = select_choices(country_choices())


class RegisterForm(ProfileFieldsMixin, BaseForm):
    email = _email_field(_l("Email"))
    password = _password_field(_l("Password"))
    confirm = PasswordField(_l("Repeat the password"), validators=[
        DataRequired(REQUIRED), EqualTo("password", message=_l("The passwords do not match."))])


class LoginForm(BaseForm):
    email = _email_field(_l("Email"))
    password = _password_field(_l("Password"))
    remember = BooleanField(_l("Keep me signed in on this device"))


class SecondFactorForm(BaseForm):
    code = StringField(_l("Authentication code or recovery code"), validators=[
        DataRequired(REQUIRED), Length(max=20, message=MAX)])


class EmailOnlyForm(BaseForm):
    email = _email_field(_l("Email"))


class NewPasswordForm(BaseForm):
    password = _password_field(_l("New password"))
    confirm = PasswordField(_l("Repeat the new password"), validators=[
        DataRequired(REQUIRED), EqualTo("password", message=_l("The passwords do not match."))])


class ChangePasswordForm(NewPasswordForm):
    current = _password_field(_l("Current password"))


class ChangeEmailForm(BaseForm):
    email = _email_field(_l("New email"))
    current = _password_field(_l("Current password"))


class PasswordConfirmForm(BaseForm):
    current = _password_field(_l("Current password"))


class TotpForm(BaseForm):
    code = StringField(_l("6-digit code from your app"), validators=[
        DataRequired(REQUIRED), Length(max=10, message=MAX)])


# Each visibility select has a label of its own: sharing the field's label would make
# "Country of residence" name two controls for screen readers and voice control.
VISIBILITY_LABELS = {
    "country": _l("Who can see your country of residence"),
    "city": _l("Who can see your city"),
    "diaspora_status": _l("Who can see your diaspora status"),
    "region_of_origin": _l("Who can see your region of origin"),
}


def _visibility_field(name: str) -> SelectField:
    return SelectField(VISIBILITY_LABELS[name], choices=select_choices(VISIBILITY_CHOICES))


class SettingsForm(ProfileFieldsMixin, BaseForm):
    vis_country = _visibility_field("country")
    vis_city = _visibility_field("city")
    vis_diaspora_status = _visibility_field("diaspora_status")
    vis_region_of_origin = _visibility_field("region_of_origin")

    def visibility(self) -> dict[str, str]:
        return {name[4:]: field.data for name, field in self._fields.items()
                if name.startswith("vis_")}


class LanguageForm(BaseForm):
    """The language switcher (posted from every page)."""
