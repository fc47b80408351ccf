"""Event forms. The services check everything again; the forms give field-level errors."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    DateTimeLocalField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from diaspora_platform.collation import sorted_by
from diaspora_platform.community.events.models import EventAudience, EventKind
from diaspora_platform.content_i18n import add_name_and_description_versions
from diaspora_platform.formatting import country_zones, zone_choice
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
    _known_timezones,
    _l,
    country_choices,
    current_language,
    language_choices,
)
from diaspora_platform.inputs import IntegerField, strict_int

WHEN = _l("Enter a date and time.")
STAMP = "%Y-%m-%dT%H:%M"
# Zones where most of the diaspora lives, offered first.
COMMON_ZONES = ("Asia/Dushanbe", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg",
                "Asia/Novosibirsk", "Asia/Almaty", "Asia/Tashkent", "Asia/Bishkek",
                "Europe/Kyiv", "Europe/Minsk", "Europe/Istanbul", "Asia/Dubai", "Asia/Qatar",
                "Asia/Kuwait", "Asia/Seoul", "Asia/Tokyo", "Europe/Berlin", "Europe/Paris",
                "Europe/London", "Europe/Warsaw", "America/New_York", "UTC")


def zone_choices(current: str | None = None) -> dict:
    """Common zones, then every zone of the tz database's countries (an optgroup each),
    named in the reader's language ("UTC+03:00 · Москва, Русия"); an event's own zone
    stays choosable even if it is an old alias."""
    lang = current_language()
    rest = {zone for zone in country_zones() if zone not in COMMON_ZONES}
    if current and current in _known_timezones() and current not in COMMON_ZONES:
        rest.add(current)
    rows = sorted_by([(zone, zone_choice(zone, lang)) for zone in rest],
                     lambda row: row[1].split(" · ", 1)[1], lang)
    return {str(_l("Common time zones")): [(z, zone_choice(z, lang)) for z in COMMON_ZONES],
            str(_l("All time zones")): rows}


def _after_start(form, field):
    if form.starts_at.data and field.data and field.data <= form.starts_at.data:
        raise ValidationError(str(_l("The event must end after it starts.")))


def _link_when_online(form, field):
    if form.is_online.data and not (field.data or "").strip():
        raise ValidationError(str(_l("Give the link of the online event, starting with "
                                     "https://")))


def _city_in_person(form, field):
    if not form.is_online.data and not (field.data or "").strip():
        raise ValidationError(str(REQUIRED))


class EventForm(BaseForm):
    organisation = SelectField(_l("Organiser"), coerce=strict_int,
                               validators=[Optional()], choices=[])
    kind = SelectField(_l("Kind of event"), validators=[DataRequired(REQUIRED)],
                       choices=select_choices(EventKind.choices(_l("Choose one"))))
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED), Length(
        min=3, max=200, message=BETWEEN)])
    description = TextAreaField(_l("Description"), validators=[
        Optional(), Length(max=20_000, message=MAX)], render_kw={"rows": 8})
    starts_at = DateTimeLocalField(_l("Starts"), format=STAMP, validators=[DataRequired(WHEN)])
    ends_at = DateTimeLocalField(_l("Ends"), format=STAMP,
                                 validators=[DataRequired(WHEN), _after_start])
    timezone = SelectField(_l("Time zone of the event"), validators=[DataRequired(REQUIRED)],
                           choices=[])
    is_online = BooleanField(_l("Online event"))
    online_url = URLField(_l("Link to join (shown only to registered attendees)"), validators=[
        _link_when_online, Optional(), Length(max=500, message=MAX), web_url])
    place_id = SelectField(_l("One of your organisation's places (optional)"), choices=[],
                           validators=[Optional()])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300, message=MAX)])
    city = StringField(_l("City"), validators=[_city_in_person, Optional(),
                                               Length(max=100, message=MAX)])
    country = SelectField(_l("Country"), choices=[], validators=[Optional()])
    languages = MultiCheckboxField(_l("Languages of the event"), choices=[])
    audience = SelectField(_l("Who it is for"),
                           choices=select_choices(EventAudience.choices()))
    capacity = IntegerField(_l("Seats (empty: no limit)"), validators=[
        Optional(), NumberRange(min=1, max=100_000,
                                message=_l("Enter a number between %(min)s and %(max)s."))])
    registration_deadline = DateTimeLocalField(_l("Registration closes (optional)"),
                                               format=STAMP, validators=[Optional()])

    def fill_choices(self, organisations, places, staff: bool) -> None:
        choices = [(org.id, org.name) for org in organisations]
        if staff:
            choices.append((0, str(_l("Coordination Council"))))
        self.organisation.choices = choices
        self.timezone.choices = zone_choices(self.timezone.data)
        self.place_id.choices = [("", _l("None: give the address below"))] + [
            (str(place.id), f"{place.name} · {place.city}") for place in places]
        self.country.choices = select_choices(country_choices())
        self.languages.choices = select_choices(language_choices())

    def data_for_service(self) -> dict:
        """Times stay naive: the service reads them in the event's own zone."""
        skip = ("csrf_token", "organisation")
        return {name: field.data for name, field in self._fields.items() if name not in skip}

    def fill_from(self, event) -> None:
        zone = event.zone
        for key in ("starts_at", "ends_at", "registration_deadline"):
            value = getattr(event, key)
            getattr(self, key).data = (value.astimezone(zone).replace(tzinfo=None)
                                       if value else None)
        self.languages.data = event.language_list
        self.place_id.data = str(event.place_id) if event.place_id else ""
        self.country.data = event.country or ""


add_name_and_description_versions(EventForm, "title", _l("Title"), 20_000,
                                  _l("Language of the title and description"))


class CancelEventForm(BaseForm):
    reason = TextAreaField(_l("Message to everyone registered"), validators=[
        DataRequired(REQUIRED), Length(max=500, message=MAX)], render_kw={"rows": 3})


class MessageForm(BaseForm):
    body = TextAreaField(_l("Message"), validators=[
        DataRequired(REQUIRED), Length(max=2000, message=MAX)], render_kw={"rows": 4})

