"""The fund's tables: campaigns (with an optional matching rule), pledges, disbursements,
the bank details pledgers pay to, and the append-only, hash-chained ledger of every money
event. Amounts are integer minor units with their ISO 4217 currency."""

from __future__ import annotations

import json
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform import hashchain
from diaspora_platform.accounts.models import User
from diaspora_platform.content_i18n import (
    TitledVersions,
    Translatable,
    language_column,
    translations_column,
)
from diaspora_platform.database import TimestampMixin, UTCDateTime, utcnow
from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l, lazy_pgettext
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.projects.models import Project


class CampaignStatus(TitledEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    COMPLETED = "completed"


CAMPAIGN_STATUS_TITLES = titles(CampaignStatus, {
    CampaignStatus.DRAFT: _l("Draft"),
    CampaignStatus.OPEN: _l("Open for pledges"),
    CampaignStatus.CLOSED: lazy_pgettext("campaign", "Closed"),
    CampaignStatus.COMPLETED: lazy_pgettext("campaign", "Completed"),
})
# status -> statuses staff may move a campaign to
NEXT_CAMPAIGN_STATUSES = {
    CampaignStatus.DRAFT: (CampaignStatus.OPEN,),
    CampaignStatus.OPEN: (CampaignStatus.CLOSED,),
    CampaignStatus.CLOSED: (CampaignStatus.OPEN, CampaignStatus.COMPLETED),
    CampaignStatus.COMPLETED: (),
}


class PledgeStatus(TitledEnum):
    PLEDGED = "pledged"
    RECEIVED = "received"
    CANCELLED = "cancelled"


PLEDGE_STATUS_TITLES = titles(PledgeStatus, {
    PledgeStatus.PLEDGED: _l("Pledged, awaiting payment"),
    PledgeStatus.RECEIVED: lazy_pgettext("pledge", "Received"),
    PledgeStatus.CANCELLED: lazy_pgettext("pledge", "Cancelled"),
})


class ShowAs(TitledEnum):
    NAME = "name"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"


SHOW_AS_TITLES = titles(ShowAs, {
    ShowAs.NAME: _l("With my name"),
    ShowAs.ORGANISATION: _l("With my organisation's name"),
    ShowAs.ANONYMOUS: _l("Anonymously"),
})


class EntryKind(TitledEnum):
    PLEDGE_RECORDED = "pledge_recorded"
    PLEDGE_RECEIVED = "pledge_received"
    PLEDGE_CANCELLED = "pledge_cancelled"
    MATCH_CREDITED = "match_credited"
    DISBURSEMENT = "disbursement"


ENTRY_KIND_TITLES = titles(EntryKind, {
    EntryKind.PLEDGE_RECORDED: _l("Pledge recorded"),
    EntryKind.PLEDGE_RECEIVED: _l("Pledge received"),
    EntryKind.PLEDGE_CANCELLED: _l("Pledge cancelled"),
    EntryKind.MATCH_CREDITED: _l("Match credited"),
    EntryKind.DISBURSEMENT: _l("Disbursement"),
})
# How each kind moves the money held (received + matched - spent) and the money pledged
# but not yet received, for its campaign and currency.
EFFECTS = {
    EntryKind.PLEDGE_RECORDED: (0, 1),
    EntryKind.PLEDGE_RECEIVED: (1, -1),
    EntryKind.PLEDGE_CANCELLED: (0, -1),
    EntryKind.MATCH_CREDITED: (1, 0),
    EntryKind.DISBURSEMENT: (-1, 0),
}


class Campaign(TitledVersions, TimestampMixin, db.Model):
    __tablename__ = "fund_campaigns"
    TRANSLATABLE = ("title", "description")

    id: Mapped[int] = mapped_column(primary_key=True)
    # With the title (TitledVersions): the author's description and the other languages'.
    description: Mapped[str] = mapped_column(sa.Text, nullable=False, default="",
                                             server_default="")
    description_translations: Mapped[dict] = translations_column()
    currency: Mapped[str] = mapped_column(sa.String(3), nullable=False)  # of the target
    currencies: Mapped[str] = mapped_column(sa.String(64), nullable=False)  # "TJS,USD"
    target_minor: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    starts_on: Mapped[date] = mapped_column(sa.Date, nullable=False)
    ends_on: Mapped[date] = mapped_column(sa.Date, nullable=False)
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False,
                                        default=CampaignStatus.DRAFT, index=True)
    project_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("projects.id", ondelete="SET NULL"), index=True)
    # Matching rule (optional): the sponsor adds `match_ratio` for each unit received in
    # the campaign's currency, until `match_cap_minor` is reached.
    match_sponsor: Mapped[str | None] = mapped_column(sa.String(200))
    match_ratio: Mapped[int | None] = mapped_column(sa.Integer)
    match_cap_minor: Mapped[int | None] = mapped_column(sa.BigInteger)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))

    project: Mapped[Project | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint("target_minor > 0", name="target"),
        sa.CheckConstraint("ends_on >= starts_on", name="dates"),
    )

    def title_in(self, lang: str) -> str:
        return self.text_in("title", lang)[0]

    def description_in(self, lang: str) -> str:
        return self.text_in("description", lang)[0]

    @property
    def currency_list(self) -> list[str]:
        return [code for code in self.currencies.split(",") if code]

    @property
    def has_match(self) -> bool:
        return bool(self.match_sponsor and self.match_ratio and self.match_cap_minor)

    @property
    def status_title(self) -> str:
        return CampaignStatus(self.status).title

    @property
    def is_public(self) -> bool:
        return self.status != CampaignStatus.DRAFT

    def accepts_pledges(self, today: date | None = None) -> bool:
        today = today or utcnow().date()
        return self.status == CampaignStatus.OPEN and self.starts_on <= today <= self.ends_on


class Pledge(db.Model):
    __tablename__ = "fund_pledges"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("fund_campaigns.id"),
                                             nullable=False, index=True)
    # Accounts are never removed (deletion leaves a nameless row), so a pledge keeps it.
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False,
                                         index=True)
    amount_minor: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    currency: Mapped[str] = mapped_column(sa.String(3), nullable=False)
    show_as: Mapped[str] = mapped_column(sa.String(16), nullable=False, default=ShowAs.NAME)
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"))
    message: Mapped[str | None] = mapped_column(sa.String(500))
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False,
                                        default=PledgeStatus.PLEDGED, index=True)
    reference: Mapped[str] = mapped_column(sa.String(16), nullable=False, unique=True)
    idempotency_key: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    payment_reference: Mapped[str | None] = mapped_column(sa.String(120))
    received_on: Mapped[date | None] = mapped_column(sa.Date)
    confirmed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancel_reason: Mapped[str | None] = mapped_column(sa.String(500))

    campaign: Mapped[Campaign] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    organisation: Mapped[Organisation | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("user_id", "idempotency_key", name="uq_fund_pledges_idempotency"),
        sa.CheckConstraint("amount_minor > 0", name="amount"),
    )

    @property
    def status_title(self) -> str:
        return PledgeStatus(self.status).title

    @property
    def public_name(self) -> str | None:
        """The name the pledger chose to show; None for anonymous (shown as "anonymous")."""
        if self.show_as == ShowAs.ORGANISATION and self.organisation is not None:
            return self.organisation.name
        if self.show_as == ShowAs.NAME and self.user is not None \
                and self.user.deleted_at is None:
            return self.user.display_name
        return None


class Disbursement(db.Model):
    __tablename__ = "fund_disbursements"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("fund_campaigns.id"),
                                             nullable=False, index=True)
    amount_minor: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    currency: Mapped[str] = mapped_column(sa.String(3), nullable=False)
    recipient: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    purpose: Mapped[str] = mapped_column(sa.String(500), nullable=False)
    paid_on: Mapped[date] = mapped_column(sa.Date, nullable=False)
    evidence_url: Mapped[str | None] = mapped_column(sa.String(500))
    evidence_file: Mapped[str | None] = mapped_column(sa.String(64))
    evidence_media_type: Mapped[str | None] = mapped_column(sa.String(40))
    idempotency_key: Mapped[str] = mapped_column(sa.String(64), nullable=False, unique=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    campaign: Mapped[Campaign] = relationship()

    __table_args__ = (
        sa.CheckConstraint("amount_minor > 0", name="amount"),
    )


class CampaignTotal(db.Model):
    """One campaign's sums in one currency, by kind of ledger entry. Kept by
    `ledger.append` in the entry's transaction (fund/totals.py), so pages read these rows
    instead of summing the ledger; `flask fund verify` checks them against the ledger."""

    __tablename__ = "fund_campaign_totals"

    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("fund_campaigns.id"),
                                             primary_key=True)
    currency: Mapped[str] = mapped_column(sa.String(3), primary_key=True)
    pledged: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)
    received: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)
    cancelled: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)
    matched: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)
    spent: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0)


class CampaignContributor(db.Model):
    """A member with pledges to a campaign that are not cancelled, and how many; the row
    goes with the last one, so a campaign's contributors are its rows here."""

    __tablename__ = "fund_campaign_contributors"

    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("fund_campaigns.id"),
                                             primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), primary_key=True)
    pledges: Mapped[int] = mapped_column(nullable=False)


class FundSettings(Translatable, db.Model):
    """One row: the bank details shown to pledgers (set by staff, audited), in the
    languages staff wrote them in."""

    __tablename__ = "fund_settings"
    TRANSLATABLE = ("bank_details",)

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_details: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    language: Mapped[str] = language_column()
    bank_details_translations: Mapped[dict] = translations_column()
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)


class LedgerEntry(db.Model):
    """One money event. Rows are only ever added: each stores the SHA-256 of its content
    and of the previous row, and the campaign's balances after it (so anyone holding the
    public export can recompute both). Names are not part of it: they come from the pledge,
    so erasing a member's data never touches the chain."""

    __tablename__ = "fund_ledger"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    campaign_id: Mapped[int] = mapped_column(sa.ForeignKey("fund_campaigns.id"),
                                             nullable=False, index=True)
    kind: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    pledge_id: Mapped[int | None] = mapped_column(sa.ForeignKey("fund_pledges.id"),
                                                  index=True)
    disbursement_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("fund_disbursements.id"))
    amount_minor: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    currency: Mapped[str] = mapped_column(sa.String(3), nullable=False)
    balance_minor: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    pending_minor: Mapped[int] = mapped_column(sa.BigInteger, nullable=False)
    details: Mapped[str] = mapped_column(sa.Text, nullable=False, default="{}")
    prev_hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    hash: Mapped[str] = mapped_column(sa.String(64), nullable=False, unique=True)

    campaign: Mapped[Campaign] = relationship()
    pledge: Mapped[Pledge | None] = relationship()
    disbursement: Mapped[Disbursement | None] = relationship()

    __table_args__ = (
        sa.Index("ix_fund_ledger_stream", "campaign_id", "currency", "id"),
        sa.Index("ix_fund_ledger_campaign_seek", "campaign_id", "id"),
        sa.Index("ix_fund_ledger_currency_seek", "currency", "id"),
    )

    def hashed_fields(self) -> dict:
        return {
            "id": self.id, "created_at": self.created_at.isoformat(),
            "campaign_id": self.campaign_id, "kind": self.kind, "pledge_id": self.pledge_id,
            "disbursement_id": self.disbursement_id, "amount_minor": self.amount_minor,
            "currency": self.currency, "balance_minor": self.balance_minor,
            "pending_minor": self.pending_minor, "details": self.details,
            "prev_hash": self.prev_hash,
        }

    def compute_hash(self) -> str:
        return hashchain.digest(self.hashed_fields())

    @property
    def kind_title(self) -> str:
        return EntryKind(self.kind).title

    @property
    def details_dict(self) -> dict:
        return json.loads(self.details or "{}")


@event.listens_for(LedgerEntry, "before_update")
@event.listens_for(LedgerEntry, "before_delete")
def _refuse_change(mapper, connection, target):  # pragma: no cover - guard
    raise RuntimeError("The fund ledger is append-only.")
