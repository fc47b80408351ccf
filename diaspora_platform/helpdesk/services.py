"""Filing a help request (no account needed) and what the person does afterwards through
their private link. The link's secret is derived from the form's one-time token, so a
double submit finds the same request and shows the same link."""

from __future__ import annotations

import hashlib
import hmac
import re
from base64 import urlsafe_b64encode
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app

from diaspora_platform.database import utcnow
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.helpdesk import attachments, routing
from diaspora_platform.helpdesk.channels import tell_person
from diaspora_platform.helpdesk.models import HelpMessage, HelpRequest
from diaspora_platform.helpdesk.vocabulary import Category, FiledAs, Status
from diaspora_platform.i18n import LANGUAGES, _, valid_country
from diaspora_platform.links import external_url
from diaspora_platform.official.services import normalise_phone
from diaspora_platform.organisations.models import Organisation

STORY_MAX = 10_000
MESSAGE_MAX = 5_000
NAME_MAX = 120
HANDLE_MAX = 80


@dataclass
class Filing:
    """What the form sends; the service checks all of it again."""

    client_token: str
    category: str
    country: str
    name: str
    story: str
    city: str = ""
    phone: str = ""
    messenger: str = ""
    email: str = ""
    language: str = "tg"
    filed_as: str = FiledAs.SELF
    organisation_id: int | None = None
    consent: bool = False
    files: list = field(default_factory=list)


def secret_for(client_token: str) -> str:
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(),
                      b"helpdesk-link:" + client_token.encode(), hashlib.sha256).digest()
    return urlsafe_b64encode(digest).decode().rstrip("=")


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def link_for(secret: str) -> str:
    return external_url("helpdesk.status", secret=secret)


def phone_number(raw: str) -> str:
    """Any common writing of an international number: '+992 93-000 00 00',
    '00992930000000', '(+7) 917 000 0000'."""
    value = re.sub(r"[\s()\-./]", "", raw or "")
    if value.startswith("00"):
        value = "+" + value[2:]
    if value and not value.startswith("+"):
        raise DomainError(_("Give the phone number with its country code, like "
                            "+992 93 000 0000 or +7 917 000 0000."))
    return normalise_phone(value)


def _check_contact(f: Filing) -> dict:
    phone = phone_number(f.phone) if f.phone.strip() else None
    messenger = f.messenger.strip()[:HANDLE_MAX] or None
    if not (phone or messenger):
        raise DomainError(_("Give a phone number or a messenger name so that we can reach "
                            "you."))
    return {"phone": phone, "messenger": messenger, "email": f.email.strip() or None}


def _check_behalf(user, f: Filing) -> int | None:
    if f.filed_as not in set(FiledAs):
        raise DomainError(_("Choose who is asking."))
    if f.filed_as != FiledAs.SELF and not f.consent:
        raise DomainError(_("Confirm that the person agrees to this request."))
    if f.filed_as != FiledAs.ORGANISATION:
        return None
    org = db.session.get(Organisation, f.organisation_id or 0)
    if org is None or not org.can(user, "edit"):
        raise NotAllowed(_("Only an organisation's owner, administrators and editors can "
                           "ask on its behalf."))
    return org.id


def _check(user, f: Filing) -> dict:
    if f.category not in set(Category):
        raise DomainError(_("Choose what happened."))
    if not valid_country(f.country):
        raise DomainError(_("Choose a country from the list."))
    if not f.name.strip() or len(f.name) > NAME_MAX:
        raise DomainError(_("Give a name of at most %(max)d characters.", max=NAME_MAX))
    if not f.story.strip():
        raise DomainError(_("Tell us what happened."))
    if len(f.story) > STORY_MAX:
        raise DomainError(_("Your story is %(length)d characters long; at most %(max)d fit. "
                            "Shorten it, or send the rest as a message afterwards.",
                            length=len(f.story), max=STORY_MAX))
    return {**_check_contact(f), "organisation_id": _check_behalf(user, f)}


def file_request(user, f: Filing) -> tuple[HelpRequest, str, bool]:
    """Save and route a request; returns (request, secret, created). A second submit
    of the same form returns the first request and the same secret."""
    secret = secret_for(f.client_token)
    existing = db.session.scalar(sa.select(HelpRequest).where(
        HelpRequest.client_token == f.client_token))
    if existing is not None:
        return existing, secret, False
    clean = _check(user, f)
    stored = attachments.checked(f.files)
    office = routing.responsible_office(f.country, f.city, f.category)
    req = HelpRequest(
        category=f.category, country=f.country, city=f.city.strip()[:100] or None,
        name=f.name.strip(), story=f.story, filed_as=f.filed_as,
        language=f.language if f.language in LANGUAGES else "tg",
        consent_at=utcnow() if f.filed_as != FiledAs.SELF else None,
        office_id=office.id if office else None, token_hash=token_hash(secret),
        client_token=f.client_token, attachments=stored, **clean)
    db.session.add(req)
    try:
        db.session.flush()
        routing.tell_office(req)
        db.session.commit()
    except sa.exc.IntegrityError:  # the same form, sent twice at once
        db.session.rollback()
        return file_request(user, f)
    tell_person(req, link_for(secret))
    return req, secret, True


def by_secret(secret: str) -> HelpRequest | None:
    if not secret or len(secret) > 64:
        return None
    return db.session.scalar(sa.select(HelpRequest).where(
        HelpRequest.token_hash == token_hash(secret)))


def check_message(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Write a message first."))
    if len(body) > MESSAGE_MAX:
        raise DomainError(_("A message may have at most %(max)d characters.", max=MESSAGE_MAX))
    return body


def person_writes(req: HelpRequest, body: str, files=()) -> HelpMessage:
    """The person answers through their link; a request waiting for them moves on."""
    body = check_message(body)
    if req.is_closed:
        raise DomainError(_("This request is closed. File a new one if you need help again."))
    req.attachments.extend(attachments.checked(list(files)))
    message = HelpMessage(request=req, from_person=True, body=body)
    db.session.add(message)
    if req.status == Status.WAITING:
        req.status = Status.IN_PROGRESS
    db.session.commit()
    return message
