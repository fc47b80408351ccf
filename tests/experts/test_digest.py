"""The weekly email of new matching projects (`flask experts weekly-matches`)."""

from datetime import timedelta

import pytest

from diaspora_platform.database import utcnow
from diaspora_platform.experts.digest import send_weekly_matches
from diaspora_platform.extensions import db
from diaspora_platform.notifications.models import Notification
from tests.experts.helpers import make_profile, make_project


def _opted_in(user, days_ago=8, **fields):
    profile = make_profile(user, weekly_email=True, **fields)
    profile.weekly_sent_at = utcnow() - timedelta(days=days_ago)
    db.session.commit()
    return profile


def test_a_due_expert_gets_one_email_in_their_language(app, make_user, make_org, mailbox):
    user = make_user(email="rustam@example.org", locale="ru")
    _opted_in(user, skills=("hydrology",))
    org = make_org()
    make_project(org, title="Vakhsh canal", published=utcnow() - timedelta(days=2))
    make_project(org, title="Older canal", published=utcnow() - timedelta(days=20))
    make_project(org, title="Hospital", skills=(("surgery", 10),))
    result = send_weekly_matches()
    assert (result.considered, result.sent) == (1, 1)
    message = mailbox.last("rustam@example.org")
    body = message.get_content()
    assert message["Content-Language"] == "ru"
    assert "Vakhsh canal" in body and "Older canal" not in body and "Hospital" not in body
    assert "/projects/" in body and "/experts/dashboard" in body
    note = db.session.query(Notification).filter_by(user_id=user.id).one()
    assert note.kind == "experts.weekly_matches" and note.link == "/experts/dashboard"


def test_running_twice_sends_nothing_twice(app, make_user, make_org, mailbox):
    _opted_in(make_user(email="a@example.org"))
    make_project(make_org(), published=utcnow() - timedelta(days=1))
    assert send_weekly_matches().sent == 1
    again = send_weekly_matches()
    assert (again.considered, again.sent) == (0, 0)
    # even forced past the weekly interval, nothing already sent is sent again
    later = send_weekly_matches(now=utcnow() + timedelta(days=8))
    assert later.sent == 0
    assert len(mailbox.messages()) == 1


def test_who_is_not_due_gets_nothing(app, make_user, make_org, mailbox):
    _opted_in(make_user(), days_ago=2)  # emailed (or opted in) two days ago
    make_profile(make_user(), weekly_email=False)  # never asked
    _opted_in(make_user(suspended_at=utcnow()))  # suspended account
    make_project(make_org(), published=utcnow() - timedelta(hours=1))
    assert send_weekly_matches().sent == 0 and mailbox.messages() == []


def test_without_new_matching_projects_the_window_still_moves(app, make_user, make_org,
                                                             mailbox):
    profile = _opted_in(make_user(), skills=("surgery",))
    make_project(make_org(), published=utcnow() - timedelta(days=1))  # needs hydrology
    before = profile.weekly_sent_at
    result = send_weekly_matches()
    assert (result.considered, result.sent) == (1, 0) and mailbox.messages() == []
    db.session.refresh(profile)
    assert profile.weekly_sent_at > before


def test_the_command(app, make_user, make_org, mailbox):
    _opted_in(make_user())
    make_project(make_org(), published=utcnow() - timedelta(days=1))
    runner = app.test_cli_runner()
    out = runner.invoke(args=["experts", "weekly-matches"])
    assert out.exit_code == 0 and "1 email(s) sent; 1 expert(s) were due." in out.output
    out = runner.invoke(args=["experts", "weekly-matches"])
    assert "0 email(s) sent; 0 expert(s) were due." in out.output


def test_a_run_that_fails_for_one_expert_still_mails_the_others_and_then_that_one(
        app, make_user, make_org, mailbox, monkeypatch):
    """Each expert's claim, email and notice are one commit: the expert whose turn fails
    keeps neither a moved marker nor a half-sent email, the others get theirs, the run
    says it failed (the job retries it) and the next run mails only that expert."""
    from diaspora_platform.experts import digest

    users = [make_user(email=f"expert{n}@example.org") for n in range(3)]
    profiles = [_opted_in(user) for user in users]
    make_project(make_org(), published=utcnow() - timedelta(days=1))
    markers = {p.id: p.weekly_sent_at for p in profiles}
    real_notify = digest.notify

    def notify_failing_for_the_second(user, *args, **kwargs):
        if user.email == "expert1@example.org":
            raise OSError("the database went away mid-run")
        return real_notify(user, *args, **kwargs)

    monkeypatch.setattr(digest, "notify", notify_failing_for_the_second)
    with pytest.raises(RuntimeError, match="1 expert"):
        send_weekly_matches()
    assert sorted(m["To"] for m in mailbox.messages()) == ["expert0@example.org",
                                                           "expert2@example.org"]
    db.session.expire_all()
    assert db.session.get(type(profiles[1]), profiles[1].id).weekly_sent_at == \
        markers[profiles[1].id]
    monkeypatch.setattr(digest, "notify", real_notify)
    again = send_weekly_matches()
    assert (again.considered, again.sent) == (1, 1)
    assert sorted(m["To"] for m in mailbox.messages()) == [
        "expert0@example.org", "expert1@example.org", "expert2@example.org"]
