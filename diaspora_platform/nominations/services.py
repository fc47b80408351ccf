"""Nominating a person and the person's answer. A nomination is keyed by its form's
one-time token, so a double submit finds the first one; the consent link's secret is
stored only as its hash, expires and works once."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.accounts.models import User
from diaspora_platform.competitions.models import Edition
from diaspora_platform.database import utcnow
from diaspora_platform.errors import Conflict, DomainError, InvalidToken, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import LANGUAGES, _, valid_country
from diaspora_platform.nominations import endorsement, letters
from diaspora_platform.nominations.models import Consent, Endorsement, Nomination
from diaspora_platform.nominations.queries import (
    acting_office,
    all_endorsing_offices,
    managed_organisations,
    offices_covering,
)
from diaspora_platform.unit_of_work import conditional_update

CONSENT_DAYS = 14
NAME_MAX = 200
STATEMENT_MAX = 10_000


@dataclass
class Proposal:
    """What the nomination form sends; checked again here."""

    client_token: str
    name: str
    email: str
    country: str
    statement: str
    language: str = "tg"
    on_behalf: str = ""  # "org:<id>" or "office"
    office_id: int | None = None  # the endorsing body; None: routed


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _nominator(user, on_behalf: str) -> dict:
    if on_behalf == "office":
        office = acting_office(user)
        if office is None:
            raise NotAllowed(_("Only the staff of an official body, signed in with "
                               "two-factor authentication, nominate on its behalf."))
        return {"nominating_office_id": office.id}
    org_id = on_behalf.removeprefix("org:")
    org = next((o for o in managed_organisations(user) if str(o.id) == org_id), None)
    if org is None:
        raise NotAllowed(_("Only the owner and administrators of a verified organisation "
                           "nominate on its behalf."))
    return {"organisation_id": org.id}


def _check(edition: Edition, p: Proposal) -> dict:
    from email_validator import EmailNotValidError, validate_email  # local: slow to import

    if not edition.takes_nominations:
        raise DomainError(_("This edition does not take nominations."))
    if not edition.accepts_entries():
        raise DomainError(_("The deadline has passed: nominations are closed."))
    name = " ".join(p.name.split())
    if not name or len(name) > NAME_MAX:
        raise DomainError(_("Give the person's name (at most %(max)d characters).",
                            max=NAME_MAX))
    try:
        email = validate_email(p.email.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise DomainError(_("Enter a valid email address, like name@example.com.")) from exc
    if not valid_country(p.country):
        raise DomainError(_("Choose a country from the list."))
    statement = (p.statement or "").strip()
    if len(statement) < 20 or len(statement) > STATEMENT_MAX:
        raise DomainError(_("Say why you nominate this person: between %(min)d and %(max)d "
                            "characters.", min=20, max=STATEMENT_MAX))
    offices = offices_covering(p.country)
    if p.office_id:
        office = next((o for o in offices if o.id == p.office_id), None)
        if office is None:
            raise DomainError(_("Choose an embassy or consulate that covers the country "
                                "where the person lives."))
    elif edition.endorsement_required and not offices:
        raise DomainError(_("No embassy or consulate covering this country is listed yet, "
                            "so the nomination cannot be endorsed. Write to the Council."))
    else:
        office = offices[0] if offices else None
    return {"nominee_name": name, "nominee_email": email.lower(), "country": p.country,
            "statement": statement, "office_id": office.id if office else None,
            "language": p.language if p.language in LANGUAGES else "tg"}


def _new_link(nomination: Nomination) -> str:
    secret = secrets.token_urlsafe(32)
    nomination.consent_hash = secret_hash(secret)
    nomination.consent_expires_at = utcnow() + timedelta(days=CONSENT_DAYS)
    return secret


def nominate_person(user, edition: Edition, p: Proposal) -> tuple[Nomination, bool]:
    """Record a nomination and send the person their consent link; returns (nomination,
    created). The same form sent twice returns the first nomination."""
    existing = db.session.scalar(sa.select(Nomination).where(
        Nomination.client_token == p.client_token))
    if existing is not None and existing.nominator_id == user.id:
        return existing, False
    who = _nominator(user, p.on_behalf)
    clean = _check(edition, p)
    if db.session.scalar(sa.select(Nomination.id).where(
            Nomination.edition_id == edition.id,
            Nomination.nominee_email == clean["nominee_email"])):
        raise Conflict(_("This person is already nominated for this edition."))
    nomination = Nomination(edition_id=edition.id, nominator_id=user.id,
                            client_token=p.client_token, **who, **clean)
    secret = _new_link(nomination)
    db.session.add(nomination)
    try:
        db.session.flush()
    except sa.exc.IntegrityError as exc:  # the same form, or the same person, at once
        db.session.rollback()
        raise Conflict(_("This person is already nominated for this edition.")) from exc
    audit.record(user, "nomination.created", nomination, edition=edition.id,
                 office=nomination.office_id)
    db.session.commit()
    letters.ask_consent(nomination, secret)
    return nomination, True


def resend_link(user, nomination: Nomination) -> None:
    """A new consent link (the old one stops working), while the person has not answered."""
    if nomination.nominator_id != user.id:
        raise NotAllowed(_("Only the nominator can send the link again."))
    if nomination.consent != Consent.PENDING:
        raise DomainError(_("The person has already answered."))
    if nomination.withdrawn_at is not None:
        raise DomainError(_("The nomination was withdrawn."))
    secret = _new_link(nomination)
    audit.record(user, "nomination.link_resent", nomination)
    db.session.commit()
    letters.ask_consent(nomination, secret)


def by_secret(secret: str) -> Nomination | None:
    if not secret or len(secret) > 64:
        return None
    return db.session.scalar(sa.select(Nomination).where(
        Nomination.consent_hash == secret_hash(secret)))


def usable(nomination: Nomination | None) -> Nomination:
    """The nomination behind a consent link, or InvalidToken saying why it cannot be used."""
    if nomination is None:
        raise InvalidToken(_("This link is not valid. Ask the person who nominated you for "
                             "a new one."))
    if nomination.withdrawn_at is not None:
        raise InvalidToken(_("The nomination was withdrawn: there is nothing to answer."))
    if nomination.consent != Consent.PENDING:
        raise InvalidToken(_("This link was already used: your answer is recorded."))
    if nomination.consent_expires_at is None or nomination.consent_expires_at <= utcnow():
        raise InvalidToken(_("This link has expired. Ask the person who nominated you to "
                             "send a new one."))
    return nomination


def answer_nomination(user, nomination: Nomination | None, agree: bool) -> Nomination:
    """The person consents or declines, once; a consent moves the nomination on."""
    nomination = usable(nomination)
    # The entry is the account's whose confirmed address the link was mailed to (whoever
    # happens to be signed in on the browser that opens it).
    account = db.session.scalar(sa.select(User).where(
        sa.func.lower(User.email) == nomination.nominee_email, User.confirmed_at.isnot(None)))
    conditional_update(
        nomination, Nomination.consent == Consent.PENDING, Nomination.withdrawn_at.is_(None),
        conflict=_("This link was already used: your answer is recorded."),
        consent=Consent.GIVEN if agree else Consent.DECLINED, consent_at=utcnow(),
        nominee_user_id=account.id if account is not None else None)
    audit.record(user if getattr(user, "is_authenticated", False) else None,
                 "nomination.consented" if agree else "nomination.declined", nomination)
    letters.tell_nominator(nomination)
    if agree:
        endorsement.move_on(nomination)
        letters.ask_office(nomination)
    db.session.commit()
    return nomination


# Undecided: what the nominator saw as open, still open when the change is written.
UNDECIDED = (Nomination.withdrawn_at.is_(None), Nomination.consent != Consent.DECLINED,
             Nomination.endorsement == Endorsement.PENDING, Nomination.entry_id.is_(None))
CHANGED = _("This nomination changed a moment ago: nothing was done. Reload the page to "
            "see where it stands.")


def withdraw_nomination(user, nomination: Nomination) -> None:
    """The nominator takes back a nomination not yet decided: the person's link stops
    working and the embassy or consulate that had it to decide on is told."""
    if nomination.nominator_id != user.id:
        raise NotAllowed(_("Only the nominator can withdraw the nomination."))
    if not nomination.is_open:
        raise DomainError(_("This nomination is already decided: it can no longer be "
                            "withdrawn."))
    conditional_update(nomination, *UNDECIDED, conflict=CHANGED, withdrawn_at=utcnow(),
                       withdrawn_by_id=user.id)
    audit.record(user, "nomination.withdrawn", nomination, office=nomination.office_id)
    if nomination.consent == Consent.GIVEN:  # the office has it in its list
        letters.tell_office(nomination, nomination.office_id, "nomination.withdrawn")
    db.session.commit()


def reroute_nomination(staff, nomination: Nomination, office_id: int | None) -> None:
    """Council staff send an undecided nomination to another embassy or consulate (the
    one chosen was wrong, or has closed); both offices are told."""
    if not getattr(staff, "acts_as_staff", False):
        raise NotAllowed(_("Only Council staff route a nomination to another office."))
    if not nomination.is_open:
        raise DomainError(_("This nomination is already decided: it can no longer go to "
                            "another office."))
    office = next((body for body in all_endorsing_offices() if body.id == office_id), None)
    if office is None:
        raise DomainError(_("Choose an embassy or consulate from the list."))
    previous = nomination.office_id
    if office.id == previous:
        raise DomainError(_("The nomination already goes to this office."))
    conditional_update(nomination, *UNDECIDED, Nomination.office_id.is_(None)
                       if previous is None else Nomination.office_id == previous,
                       conflict=CHANGED, office_id=office.id)
    db.session.expire(nomination, ["office"])
    audit.record(staff, "nomination.rerouted", nomination, office=office.id,
                 previous_office=previous)
    if nomination.consent == Consent.GIVEN:
        letters.tell_office(nomination, previous, "nomination.moved")
        letters.ask_office(nomination)
    db.session.commit()
