"""Suggestions from the database: experts for a project, projects for an expert."""

from datetime import timedelta

from diaspora_platform.database import ModerationStatus, utcnow
from diaspora_platform.extensions import db
from diaspora_platform.projects.match_queries import suggest_experts, suggest_projects
from diaspora_platform.projects.models import Offer
from tests.experts.helpers import make_profile, make_project


def _offer(project, user, status="pending"):
    db.session.add(Offer(project_id=project.id, expert_id=user.id, hours_per_month=10,
                         mode="remote", status=status,
                         expires_at=utcnow() + timedelta(days=14)))
    db.session.commit()


def test_experts_are_ranked_by_the_skills_they_cover(make_user, make_org):
    project = make_project(make_org(), skills=(("hydrology", 20), ("gis", 20),
                                               ("project_finance", None)))
    best = make_profile(make_user(), skills=("hydrology", "gis", "project_finance"))
    two = make_profile(make_user(), skills=("gis", "hydrology", "surgery"))
    one = make_profile(make_user(), skills=("project_finance",), hours_per_month=40)
    make_profile(make_user(), skills=("surgery", "nursing"))  # nothing needed
    found = suggest_experts(project)
    assert [s.profile.id for s in found] == [best.id, two.id, one.id]
    assert found[0].match.matched_skills == ("hydrology", "gis", "project_finance")
    assert suggest_experts(project, limit=1)[0].profile.id == best.id


def test_hidden_and_inactive_experts_are_not_suggested(make_user, make_org):
    owner = make_user()
    project = make_project(make_org(owner=owner), creator=owner)
    shown = make_profile(make_user(), visibility="members")
    only_owners = make_profile(make_user(), visibility="project_owners")
    offered = make_profile(make_user(), visibility="project_owners")
    _offer(project, offered.user)
    suspended = make_profile(make_user(suspended_at=utcnow()))
    make_profile(owner)  # the project's own author
    ids = {s.profile.id for s in suggest_experts(project)}
    assert ids == {shown.id, offered.id}
    assert only_owners.id not in ids and suspended.id not in ids


def test_skills_already_staffed_are_not_looked_for(make_user, make_org):
    project = make_project(make_org(), skills=(("hydrology", 20), ("gis", 20)))
    hydrologist = make_profile(make_user(), skills=("hydrology",))
    mapper = make_profile(make_user(), skills=("gis",))
    project.skills[0].accepted = 1
    db.session.commit()
    assert [s.profile.id for s in suggest_experts(project)] == [mapper.id]
    project.skills[1].accepted = 1
    db.session.commit()
    assert suggest_experts(project) == []
    assert hydrologist  # made, but its skill is filled


def test_a_project_without_skills_gets_experts_of_its_sector(make_user, make_org):
    project = make_project(make_org(), skills=(), sector="energy")
    energy = make_profile(make_user(), skills=("surgery",), sectors=["energy"])
    make_profile(make_user(), skills=("hydropower",), sectors=["finance"])
    assert [s.profile.id for s in suggest_experts(project)] == [energy.id]


def test_projects_for_an_expert_are_the_open_public_matching_ones(make_user, make_org):
    expert = make_profile(make_user(), skills=("hydrology", "gis"))
    org = make_org()
    make_project(org, title="Good", skills=(("hydrology", 20), ("gis", 10)))
    partial = make_project(org, title="Partial", skills=(("gis", 10), ("surgery", 10)))
    make_project(org, title="Other skills", skills=(("surgery", 10),))
    make_project(org, title="Pending", status=ModerationStatus.PENDING)
    make_project(org, title="Deadline passed", days_left=-1)
    closed = make_project(org, title="Closed")
    closed.closed_at = utcnow()
    make_project(make_org(approved=False, name="Unapproved org"), title="Hidden org")
    offered = make_project(org, title="Already offered")
    _offer(offered, expert.user)
    declined = make_project(org, title="Declined before")
    _offer(declined, expert.user, status="declined")
    db.session.commit()
    titles = [s.project.title for s in suggest_projects(expert)]
    assert titles[:1] == ["Good"] and set(titles) == {"Good", "Partial", "Declined before"}
    assert partial.id in {s.project.id for s in suggest_projects(expert)}


def test_projects_published_after_a_moment(make_user, make_org):
    expert = make_profile(make_user())
    org = make_org()
    make_project(org, title="Old", published=utcnow() - timedelta(days=10))
    make_project(org, title="New", published=utcnow() - timedelta(days=1))
    since = utcnow() - timedelta(days=7)
    assert [s.project.title for s in suggest_projects(expert, published_after=since)] == \
        ["New"]


def test_suggestions_take_a_bounded_number_of_queries(make_user, make_org, app):
    import sqlalchemy as sa

    project = make_project(make_org(), skills=(("hydrology", 20), ("gis", 20)))
    for _ in range(30):
        make_profile(make_user(), skills=("hydrology", "gis"))
    db.session.expire_all()
    project = db.session.get(type(project), project.id)
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        found = suggest_experts(project, limit=20)
        assert len(found) == 20 and all(s.profile.name for s in found)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    # candidates, the winning profiles with their users, their skills
    assert len(statements) <= 3, statements


def test_nobody_is_matched_with_a_project_they_manage(make_user, make_org):
    owner = make_user()
    org = make_org(owner=owner)
    own_project = make_project(org, title="Own project")
    other = make_project(make_org(), title="Someone else's")
    profile = make_profile(owner, skills=("hydrology",))
    assert [s.project.id for s in suggest_projects(profile)] == [other.id]
    assert profile.id not in {s.profile.id for s in suggest_experts(own_project)}
    assert profile.id in {s.profile.id for s in suggest_experts(other)}
