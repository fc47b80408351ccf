"""Entries: who may enter what, drafts, attachments, submission before the deadline (the
server's clock decides, whenever the form was opened) and withdrawal."""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from werkzeug.utils import secure_filename

from diaspora_platform import audit, uploads
from diaspora_platform.competitions.models import (
    Attachment,
    Edition,
    EntrantType,
    Entry,
)
from diaspora_platform.database import ModerationStatus, utcnow
from diaspora_platform.directory.models import Place
from diaspora_platform.directory.vocabulary import Operating
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _, ngettext
from diaspora_platform.moderation import services as moderation
from diaspora_platform.notifications.services import notify
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.organisations.queries import editable_by

IMAGE_SIDE = 2400
PDF_TAIL = 2048


@dataclass(frozen=True)
class Entrant:
    key: str  # "user:3", "org:5", "place:7": what the per-entrant limit counts
    name: str
    organisation_id: int | None = None
    place_id: int | None = None
    country: str = ""


def entrants_for(user, edition: Edition) -> list[Entrant]:
    """What this user may enter in this edition's competition."""
    kind = edition.competition.entrant_type
    person = Entrant(f"user:{user.id}", user.display_name,
                     country=user.public_value("country") or "")
    orgs = editable_by(user, (ModerationStatus.APPROVED,))
    as_orgs = [Entrant(f"org:{o.id}", o.name, o.id, country=o.country) for o in orgs]
    if kind == EntrantType.PERSON:
        return [person]
    if kind == EntrantType.ORGANISATION:
        return as_orgs
    if kind == EntrantType.INITIATIVE:
        return [person, *as_orgs]
    places = db.session.scalars(sa.select(Place).where(
        Place.organisation_id.in_([o.id for o in orgs] or [-1]), Place.kind == kind,
        Place.status == ModerationStatus.APPROVED, Place.operating != Operating.CLOSED)
        .order_by(Place.name))
    return [Entrant(f"place:{p.id}", p.name, p.organisation_id, p.id, p.country)
            for p in places]


def _open(edition: Edition) -> None:
    if not edition.accepts_entries():
        raise DomainError(_("The deadline has passed: entries can no longer be created, "
                            "changed or submitted."))


def can_manage(user, entry: Entry) -> bool:
    """The author, or a manager of the entering organisation."""
    if not getattr(user, "is_authenticated", False):
        return False
    if entry.user_id == user.id:
        return True
    if entry.organisation_id:
        org = db.session.get(Organisation, entry.organisation_id)
        return org is not None and org.can(user, "edit")
    return False


def can_read(user, entry: Entry) -> bool:
    """Entrants and staff read an entry; everybody once it is ranked in published results.
    (Judges read it through their assignment, which hides the entrant in blind editions.)"""
    if entry.edition.results_public and entry.rank is not None:
        return True
    return can_manage(user, entry) or bool(getattr(user, "acts_as_staff", False))


def _answers(edition: Edition, answers: list[str]) -> str:
    clean = [(a or "").strip()[:5000] for a in answers[:len(edition.questions)]]
    clean += [""] * (len(edition.questions) - len(clean))
    return json.dumps(clean, ensure_ascii=False)


def refuse_self_entry(edition: Edition) -> None:
    if not edition.self_entry:
        raise NotAllowed(_("This edition takes nominations only: people cannot enter "
                           "themselves. An organisation or an official body can nominate "
                           "you."))


def create_entry(user, edition: Edition, entrant_key: str, data: dict) -> Entry:
    refuse_self_entry(edition)
    _open(edition)
    if not user.is_confirmed:
        raise NotAllowed(_("Please confirm your email address first."))
    entrant = next((e for e in entrants_for(user, edition) if e.key == entrant_key), None)
    if entrant is None:
        raise NotAllowed(_("You cannot enter this competition on behalf of that entrant."))
    used = db.session.scalar(sa.select(sa.func.count(Entry.id)).where(
        Entry.edition_id == edition.id, Entry.entrant_key == entrant.key,
        Entry.withdrawn_at.is_(None)))
    if used >= edition.max_entries:
        raise DomainError(_("%(name)s already has the most entries this edition allows "
                            "(%(max)d).", name=entrant.name, max=edition.max_entries))
    entry = Entry(edition_id=edition.id, user_id=user.id, entrant_key=entrant.key,
                  entrant_name=entrant.name, organisation_id=entrant.organisation_id,
                  place_id=entrant.place_id, country=entrant.country,
                  title=data["title"].strip(), statement=data.get("statement") or "",
                  answers_json=_answers(edition, data.get("answers") or []),
                  status=ModerationStatus.DRAFT)
    db.session.add(entry)
    db.session.flush()
    audit.record(user, "competition.entry_created", entry, edition=edition.id)
    db.session.commit()
    return entry


def _editable(user, entry: Entry) -> None:
    if not can_manage(user, entry):
        raise NotAllowed(_("You cannot change this entry."))
    if not entry.is_draft:
        raise DomainError(_("A submitted entry cannot be changed. Withdraw it and enter "
                            "again if the edition allows it."))
    _open(entry.edition)


def update_entry(user, entry: Entry, data: dict) -> None:
    _editable(user, entry)
    entry.title = data["title"].strip()
    entry.statement = data.get("statement") or ""
    entry.answers_json = _answers(entry.edition, data.get("answers") or [])
    db.session.commit()


def attachments(entry: Entry) -> list[Attachment]:
    return list(db.session.scalars(sa.select(Attachment).where(
        Attachment.entry_id == entry.id).order_by(Attachment.id)))


def _check_pdf(data: bytes) -> None:
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-PDF_TAIL:]:
        raise DomainError(_("This file is not a PDF we can read. Use a PDF or an image."))


def add_attachment(user, entry: Entry, upload, required_index: int | None) -> Attachment:
    """A PDF (checked by its structure; in a blind edition rewritten without its
    metadata) or an image (re-encoded, so without its metadata); the original name is
    kept for the author only: judges download it under a neutral name."""
    _editable(user, entry)
    edition = entry.edition
    existing = attachments(entry)
    if required_index is not None:
        if not 0 <= required_index < len(edition.required_attachments):
            raise DomainError(_("Choose from the list."))
        label = edition.required_attachments[required_index]
        for old in (a for a in existing if a.required_index == required_index):
            _delete_file(old)
            db.session.delete(old)
    else:
        optional = [a for a in existing if a.required_index is None]
        if len(optional) >= edition.optional_attachments:
            raise DomainError(ngettext("This edition allows at most %(max)d additional file.",
                                       "This edition allows at most %(max)d additional files.",
                                       edition.optional_attachments,
                                       max=edition.optional_attachments))
        label = ""
    limit = current_app.config["ATTACHMENT_MAX_BYTES"]
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise DomainError(_("The file is too large: at most %(mb).1f MB.",
                            mb=limit / 1024 / 1024))
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        if edition.blind:  # the file's properties would name its author to the judges
            data = uploads.pdf_without_metadata(data)
        media_type = "application/pdf"
    else:
        import io

        data = uploads.process_image(io.BytesIO(data), limit, IMAGE_SIDE)
        media_type = "image/webp"
    stored = uploads.save_file("entries", data, "pdf" if media_type.endswith("pdf")
                               else "webp")
    name = secure_filename(getattr(upload, "filename", "") or "") or "file"
    item = Attachment(entry_id=entry.id, label=label, required_index=required_index,
                      stored_name=stored, original_name=name[:200], media_type=media_type,
                      size=len(data))
    db.session.add(item)
    db.session.commit()
    return item


def _delete_file(item: Attachment) -> None:
    uploads.delete_image("entries", item.stored_name)


def remove_attachment(user, entry: Entry, attachment_id: int) -> None:
    _editable(user, entry)
    item = db.session.get(Attachment, attachment_id)
    if item is None or item.entry_id != entry.id:
        return
    _delete_file(item)
    db.session.delete(item)
    db.session.commit()


def missing_for_submission(entry: Entry) -> list[str]:
    edition = entry.edition
    missing = [_("An answer to: %(question)s", question=question)
               for question, answer in zip(edition.questions, entry.answers, strict=False)
               if not answer.strip()]
    given = {a.required_index for a in attachments(entry)}
    missing += [_("The attachment: %(label)s", label=label)
                for index, label in enumerate(edition.required_attachments)
                if index not in given]
    if not entry.statement.strip():
        missing.insert(0, _("The statement"))
    return missing


def submit_entry(user, entry: Entry) -> bool:
    """Submit a complete draft; returns False when it was already submitted (a second
    click), so the confirmation is not sent twice."""
    if not can_manage(user, entry):
        raise NotAllowed(_("You cannot change this entry."))
    if entry.status != ModerationStatus.DRAFT or entry.is_withdrawn:
        return False
    _open(entry.edition)
    missing = missing_for_submission(entry)
    if missing:
        raise DomainError(_("Before submitting, add: %(missing)s.",
                            missing="; ".join(missing)))
    moderation.submit(entry)
    entry.submitted_at = utcnow()
    audit.record(user, "competition.entry_submitted", entry)
    notify(user, "competition.submitted", link=f"/competitions/entries/{entry.id}",
           title=entry.title, edition=entry.edition.title(user.locale or "en"))
    db.session.commit()
    return True


def withdraw_entry(user, entry: Entry) -> None:
    if not can_manage(user, entry):
        raise NotAllowed(_("You cannot change this entry."))
    if entry.is_withdrawn:
        return
    _open(entry.edition)
    entry.withdrawn_at = utcnow()
    entry.status = ModerationStatus.DRAFT  # leaves the eligibility queue
    audit.record(user, "competition.entry_withdrawn", entry)
    db.session.commit()
