"""Place operations: list, edit (name/kind/location changes go back to review), open or
close, photos. Each commits once and audits what people did."""

from __future__ import annotations

from decimal import Decimal

from flask import current_app

from diaspora_platform import audit, uploads
from diaspora_platform.content_i18n import versions_from_form
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.directory import queries
from diaspora_platform.directory.models import MAX_PHOTOS, REVIEWED_FIELDS, Place, PlacePhoto
from diaspora_platform.directory.vocabulary import VARIANTS, Audience, Operating, PlaceKind
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import WORKING_LANGUAGES, _, ngettext, valid_country
from diaspora_platform.moderation import services as moderation
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.text import phonetic_key

PHOTO_SIDE, THUMB_SIDE = 1600, 480
TEXT_LIMITS = {"name": 200, "description": 20_000}
FIELDS = ("kind", "variant", "name", "address", "city", "country", "latitude", "longitude",
          "languages", "audiences", "age_min", "age_max", "schedule", "is_free", "fee_amount",
          "fee_currency", "fee_period", "capacity", "contact_email", "contact_phone",
          "website", "description")
# Currencies a fee may be given in (ISO 4217), where the diaspora lives and at home.
CURRENCIES = ("RUB", "TJS", "USD", "EUR", "GBP", "KZT", "UZS", "KGS", "TRY", "PLN", "CZK",
              "CHF", "SEK", "NOK", "AED", "CNY", "KRW", "JPY", "CAD", "AUD")


def _text(value) -> str | None:
    return value.strip() or None if isinstance(value, str) else value


def _clean(data: dict) -> dict:
    """Check what a form or an API client sent; raise DomainError naming the problem."""
    clean = {key: _text(data.get(key)) for key in FIELDS}
    if clean["kind"] not in set(PlaceKind):
        raise DomainError(_("Choose what kind of place this is."))
    allowed = VARIANTS[PlaceKind(clean["kind"])]
    if allowed and clean["variant"] not in allowed:
        raise DomainError(_("Choose what kind of school or course this is."))
    if not allowed:
        clean["variant"] = None
    clean["country"] = (clean["country"] or "").upper()
    if not valid_country(clean["country"]):
        raise DomainError(_("Choose a country from the list."))
    _check_location(clean)
    _check_people(clean)
    _check_fee(clean)
    for key in ("languages", "audiences"):
        values = data.get(key) or []
        values = values.split(",") if isinstance(values, str) else list(values)
        allowed_values = WORKING_LANGUAGES if key == "languages" else tuple(Audience)
        if any(v not in allowed_values for v in values):
            raise DomainError(_("Choose from the list."))
        clean[key] = ",".join(dict.fromkeys(values))
    for key in ("address", "schedule", "description"):
        clean[key] = clean[key] or ""
    clean.update(versions_from_form(data, Place.TRANSLATABLE, TEXT_LIMITS))
    return clean


def _check_location(clean: dict) -> None:
    lat, lon = clean["latitude"], clean["longitude"]
    if (lat is None) != (lon is None):
        raise DomainError(_("Give both latitude and longitude, or neither."))
    if lat is not None and not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
        raise DomainError(_("Latitude must be between -90 and 90 and longitude between "
                            "-180 and 180."))


def _check_people(clean: dict) -> None:
    low, high = clean["age_min"], clean["age_max"]
    for age in (low, high):
        if age is not None and not 0 <= age <= 120:
            raise DomainError(_("Ages must be between 0 and 120."))
    if low is not None and high is not None and low > high:
        raise DomainError(_("The lowest age cannot be above the highest."))
    if clean["capacity"] is not None and not 1 <= clean["capacity"] <= 100_000:
        raise DomainError(_("Capacity must be between 1 and 100,000 people."))


def _check_fee(clean: dict) -> None:
    clean["is_free"] = bool(clean["is_free"])
    if clean["is_free"]:
        clean["fee_amount"] = clean["fee_currency"] = clean["fee_period"] = None
        return
    amount = clean["fee_amount"]
    if amount is None or Decimal(amount) <= 0 or Decimal(amount) >= Decimal("1e9"):
        raise DomainError(_("Give the fee as an amount above zero, or mark the place free."))
    if clean["fee_currency"] not in CURRENCIES:
        raise DomainError(_("Choose the currency of the fee."))


def editable_organisations(user) -> list[Organisation]:
    """Organisations the user may list places for (owner, admin or editor; not rejected)."""
    from diaspora_platform.organisations.queries import editable_by

    return editable_by(user, (S.PENDING, S.APPROVED, S.HIDDEN))


def create_place(user, org: Organisation, data: dict, photos=()) -> Place:
    if not user.is_confirmed:
        raise NotAllowed(_("Please confirm your email address first."))
    if not org.can(user, "edit") or org.status == S.REJECTED:
        raise NotAllowed(_("You cannot list places for this organisation."))
    clean = _clean(data)
    place = Place(**clean, organisation_id=org.id, city_key=phonetic_key(clean["city"]),
                  created_by_id=user.id)
    db.session.add(place)
    db.session.flush()
    _add_photos(place, photos)
    moderation.submit(place)
    audit.record(user, "place.listed", place, organisation=org.id)
    db.session.commit()
    return place


def update_place(user, place: Place, data: dict) -> str:
    """Save an edit: "saved", or "review" when a change of name, kind or location sends
    an approved place back to the Council (it leaves the directory until approved), or
    "resubmitted" for a corrected rejected one."""
    if not place.can_edit(user):
        raise NotAllowed(_("You cannot edit this place."))
    clean = _clean(data)
    changed = sorted(k for k, v in clean.items() if getattr(place, k) != v)
    for key, value in clean.items():
        setattr(place, key, value)
    place.city_key = phonetic_key(place.city)
    outcome = "saved"
    if place.status == S.REJECTED or (place.status == S.APPROVED
                                      and set(changed) & set(REVIEWED_FIELDS)):
        outcome = "resubmitted" if place.status == S.REJECTED else "review"
        moderation.submit(place)
    audit.record(user, "place.updated", place, fields=changed, outcome=outcome)
    db.session.commit()
    return outcome


def set_operating(user, place: Place, operating: str, note: str | None = None) -> None:
    """Open, temporarily closed or closed: closed places leave the default listing but
    keep their page and history."""
    if not place.can_edit(user):
        raise NotAllowed(_("You cannot edit this place."))
    if operating not in set(Operating):
        raise DomainError(_("Choose from the list."))
    if place.operating == operating and place.operating_note == (note or None):
        return
    place.operating, place.operating_note = operating, (note or "").strip()[:300] or None
    audit.record(user, "place.operating", place, operating=operating)
    db.session.commit()


def can_delete(place: Place) -> bool:
    """Only a place that never became public may be deleted; the others keep their
    history and are closed instead."""
    return place.status != S.APPROVED and not moderation.ever_approved(place)


def delete_place(user, place: Place) -> None:
    """Withdraw a place that never became public; approved ones are closed instead."""
    if not place.can_edit(user):
        raise NotAllowed(_("You cannot edit this place."))
    if not can_delete(place):
        raise DomainError(_("A published place cannot be deleted; mark it closed instead."))
    names = [(p.filename, p.thumbnail) for p in queries.photos(place)]
    audit.record(user, "place.deleted", place, name=place.name)
    db.session.delete(place)
    db.session.commit()
    for big, small in names:
        uploads.delete_image("places", big)
        uploads.delete_image("places", small)


def _add_photos(place: Place, files) -> int:
    files = [f for f in files if f is not None and getattr(f, "filename", "")]
    if not files:
        return 0
    existing = len(queries.photos(place))
    if existing + len(files) > MAX_PHOTOS:
        raise DomainError(ngettext("A place can have at most %(max)d photo; remove one first.",
                                   "A place can have at most %(max)d photos; remove one first.",
                                   MAX_PHOTOS, max=MAX_PHOTOS))
    limit = current_app.config["PHOTO_MAX_BYTES"]
    encoded = [uploads.process_image_sizes(f.stream, limit, (PHOTO_SIDE, THUMB_SIDE))
               for f in files]  # check every file before storing any
    for position, (big, small) in enumerate(encoded, start=existing):
        db.session.add(PlacePhoto(place_id=place.id, position=position,
                                  filename=uploads.save_image("places", big),
                                  thumbnail=uploads.save_image("places", small)))
    return len(encoded)


def add_photos(user, place: Place, files) -> int:
    if not place.can_edit(user):
        raise NotAllowed(_("You cannot edit this place."))
    added = _add_photos(place, files)
    if not added:
        raise DomainError(_("Choose at least one image."))
    audit.record(user, "place.photos_added", place, count=added)
    db.session.commit()
    return added


def remove_photo(user, place: Place, photo_id: int) -> None:
    if not place.can_edit(user):
        raise NotAllowed(_("You cannot edit this place."))
    photo = db.session.get(PlacePhoto, photo_id)
    if photo is None or photo.place_id != place.id:
        return  # already gone: removing twice is not an error
    names = (photo.filename, photo.thumbnail)
    db.session.delete(photo)
    audit.record(user, "place.photo_removed", place)
    db.session.commit()
    for name in names:
        uploads.delete_image("places", name)
