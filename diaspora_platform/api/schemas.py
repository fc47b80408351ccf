"""The shapes the API sends, as marshmallow schemas: they serialise every response and the
OpenAPI document is generated from them, so the two cannot disagree."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import fields

LICENCE = "CC BY 4.0"


def text(**kw) -> fields.String:
    return fields.String(allow_none=True, **kw)


def texts() -> fields.List:
    return fields.List(fields.String())


def number() -> fields.Integer:
    return fields.Integer(allow_none=True)


def moment() -> fields.String:
    """ISO 8601 date-time with its offset (always UTC)."""
    return fields.String(allow_none=True, metadata={"format": "date-time"})


def day() -> fields.String:
    return fields.String(allow_none=True, metadata={"format": "date"})


def uri() -> fields.String:
    return fields.String(metadata={"format": "uri"})


class Money(ma.Schema):
    amount = fields.String(required=True, metadata={
        "description": "Decimal amount in major units", "example": "1250.00"})
    currency = fields.String(required=True, metadata={"description": "ISO 4217 code"})


def amount() -> fields.Nested:
    return fields.Nested(Money, allow_none=True)


TRANSLATIONS = fields.Dict(keys=fields.String(), values=fields.Dict(), metadata={
    "description": "With lang=all: the language-dependent fields in tg, ru and en"})


class Base(ma.Schema):
    id = fields.Integer(required=True)
    translations = TRANSLATIONS


class Organisation(Base):
    name, legal_name, kind, kind_title = fields.String(), fields.String(), fields.String(), \
        fields.String()
    country, country_name, city = fields.String(), text(), fields.String()
    founded_year = number()
    description = fields.String()
    languages, social_links = texts(), texts()
    website, contact_email, contact_phone = text(), text(), text()
    verified_at, updated_at = moment(), moment()
    url = uri()



class Place(Base):
    organisation_id = fields.Integer()
    name, kind, kind_title, variant = fields.String(), fields.String(), fields.String(), text()
    country, country_name, city, address = fields.String(), text(), fields.String(), text()
    latitude, longitude = fields.Float(allow_none=True), fields.Float(allow_none=True)
    languages, audiences = texts(), texts()
    age_min, age_max, capacity = number(), number(), number()
    schedule, description = text(), text()
    is_free = fields.Boolean()
    fee = amount()
    fee_period, contact_email, contact_phone, website = text(), text(), text(), text()
    operating, operating_title = fields.String(), fields.String()
    verified_at, updated_at = moment(), moment()
    url = uri()


class Event(Base):
    title, kind, kind_title = fields.String(), fields.String(), fields.String()
    organisation_id, host = number(), text()
    description = text()
    starts_at, ends_at, registration_deadline, updated_at = moment(), moment(), moment(), \
        moment()
    timezone = fields.String()
    online, cancelled = fields.Boolean(), fields.Boolean()
    address, city, country, country_name = text(), text(), text(), text()
    languages = texts()
    audience, audience_title = fields.String(), fields.String()
    capacity, seats_left = number(), number()
    url, ics = uri(), uri()


class News(Base):
    category, category_title = fields.String(), fields.String()
    organisation_id, country = number(), text()
    title, body = fields.String(), fields.String()
    language = fields.String(metadata={"description": "The language title and body are in"})
    languages = texts()
    pinned = fields.Boolean()
    checked_on, published_at, updated_at = day(), moment(), moment()
    url = uri()


class Resource(Base):
    organisation_id = number()
    title, description = fields.String(), text()
    kind, kind_title, language = fields.String(), fields.String(), fields.String()
    audience, audience_title, level, level_title = fields.String(), fields.String(), text(), \
        text()
    link, file = text(), text()
    media_type, size, downloads = text(), number(), number()
    updated_at = moment()
    url = uri()


class Result(ma.Schema):
    rank = fields.Integer()
    title, entrant = fields.String(), fields.String()
    award, award_title = text(), text()
    score = text(metadata={"description": "Final score on the 0-100 scale, two decimals"})


class Criterion(ma.Schema):
    name, guidance, weight = fields.String(), fields.String(), fields.Integer()


class Edition(Base):
    competition, competition_name, title = fields.String(), fields.String(), fields.String()
    year = fields.Integer()
    state, state_title, eligibility = fields.String(), fields.String(), text()
    language = fields.String(metadata={"description": "Language the texts are shown in"})
    criteria = fields.List(fields.Nested(Criterion))
    questions = fields.List(fields.String())
    required_attachments = fields.List(fields.String())
    results_notes = text()
    opens_at, closes_at, judging_ends_at = moment(), moment(), moment()
    results_published_at, updated_at = moment(), moment()
    results = fields.List(fields.Nested(Result))
    url = uri()


class Titled(ma.Schema):
    title = fields.String()


class SkillNeed(Titled):
    skill = fields.String()
    experts_needed, hours, accepted = number(), number(), number()


class ProjectUpdate(Titled):
    body = fields.String()
    milestone = fields.Boolean()
    created_at = moment()


class Project(Base):
    organisation_id = number()
    title, description, town = fields.String(), fields.String(), fields.String()
    language = fields.String(metadata={"description": "Language the texts are shown in"})
    sector, sector_title, region, region_title = fields.String(), fields.String(), \
        fields.String(), fields.String()
    stage, stage_title = fields.String(), fields.String()
    budget = amount()
    offers_until, closed_at, updated_at = day(), moment(), moment()
    skills_needed = fields.List(fields.Nested(SkillNeed))
    updates = fields.List(fields.Nested(ProjectUpdate))
    url = uri()


class Skill(Titled):
    skill = fields.String()


class Sector(Titled):
    sector = fields.String()


class Expert(Base):
    name, headline = fields.String(), fields.String()
    skills = fields.List(fields.Nested(Skill))
    sectors = fields.List(fields.Nested(Sector))
    keywords, languages, travel_countries = texts(), texts(), texts()
    years_experience, hours_per_month = number(), number()
    mode, mode_title, cv, link = fields.String(), fields.String(), text(), text()
    country, city, diaspora_status, region_of_origin = text(), text(), text(), text()
    updated_at = moment()
    url = uri()


class Totals(ma.Schema):
    currency = fields.String()
    pledged, received, pending, cancelled = amount(), amount(), amount(), amount()
    matched, spent, held = amount(), amount(), amount()


class Campaign(Base):
    title, description = fields.String(), fields.String()
    status, status_title = fields.String(), fields.String()
    currency = fields.String()
    currencies = texts()
    target, match_cap, match_remaining = amount(), amount(), amount()
    starts_on, ends_on, updated_at = day(), day(), moment()
    project_id, match_ratio, contributors = number(), number(), number()
    match_sponsor = text()
    totals = fields.List(fields.Nested(Totals))
    url = uri()


class LedgerEntry(Base):
    created_at = fields.String(metadata={"format": "date-time",
                                         "description": "As hashed: keep it verbatim"})
    campaign_id, pledge_id, disbursement_id = fields.Integer(), number(), number()
    kind, currency, details = fields.String(), fields.String(), fields.String()
    amount_minor, balance_minor, pending_minor = fields.Integer(), fields.Integer(), \
        fields.Integer()
    prev_hash, hash = fields.String(), fields.String()
    name = fields.String(metadata={"description": "The pledger's chosen public name, "
                                                  "'anonymous', or empty"})
    amount, balance, pending = amount(), amount(), amount()


class Decision(Base):
    content_type, content_type_title, decision = fields.String(), fields.String(), \
        fields.String()
    reason, reason_title = text(), text()
    waited_seconds = number()
    created_at = moment()


class Links(ma.Schema):
    self = uri()
    next = fields.String(allow_none=True, metadata={"format": "uri"})


class Meta(ma.Schema):
    licence = fields.String(dump_default=LICENCE)
    lang = fields.String()
    count = fields.Integer(metadata={"description": "Items on this page"})


def envelopes(name: str, item: type[ma.Schema]) -> tuple[type[ma.Schema], type[ma.Schema]]:
    """The list and the single-item response schemas of one type."""
    many = ma.Schema.from_dict({"data": fields.List(fields.Nested(item), required=True),
                                "links": fields.Nested(Links, required=True),
                                "meta": fields.Nested(Meta, required=True)},
                               name=f"{name}List")
    one = ma.Schema.from_dict({"data": fields.Nested(item, required=True),
                               "meta": fields.Nested(Meta, required=True)},
                              name=f"{name}Item")
    return many, one


class Error(ma.Schema):
    code = fields.Integer(required=True)
    status = fields.String(required=True)
    message = fields.String(required=True)
    errors = fields.Dict(metadata={"description": "The refused arguments, each with why"})
