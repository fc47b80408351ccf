"""Place forms. The service checks everything again; the form gives field-level errors."""

from __future__ import annotations

from flask_wtf.file import MultipleFileField
from wtforms import (
    BooleanField,
    DecimalField,
    EmailField,
    FloatField,
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
from diaspora_platform.directory.services import CURRENCIES
from diaspora_platform.directory.vocabulary import VARIANTS, Audience, Operating, PlaceKind, Variant
from diaspora_platform.forms import (
    BETWEEN,
    MAX,
    REQUIRED,
    BaseForm,
    MultiCheckboxField,
    select_choices,
    web_url,
)
from diaspora_platform.i18n import (
    _l,
    country_choices,
    currency_choices,
    current_language,
    language_choices,
)
from diaspora_platform.inputs import IntegerField, strict_int


def _variant_matches_kind(form, field):
    allowed = VARIANTS.get(form.kind.data, ())
    if allowed and field.data not in allowed:
        raise ValidationError(str(_l("Choose what kind of school or course this is.")))


def _both_coordinates(form, field):
    if (form.latitude.data is None) != (form.longitude.data is None):
        raise ValidationError(str(_l("Give both latitude and longitude, or neither.")))


def _age_order(form, field):
    low, high = form.age_min.data, form.age_max.data
    if low is not None and high is not None and low > high:
        raise ValidationError(str(_l("The lowest age cannot be above the highest.")))


def _fee_given(form, field):
    if form.is_free.data:
        return
    if form.fee_amount.data is None:
        raise ValidationError(str(_l("Give the fee, or mark the place free.")))
    if not form.fee_currency.data:
        raise ValidationError(str(_l("Choose the currency of the fee.")))


AGE = NumberRange(min=0, max=120, message=_l("Enter an age between %(min)s and %(max)s."))


class PlaceForm(BaseForm):
    organisation = SelectField(_l("Organisation"), coerce=strict_int,
                               validators=[DataRequired(REQUIRED)])
    kind = SelectField(_l("What kind of place"), validators=[DataRequired(REQUIRED)],
                       choices=select_choices(PlaceKind.choices(_l("Choose one"))))
    variant = SelectField(_l("Kind of school or course"), validators=[_variant_matches_kind],
                          choices=select_choices(Variant.choices(
                              _l("Not needed for centres and libraries"))))
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(
        min=2, max=200, message=BETWEEN)])
    country = SelectField(_l("Country"), validators=[DataRequired(REQUIRED)], choices=[])
    city = StringField(_l("City"), validators=[DataRequired(REQUIRED),
                                               Length(max=100, message=MAX)])
    address = StringField(_l("Address"), validators=[DataRequired(REQUIRED),
                                                     Length(max=300, message=MAX)])
    latitude = FloatField(_l("Latitude (optional)"), validators=[Optional(), NumberRange(
        min=-90, max=90, message=_l("Latitude must be between -90 and 90.")),
        _both_coordinates])
    longitude = FloatField(_l("Longitude (optional)"), validators=[Optional(), NumberRange(
        min=-180, max=180, message=_l("Longitude must be between -180 and 180."))])
    languages = MultiCheckboxField(_l("Languages of instruction"), choices=[])
    audiences = MultiCheckboxField(_l("Who it is for"), choices=select_choices(
        Audience.choices()))
    age_min = IntegerField(_l("Youngest age (optional)"), validators=[Optional(), AGE])
    age_max = IntegerField(_l("Oldest age (optional)"), validators=[Optional(), AGE,
                                                                     _age_order])
    schedule = TextAreaField(_l("Schedule (optional)"), validators=[
        Optional(), Length(max=1000, message=MAX)])
    is_free = BooleanField(_l("Free of charge"), default=True, validators=[_fee_given])
    fee_amount = DecimalField(_l("Fee (if not free)"), places=2, validators=[
        Optional(), NumberRange(min=0.01, max=999_999_999,
                                message=_l("Enter an amount above zero."))])
    fee_currency = SelectField(_l("Currency"), choices=[])
    fee_period = StringField(_l("Per (e.g. month, term, lesson)"), validators=[
        Optional(), Length(max=60, message=MAX)])
    capacity = IntegerField(_l("Capacity, people (optional)"), validators=[
        Optional(), NumberRange(min=1, max=100_000,
                                message=_l("Enter a number between %(min)s and %(max)s."))])
    contact_email = EmailField(_l("Contact email (optional)"), validators=[
        Optional(), Length(max=254, message=MAX),
        Email(message=_l("Enter a valid email address, like name@example.com."),
              check_deliverability=False)])
    contact_phone = StringField(_l("Contact phone (optional)"), validators=[
        Optional(), Length(max=40, message=MAX),
        Regexp(r"^\+?[0-9 ()\-]{5,40}$", message=_l("Use digits, spaces and + ( ) - only."))])
    website = URLField(_l("Website (optional)"), validators=[
        Optional(), Length(max=300, message=MAX), web_url])
    description = TextAreaField(_l("Description"), validators=[
        Optional(), Length(max=10000, message=MAX)])
    photos = MultipleFileField(_l("Photos (PNG, JPEG or WebP, at most 5; optional)"))

    def fill_choices(self, organisations) -> None:
        lang = current_language()  # each organisation's name as the reader's language has it
        self.organisation.choices = [(org.id, org.display_name(lang)) for org in organisations]
        self.country.choices = select_choices(country_choices())
        self.languages.choices = select_choices(language_choices())
        self.fee_currency.choices = [("", _l("Choose one"))] + currency_choices(CURRENCIES)

    def data_for_service(self) -> dict:
        skip = ("csrf_token", "photos", "organisation")
        return {name: field.data for name, field in self._fields.items() if name not in skip}


add_name_and_description_versions(PlaceForm, "name", _l("Name"), 10_000,
                                  _l("Language of the name and description"))


class OperatingForm(BaseForm):
    operating = SelectField(_l("Status"), choices=select_choices(Operating.choices()))
    operating_note = StringField(_l("Note for visitors (optional)"), validators=[
        Optional(), Length(max=300, message=MAX)])


class PhotoForm(BaseForm):
    photos = MultipleFileField(_l("Add photos"))



