"""Assistance request forms. Every form carries a random client token, so sending it twice
(a double click, a retry after a lost answer) does the thing once."""

from __future__ import annotations

import secrets

from wtforms import (
    EmailField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from diaspora_platform.assistance.models import Need
from diaspora_platform.assistance.services import MESSAGE_MAX, PEOPLE_MAX
from diaspora_platform.directory.vocabulary import PlaceKind
from diaspora_platform.forms import MAX, REQUIRED, BaseForm, MultiCheckboxField, select_choices
from diaspora_platform.i18n import _l, country_choices
from diaspora_platform.inputs import IntegerField


def new_token() -> str:
    return secrets.token_urlsafe(24)


class TokenForm(BaseForm):
    client_token = HiddenField(validators=[Length(min=8, max=64, message=_l(
        "The form is incomplete. Please reload the page and try again."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.client_token.data:
            self.client_token.data = new_token()


def _one_or_more(form, field):
    if not field.data:
        raise ValidationError(str(_l("Choose at least one thing you need.")))


class RequestForm(TokenForm):
    organisation_id = SelectField(_l("Who is asking?"), choices=[], validate_choice=False)
    kind = SelectField(_l("What do you want to open?"), validators=[DataRequired(REQUIRED)],
                       choices=select_choices(PlaceKind.choices(_l("Choose one"))))
    title = StringField(_l("Name or short description"), validators=[
        DataRequired(REQUIRED), Length(max=200, message=MAX)])
    country = SelectField(_l("Country"), validators=[DataRequired(REQUIRED)], choices=[])
    city = StringField(_l("City"), validators=[DataRequired(REQUIRED),
                                               Length(max=100, message=MAX)])
    people = IntegerField(_l("For how many people?"), validators=[
        InputRequired(REQUIRED), NumberRange(min=1, max=PEOPLE_MAX, message=_l(
            "Enter a number between %(min)s and %(max)s."))])
    needs = MultiCheckboxField(_l("What do you need?"), validators=[_one_or_more],
                       choices=select_choices(Need.choices()))
    description = TextAreaField(_l("Tell us more"), render_kw={"rows": 6}, validators=[
        DataRequired(REQUIRED), Length(max=5000, message=MAX)])
    timeline = StringField(_l("When do you hope to open?"), validators=[
        DataRequired(REQUIRED), Length(max=200, message=MAX)])
    contact_name = StringField(_l("Contact person"), validators=[
        DataRequired(REQUIRED), Length(max=120, message=MAX)])
    contact_email = EmailField(_l("Contact email"), validators=[
        DataRequired(REQUIRED), Length(max=254, message=MAX),
        Email(message=_l("Enter a valid email address, like name@example.com."),
              check_deliverability=False)])
    contact_phone = StringField(_l("Phone (optional)"), validators=[
        Optional(), Length(max=40, message=MAX),
        Regexp(r"^\+?[0-9 ()\-]{5,40}$", message=_l("Use digits, spaces and + ( ) - only."))])

    def fill_choices(self, organisations, myself_label) -> None:
        self.country.choices = select_choices(country_choices())
        self.organisation_id.choices = select_choices(
            [("", myself_label)] + [(str(org.id), org.name) for org in organisations])


class MessageForm(TokenForm):
    body = TextAreaField(_l("Your message"), validators=[
        DataRequired(REQUIRED), Length(max=MESSAGE_MAX, message=MAX)])


class StatusForm(TokenForm):
    status = HiddenField(validators=[DataRequired(REQUIRED)])
    expected = HiddenField(validators=[DataRequired(REQUIRED)])
    message = TextAreaField(_l("Message to the requester"), validators=[
        DataRequired(REQUIRED), Length(max=MESSAGE_MAX, message=MAX)])
    place_id = IntegerField(_l("The place that opened (optional)"), validators=[Optional()])
    confirm = HiddenField()


class AssignForm(BaseForm):
    assignee_id = SelectField(_l("Assigned to"), choices=[], validate_choice=False)
    expected = HiddenField()


class PlaceLinkForm(BaseForm):
    place_id = IntegerField(_l("The place that opened"), validators=[
        InputRequired(REQUIRED)])
