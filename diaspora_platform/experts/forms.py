"""Expert profile forms. The service (experts.clean_profile) holds the rules; the form says
the same limits first, keeps what was typed and puts each message beside its field."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from diaspora_platform.content_i18n import add_translation_fields
from diaspora_platform.experts.models import Mode, Visibility
from diaspora_platform.experts.services import (
    MAX_HOURS,
    MAX_SKILLS,
    MAX_TRAVEL_COUNTRIES,
    MAX_YEARS,
    TEXT_LIMITS,
)
from diaspora_platform.forms import (
    MAX,
    REQUIRED,
    BaseForm,
    MultiCheckboxField,
    select_choices,
    web_url,
)
from diaspora_platform.i18n import LANGUAGES, _, _l, country_choices, language_choices, ngettext
from diaspora_platform.inputs import IntegerField
from diaspora_platform.projects import vocabulary

NUMBER = _l("Enter a number between %(min)s and %(max)s.")


class SkillsField(SelectMultipleField):
    """Skills from the vocabulary (rendered as checkboxes grouped by sector); an unknown
    key is refused by name."""

    def pre_validate(self, form):
        unknown = vocabulary.unknown_skills(self.data or [])
        if unknown:
            raise ValidationError(_("Unknown skill: %(skills)s. Choose skills from the list; "
                                    "anything else can go in the keywords.",
                                    skills=", ".join(unknown)))
        if not self.data:
            raise ValidationError(_("Choose at least one skill."))
        if len(self.data) > MAX_SKILLS:
            raise ValidationError(ngettext("Choose at most %(max)d skill.",
                                           "Choose at most %(max)d skills.",
                                           MAX_SKILLS, max=MAX_SKILLS))


class TravelField(SelectMultipleField):
    def pre_validate(self, form):
        allowed = {choice.value for choice in self.choices}
        if any(v not in allowed for v in self.data or []) or \
                len(self.data or []) > MAX_TRAVEL_COUNTRIES:
            raise ValidationError(ngettext("Choose at most %(max)d country from the list.",
                                           "Choose at most %(max)d countries from the list.",
                                           MAX_TRAVEL_COUNTRIES, max=MAX_TRAVEL_COUNTRIES))


def _at_least_one(form, field):
    if not field.data:
        raise ValidationError(str(_l("Choose at least one language you work in.")))


class ExpertProfileForm(BaseForm):
    headline = StringField(_l("Headline"), validators=[
        DataRequired(REQUIRED), Length(max=TEXT_LIMITS["headline"], message=MAX)])
    skills = SkillsField(_l("Skills"), choices=[], validate_choice=False)
    keywords = StringField(_l("Other keywords (separated by commas)"), validators=[
        Optional(), Length(max=TEXT_LIMITS["keywords"], message=MAX)])
    sectors = MultiCheckboxField(_l("Sectors"), choices=[])
    years_experience = IntegerField(_l("Years of experience"), validators=[
        InputRequired(REQUIRED), NumberRange(min=0, max=MAX_YEARS, message=NUMBER)])
    languages = MultiCheckboxField(_l("Languages you work in"), choices=[],
                                   validators=[_at_least_one])
    hours_per_month = IntegerField(_l("Hours a month you can give"), validators=[
        InputRequired(REQUIRED), NumberRange(min=0, max=MAX_HOURS, message=NUMBER)])
    mode = RadioField(_l("How you can work"), choices=select_choices(Mode.choices()),
                      default=Mode.REMOTE, validators=[DataRequired(REQUIRED)])
    travel_countries = TravelField(_l("Countries you can travel from"), choices=[],
                                   validate_choice=False, render_kw={"size": 6})
    cv = TextAreaField(_l("Short CV"), render_kw={"rows": 8}, validators=[
        Optional(), Length(max=TEXT_LIMITS["cv"], message=MAX)])
    link = URLField(_l("Link (CV, LinkedIn, publications)"), validators=[
        Optional(), Length(max=TEXT_LIMITS["link"], message=MAX), web_url])
    visibility = RadioField(_l("Who may see your profile"),
                            choices=select_choices(Visibility.choices()),
                            default=Visibility.MEMBERS, validators=[DataRequired(REQUIRED)])
    weekly_email = BooleanField(_l("Email me once a week about new projects that match me"))

    def fill_choices(self) -> None:
        self.skills.choices = select_choices(
            (key, vocabulary.skill_label(key)) for key in vocabulary.SKILLS)
        self.sectors.choices = select_choices(vocabulary.sector_choices())
        self.languages.choices = select_choices(language_choices())
        self.travel_countries.choices = select_choices(country_choices()[1:])

    def load(self, profile) -> None:
        for name in ("headline", "keywords", "years_experience", "hours_per_month", "mode",
                     "cv", "link", "visibility", "weekly_email", "language"):
            getattr(self, name).data = getattr(profile, name)
        for field in profile.TRANSLATABLE:
            for lang in LANGUAGES:
                self[f"{field}_{lang}"].data = getattr(profile, f"{field}_{lang}")
        self.skills.data = profile.skills
        self.sectors.data = profile.sectors
        self.languages.data = profile.languages
        self.travel_countries.data = profile.travel_countries


add_translation_fields(ExpertProfileForm, {
    "headline": (StringField, _l("Headline"), {"validators": [
        Optional(), Length(max=TEXT_LIMITS["headline"], message=MAX)]}),
    "cv": (TextAreaField, _l("Short CV"), {"render_kw": {"rows": 6}, "validators": [
        Optional(), Length(max=TEXT_LIMITS["cv"], message=MAX)]}),
}, _l("Language of the headline and CV"))


class WeeklyEmailForm(BaseForm):
    weekly_email = BooleanField(_l("Email me once a week about new projects that match me"))

