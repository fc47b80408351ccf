"""Expert profile services: saving with the vocabulary's rules, visibility, deletion and
personal data."""

from datetime import timedelta

import pytest

from diaspora_platform.accounts import personal_data
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.database import utcnow
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.experts import services as experts
from diaspora_platform.experts.models import ExpertProfile, ExpertSkill, profile_of
from diaspora_platform.extensions import db
from diaspora_platform.projects.models import Offer
from tests.experts.helpers import make_profile, make_project, profile_data


def test_a_member_creates_then_changes_their_one_profile(make_user):
    user = make_user()
    profile, created = experts.save_profile(user, profile_data())
    assert created and profile_of(user) is profile
    assert profile.skills == ["hydrology", "gis", "irrigation"]
    assert profile.languages == ["tg", "ru", "en"] and profile.travel_countries == ["DE"]
    assert profile.keyword_list == ["drip irrigation", "QGIS"]
    again, created = experts.save_profile(user, profile_data(skills=["gis", "agronomy"],
                                                             hours_per_month=5))
    assert not created and again.id == profile.id
    assert again.skills == ["gis", "agronomy"] and again.hours_per_month == 5
    assert db.session.query(ExpertProfile).count() == 1
    assert db.session.query(ExpertSkill).count() == 2


def test_unknown_skills_are_refused_by_name(make_user):
    user = make_user()
    with pytest.raises(experts.UnknownSkill) as error:
        experts.save_profile(user, profile_data(skills=["gis", "astrology", "alchemy"]))
    assert "astrology, alchemy" in error.value.message
    assert profile_of(user) is None


@pytest.mark.parametrize("change", [
    {"skills": []},
    {"skills": [f"k{i}" for i in range(3)]},
    {"headline": ""},
    {"headline": "x" * 161},
    {"languages": []},
    {"languages": ["xx"]},
    {"sectors": ["astrology"]},
    {"travel_countries": ["ZZ"]},
    {"hours_per_month": 500},
    {"hours_per_month": -1},
    {"years_experience": "ten"},
    {"mode": "teleport"},
    {"visibility": "everyone"},
    {"link": "javascript:alert(1)"},
    {"keywords": ", ".join(f"word{i}" for i in range(20))},
    {"cv": "x" * 5001},
])
def test_bad_input_is_refused_with_a_message(make_user, change):
    with pytest.raises(DomainError) as error:
        experts.save_profile(make_user(), profile_data(**change))
    assert error.value.message


def test_too_many_skills_are_refused(make_user):
    from diaspora_platform.projects.vocabulary import SKILLS

    with pytest.raises(DomainError, match="at most 15"):
        experts.save_profile(make_user(), profile_data(skills=list(SKILLS)[:16]))


def test_an_unconfirmed_member_cannot_create_a_profile(make_user):
    with pytest.raises(NotAllowed):
        experts.save_profile(make_user(confirmed=False), profile_data())


def test_opting_in_to_the_weekly_email_starts_the_window_now(make_user):
    user = make_user()
    profile, _created = experts.save_profile(user, profile_data(weekly_email=True))
    assert profile.weekly_email and profile.weekly_sent_at is not None
    experts.set_weekly_email(user, profile, False)
    assert not profile.weekly_email
    with pytest.raises(NotAllowed):
        experts.set_weekly_email(make_user(), profile, True)


@pytest.fixture
def cast(make_user, make_org):
    """An expert, a project owner whose project the expert offered to, another owner,
    a plain member and staff."""
    people = {"expert": make_user(), "owner": make_user(), "other_owner": make_user(),
              "member": make_user(), "staff": make_user(role=Role.STAFF)}
    offered = make_project(make_org(owner=people["owner"], name="Obi Toza"))
    make_project(make_org(owner=people["other_owner"], name="Nur"))
    db.session.add(Offer(project_id=offered.id, expert_id=people["expert"].id,
                         hours_per_month=10, mode="remote",
                         expires_at=utcnow() + timedelta(days=14)))
    db.session.commit()
    return people


VISIBLE = {  # visibility -> viewers who see the profile
    "public": {"anonymous", "member", "owner", "other_owner", "staff", "expert"},
    "members": {"member", "owner", "other_owner", "staff", "expert"},
    "project_owners": {"owner", "staff", "expert"},
}


@pytest.mark.parametrize("visibility", sorted(VISIBLE))
def test_each_visibility_shows_the_profile_to_the_right_people(cast, visibility):
    profile = make_profile(cast["expert"], visibility=visibility)
    for viewer in ("anonymous", "member", "owner", "other_owner", "staff", "expert"):
        user = cast.get(viewer)
        assert experts.can_view(user, profile) == (viewer in VISIBLE[visibility]), viewer
        seen = db.session.query(ExpertProfile).filter(experts.visible_clause(user)).all()
        assert (profile in seen) == (viewer in VISIBLE[visibility]), viewer


def test_a_suspended_experts_profile_is_shown_to_staff_only(cast):
    profile = make_profile(cast["expert"], visibility="public")
    cast["expert"].suspended_at = utcnow()
    db.session.commit()
    assert not experts.can_view(None, profile)
    assert not experts.can_view(cast["member"], profile)
    assert experts.can_view(cast["staff"], profile)


def test_the_expert_deletes_their_profile(make_user):
    user = make_user()
    profile, _created = experts.save_profile(user, profile_data())
    with pytest.raises(NotAllowed):
        experts.delete_profile(make_user(), profile)
    experts.delete_profile(user, profile)
    assert profile_of(user) is None and db.session.query(ExpertSkill).count() == 0


def test_personal_data_export_and_erase(make_user):
    user = make_user()
    experts.save_profile(user, profile_data())
    exported = personal_data.export_all(user)["expert_profile"]
    assert exported["skills"] == ["hydrology", "gis", "irrigation"]
    assert exported["cv"].startswith("Worked on")
    assert personal_data.export_all(make_user())["expert_profile"] is None
    personal_data.erase_all(user)
    db.session.commit()
    assert profile_of(user) is None
