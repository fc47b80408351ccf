"""Form base: WTForms' own messages go through our catalogues (WTForms has no Tajik)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import get_translations
from flask_wtf import FlaskForm
from flask_wtf.csrf import _FlaskFormCSRF
from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from diaspora_platform.i18n import _l, plural_message


class _CatalogueTranslations:
    """Plain catalogue look-ups: WTForms fills the placeholders itself afterwards."""

    def gettext(self, string: str) -> str:
        return get_translations().gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ngettext(singular, plural, n)


def select_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


REQUIRED = _l("This field is required.")
MAX = plural_message("Use at most %(max)d character.", "Use at most %(max)d characters.")
BETWEEN = plural_message("Use between %(min)d and %(max)d character.",
                         "Use between %(min)d and %(max)d characters.")
TOO_LONG = plural_message("A field is too long: use at most %(max)d character.",
                          "A field is too long: use at most %(max)d characters.")


def is_web_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def web_url(form, field):
    """Validator: an http(s) address (no javascript:, no relative links)."""
    if field.data and not is_web_url(field.data.strip()):
        raise ValidationError(str(_l("Enter a full web address starting with https://")))


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes; unknown values get our own translated message (WTForms' has no Tajik)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        allowed = {str(choice.value) for choice in self.choices}
        if any(value not in allowed for value in self.data or []):
            raise ValidationError(str(_l("Choose from the list.")))


class _LazyToken:
    """A CSRF token made only when a page renders it: building a form (as views do for
    every reader) must not start a session for a visitor who is shown no form."""

    def __init__(self, make):
        self._make = make
        self._value = None

    def __str__(self) -> str:
        if self._value is None:
            self._value = self._make()
        return self._value

    def __html__(self) -> str:
        return str(self)

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    __hash__ = None


class _LazyCSRF(_FlaskFormCSRF):
    def generate_csrf_token(self, csrf_token_field):
        return _LazyToken(lambda: super(_LazyCSRF, self).generate_csrf_token(csrf_token_field))


class BaseForm(FlaskForm):
    class Meta:
        csrf_class = _LazyCSRF

        def get_translations(self, form):
            return _CatalogueTranslations()

    def data_for_service(self) -> dict:
        """The fields' values as a service takes them (the CSRF token left out)."""
        return {name: field.data for name, field in self._fields.items()
                if name != "csrf_token"}


# WTForms and Flask-WTF built-in messages, listed so extraction puts them in our catalogues.
BUILTIN_MESSAGES = (
    _l("This field is required."),
    _l("Not a valid choice."),
    _l("Not a valid integer value."),
    _l("Not a valid decimal value."),
    _l("Not a valid float value."),
    _l("Not a valid date value."),
    _l("Not a valid datetime value."),
    _l("Invalid email address."),
    _l("Invalid URL."),
    _l("Invalid input."),
    _l("Field must be equal to %(other_name)s."),
    _l("Number must be at least %(min)s."),
    _l("Number must be at most %(max)s."),
    _l("Number must be between %(min)s and %(max)s."),
    _l("The CSRF token is missing."),
    _l("The CSRF token is invalid."),
    _l("The CSRF token has expired."),
    _l("The CSRF tokens do not match."),
)


class ConfirmForm(BaseForm):
    """A form with only its CSRF token, for buttons that change something (register,
    follow, withdraw, delete...)."""
