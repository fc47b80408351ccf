"""Proposing, accepting and declining a missing language version of a public text. Each
operation checks the rules again, writes the audit log and commits once."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.database import utcnow
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.forms import TOO_LONG
from diaspora_platform.i18n import LANGUAGES, _
from diaspora_platform.translations import registry
from diaspora_platform.translations.models import ProposalStatus, TranslationProposal

TEXT_MAX = 20_000


def load_target(key: str, object_id: int):
    """(type, item) or (type or None, None) when the item is gone."""
    kind = registry.get(key)
    item = db.session.get(kind.model, object_id) if kind is not None else None
    return kind, item


def _clean(item, texts: dict) -> dict[str, str]:
    """The proposal's text per field: the first (title, name) is needed, and every part
    the original has must be translated."""
    clean = {field: (texts.get(field) or "").strip() for field in item.TRANSLATABLE}
    if not any(clean.values()):
        raise DomainError(_("The proposal is empty: write the text in the language you "
                            "chose."))
    for field, text in clean.items():
        if not text and item.versions(field):
            raise DomainError(_("Translate every part of the text, not only some of it."))
        if len(text) > TEXT_MAX:
            raise DomainError(TOO_LONG % {"max": TEXT_MAX})
    return clean


def propose_translation(user, key: str, object_id: int, lang: str,
                        texts: dict) -> TranslationProposal:
    """A member's version of a public text in a language it lacks, for its owner to decide."""
    if not user.is_confirmed:
        raise NotAllowed(_("Please confirm your email address first."))
    kind, item = load_target(key, object_id)
    if item is None or not kind.is_public(item):
        raise DomainError(_("This text is no longer on the site, so it cannot be "
                            "translated."))
    if lang not in LANGUAGES:
        raise DomainError(_("Choose one of the platform's languages."))
    if lang in item.text_languages:
        raise Conflict(_("This text already has a version in that language."))
    clean = _clean(item, texts)
    if db.session.scalar(sa.select(TranslationProposal.id).where(
            TranslationProposal.content_type == key, TranslationProposal.object_id == item.id,
            TranslationProposal.language == lang, TranslationProposal.proposer_id == user.id,
            TranslationProposal.status == ProposalStatus.PENDING)):
        raise Conflict(_("You have already proposed this version; it is waiting for a "
                         "decision."))
    proposal = TranslationProposal(content_type=key, object_id=item.id, language=lang,
                                   texts=clean, proposer_id=user.id)
    db.session.add(proposal)
    db.session.flush()
    audit.record(user, "translation.proposed", proposal, content_type=key,
                 object_id=item.id, language=lang)
    db.session.commit()
    return proposal


def _decidable(user, proposal: TranslationProposal):
    """The proposal's type and item, once the user may decide on it."""
    if proposal.status != ProposalStatus.PENDING:
        raise Conflict(_("This proposal has already been decided."))
    kind, item = load_target(proposal.content_type, proposal.object_id)
    if item is None:
        if getattr(user, "acts_as_staff", False):
            return kind, None
        raise DomainError(_("The text this proposal was for is no longer on the site."))
    if not kind.can_decide(user, item):
        raise NotAllowed(_("Only the text's owner or Council staff can decide on this "
                           "proposal."))
    return kind, item


def _close(user, proposal: TranslationProposal, status: ProposalStatus) -> None:
    proposal.status = status
    proposal.decided_by_id = user.id
    proposal.decided_at = utcnow()


def accept_translation(user, proposal: TranslationProposal, texts: dict | None = None) -> None:
    """Add the proposed version (as the owner may have edited it) to the text; the change
    goes through the same review as the owner's own edits."""
    kind, item = _decidable(user, proposal)
    if item is None:
        raise DomainError(_("The text this proposal was for is no longer on the site."))
    clean = _clean(item, texts if texts is not None else proposal.texts)
    lang = proposal.language
    item.set_texts({field: {**item.versions(field), lang: text}
                    for field, text in clean.items()})
    edited = clean != proposal.texts
    proposal.texts = clean
    _close(user, proposal, ProposalStatus.ACCEPTED)
    kind.after_change(item)
    audit.record(user, "translation.accepted", proposal, content_type=proposal.content_type,
                 object_id=proposal.object_id, language=lang, edited=edited)
    db.session.commit()


def decline_translation(user, proposal: TranslationProposal) -> None:
    _decidable(user, proposal)
    _close(user, proposal, ProposalStatus.DECLINED)
    audit.record(user, "translation.declined", proposal, content_type=proposal.content_type,
                 object_id=proposal.object_id, language=proposal.language)
    db.session.commit()
