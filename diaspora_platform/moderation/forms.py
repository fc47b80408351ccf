"""Moderation forms."""

from __future__ import annotations

from wtforms import BooleanField, HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from diaspora_platform.forms import MAX, BaseForm, select_choices
from diaspora_platform.i18n import _l
from diaspora_platform.moderation.vocabulary import (
    REASON_TITLES,
    STAFF_REASONS,
    Decision,
    ReportReason,
)

REQUIRED = _l("This field is required.")


def _reason_choices():
    return select_choices([("", _l("Choose a reason"))] +
                          [(r.value, REASON_TITLES[r]) for r in STAFF_REASONS])


class DecisionForm(BaseForm):
    decision = HiddenField(validators=[DataRequired(REQUIRED)])
    reason = SelectField(_l("Standard reason"), validators=[Optional()],
                         choices=_reason_choices())
    note = TextAreaField(_l("Message to the author (optional)"), validators=[
        Optional(), Length(max=1000, message=MAX)])

    def validate_decision(self, field):
        if field.data not in {d.value for d in Decision}:
            raise ValueError(str(_l("Not a valid choice.")))


class BulkForm(DecisionForm):
    items = HiddenField()


class ReportForm(BaseForm):
    reason = SelectField(_l("What is wrong?"), validators=[DataRequired(REQUIRED)],
                         choices=select_choices(ReportReason.choices(_l("Choose one"))))
    text = TextAreaField(_l("Details (optional)"), validators=[
        Optional(), Length(max=1000, message=MAX)])


class UpholdForm(BaseForm):
    reason = SelectField(_l("Standard reason"), validators=[DataRequired(REQUIRED)],
                         choices=_reason_choices())
    note = TextAreaField(_l("Message to the author (optional)"), validators=[
        Optional(), Length(max=1000, message=MAX)])
    suspend = BooleanField(_l("Also suspend the author's account"))
