"""Query arguments of the API: the ones every list shares (page size, cursor, language,
`updated_since`) and the field types a dataset's filters are made of. Anything unknown or
malformed is refused with a 400 that names the argument."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

import marshmallow as ma
from marshmallow import fields, validate

from diaspora_platform import pagination
from diaspora_platform.database import utcnow
from diaspora_platform.i18n import LANGUAGES, _, valid_country

LANG_CHOICES = (*LANGUAGES, "all")
# A seconds' grace: a client's clock a little ahead of ours is not "the future".
FUTURE_GRACE_SECONDS = 60
_CODE = re.compile(r"^[a-z0-9_-]{1,40}$")


class Since(fields.Field):
    """An ISO 8601 date or date-time (UTC when no offset is given), not in the future."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or len(value) > 40:
            raise ma.ValidationError(_("Give an ISO 8601 date or date-time."))
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise ma.ValidationError(_("Give an ISO 8601 date or date-time.")) from None
        if len(value) <= 10:  # a date alone: from its first moment
            parsed = datetime.combine(date.fromisoformat(value), time(), UTC)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        if (parsed - utcnow()).total_seconds() > FUTURE_GRACE_SECONDS:
            raise ma.ValidationError(_("The date is in the future."))
        return parsed.astimezone(UTC)


class Cursor(fields.String):
    """The opaque `next` cursor of a previous page (an id-ordered key)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        values = pagination.decode_cursor(text, 1)
        if values is None or not isinstance(values[0], int) or isinstance(values[0], bool):
            raise ma.ValidationError(_("Not a cursor given by this API."))
        return text


def country() -> fields.String:
    return fields.String(validate=validate.And(validate.Length(equal=2), valid_country_code),
                         metadata={"description": "ISO 3166-1 alpha-2 code", "example": "RU"})


def valid_country_code(value: str) -> bool:
    if not valid_country(value):
        raise ma.ValidationError(_("Not an ISO 3166-1 alpha-2 country code."))
    return True


def choice(values, description: str = "") -> fields.String:
    return fields.String(validate=validate.OneOf(sorted(values)),
                         metadata={"description": description} if description else {})


def code(description: str = "") -> fields.String:
    """A short key (a language code, a skill) checked by shape only."""
    return fields.String(validate=validate.Regexp(_CODE), metadata={"description": description})


def identifier(description: str = "") -> fields.Integer:
    return fields.Integer(strict=False, validate=validate.Range(1, 2**31 - 1),
                          metadata={"description": description})


def flag(description: str = "") -> fields.Boolean:
    return fields.Boolean(metadata={"description": description})


def day(description: str = "") -> fields.Date:
    return fields.Date(metadata={"description": description})


def common_fields(has_since: bool) -> dict:
    """The arguments every list takes."""
    found = {
        "limit": fields.Integer(load_default=pagination.DEFAULT_PER_PAGE,
                                validate=validate.Range(1, pagination.MAX_PER_PAGE),
                                metadata={"description": "Items per page"}),
        "after": Cursor(metadata={"description": "The cursor of the `next` link"}),
        "lang": fields.String(validate=validate.OneOf(LANG_CHOICES), metadata={
            "description": "Language of the text; `all` adds every version under "
                           "`translations`. Default: the Accept-Language header."}),
    }
    if has_since:
        found["updated_since"] = Since(metadata={
            "description": "Only items changed at or after this moment (ISO 8601), for "
                           "harvesting", "type": "string", "format": "date-time"})
    return found


def item_fields() -> dict:
    return {"lang": common_fields(False)["lang"]}


def schema(name: str, extra: dict, has_since: bool = True) -> type[ma.Schema]:
    """The query schema of one list: the common arguments plus its filters."""
    return ma.Schema.from_dict({**common_fields(has_since), **extra}, name=f"{name}Query")


def currency() -> fields.String:
    return fields.String(validate=validate.Regexp(r"^[A-Z]{3}$"),
                         metadata={"description": "ISO 4217 code", "example": "TJS"})


def year() -> fields.Integer:
    return fields.Integer(validate=validate.Range(2000, 2100))
