"""Project and offer forms. The services check everything again; forms give field-level
errors and keep what was typed."""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    EmailField,
    FieldList,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, Regexp

from diaspora_platform.accounts.vocabulary import Region
from diaspora_platform.content_i18n import (
    add_name_and_description_versions,
    add_translation_fields,
)
from diaspora_platform.directory.services import CURRENCIES
from diaspora_platform.forms import (
    BETWEEN,
    MAX,
    REQUIRED,
    BaseForm,
    MultiCheckboxField,
    select_choices,
)
from diaspora_platform.i18n import _l, currency_choices
from diaspora_platform.inputs import IntegerField
from diaspora_platform.projects import vocabulary
from diaspora_platform.projects.models import MAX_SKILLS, Mode, Stage

BLANK_SKILL_ROWS = 2  # empty rows offered below the filled ones
LENGTH = BETWEEN


def skill_select_choices() -> list[SelectChoice]:
    """Skills grouped by sector (<optgroup>), led by an empty choice."""
    rows = [SelectChoice("", _l("Choose a skill"))]
    for group, skills in vocabulary.skill_choices():
        rows += [SelectChoice(key, label, optgroup=group) for key, label in skills]
    return rows


class SkillNeedForm(BaseForm):
    """One row of needed skills (a sub-form: the outer form carries the CSRF token)."""

    class Meta:
        csrf = False

    # Unknown keys are refused by the service with a message naming the problem.
    skill = SelectField(_l("Skill"), validators=[Optional()], choices=[],
                        validate_choice=False)
    experts_needed = IntegerField(_l("Experts needed"), default=1, validators=[
        Optional(), NumberRange(min=1, max=50, message=_l(
            "Enter a number between %(min)s and %(max)s."))])
    hours = IntegerField(_l("Hours per expert, roughly"), validators=[
        Optional(), NumberRange(min=1, max=10_000, message=_l(
            "Enter a number between %(min)s and %(max)s."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.skill.choices = skill_select_choices()


class ProjectForm(BaseForm):
    # Checked by the view: an organisation the person may not publish for is a 403.
    organisation = SelectField(_l("Publish on behalf of"), choices=[], validate_choice=False)
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED),
                                                 Length(min=3, max=200, message=LENGTH)])
    sector = SelectField(_l("Sector"), validators=[DataRequired(REQUIRED)], choices=[])
    region = SelectField(_l("Region of Tajikistan"), validators=[DataRequired(REQUIRED)],
                         choices=select_choices(Region.choices(_l("Choose one"))))
    town = StringField(_l("Town or district"), validators=[DataRequired(REQUIRED),
                                                           Length(max=100, message=MAX)])
    stage = SelectField(_l("Stage"), validators=[DataRequired(REQUIRED)],
                        choices=select_choices(Stage.choices(_l("Choose one"))))
    budget_amount = DecimalField(_l("Budget (optional)"), places=2, validators=[
        Optional(), NumberRange(min=0.01, max=999_999_999_999,
                                message=_l("Enter an amount above zero."))])
    budget_currency = SelectField(_l("Currency"), choices=[])
    offers_until = DateField(_l("Deadline for offers"), validators=[DataRequired(REQUIRED)])
    description = TextAreaField(_l("Description"), render_kw={"rows": 8}, validators=[
        DataRequired(REQUIRED), Length(max=20_000, message=MAX)])
    skills = FieldList(FormField(SkillNeedForm), min_entries=1, max_entries=MAX_SKILLS)
    contact_name = StringField(_l("Contact person"), validators=[
        DataRequired(REQUIRED), Length(max=120, message=MAX)])
    contact_email = EmailField(_l("Contact email"), validators=[
        DataRequired(REQUIRED), Length(max=254, message=MAX),
        Email(message=_l("Enter a valid email address, like name@example.com."),
              check_deliverability=False)])
    contact_phone = StringField(_l("Contact phone (optional)"), validators=[
        Optional(), Length(max=40, message=MAX),
        Regexp(r"^\+?[0-9 ()\-]{5,40}$", message=_l("Use digits, spaces and + ( ) - only."))])

    def fill_choices(self, organisations, council: bool) -> None:
        """Who may publish it: the user's verified organisations, and the Council for
        staff (value "")."""
        if "organisation" in self._fields:
            self.organisation.choices = ([("", _l("The Coordination Council"))] if council
                                         else []) + [(str(org.id), org.name)
                                                     for org in organisations]
        self.sector.choices = [("", _l("Choose one"))] + vocabulary.sector_choices()
        self.budget_currency.choices = [("", _l("Choose one"))] + currency_choices(CURRENCIES)
        while len(self.skills.entries) < min(len(
                [e for e in self.skills.entries if e.skill.data]) + BLANK_SKILL_ROWS,
                MAX_SKILLS):
            self.skills.append_entry()

    def data_for_service(self) -> dict:
        skip = ("csrf_token", "organisation", "skills")
        data = {name: field.data for name, field in self._fields.items() if name not in skip}
        data["skills"] = [{"skill": row.skill.data, "experts_needed": row.experts_needed.data,
                           "hours": row.hours.data} for row in self.skills.entries]
        return data


add_name_and_description_versions(ProjectForm, "title", _l("Title"), 20_000,
                                  _l("Language of the title and description"))


class OfferForm(BaseForm):
    skills = MultiCheckboxField(_l("Which of the needed skills you offer"), choices=[])
    hours_per_month = IntegerField(_l("Hours a month you can give"), validators=[
        DataRequired(REQUIRED), NumberRange(min=1, max=200, message=_l(
            "Enter a number between %(min)s and %(max)s."))])
    mode = SelectField(_l("How you would work"), validators=[DataRequired(REQUIRED)],
                       choices=select_choices(Mode.choices(_l("Choose one"))))
    message = TextAreaField(_l("Message to the project's owner"), render_kw={"rows": 5},
                            validators=[
        DataRequired(REQUIRED), Length(min=10, max=3000, message=LENGTH)])

    def fill_choices(self, project) -> None:
        self.skills.choices = select_choices((need.skill, need.label)
                                             for need in project.skills)


class DeclineForm(BaseForm):
    reason = TextAreaField(_l("Reason (the expert reads it)"), validators=[
        DataRequired(REQUIRED), Length(min=3, max=1000, message=LENGTH)])


class UpdateForm(BaseForm):
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED),
                                                 Length(min=2, max=200, message=LENGTH)])
    body = TextAreaField(_l("What happened"), validators=[
        Optional(), Length(max=10_000, message=MAX)])
    is_milestone = BooleanField(_l("This is a milestone"))


add_translation_fields(UpdateForm, {
    "title": (StringField, _l("Title"), {"validators": [Optional(), Length(
        max=200, message=MAX)]}),
    "body": (TextAreaField, _l("What happened"), {"validators": [Optional(), Length(
        max=10_000, message=MAX)], "render_kw": {"rows": 3}}),
}, _l("Language of the update"))


class DocumentForm(BaseForm):
    title = StringField(_l("Document title"), validators=[Optional(),
                                                          Length(max=200, message=MAX)])
    file = FileField(_l("File (PDF or image)"))

