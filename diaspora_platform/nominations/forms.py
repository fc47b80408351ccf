"""Nomination forms; the services check everything again."""

from __future__ import annotations

import secrets

from wtforms import EmailField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from diaspora_platform.forms import MAX, REQUIRED, BaseForm, select_choices
from diaspora_platform.i18n import LANGUAGE_NAMES, LANGUAGES, _l, country_choices
from diaspora_platform.nominations.endorsement import NOTE_MAX
from diaspora_platform.nominations.services import NAME_MAX, STATEMENT_MAX

RELOAD = _l("The form is incomplete. Please reload the page and try again.")


class NominationForm(BaseForm):
    client_token = HiddenField(validators=[Length(min=16, max=64, message=RELOAD)])
    on_behalf = SelectField(_l("Nominating on behalf of"), choices=[],
                            validators=[DataRequired(REQUIRED)])
    name = StringField(_l("Full name of the person"), validators=[
        DataRequired(REQUIRED), Length(max=NAME_MAX, message=MAX)])
    email = EmailField(_l("The person's email address"), validators=[
        DataRequired(REQUIRED), Length(max=254, message=MAX)])
    language = SelectField(_l("Language of the message we send them"), choices=[])
    country = SelectField(_l("Country where the person lives"),
                          validators=[DataRequired(REQUIRED)], choices=[])
    office_id = SelectField(_l("Embassy or consulate asked to endorse"), choices=[],
                            validate_choice=False)
    statement = TextAreaField(_l("Why you nominate this person"), validators=[
        DataRequired(REQUIRED), Length(max=STATEMENT_MAX, message=MAX)],
        render_kw={"rows": 8})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.client_token.data:
            self.client_token.data = secrets.token_urlsafe(24)
        self.country.choices = select_choices([("", _l("Choose one")), *country_choices()])
        self.language.choices = select_choices(
            (code, LANGUAGE_NAMES[code]) for code in LANGUAGES)


class ConsentForm(BaseForm):
    decision = RadioField(choices=select_choices([("yes", ""), ("no", "")]),
                          validators=[DataRequired(REQUIRED)])


class EndorseForm(BaseForm):
    decision = RadioField(_l("Your decision"), validators=[DataRequired(REQUIRED)],
                          choices=select_choices([("endorse", _l("Endorse")),
                                                  ("decline", _l("Decline"))]))
    note = TextAreaField(_l("Note (the jury reads it beside the entry when you endorse)"),
                         validators=[Optional(), Length(max=NOTE_MAX, message=MAX)],
                         render_kw={"rows": 4})


class RouteForm(BaseForm):
    office_id = SelectField(_l("Embassy or consulate asked to endorse"), choices=[],
                            validators=[DataRequired(REQUIRED)])
