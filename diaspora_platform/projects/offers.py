"""Offers of expertise: an expert offers help on some of a project's needed skills; the
owner accepts (a place of each skill is taken, and both sides see each other's contacts)
or declines with a reason; the expert may withdraw; unanswered offers expire.

Every change of state is a conditional update (`WHERE status = 'pending'`), so two
clicks, two owners or the expiry command racing an answer record exactly one outcome.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from diaspora_platform import audit
from diaspora_platform.accounts.models import User
from diaspora_platform.database import utcnow
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _, ngettext
from diaspora_platform.notifications.services import notify
from diaspora_platform.projects import (
    queries,
)
from diaspora_platform.projects.models import (
    Mode,
    Offer,
    OfferEvent,
    OfferSkill,
    OfferStatus,
    Project,
    ProjectSkill,
)
from diaspora_platform.unit_of_work import conditional_update

MAX_MESSAGE = 3000
MAX_REASON = 1000


def _profile(user):
    from diaspora_platform.projects.match_queries import profile_of

    return profile_of(user)


def _check_can_offer(user, project: Project) -> None:
    if not user.is_confirmed:
        raise NotAllowed(_("Please confirm your email address first."))
    if project.can_manage(user):
        raise NotAllowed(_("You cannot offer help on your own project."))
    if _profile(user) is None:
        raise NotAllowed(_("Create your expert profile first: it tells the project's owner "
                           "what you can do."))
    if not project.is_open_for_offers(queries.today()):
        raise DomainError(_("This project is not open for offers."))


def _needs(project: Project, skill_keys) -> list[ProjectSkill]:
    keys = list(dict.fromkeys(k for k in skill_keys or [] if k))
    if not keys:
        raise DomainError(_("Choose at least one of the skills the project needs."))
    by_key = {need.skill: need for need in project.skills}
    unknown = [k for k in keys if k not in by_key]
    if unknown:
        raise DomainError(_("Unknown skill: choose among the skills this project needs."))
    needs = [by_key[k] for k in keys]
    filled = [need.label for need in needs if need.is_filled]
    if filled:
        raise DomainError(_("These places are already filled: %(skills)s.",
                            skills=", ".join(filled)))
    return needs


def _log(offer: Offer, status: str, actor, note: str | None = None) -> None:
    db.session.add(OfferEvent(offer_id=offer.id, status=status,
                              actor_id=getattr(actor, "id", None), note=note or None))
    audit.record(actor, f"offer.{status}", offer, project=offer.project_id,
                 **({"reason": note} if note and status == OfferStatus.DECLINED else {}))


def _too_many(limit: int) -> DomainError:
    return DomainError(ngettext("You have %(max)d offer waiting for an answer, the most allowed. "
                                "Withdraw it or wait for the answer.",
                                "You have %(max)d offers waiting for an answer, the most allowed. "
                                "Withdraw one or wait for the answers.", limit, max=limit))


def make_offer(user, project: Project, data: dict) -> Offer:
    """Offer help; refused on own or closed projects, unknown or filled skills, a second
    open offer on the same project, or beyond the limit of open offers."""
    _check_can_offer(user, project)
    needs = _needs(project, data.get("skills"))
    if queries.active_offer(user, project) is not None:
        raise Conflict(_("You already have an open offer on this project."))
    limit = current_app.config["PROJECT_OPEN_OFFERS_LIMIT"]
    if queries.open_offer_count(user) >= limit:
        raise _too_many(limit)
    hours, mode = data.get("hours_per_month"), data.get("mode")
    if not isinstance(hours, int) or not 1 <= hours <= 200:
        raise DomainError(_("Give the hours a month as a number between 1 and 200."))
    if mode not in set(Mode):
        raise DomainError(_("Choose how you would work from the list."))
    message = (data.get("message") or "").strip()
    if len(message) > MAX_MESSAGE:
        raise DomainError(ngettext("The message can have at most %(max)d character.",
                                   "The message can have at most %(max)d characters.",
                                   MAX_MESSAGE, max=MAX_MESSAGE))
    days, now = current_app.config["PROJECT_OFFER_EXPIRY_DAYS"], utcnow()
    offer = Offer(project_id=project.id, expert_id=user.id, hours_per_month=hours, mode=mode,
                  message=message, created_at=now, expires_at=now + timedelta(days=days),
                  skills=[OfferSkill(skill_id=need.id) for need in needs])
    # One expert's offers are made one at a time, so that two made at the same instant on
    # different projects cannot both pass the limit: PostgreSQL locks the expert's row;
    # on SQLite the INSERT below holds the single write lock until the commit.
    db.session.execute(sa.select(User.id).where(User.id == user.id).with_for_update())
    db.session.add(offer)
    try:
        db.session.flush()  # the partial unique index settles a race of two submits
    except sa.exc.IntegrityError as exc:
        db.session.rollback()
        raise Conflict(_("You already have an open offer on this project.")) from exc
    if queries.open_offer_count(user) > limit:  # counted with this offer, under the lock
        db.session.rollback()
        raise _too_many(limit)
    _log(offer, OfferStatus.PENDING, user)
    for owner in queries.owners(project):
        notify(owner, "projects.offer_received", link=f"/projects/offers/{offer.id}",
               expert=user.display_name, title=project.title, days=days)
    db.session.commit()
    return offer


def _transition(offer: Offer, to_status: str, from_statuses, actor) -> None:
    conditional_update(offer, Offer.status.in_([str(s) for s in from_statuses]),
                       status=str(to_status), decided_at=utcnow(),
                       decided_by_id=getattr(actor, "id", None), conflict=_(
                           "This offer was already answered, withdrawn or expired. Nothing "
                           "was changed."))


def _take_places(offer: Offer) -> int:
    """Count the offer against each of its skills that still has a place."""
    taken = 0
    for item in offer.skills:
        if conditional_update(item.need, ProjectSkill.accepted < ProjectSkill.experts_needed,
                              accepted=ProjectSkill.accepted + 1, conflict=False):
            item.counted = True
            taken += 1
    return taken


def accept_offer(user, offer: Offer) -> None:
    """Accept: only the project's owner; contacts become visible to both sides."""
    if not offer.project.can_manage(user):
        raise NotAllowed(_("Only the project's owner can answer offers."))
    _transition(offer, OfferStatus.ACCEPTED, (OfferStatus.PENDING,), user)
    if not _take_places(offer):
        db.session.rollback()
        raise Conflict(_("All the places this offer is for are already filled. Decline it "
                         "or add places to the project first."))
    _log(offer, OfferStatus.ACCEPTED, user)
    notify(offer.expert, "projects.offer_accepted", link=f"/projects/offers/{offer.id}",
           title=offer.project.title)
    db.session.commit()


def decline_offer(user, offer: Offer, reason: str) -> None:
    if not offer.project.can_manage(user):
        raise NotAllowed(_("Only the project's owner can answer offers."))
    reason = (reason or "").strip()
    if not 3 <= len(reason) <= MAX_REASON:
        raise DomainError(ngettext("Tell the expert why, in a few words (at most %(max)d "
                                   "character).",
                                   "Tell the expert why, in a few words (at most %(max)d "
                                   "characters).", MAX_REASON, max=MAX_REASON))
    _transition(offer, OfferStatus.DECLINED, (OfferStatus.PENDING,), user)
    offer.decline_reason = reason
    _log(offer, OfferStatus.DECLINED, user, reason)
    notify(offer.expert, "projects.offer_declined", link=f"/projects/offers/{offer.id}",
           title=offer.project.title, reason=reason)
    db.session.commit()


def _free_places(offer: Offer) -> None:
    for item in offer.skills:
        if item.counted:
            conditional_update(item.need, ProjectSkill.accepted > 0,
                               accepted=ProjectSkill.accepted - 1, conflict=False)
            item.counted = False


def withdraw_offer(user, offer: Offer) -> None:
    """The expert takes back a pending offer, or steps back from an accepted one (its
    places open again)."""
    if not offer.is_expert(user):
        raise NotAllowed(_("Only the expert who made an offer can withdraw it."))
    was_accepted = offer.is_accepted
    _transition(offer, OfferStatus.WITHDRAWN, (OfferStatus.PENDING, OfferStatus.ACCEPTED),
                user)
    if was_accepted:
        _free_places(offer)
    _log(offer, OfferStatus.WITHDRAWN, user)
    for owner in queries.owners(offer.project):
        notify(owner, "projects.offer_withdrawn", link=f"/projects/offers/{offer.id}",
               expert=user.display_name, title=offer.project.title)
    db.session.commit()


def expire_offers(now=None) -> int:
    """Expire pending offers past their answer time and tell the expert (and the owners).
    Safe to run at any time and from several machines: each offer expires once."""
    now = now or utcnow()
    expired = 0
    while batch := queries.expired_candidates(now):
        for offer in batch:
            if not conditional_update(offer, Offer.status == OfferStatus.PENDING,
                                      status=OfferStatus.EXPIRED, decided_at=now,
                                      conflict=False):
                continue
            expired += 1
            _log(offer, OfferStatus.EXPIRED, None)
            link = f"/projects/offers/{offer.id}"
            notify(offer.expert, "projects.offer_expired", link=link, title=offer.project.title)
            for owner in queries.owners(offer.project):
                notify(owner, "projects.offer_expired_owner", link=link, email=False,
                       expert=offer.expert.display_name, title=offer.project.title)
        db.session.commit()
        db.session.expire_all()
    return expired
