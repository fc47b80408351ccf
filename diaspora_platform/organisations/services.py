"""Organisation operations: register, edit (with review of name/kind/country changes),
duplicate detection; each commits once and audits owner actions."""

from __future__ import annotations

import difflib
import json

import sqlalchemy as sa

from diaspora_platform import audit, uploads
from diaspora_platform.content_i18n import versions_from_form
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _, valid_country
from diaspora_platform.moderation import services as moderation
from diaspora_platform.organisations.models import (
    REVIEWED_FIELDS,
    Membership,
    MembershipStatus,
    Organisation,
    OrganisationChange,
)
from diaspora_platform.permissions import OrgRole
from diaspora_platform.text import phonetic_key

LOGO_SIDE = 512
FIELDS = ("name", "kind", "country", "city", "founded_year", "description", "languages",
          "website", "contact_email", "contact_phone", "social_links")
TEXT_LIMITS = {"name": 200, "description": 10_000}
# What a proposed change carries: the name in every language, kind and country.
CHANGE_FIELDS = ("name", "language", "name_translations", "kind", "country")


def _clean(data: dict) -> dict:
    clean = {key: data.get(key) for key in FIELDS}
    for key, value in clean.items():
        if isinstance(value, str):
            clean[key] = value.strip() or None
    clean["country"] = (clean["country"] or "").upper()
    if not valid_country(clean["country"]):
        raise DomainError(_("Choose a country from the list."))
    clean["description"] = clean["description"] or ""
    clean["social_links"] = clean["social_links"] or ""
    langs = data.get("languages") or []
    clean["languages"] = ",".join(langs) if isinstance(langs, list | tuple) else langs
    if not clean["name"]:
        raise DomainError(_("Write the organisation's name."))
    clean.update(versions_from_form(data, Organisation.TRANSLATABLE, TEXT_LIMITS))
    return clean


def _alike(a: str, b: str) -> bool:
    # The cheap upper bounds first: most names are rejected without the full comparison.
    matcher = difflib.SequenceMatcher(None, a, b)
    return (matcher.real_quick_ratio() >= 0.85 and matcher.quick_ratio() >= 0.85
            and matcher.ratio() >= 0.85)


DUPLICATE_PREFIX = 1  # "Tajik" and "Tojik" differ in their second letter


def possible_duplicates(name: str, country: str, exclude_id: int | None = None) -> list[int]:
    """Organisations in the same country whose names sound alike in either script."""
    key = phonetic_key(name)
    # Alike names share their beginning: read only those (an index range on country and
    # the key's first letters) instead of every organisation of the country.
    prefix = key[:DUPLICATE_PREFIX]
    rows = db.session.execute(sa.select(Organisation.id, Organisation.name_key).where(
        Organisation.country == country, Organisation.name_key >= prefix,
        Organisation.name_key < prefix + "\U0010ffff", Organisation.status != S.REJECTED))
    found = []
    for org_id, other in rows:
        if org_id == exclude_id:
            continue
        if other == key or _alike(other, key):
            found.append(org_id)
    return found[:10]


def _store_logo(org: Organisation, logo) -> None:
    if logo is None or not getattr(logo, "filename", ""):
        return
    from flask import current_app

    data = uploads.process_image(logo.stream, current_app.config["LOGO_MAX_BYTES"], LOGO_SIDE)
    old = org.logo
    org.logo = uploads.save_image("logos", data)
    db.session.info.setdefault("files_to_delete", []).append(("logos", old))


def register_organisation(user, data: dict, logo=None) -> Organisation:
    """A confirmed member registers an organisation; it waits for review; they own it."""
    if not user.is_confirmed:
        raise NotAllowed(_("Please confirm your email address first."))
    clean = _clean(data)
    org = Organisation(**clean, name_key=phonetic_key(clean["name"]),
                       city_key=phonetic_key(clean["city"]), created_by_id=user.id)
    _store_logo(org, logo)
    org.possible_duplicates = json.dumps(possible_duplicates(org.name, org.country))
    db.session.add(org)
    db.session.flush()
    db.session.add(Membership(organisation_id=org.id, user_id=user.id, role=OrgRole.OWNER,
                              status=MembershipStatus.ACTIVE))
    moderation.submit(org)
    audit.record(user, "organisation.registered", org)
    db.session.commit()
    return org


def update_organisation(user, org: Organisation, data: dict, logo=None) -> str:
    """Save an edit. Returns "saved", "review" (name/kind/country change sent to staff while
    the approved version stays public) or "resubmitted" (a rejected one back in the queue)."""
    if not org.can(user, "edit"):
        raise NotAllowed(_("You cannot edit this organisation."))
    clean = _clean(data)
    reviewed = {f: clean[f] for f in REVIEWED_FIELDS if f in clean
                and clean[f] != getattr(org, f)}
    outcome = "saved"
    if org.status == S.APPROVED and reviewed:
        _propose_change(user, org, clean)
        outcome = "review"
        _description_in(org.language, clean, org)
        for field in REVIEWED_FIELDS:
            clean.pop(field, None)
    changed = sorted(k for k, v in clean.items() if getattr(org, k) != v)
    for key, value in clean.items():
        setattr(org, key, value)
    org.name_key, org.city_key = phonetic_key(org.name), phonetic_key(org.city)
    _store_logo(org, logo)
    if org.status == S.REJECTED:
        org.possible_duplicates = json.dumps(possible_duplicates(org.name, org.country, org.id))
        moderation.submit(org)
        outcome = "resubmitted"
    audit.record(user, "organisation.updated", org, fields=changed, outcome=outcome)
    db.session.commit()
    _delete_replaced_files()
    return outcome


def _description_in(language: str, clean: dict, org: Organisation) -> None:
    """Re-split the edited description around `language` (the public author's language,
    kept until a proposed change of it is approved)."""
    versions = dict(clean["description_translations"] if "description_translations" in clean
                    else org.description_translations or {})
    versions[clean.get("language", org.language)] = clean["description"]
    clean["description"] = versions.pop(language, "") or ""
    clean["description_translations"] = {lang: text for lang, text in versions.items()
                                         if text and lang != language}


def _propose_change(user, org: Organisation, clean: dict) -> None:
    change = db.session.scalar(sa.select(OrganisationChange).where(
        OrganisationChange.organisation_id == org.id, OrganisationChange.status == S.PENDING))
    if change is None:
        change = OrganisationChange(organisation_id=org.id)
        db.session.add(change)
    for field in CHANGE_FIELDS:
        setattr(change, field, clean.get(field, getattr(org, field)))
    change.requested_by_id = user.id
    moderation.submit(change)


def review_new_name_versions(org: Organisation) -> None:
    """After a member's translation is accepted: its description is public at once, as
    the owner's own description edit is; a new version of the name of an approved
    organisation waits for review like any other change of name."""
    history = sa.inspect(org).attrs.name_translations.history
    if org.status != S.APPROVED or not history.deleted:
        return
    proposed = dict(org.name_translations)
    org.name_translations = history.deleted[0]
    change = pending_change(org)
    if change is None:
        change = OrganisationChange(organisation_id=org.id, requested_by_id=org.created_by_id)
        for field in CHANGE_FIELDS:
            setattr(change, field, getattr(org, field))
        db.session.add(change)
    change.name_translations = {**(change.name_translations or {}), **{
        lang: text for lang, text in proposed.items() if lang != change.language}}
    moderation.submit(change)


def pending_change(org: Organisation) -> OrganisationChange | None:
    return db.session.scalar(sa.select(OrganisationChange).where(
        OrganisationChange.organisation_id == org.id, OrganisationChange.status == S.PENDING))


def apply_change(change: OrganisationChange, decision: str) -> None:
    """Moderation hook: an approved change replaces the public name, kind and country."""
    if decision != "approve":
        return
    org = change.organisation
    if change.language != org.language:  # the description follows the author's language
        description = org.versions("description")
        org.description = description.pop(change.language, "")
        org.description_translations = {lang: text for lang, text in description.items()
                                        if lang != change.language}
    for field in CHANGE_FIELDS:
        setattr(org, field, getattr(change, field))
    org.name_key = phonetic_key(org.name)


def _delete_replaced_files() -> None:
    for kind, name in db.session.info.pop("files_to_delete", []):
        uploads.delete_image(kind, name)


def remove_logo(user, org: Organisation) -> None:
    if not org.can(user, "edit"):
        raise NotAllowed(_("You cannot edit this organisation."))
    old, org.logo = org.logo, None
    audit.record(user, "organisation.logo_removed", org)
    db.session.commit()
    uploads.delete_image("logos", old)
