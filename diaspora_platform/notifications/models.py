"""On-site notifications, stored as a kind plus parameters and worded when shown, so each
person reads them in their current language."""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from diaspora_platform.database import UTCDateTime, utcnow
from diaspora_platform.extensions import db


class Notification(db.Model):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         nullable=False)
    kind: Mapped[str] = mapped_column(sa.String(48), nullable=False)
    params_json: Mapped[str] = mapped_column(sa.Text, nullable=False, default="{}")
    link: Mapped[str | None] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def params(self) -> dict:
        return json.loads(self.params_json or "{}")


sa.Index("ix_notifications_user_unread", Notification.user_id, Notification.read_at)
