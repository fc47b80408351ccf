"""Forms of the official network; the services check everything again."""

from __future__ import annotations

from wtforms import EmailField, FloatField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional
from wtforms.widgets import Option, Select

from diaspora_platform.forms import MAX, REQUIRED, BaseForm, MultiCheckboxField, select_choices
from diaspora_platform.forms import web_url as _web_url
from diaspora_platform.i18n import _l, country_choices, language_choices
from diaspora_platform.official.vocabulary import HelpKind, OfficeKind, Service


class MultiSelectField(MultiCheckboxField):
    """A multiple select (for long lists such as countries)."""

    widget = Select(multiple=True)
    option_widget = Option()


def _text(label, limit=200):
    return StringField(label, validators=[Optional(), Length(max=limit, message=MAX)])


class OfficeForm(BaseForm):
    kind = SelectField(_l("Kind of office"), validators=[DataRequired(REQUIRED)],
                       choices=select_choices(OfficeKind.choices(_l("Choose one"))))
    name_tg = _text(_l("Name in Tajik"))
    name_ru = _text(_l("Name in Russian"))
    name_en = _text(_l("Name in English"))
    country = SelectField(_l("Country"), validators=[DataRequired(REQUIRED)], choices=[])
    city = _text(_l("City"), 100)
    address = _text(_l("Address"), 300)
    latitude = FloatField(_l("Latitude (optional)"), validators=[Optional(), NumberRange(
        min=-90, max=90, message=_l("Latitude must be between -90 and 90."))])
    longitude = FloatField(_l("Longitude (optional)"), validators=[Optional(), NumberRange(
        min=-180, max=180, message=_l("Longitude must be between -180 and 180."))])
    hours_tg = _text(_l("Opening hours in Tajik"), 500)
    hours_ru = _text(_l("Opening hours in Russian"), 500)
    hours_en = _text(_l("Opening hours in English"), 500)
    phones = TextAreaField(_l("Phones, one a line"), validators=[
        Optional(), Length(max=300, message=MAX)])
    email = EmailField(_l("Email (optional)"), validators=[
        Optional(), Length(max=254, message=MAX),
        Email(message=_l("Enter a valid email address, like name@example.com."),
              check_deliverability=False)])
    website = URLField(_l("Website (optional)"), validators=[
        Optional(), Length(max=300, message=MAX), _web_url])
    languages = MultiCheckboxField(_l("Languages spoken"), choices=[])
    services = MultiCheckboxField(_l("Services"), choices=select_choices(Service.choices()))
    covers_countries = MultiSelectField(_l("Other countries it serves"), choices=[],
                                        render_kw={"size": 8})
    covers_cities = TextAreaField(_l("Other cities it serves, one a line"), validators=[
        Optional(), Length(max=3000, message=MAX)])
    note = TextAreaField(_l("Note for readers (optional)"), validators=[
        Optional(), Length(max=2000, message=MAX)])

    def fill_choices(self) -> None:
        self.country.choices = select_choices(country_choices())
        self.covers_countries.choices = select_choices(country_choices()[1:])
        self.languages.choices = select_choices(language_choices())

    def load_lists(self, office) -> None:
        """Show an office's stored lists (comma-joined codes) in the list inputs."""
        self.phones.data = "\n".join(office.phone_list)
        self.languages.data, self.services.data = office.language_list, office.service_list
        self.covers_countries.data = office.covered_countries


class HelpForm(BaseForm):
    kinds = MultiCheckboxField(_l("Help your organisation gives migrants"),
                               choices=select_choices(HelpKind.choices()))


class AccountForm(BaseForm):
    email = EmailField(_l("Email of the member who works for this office"), validators=[
        DataRequired(REQUIRED), Email(message=_l("Invalid email address.")),
        Length(max=254, message=MAX)])
