"""Staff forms for guides and their sections; the services check everything again."""

from __future__ import annotations

from wtforms import DateField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from diaspora_platform.content_i18n import add_language_fields
from diaspora_platform.forms import MAX, REQUIRED, BaseForm, select_choices
from diaspora_platform.forms import web_url as _web_url
from diaspora_platform.guides.vocabulary import TOPICS, GuideKind
from diaspora_platform.i18n import _l, country_choices

DATE = _l("Enter a date.")


class GuideForm(BaseForm):
    # title_<lang> and summary_<lang>: one language required (the service checks).
    kind = SelectField(_l("Kind of guide"), validators=[DataRequired(REQUIRED)],
                       choices=select_choices(GuideKind.choices()))
    country = SelectField(_l("Country (for a country guide)"), choices=[],
                          validate_choice=False)

    def fill_choices(self) -> None:
        self.country.choices = select_choices(country_choices())


add_language_fields(GuideForm, "title", StringField, _l("Title"),
                    validators=[Optional(), Length(max=200, message=MAX)])
add_language_fields(GuideForm, "summary", TextAreaField, _l("Summary"),
                    validators=[Optional(), Length(max=2_000, message=MAX)],
                    render_kw={"rows": 3})


class SectionForm(BaseForm):
    topic = SelectField(_l("Topic"), validators=[DataRequired(REQUIRED)], choices=[])
    source_title = StringField(_l("Source: title"), validators=[
        DataRequired(REQUIRED), Length(max=300, message=MAX)])
    source_url = URLField(_l("Source: web address"), validators=[
        DataRequired(REQUIRED), Length(max=500, message=MAX), _web_url])
    checked_on = DateField(_l("Last checked against the source on"),
                           validators=[InputRequired(DATE)])

    def fill_choices(self, kind: str) -> None:
        self.topic.choices = select_choices((t.value, t.title) for t in TOPICS[GuideKind(kind)])


add_language_fields(SectionForm, "title", StringField, _l("Title"),
                    validators=[Optional(), Length(max=200, message=MAX)])
add_language_fields(SectionForm, "body", TextAreaField, _l("Text (Markdown)"),
                    validators=[Optional(), Length(max=20_000, message=MAX)],
                    render_kw={"rows": 10})
