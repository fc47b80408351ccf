"""Fund forms. The pledge and disbursement forms carry an idempotency key: sending one
twice (a double click, a retry after a lost answer) records one pledge or payment."""

from __future__ import annotations

import secrets

from flask_wtf.file import FileField
from wtforms import (
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from diaspora_platform.content_i18n import add_language_fields
from diaspora_platform.forms import (
    MAX,
    REQUIRED,
    BaseForm,
    MultiCheckboxField,
    select_choices,
    web_url,
)
from diaspora_platform.fund.models import ShowAs
from diaspora_platform.i18n import _l
from diaspora_platform.inputs import IntegerField

DATE = _l("Enter a date.")


def new_key() -> str:
    return secrets.token_urlsafe(24)


class KeyedForm(BaseForm):
    idempotency_key = HiddenField(validators=[Length(min=8, max=64, message=_l(
        "The form is incomplete. Please reload the page and try again."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.idempotency_key.data:
            self.idempotency_key.data = new_key()


class PledgeForm(KeyedForm):
    # Amounts are parsed by the service (money.parse_amount), which says what is wrong.
    amount = StringField(_l("Amount"), validators=[DataRequired(REQUIRED),
                                                   Length(max=40, message=MAX)],
                         render_kw={"inputmode": "decimal", "autocomplete": "off"})
    currency = SelectField(_l("Currency"), choices=[], validate_choice=False)
    show_as = RadioField(_l("Show my pledge"), default=ShowAs.NAME,
                         choices=select_choices(ShowAs.choices()), validate_choice=False)
    organisation_id = SelectField(_l("Organisation"), choices=[], validate_choice=False)
    message = TextAreaField(_l("Message (optional, shown publicly)"), render_kw={"rows": 3},
                            validators=[Optional(), Length(max=500, message=MAX)])


class CancelForm(BaseForm):
    reason = TextAreaField(_l("Reason"), render_kw={"rows": 2},
                           validators=[Optional(), Length(max=500, message=MAX)])


class ConfirmForm(BaseForm):
    payment_reference = StringField(_l("Bank payment reference"), validators=[
        DataRequired(REQUIRED), Length(max=120, message=MAX)])
    received_on = DateField(_l("Date received"), validators=[InputRequired(DATE)])


class CampaignForm(BaseForm):
    # title_<lang> and description_<lang>: one language required (the service checks).
    target = StringField(_l("Target amount"), validators=[DataRequired(REQUIRED)],
                         render_kw={"inputmode": "decimal"})
    currency = SelectField(_l("Currency of the target"), choices=[])
    currencies = MultiCheckboxField(_l("Currencies accepted"), choices=[])
    starts_on = DateField(_l("Starts on"), validators=[InputRequired(DATE)])
    ends_on = DateField(_l("Ends on"), validators=[InputRequired(DATE)])
    project_id = SelectField(_l("Investment project (optional)"), choices=[],
                             validate_choice=False)
    match_sponsor = StringField(_l("Matching sponsor (optional)"),
                                validators=[Optional(), Length(max=200, message=MAX)])
    match_ratio = IntegerField(_l("Sponsor adds, for each 1 received"), validators=[
        Optional(), NumberRange(min=1, max=10, message=_l(
            "Enter a number between %(min)s and %(max)s."))])
    match_cap = StringField(_l("Sponsor's cap"), validators=[Optional()],
                            render_kw={"inputmode": "decimal"})

    def fill_choices(self, currencies, projects) -> None:
        pairs = [(code, code) for code in currencies]
        self.currency.choices = select_choices(pairs)
        self.currencies.choices = select_choices(pairs)
        self.project_id.choices = select_choices(
            [("", _l("None"))] + [(str(p_id), title) for p_id, title in projects])


add_language_fields(CampaignForm, "title", StringField, _l("Title"),
                    validators=[Length(max=200, message=MAX)])
add_language_fields(CampaignForm, "description", TextAreaField, _l("Description (Markdown)"),
                    render_kw={"rows": 5})


class TransitionForm(BaseForm):
    to_status = HiddenField(validators=[DataRequired(REQUIRED)])
    expected = HiddenField(validators=[DataRequired(REQUIRED)])


class DisbursementForm(KeyedForm):
    amount = StringField(_l("Amount"), validators=[DataRequired(REQUIRED)],
                         render_kw={"inputmode": "decimal"})
    currency = SelectField(_l("Currency"), choices=[], validate_choice=False)
    recipient = StringField(_l("Recipient"), validators=[DataRequired(REQUIRED),
                                                         Length(max=200, message=MAX)])
    purpose = TextAreaField(_l("Purpose"), render_kw={"rows": 2}, validators=[
        DataRequired(REQUIRED), Length(max=500, message=MAX)])
    paid_on = DateField(_l("Date paid"), validators=[InputRequired(DATE)])
    evidence_url = StringField(_l("Evidence: web address"), validators=[
        Optional(), Length(max=500, message=MAX), web_url])
    evidence = FileField(_l("Evidence: document (PDF or image)"))


class StatementForm(BaseForm):
    statement = FileField(_l("Bank statement (CSV)"))
    currency = SelectField(_l("Currency of lines without one"), choices=[],
                           validate_choice=False)


class AcceptForm(BaseForm):
    """The proposals staff tick on the review page: the view reads the ticked values
    (`accept`), which it made itself, and the service re-checks each against its pledge."""


class BankDetailsForm(BaseForm):
    """bank_details_<lang>: the details in each language (the service checks them)."""

    def texts(self) -> dict[str, str]:
        return {name.rsplit("_", 1)[1]: field.data or "" for name, field in self._fields.items()
                if name.startswith("bank_details_")}


add_language_fields(BankDetailsForm, "bank_details", TextAreaField,
                    _l("Bank details shown to pledgers (Markdown)"), render_kw={"rows": 8},
                    validators=[Length(max=5000, message=MAX)])
