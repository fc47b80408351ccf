"""Requests for help to open a cultural centre, school, course or library abroad, and the
timeline of status changes and messages on each. Private: the requester, the managers of
the organisation it was filed for, and Council staff see a request; nothing here is public,
moderated or indexed."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from diaspora_platform.accounts.models import User
from diaspora_platform.database import TimestampMixin, UTCDateTime, utcnow
from diaspora_platform.directory.models import Place
from diaspora_platform.directory.vocabulary import PlaceKind
from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.extensions import db
from diaspora_platform.i18n import _l, lazy_pgettext
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.permissions import org_role_allows


class Status(TitledEnum):
    RECEIVED = "received"
    IN_REVIEW = "in_review"
    IN_PROGRESS = "in_progress"
    FULFILLED = "fulfilled"
    DECLINED = "declined"


STATUS_TITLES = titles(Status, {
    Status.RECEIVED: lazy_pgettext("request", "Received"),
    Status.IN_REVIEW: _l("In review"),
    Status.IN_PROGRESS: _l("In progress"),
    Status.FULFILLED: lazy_pgettext("request", "Fulfilled"),
    Status.DECLINED: lazy_pgettext("request", "Declined"),
})

# The one table of allowed status changes: status -> statuses staff may move it to.
NEXT_STATUSES: dict[str, tuple[Status, ...]] = {
    Status.RECEIVED: (Status.IN_REVIEW, Status.DECLINED),
    Status.IN_REVIEW: (Status.IN_PROGRESS, Status.DECLINED),
    Status.IN_PROGRESS: (Status.FULFILLED, Status.DECLINED),
    Status.FULFILLED: (),
    Status.DECLINED: (),
}
# The path a request takes when all goes well (shown to the requester as steps).
STEPS = (Status.RECEIVED, Status.IN_REVIEW, Status.IN_PROGRESS, Status.FULFILLED)
OPEN_STATUSES = (Status.RECEIVED, Status.IN_REVIEW, Status.IN_PROGRESS)


class Need(TitledEnum):
    PREMISES = "premises"
    MATERIALS = "materials"
    TEACHERS = "teachers"
    FUNDING = "funding"
    LEGAL = "legal"


NEED_TITLES = titles(Need, {
    Need.PREMISES: _l("Premises"),
    Need.MATERIALS: _l("Textbooks and materials"),
    Need.TEACHERS: _l("Teachers or training"),
    Need.FUNDING: _l("Funding"),
    Need.LEGAL: _l("Legal advice"),
})

# The organisation permission of those who see and answer the requests filed for their
# organisation (owners and administrators).
MANAGING = "manage_members"


class AssistanceRequest(TimestampMixin, db.Model):
    __tablename__ = "assistance_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    requester_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(24), nullable=False)
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    country: Mapped[str] = mapped_column(sa.String(2), nullable=False)
    city: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    people: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    needs: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    description: Mapped[str] = mapped_column(sa.Text, nullable=False)
    timeline: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    contact_name: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    contact_email: Mapped[str] = mapped_column(sa.String(254), nullable=False)
    contact_phone: Mapped[str | None] = mapped_column(sa.String(40))
    # Indexed by ix_assistance_requests_dashboard, whose first column it is.
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False,
                                        default=Status.RECEIVED)
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow,
                                                        nullable=False)
    assignee_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    place_id: Mapped[int | None] = mapped_column(sa.ForeignKey("places.id",
                                                               ondelete="SET NULL"))
    # A random token from the form: the same form sent twice makes one request.
    client_token: Mapped[str] = mapped_column(sa.String(64), nullable=False)

    requester: Mapped[User] = relationship(foreign_keys=[requester_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    organisation: Mapped[Organisation | None] = relationship()
    place: Mapped[Place | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("requester_id", "client_token",
                            name="uq_assistance_requests_client_token"),
        sa.Index("ix_assistance_requests_dashboard", "status", "country", "updated_at"),
    )

    @property
    def status_title(self) -> str:
        return Status(self.status).title

    @property
    def kind_title(self) -> str:
        return PlaceKind(self.kind).title

    @property
    def need_list(self) -> list[str]:
        return [code for code in self.needs.split(",") if code]

    @property
    def need_titles(self) -> list[str]:
        return [Need(code).title for code in self.need_list]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def next_statuses(self) -> tuple[Status, ...]:
        return NEXT_STATUSES[Status(self.status)]

    def is_party(self, user) -> bool:
        """The requester, or an owner or administrator of the organisation it is for."""
        if user is None or not getattr(user, "is_authenticated", False):
            return False
        if user.id == self.requester_id:
            return True
        return self.organisation is not None and \
            org_role_allows(self.organisation.role_of(user), MANAGING)


class AssistanceMessage(db.Model):
    """One entry of a request's timeline: a status change with its message, or a reply."""

    __tablename__ = "assistance_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("assistance_requests.id", ondelete="CASCADE"), nullable=False,
        index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                ondelete="SET NULL"))
    from_staff: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    status: Mapped[str | None] = mapped_column(sa.String(16))  # set by this entry, if any
    body: Mapped[str] = mapped_column(sa.Text, nullable=False)
    client_token: Mapped[str | None] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)

    author: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("request_id", "client_token",
                            name="uq_assistance_messages_client_token"),
    )

    @property
    def status_title(self) -> str | None:
        return Status(self.status).title if self.status else None
