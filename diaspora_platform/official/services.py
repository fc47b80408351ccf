"""Staff keep the official network; organisations declare help, staff verify it. Each
operation re-checks its rule, audits and commits once."""

from __future__ import annotations

import re
from datetime import date

from diaspora_platform import audit
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.database import utcnow
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.forms import is_web_url
from diaspora_platform.i18n import LANGUAGES, WORKING_LANGUAGES, _, valid_country
from diaspora_platform.official.accounts import acts_for
from diaspora_platform.official.models import OfficialBody, OrganisationHelp
from diaspora_platform.official.vocabulary import HelpKind, OfficeKind, Service
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.text import phonetic_key

TEXT_FIELDS = ("address", "city", "note", "covers_cities") + tuple(
    f"{field}_{lang}" for field in ("name", "hours") for lang in LANGUAGES)
MAX_PHONES = 5


def normalise_phone(value: str) -> str:
    """'+7 (000) 000-00-00' -> '+70000000000'; international form only, 7-15 digits."""
    raw = value.strip()
    digits = re.sub(r"[ ()\-.]", "", raw)
    if not re.fullmatch(r"\+[1-9][0-9]{6,14}", digits):
        raise DomainError(_("Give each phone number in international form, like "
                            "+992 00 000 0000 (digits, spaces, brackets and dashes)."))
    return digits


def _phones(value) -> str:
    lines = value.splitlines() if isinstance(value, str) else list(value or [])
    phones = [normalise_phone(line) for line in lines if line.strip()]
    if len(phones) > MAX_PHONES:
        raise DomainError(_("Give at most %(max)d phone numbers.", max=MAX_PHONES))
    return ",".join(dict.fromkeys(phones))


def _listed(value) -> list[str]:
    values = value.split(",") if isinstance(value, str) else list(value or [])
    return [v for v in values if v]


def _choices(value, allowed) -> str:
    values = _listed(value)
    if any(v not in allowed for v in values):
        raise DomainError(_("Choose from the list."))
    return ",".join(dict.fromkeys(values))


def _clean(data: dict) -> dict:
    """Check what the staff form sent; raise DomainError naming the problem."""
    clean = {key: (data.get(key) or "").strip() for key in TEXT_FIELDS}
    if data.get("kind") not in set(OfficeKind):
        raise DomainError(_("Choose what kind of office this is."))
    clean["kind"] = data["kind"]
    if not any(clean[f"name_{lang}"] for lang in LANGUAGES):
        raise DomainError(_("Give the name in at least one language."))
    clean["country"] = (data.get("country") or "").upper()
    if not valid_country(clean["country"]):
        raise DomainError(_("Choose a country from the list."))
    lat, lon = data.get("latitude"), data.get("longitude")
    if (lat is None) != (lon is None):
        raise DomainError(_("Give both latitude and longitude, or neither."))
    if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise DomainError(_("Latitude must be between -90 and 90 and longitude between "
                            "-180 and 180."))
    clean.update(latitude=lat, longitude=lon, phones=_phones(data.get("phones")),
                 email=(data.get("email") or "").strip() or None,
                 website=(data.get("website") or "").strip() or None,
                 languages=_choices(data.get("languages"), WORKING_LANGUAGES),
                 services=_choices(data.get("services"), set(Service)))
    if clean["website"] and not is_web_url(clean["website"]):
        raise DomainError(_("Enter a full web address starting with https://"))
    countries = _listed(data.get("covers_countries"))
    if any(not valid_country(code.upper()) for code in countries):
        raise DomainError(_("Choose a country from the list."))
    clean["covers_countries"] = ",".join(dict.fromkeys(code.upper() for code in countries))
    clean["covers_cities"] = "\n".join(dict.fromkeys(
        line.strip() for line in clean["covers_cities"].splitlines() if line.strip()))
    return clean


def _require_staff(user) -> None:
    if not getattr(user, "acts_as_staff", False):
        raise NotAllowed(_("Only Council staff keep the official network."))


def _require_keeper(user, office: OfficialBody) -> None:
    """Council staff, or the office's own account acting with its second factor."""
    if not (getattr(user, "acts_as_staff", False) or acts_for(user, office)):
        raise NotAllowed(_("Only Council staff keep the official network."))


def create_office(user, data: dict) -> OfficialBody:
    _require_staff(user)
    clean = _clean(data)
    office = OfficialBody(**clean, city_key=phonetic_key(clean["city"]),
                          created_by_id=user.id, checked_on=utcnow().date(),
                          checked_by_id=user.id)
    db.session.add(office)
    db.session.flush()
    audit.record(user, "official.created", office, name=office.name_in("en"))
    db.session.commit()
    return office


def update_office(user, office: OfficialBody, data: dict) -> list[str]:
    """Save an edit; returns the names of the fields that changed."""
    _require_keeper(user, office)
    clean = _clean(data)
    changed = sorted(k for k, v in clean.items() if getattr(office, k) != v)
    for key, value in clean.items():
        setattr(office, key, value)
    office.city_key = phonetic_key(office.city)
    audit.record(user, "official.updated", office, fields=changed)
    db.session.commit()
    return changed


def archive_office(user, office: OfficialBody) -> None:
    """Take an office out of the public network (closed or moved); its row stays."""
    _require_staff(user)
    if office.archived_at is not None:
        return
    office.archived_at = utcnow()
    audit.record(user, "official.archived", office)
    db.session.commit()


def restore_office(user, office: OfficialBody) -> None:
    _require_staff(user)
    if office.archived_at is None:
        return
    office.archived_at = None
    audit.record(user, "official.restored", office)
    db.session.commit()


def mark_checked(user, office: OfficialBody, on: date | None = None) -> None:
    """Staff (or the body's own account) confirmed the entry today."""
    _require_keeper(user, office)
    office.checked_on, office.checked_by_id = on or utcnow().date(), user.id
    audit.record(user, "official.checked", office, on=str(office.checked_on))
    db.session.commit()


def declared_help(org: Organisation) -> list[OrganisationHelp]:
    from sqlalchemy import select

    return list(db.session.scalars(select(OrganisationHelp).where(
        OrganisationHelp.organisation_id == org.id).order_by(OrganisationHelp.kind)))


def declare_help(user, org: Organisation, kinds) -> tuple[list[str], list[str]]:
    """Set the help an organisation declares: new kinds wait for staff verification,
    dropped ones disappear. Returns (added, removed)."""
    if not org.can(user, "edit") or org.status == S.REJECTED:
        raise NotAllowed(_("You cannot change what this organisation declares."))
    wanted = set(_choices(kinds, set(HelpKind)).split(",")) - {""}
    existing = {row.kind: row for row in declared_help(org)}
    added = sorted(wanted - set(existing))
    removed = sorted(set(existing) - wanted)
    for kind in removed:
        db.session.delete(existing[kind])
    for kind in added:
        db.session.add(OrganisationHelp(organisation_id=org.id, kind=kind,
                                        declared_by_id=user.id))
    if added or removed:
        audit.record(user, "official.help_declared", org, added=added, removed=removed)
    db.session.commit()
    return added, removed


def verify_help(user, item: OrganisationHelp) -> None:
    """Staff confirmed the organisation gives this help: it shows in the finder."""
    _require_staff(user)
    if item.verified_at is not None:
        return
    item.verified_at, item.verified_by_id = utcnow(), user.id
    audit.record(user, "official.help_verified", item.organisation, kind=item.kind)
    db.session.commit()
