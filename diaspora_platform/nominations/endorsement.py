"""The embassy or consulate of the person's country endorses or declines a consented
nomination, with a note; a nomination consented (and endorsed where the edition requires
it) becomes an entry of the edition, checked for eligibility like any other."""

from __future__ import annotations

import json

from diaspora_platform import audit
from diaspora_platform.competitions.models import EditionState, Entry
from diaspora_platform.database import ModerationStatus, utcnow
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _
from diaspora_platform.moderation import services as moderation
from diaspora_platform.nominations import letters
from diaspora_platform.nominations.models import Consent, Endorsement, Nomination
from diaspora_platform.nominations.queries import without_name
from diaspora_platform.official.accounts import acting_office_id
from diaspora_platform.unit_of_work import conditional_update

NOTE_MAX = 2000


def can_endorse(user, nomination: Nomination) -> bool:
    """Only an account of the body the nomination is routed to, with its second factor."""
    office_id = acting_office_id(user)
    return office_id is not None and office_id == nomination.office_id


def move_on(nomination: Nomination) -> Entry | None:
    """Enter the nomination once nothing it needs is missing (the caller commits)."""
    edition = nomination.edition
    if nomination.entry_id is not None or nomination.consent != Consent.GIVEN:
        return None
    if edition.endorsement_required and nomination.endorsement != Endorsement.ENDORSED:
        return None
    if nomination.endorsement == Endorsement.DECLINED:
        return None
    user_id = nomination.nominee_user_id
    name, statement = nomination.nominee_name, nomination.statement
    if edition.blind:  # judges read the entry: neither its title nor its text names them
        name, statement = f"#{nomination.id}", without_name(statement, name)
    entry = Entry(edition_id=edition.id, user_id=user_id,
                  entrant_key=f"user:{user_id}" if user_id else f"nomination:{nomination.id}",
                  entrant_name=nomination.nominee_name, country=nomination.country,
                  title=name, statement=statement,
                  answers_json=json.dumps([""] * len(edition.questions)),
                  status=ModerationStatus.DRAFT)
    db.session.add(entry)
    moderation.submit(entry)  # the Council checks eligibility, as for any entry
    db.session.flush()
    nomination.entry_id = entry.id
    audit.record(None, "competition.entry_nominated", entry, nomination=nomination.id)
    return entry


def endorse_nomination(user, nomination: Nomination, endorse: bool, note: str) -> bool:
    """Record the office's decision; returns False when it was already the same decision
    (a second click changes nothing)."""
    if not can_endorse(user, nomination):
        raise NotAllowed(_("Only the embassy or consulate this nomination was sent to can "
                           "decide on it."))
    decision = Endorsement.ENDORSED if endorse else Endorsement.DECLINED
    if nomination.endorsement == decision:
        return False
    if nomination.withdrawn_at is not None:
        raise DomainError(_("The nominator withdrew this nomination."))
    if nomination.consent != Consent.GIVEN:
        raise DomainError(_("The person has not consented yet."))
    if nomination.edition.state not in (EditionState.OPEN, EditionState.CLOSED):
        raise DomainError(_("Judging has begun: the nomination can no longer change."))
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise DomainError(_("A note may have at most %(max)d characters.", max=NOTE_MAX))
    if not endorse and not note:
        raise DomainError(_("Say why you decline: the nominator reads the note."))
    conditional_update(nomination, Nomination.endorsement == Endorsement.PENDING,
                       Nomination.withdrawn_at.is_(None),
                       Nomination.office_id == nomination.office_id,
                       conflict=_("This nomination was already decided."),
                       endorsement=decision, endorsement_note=note, endorsed_at=utcnow(),
                       endorsed_by_id=user.id)
    audit.record(user, "nomination.endorsed" if endorse else "nomination.not_endorsed",
                 nomination, office=nomination.office_id)
    move_on(nomination)
    letters.tell_nominator(nomination)
    db.session.commit()
    return True
