"""Staff run the fund: campaigns and their matching rules, status changes, the bank
details shown to pledgers, and disbursements (money going out, with evidence). Every
change is audited; disbursements are also ledger entries."""

from __future__ import annotations

import io

import sqlalchemy as sa
from flask import current_app

from diaspora_platform import audit, uploads
from diaspora_platform.database import utcnow
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.formatting import format_money
from diaspora_platform.forms import TOO_LONG, is_web_url
from diaspora_platform.fund import ledger, money
from diaspora_platform.fund.keys import clean_key, replayed
from diaspora_platform.fund.models import (
    NEXT_CAMPAIGN_STATUSES,
    Campaign,
    CampaignStatus,
    Disbursement,
    EntryKind,
    FundSettings,
)
from diaspora_platform.i18n import LANGUAGES, _
from diaspora_platform.inputs import parse_int
from diaspora_platform.unit_of_work import conditional_update

TITLE_MAX, DESCRIPTION_MAX, TEXT_MAX = 200, 10_000, 500
MATCH_RATIO_MAX = 10
EVIDENCE_IMAGE_SIDE = 2000


def _require_staff(user) -> None:
    if not getattr(user, "acts_as_staff", False):
        raise NotAllowed(_("Only Council staff can do this."))


def _text(data: dict, key: str, limit: int, required: bool = True) -> str | None:
    value = (data.get(key) or "").strip()
    if required and not value:
        raise DomainError(_("Please fill in every required field."))
    if len(value) > limit:
        raise DomainError(TOO_LONG % {"max": limit})
    return value or None


def _project_id(value) -> int | None:
    if value in (None, "", "0", 0):
        return None
    from diaspora_platform.projects.models import Project

    project_id = parse_int(value)
    project = None if project_id is None else db.session.get(Project, project_id)
    if project is None:
        raise DomainError(_("Choose a project from the list."))
    return project.id


def _clean_campaign(data: dict) -> dict:
    clean = {}
    for lang in LANGUAGES:
        title = _text(data, f"title_{lang}", TITLE_MAX, required=False) or ""
        description = _text(data, f"description_{lang}", DESCRIPTION_MAX, required=False) or ""
        if bool(title) != bool(description):
            raise DomainError(_("Each language needs both a title and a description."))
        clean[f"title_{lang}"], clean[f"description_{lang}"] = title, description
    if not any(clean[f"title_{lang}"] for lang in LANGUAGES):
        raise DomainError(_("Give a title and a description in at least one language."))
    currency = money.check_currency(data.get("currency"))
    accepted = [money.check_currency(code) for code in data.get("currencies") or []]
    if currency not in accepted:
        accepted.insert(0, currency)
    clean["currency"], clean["currencies"] = currency, ",".join(dict.fromkeys(accepted))
    clean["target_minor"] = money.parse_amount(data.get("target"), currency)
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if not starts or not ends or ends < starts:
        raise DomainError(_("The campaign must end on or after the day it starts."))
    clean["starts_on"], clean["ends_on"] = starts, ends
    clean["project_id"] = _project_id(data.get("project_id"))
    clean.update(_clean_match(data, currency))
    return clean


def _clean_match(data: dict, currency: str) -> dict:
    sponsor = _text(data, "match_sponsor", TITLE_MAX, required=False)
    if not sponsor:
        return {"match_sponsor": None, "match_ratio": None, "match_cap_minor": None}
    ratio = data.get("match_ratio")
    if not isinstance(ratio, int) or not 1 <= ratio <= MATCH_RATIO_MAX:
        raise DomainError(_("The sponsor's ratio must be a whole number from 1 to %(max)d.",
                            max=MATCH_RATIO_MAX))
    cap = money.parse_amount(data.get("match_cap"), currency)
    return {"match_sponsor": sponsor, "match_ratio": ratio, "match_cap_minor": cap}


def save_campaign(staff, data: dict, campaign: Campaign | None = None) -> Campaign:
    """Create a campaign (as a draft) or change one. The matching rule and the currencies
    are fixed once the first pledge is recorded: the ledger already counts on them."""
    _require_staff(staff)
    clean = _clean_campaign(data)
    if campaign is not None and _has_entries(campaign):
        frozen = ("currency", "match_ratio", "match_cap_minor")
        if any(getattr(campaign, key) != clean[key] for key in frozen) or \
                set(campaign.currency_list) - set(clean["currencies"].split(",")):
            raise DomainError(_("The currency and the matching rule cannot change after the "
                                "first pledge; you can still add currencies."))
    if campaign is None:
        campaign = Campaign(status=CampaignStatus.DRAFT, created_by_id=staff.id)
        db.session.add(campaign)
    changed = sorted(key for key, value in clean.items() if getattr(campaign, key) != value)
    for key, value in clean.items():
        setattr(campaign, key, value)
    db.session.flush()
    audit.record(staff, "fund.campaign_saved", campaign, changed=changed)
    db.session.commit()
    return campaign


def _has_entries(campaign: Campaign) -> bool:
    from diaspora_platform.fund.models import LedgerEntry

    return db.session.scalar(sa.select(LedgerEntry.id).where(
        LedgerEntry.campaign_id == campaign.id).limit(1)) is not None


def transition_campaign(staff, campaign: Campaign, to_status: str, expected: str) -> None:
    """Open, close, reopen or complete a campaign (from the status the staff member saw)."""
    _require_staff(staff)
    if to_status not in set(CampaignStatus) or expected not in set(CampaignStatus) or \
            to_status not in NEXT_CAMPAIGN_STATUSES[CampaignStatus(expected)]:
        raise DomainError(_("This change of status is not possible."))
    conditional_update(campaign, Campaign.status == expected, status=str(to_status),
                       updated_at=utcnow(), conflict=_(
                           "Another staff member changed this campaign a moment ago. Nothing "
                           "was changed."))
    audit.record(staff, "fund.campaign_status", campaign, previous=expected,
                 new=str(to_status))
    db.session.commit()


def settings() -> FundSettings:
    return db.session.get(FundSettings, 1) or FundSettings(id=1, bank_details="")


def save_bank_details(staff, texts: dict[str, str]) -> None:
    """The bank details per language ({"tg": ..., "ru": ..., "en": ...}); any may be empty."""
    _require_staff(staff)
    texts = {lang: (texts.get(lang) or "").strip() for lang in LANGUAGES}
    if any(len(text) > 5000 for text in texts.values()):
        raise DomainError(TOO_LONG % {"max": 5000})
    row = db.session.get(FundSettings, 1)
    if row is None:
        row = FundSettings(id=1, bank_details="", bank_details_translations={})
        db.session.add(row)
    previous = row.versions("bank_details")
    row.set_texts({"bank_details": texts})
    row.updated_by_id, row.updated_at = staff.id, utcnow()
    db.session.flush()
    audit.record(staff, "fund.bank_details_changed", row, previous=previous,
                 new=row.versions("bank_details"))
    db.session.commit()


def _evidence(upload) -> tuple[str | None, str | None]:
    """A PDF (checked by its structure) or an image (re-encoded), stored under a random
    name; (None, None) without a file."""
    if upload is None or not getattr(upload, "filename", ""):
        return None, None
    limit = current_app.config["ATTACHMENT_MAX_BYTES"]
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise DomainError(_("The file is too large: at most %(mb).1f MB.",
                            mb=limit / 1024 / 1024))
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-1024:]:
            raise DomainError(_("This file is not a PDF we can read. Use a PDF or an image."))
        return uploads.save_file("fund", data, "pdf"), "application/pdf"
    data = uploads.process_image(io.BytesIO(data), limit, EVIDENCE_IMAGE_SIDE)
    return uploads.save_file("fund", data, "webp"), "image/webp"


def record_disbursement(staff, campaign: Campaign, data: dict, upload=None) -> Disbursement:
    """Money going out of a campaign: never more than it holds in that currency."""
    _require_staff(staff)
    key = clean_key(data.get("idempotency_key"))
    existing = replayed(db.session.scalar(sa.select(Disbursement).where(
        Disbursement.idempotency_key == key)), campaign)
    if existing is not None:
        return existing
    if campaign.status == CampaignStatus.DRAFT:
        raise DomainError(_("Open the campaign before recording money going out of it."))
    currency = money.check_currency(data.get("currency"), campaign.currency_list)
    amount = money.parse_amount(data.get("amount"), currency)
    paid_on = data.get("paid_on")
    if paid_on is None or paid_on > utcnow().date():
        raise DomainError(_("The payment date cannot be in the future."))
    url = _text(data, "evidence_url", TEXT_MAX, required=False)
    if url and not is_web_url(url):
        raise DomainError(_("Enter a full web address starting with https://"))
    stored, media_type = _evidence(upload)
    if not url and not stored:
        raise DomainError(_("Add evidence: a link or a document."))
    item = Disbursement(campaign_id=campaign.id, amount_minor=amount, currency=currency,
                        recipient=_text(data, "recipient", TITLE_MAX),
                        purpose=_text(data, "purpose", TEXT_MAX), paid_on=paid_on,
                        evidence_url=url, evidence_file=stored, evidence_media_type=media_type,
                        idempotency_key=key, created_by_id=staff.id)
    db.session.add(item)
    ledger.lock()  # the insert took SQLite's write lock; on PostgreSQL, wait our turn
    held = ledger.totals([campaign.id]).get(campaign.id)
    held = held.get(currency).held if held else 0
    if amount > held:
        db.session.rollback()
        uploads.delete_image("fund", stored)
        raise DomainError(_("The campaign holds only %(held)s in %(currency)s.",
                            held=format_money(held, currency, minor=True), currency=currency))
    ledger.append(EntryKind.DISBURSEMENT, campaign.id, amount, currency,
                  disbursement_id=item.id, recipient=item.recipient, purpose=item.purpose,
                  paid_on=paid_on.isoformat(), evidence_url=url or "")
    audit.record(staff, "fund.disbursement_recorded", item, amount_minor=amount,
                 currency=currency, recipient=item.recipient)
    db.session.commit()
    return item
