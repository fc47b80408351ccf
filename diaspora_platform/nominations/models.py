"""A nomination: who proposed whom for which edition, the person's consent, the
endorsement of the official body of the country where the person lives."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform.competitions.models import Edition
from diaspora_platform.database import TimestampMixin, UTCDateTime, utcnow
from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l
from diaspora_platform.official.models import OfficialBody


class Consent(StrEnum):
    PENDING = "pending"
    GIVEN = "given"
    DECLINED = "declined"


class Endorsement(StrEnum):
    PENDING = "pending"
    ENDORSED = "endorsed"
    DECLINED = "declined"


class Stage(TitledEnum):
    """What the nominator sees: where the nomination stands now."""

    WITHDRAWN = "withdrawn"
    AWAITING_CONSENT = "awaiting_consent"
    LINK_EXPIRED = "link_expired"
    NOMINEE_DECLINED = "nominee_declined"
    AWAITING_ENDORSEMENT = "awaiting_endorsement"
    NOT_ENDORSED = "not_endorsed"
    ENTERED = "entered"


STAGE_TITLES = titles(Stage, {
    Stage.WITHDRAWN: _l("Withdrawn by the nominator"),
    Stage.AWAITING_CONSENT: _l("Waiting for the person's consent"),
    Stage.LINK_EXPIRED: _l("The consent link expired; send a new one"),
    Stage.NOMINEE_DECLINED: _l("The person declined"),
    Stage.AWAITING_ENDORSEMENT: _l("Waiting for the embassy or consulate"),
    Stage.NOT_ENDORSED: _l("Not endorsed"),
    Stage.ENTERED: _l("Entered in the competition"),
})


class Nomination(TimestampMixin, db.Model):
    __tablename__ = "competition_nominations"
    __table_args__ = (
        sa.UniqueConstraint("edition_id", "nominee_email", name="uq_nominations_person"),
        sa.Index("ix_nominations_office", "office_id", "endorsement"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        sa.ForeignKey("competition_editions.id", ondelete="CASCADE"), nullable=False,
        index=True)
    nominee_name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    nominee_email: Mapped[str] = mapped_column(sa.String(254), nullable=False)
    nominee_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    country: Mapped[str] = mapped_column(sa.String(2), nullable=False)
    language: Mapped[str] = mapped_column(sa.String(2), nullable=False, default="tg")
    statement: Mapped[str] = mapped_column(sa.Text, nullable=False)
    nominator_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True)
    nominating_office_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("official_bodies.id", ondelete="SET NULL"))
    office_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("official_bodies.id", ondelete="SET NULL"))
    client_token: Mapped[str] = mapped_column(sa.String(64), nullable=False, unique=True)
    consent_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    consent_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    consent: Mapped[str] = mapped_column(sa.String(12), nullable=False,
                                         default=Consent.PENDING)
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    endorsement: Mapped[str] = mapped_column(sa.String(12), nullable=False,
                                             default=Endorsement.PENDING)
    endorsement_note: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    endorsed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    endorsed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    entry_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("competition_entries.id", ondelete="SET NULL"), index=True)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))

    edition: Mapped[Edition] = relationship(lazy="joined", innerjoin=True)
    office: Mapped[OfficialBody | None] = relationship(foreign_keys=[office_id],
                                                       lazy="joined")

    @property
    def stage(self) -> Stage:
        if self.withdrawn_at is not None:
            return Stage.WITHDRAWN
        if self.consent == Consent.DECLINED:
            return Stage.NOMINEE_DECLINED
        if self.consent == Consent.PENDING:
            expired = self.consent_expires_at is None or self.consent_expires_at <= utcnow()
            return Stage.LINK_EXPIRED if expired else Stage.AWAITING_CONSENT
        if self.endorsement == Endorsement.DECLINED:
            return Stage.NOT_ENDORSED
        if self.entry_id is not None:
            return Stage.ENTERED
        return Stage.AWAITING_ENDORSEMENT

    @property
    def stage_title(self) -> str:
        return self.stage.title

    @property
    def is_open(self) -> bool:
        """Not yet decided: not withdrawn, not declined by the person or the office, not
        entered; it may still be withdrawn or routed to another office."""
        return (self.withdrawn_at is None and self.consent != Consent.DECLINED
                and self.endorsement == Endorsement.PENDING and self.entry_id is None)

    @property
    def is_endorsed(self) -> bool:
        return self.endorsement == Endorsement.ENDORSED
