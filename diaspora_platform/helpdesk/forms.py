"""Help request forms; the services check everything again."""

from __future__ import annotations

import secrets

from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    MultipleFileField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from diaspora_platform.forms import MAX, REQUIRED, BaseForm, select_choices
from diaspora_platform.helpdesk.services import HANDLE_MAX, MESSAGE_MAX, NAME_MAX
from diaspora_platform.helpdesk.vocabulary import Category, FiledAs, Reason
from diaspora_platform.i18n import _l, country_choices

RELOAD = _l("The form is incomplete. Please reload the page and try again.")


class RequestForm(BaseForm):
    client_token = HiddenField(validators=[Length(min=16, max=64, message=RELOAD)])
    filed_as = RadioField(_l("Who is asking?"), default=FiledAs.SELF,
                          choices=select_choices(FiledAs.choices()),
                          validators=[DataRequired(REQUIRED)])
    organisation_id = SelectField(_l("Organisation"), choices=[], validate_choice=False)
    consent = BooleanField(_l("The person agrees that we ask for help on their behalf."))
    category = SelectField(_l("What happened?"), validators=[DataRequired(REQUIRED)],
                           choices=select_choices(Category.choices(_l("Choose one"))))
    country = SelectField(_l("Country where it happened"),
                          validators=[DataRequired(REQUIRED)], choices=[])
    city = StringField(_l("City (optional)"), validators=[Optional(),
                                                          Length(max=100, message=MAX)])
    name = StringField(_l("Name of the person who needs help"), validators=[
        DataRequired(REQUIRED), Length(max=NAME_MAX, message=MAX)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40, message=MAX)])
    messenger = StringField(_l("Or a messenger name (Telegram, WhatsApp, IMO)"),
                            validators=[Optional(), Length(max=HANDLE_MAX, message=MAX)])
    email = EmailField(_l("Email (optional)"), validators=[
        Optional(), Email(message=_l("Invalid email address.")),
        Length(max=254, message=MAX)])
    story = TextAreaField(_l("What happened, and what do you need?"),
                          validators=[DataRequired(REQUIRED)])
    files = MultipleFileField(_l("Photos or documents (optional, at most 3)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.client_token.data:
            self.client_token.data = secrets.token_urlsafe(24)
        self.country.choices = select_choices(country_choices())


class MessageForm(BaseForm):
    body = TextAreaField(_l("Message"), validators=[
        DataRequired(REQUIRED), Length(max=MESSAGE_MAX, message=MAX)])
    files = MultipleFileField(_l("Photos or documents (optional, at most 3)"))


class AnswerForm(BaseForm):
    body = TextAreaField(_l("Answer to the person"), validators=[
        DataRequired(REQUIRED), Length(max=MESSAGE_MAX, message=MAX)])


class StatusForm(BaseForm):
    status = SelectField(_l("New status"), choices=[], validators=[DataRequired(REQUIRED)])
    reason = SelectField(_l("Reason (when you cannot help)"),
                         choices=select_choices(Reason.choices(_l("Choose one"))),
                         validate_choice=False)


class HandOffForm(BaseForm):
    organisation_id = SelectField(_l("Partner organisation"), choices=[],
                                  validators=[DataRequired(REQUIRED)])
