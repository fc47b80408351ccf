"""The weekly email of new projects that match an expert (`flask experts weekly-matches`).

Experts opt in on their dashboard. Each run looks at the experts whose last email (or
opt-in) is about a week old, finds the open projects published since then that match them,
and sends one email in the expert's language listing them with the reasons.

Sending nothing twice, losing nothing: each expert is *claimed* with a conditional update
of their marker (`weekly_sent_at`, "projects published up to here were considered") from
the value read to the run's time; only the run whose update changed the row sends. The
claim, the queued email (the outbox) and the notice are one commit: a run that crashes
before it leaves the expert due for the next run, after it the email leaves once. A second
run (or two at once) finds the marker moved and no project published after it. An expert
whose turn fails is rolled back alone; the run goes on with the others and then raises, so
that the job is retried for that expert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from sqlalchemy.orm import joinedload

from diaspora_platform.accounts.models import User
from diaspora_platform.database import utcnow
from diaspora_platform.experts.models import ExpertProfile
from diaspora_platform.experts.notices import WEEKLY_SUBJECT
from diaspora_platform.extensions import db
from diaspora_platform.mail import send_mail
from diaspora_platform.notifications.services import notify
from diaspora_platform.unit_of_work import conditional_update

# A weekly scheduler that fires a little early must still find the expert due.
INTERVAL = timedelta(days=7) - timedelta(hours=12)
PROJECTS_PER_EMAIL = 10
DASHBOARD_PATH = "/experts/dashboard"

SUBJECT = WEEKLY_SUBJECT


@dataclass
class RunResult:
    considered: int = 0
    sent: int = 0


def _due(now: datetime) -> list[ExpertProfile]:
    stmt = (sa.select(ExpertProfile).join(User, User.id == ExpertProfile.user_id)
            .options(joinedload(ExpertProfile.user))
            .where(ExpertProfile.weekly_email.is_(True), User.deleted_at.is_(None),
                   User.suspended_at.is_(None), User.confirmed_at.is_not(None),
                   sa.or_(ExpertProfile.weekly_sent_at.is_(None),
                          ExpertProfile.weekly_sent_at <= now - INTERVAL))
            .order_by(ExpertProfile.id))
    return list(db.session.scalars(stmt))


def _claim(profile: ExpertProfile, now: datetime) -> datetime | None:
    """Move the marker to `now` if nobody else did; returns the previous marker (the
    start of the window) or None when another run got there first."""
    since = profile.weekly_sent_at
    marker = (ExpertProfile.weekly_sent_at.is_(None) if since is None
              else ExpertProfile.weekly_sent_at == since)
    claimed = conditional_update(profile, marker, weekly_sent_at=now, conflict=False)
    if not claimed:
        return None
    return since or profile.created_at


def _base_url() -> str:
    name = current_app.config.get("SERVER_NAME")
    scheme = current_app.config.get("PREFERRED_URL_SCHEME", "http")
    return f"{scheme}://{name}" if name else ""


def send_to(profile: ExpertProfile, now: datetime) -> bool:
    """Claim one expert and, if projects published in their window match, email them."""
    from diaspora_platform.projects.match_queries import suggest_projects

    since = _claim(profile, now)
    if since is None:
        return False
    suggestions = suggest_projects(profile, limit=PROJECTS_PER_EMAIL, published_after=since)
    suggestions = [s for s in suggestions if s.project.reviewed_at is None
                   or s.project.reviewed_at <= now]
    if not suggestions:
        db.session.commit()  # the window moves on: nothing new matched
        return False
    user, base = profile.user, _base_url()
    rows = [(s.project, s.match, f"{base}/projects/{s.project.id}") for s in suggestions]
    sent = send_mail(user.email, user.locale, SUBJECT, "experts_weekly", name=user.display_name,
                     rows=rows, dashboard=f"{base}{DASHBOARD_PATH}")
    with force_locale(user.locale):
        notify(user, "experts.weekly_matches", link=DASHBOARD_PATH, email=False,
               count=len(rows))
    db.session.commit()
    return sent


def send_weekly_matches(now: datetime | None = None) -> RunResult:
    """One run of the weekly email for every expert who is due."""
    now = now or utcnow()
    result = RunResult()
    failed = []
    for profile in _due(now):
        result.considered += 1
        try:
            if send_to(profile, now):
                result.sent += 1
        except Exception as error:  # noqa: BLE001 — this expert stays due; raised below
            db.session.rollback()
            current_app.logger.exception("Weekly matches for expert %s failed", profile.id)
            failed.append(error)
    if failed:
        raise RuntimeError(f"Weekly matches failed for {len(failed)} expert(s); "
                           f"{result.sent} email(s) sent") from failed[0]
    return result
