"""The database ranks experts with score_sql; it must give exactly matching.score's numbers
and order, on random profiles, on SQLite and PostgreSQL."""

import random

import pytest

from diaspora_platform.projects import vocabulary
from diaspora_platform.projects.match_queries import _ranked, offered_by
from diaspora_platform.projects.matching import Needs, rank
from tests.experts.helpers import make_profile, make_project

SKILLS = ("hydrology", "gis", "project_finance", "irrigation", "surgery", "accounting")
NEEDS = {
    "four skills, hours": Needs(skills=SKILLS[:4], sector="engineering", hours=30),
    "three skills, no hours": Needs(skills=SKILLS[1:4], sector="finance"),
    "on site, one language": Needs(skills=("gis", "surgery"), sector="medicine",
                                   languages=("tg",), hours=7, mode="onsite"),
    "remote, three languages": Needs(skills=SKILLS, sector="agriculture",
                                     languages=("tg", "ru", "en"), hours=45, mode="remote"),
    "no skills, sector only": Needs(sector="engineering", hours=12),
}


@pytest.fixture
def crowd(make_user):
    rng = random.Random(11)
    sectors = list(vocabulary.SECTORS)
    for _ in range(60):
        make_profile(make_user(), skills=rng.sample(SKILLS, rng.randint(1, 4)),
                     sectors=rng.sample(sectors, rng.randint(0, 3)),
                     languages=rng.sample(["tg", "ru", "en", "de"], rng.randint(0, 3)),
                     hours_per_month=rng.choice([0, 3, 7, 10, 20, 30, 45, 80]),
                     mode=rng.choice(["remote", "onsite", "both"]))


@pytest.mark.parametrize("name", sorted(NEEDS))
def test_sql_ranking_equals_the_python_score(crowd, make_org, name):
    from diaspora_platform.experts.models import ExpertProfile
    from diaspora_platform.extensions import db

    needs = NEEDS[name]
    project = make_project(make_org())
    profiles = db.session.query(ExpertProfile).all()
    expected = rank(needs, [(p.id, offered_by(p)) for p in profiles], limit=1000)
    assert expected, "the random crowd should match something"
    expected = [(key, match.score) for key, match in expected]
    assert _ranked(project, needs, limit=1000) == expected
    assert _ranked(project, needs, limit=7) == expected[:7]
