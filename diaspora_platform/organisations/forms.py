"""Organisation and membership forms."""

from __future__ import annotations

from datetime import date

from flask_wtf.file import FileField
from wtforms import (
    EmailField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from diaspora_platform.content_i18n import add_name_and_description_versions
from diaspora_platform.forms import (
    BETWEEN,
    MAX,
    REQUIRED,
    BaseForm,
    MultiCheckboxField,
    is_web_url,
    select_choices,
    web_url,
)
from diaspora_platform.i18n import _l, country_choices, language_choices
from diaspora_platform.inputs import IntegerField
from diaspora_platform.organisations.models import Kind
from diaspora_platform.permissions import ORG_ROLE_TITLES, OrgRole


def _social_links(form, field):
    lines = [line.strip() for line in (field.data or "").splitlines() if line.strip()]
    if len(lines) > 10:
        raise ValidationError(str(_l("Give at most 10 links.")))
    if any(not is_web_url(line) for line in lines):
        raise ValidationError(str(_l("Each line must be a full web address starting with "
                                     "https://")))


class OrganisationForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(
        min=2, max=200, message=BETWEEN)])
    kind = SelectField(_l("Kind"), validators=[DataRequired(REQUIRED)],
                       choices=select_choices(Kind.choices(_l("Choose one"))))
    country = SelectField(_l("Country"), validators=[DataRequired(REQUIRED)], choices=[])
    city = StringField(_l("City"), validators=[DataRequired(REQUIRED),
                                               Length(max=100, message=MAX)])
    founded_year = IntegerField(_l("Year founded (optional)"), validators=[
        Optional(), NumberRange(min=1900, max=date.today().year,
                                message=_l("Enter a year between %(min)s and %(max)s."))])
    description = TextAreaField(_l("Description"), validators=[
        Optional(), Length(max=10000, message=MAX)])
    languages = MultiCheckboxField(_l("Languages used"), choices=[])
    website = URLField(_l("Website (optional)"), validators=[
        Optional(), Length(max=300, message=MAX), web_url])
    contact_email = EmailField(_l("Public contact email (optional)"), validators=[
        Optional(), Length(max=254, message=MAX),
        Email(message=_l("Enter a valid email address, like name@example.com."),
              check_deliverability=False)])
    contact_phone = StringField(_l("Public phone (optional)"), validators=[
        Optional(), Length(max=40, message=MAX),
        Regexp(r"^\+?[0-9 ()\-]{5,40}$", message=_l("Use digits, spaces and + ( ) - only."))])
    social_links = TextAreaField(_l("Social media links, one per line (optional)"),
                                 validators=[Optional(), Length(max=3000, message=MAX),
                                             _social_links])
    logo = FileField(_l("Logo (PNG, JPEG or WebP, at most 2 MB; optional)"))

    def fill_choices(self) -> None:
        self.country.choices = select_choices(country_choices())
        self.languages.choices = select_choices(language_choices())

    def data_for_service(self) -> dict:
        return {name: field.data for name, field in self._fields.items()
                if name not in ("csrf_token", "logo")}


add_name_and_description_versions(OrganisationForm, "name", _l("Name"), 10_000,
                                  _l("Language of the name and description"))


class JoinForm(BaseForm):
    message = TextAreaField(_l("A few words about you (optional)"),
                            validators=[Optional(), Length(max=1000, message=MAX)])


def _role_choices():
    return select_choices([(r.value, ORG_ROLE_TITLES[r])
                           for r in (OrgRole.MEMBER, OrgRole.EDITOR, OrgRole.ADMIN)])


class AcceptForm(BaseForm):
    role = SelectField(_l("Role"), choices=_role_choices())


class DeclineForm(BaseForm):
    reason = StringField(_l("Reason (the person will read it)"), validators=[
        DataRequired(REQUIRED), Length(max=500, message=MAX)])


class InviteForm(BaseForm):
    email = EmailField(_l("Email"), validators=[
        DataRequired(REQUIRED), Length(max=254, message=MAX),
        Email(message=_l("Enter a valid email address, like name@example.com."),
              check_deliverability=False)])
    role = SelectField(_l("Role"), choices=_role_choices())
