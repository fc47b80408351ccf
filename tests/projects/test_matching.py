"""The scoring function, on a table of cases (pure: no database)."""

import pytest

from diaspora_platform.projects.matching import NO_MATCH, Needs, Offered, rank, score


def offered(skills=(), sectors=(), languages=("tg", "ru"), hours=20, mode="both"):
    return Offered(frozenset(skills), frozenset(sectors), frozenset(languages), hours, mode)


HYDRO = Needs(skills=("hydrology", "gis", "project_finance", "contract_law"),
              sector="engineering", hours=20)

# name -> (needs, offered, expected score, expected reason codes)
CASES = {
    "three of four skills, both languages, enough hours": (
        HYDRO, offered(("hydrology", "gis", "project_finance"), ("engineering",)),
        45 + 10 + 15 + 10 + 5, ["skills", "sector", "languages", "hours"]),
    "all skills, everything fits": (
        HYDRO, offered(HYDRO.skills, ("engineering",)), 100,
        ["skills", "sector", "languages", "hours"]),
    "no needed skill: no match": (
        HYDRO, offered(("surgery",), ("engineering",)), 0, []),
    "one skill, no sector, one language, half the hours": (
        HYDRO, offered(("gis",), languages=("ru", "de"), hours=10),
        15 + 8 + 5 + 5, ["skills", "languages", "hours_short"]),
    "speaks neither project language": (
        HYDRO, offered(("gis",), languages=("de",)), 15 + 10 + 5,
        ["skills", "no_language", "hours"]),
    "no hours offered": (
        HYDRO, offered(("gis",), hours=0), 15 + 15 + 5, ["skills", "languages"]),
    "project gives no hours: any offered hours count fully": (
        Needs(skills=("gis",)), offered(("gis",), hours=3), 60 + 15 + 10 + 5,
        ["skills", "languages", "hours"]),
    "on-site project, remote-only expert": (
        Needs(skills=("gis",), mode="onsite"), offered(("gis",), mode="remote"),
        60 + 15 + 10, ["skills", "languages", "hours", "mode_mismatch"]),
    "on-site project, on-site expert": (
        Needs(skills=("gis",), mode="onsite"), offered(("gis",), mode="onsite"),
        100 - 10, ["skills", "languages", "hours", "mode"]),
    "remote project, expert who does both": (
        Needs(skills=("gis",), mode="remote"), offered(("gis",), mode="both"),
        90, ["skills", "languages", "hours", "mode"]),
    "project without skills: the sector decides": (
        Needs(sector="energy"), offered(("hydropower",), ("energy",)),
        10 + 15 + 10 + 5, ["sector", "languages", "hours"]),
    "project without skills, other sector: no match": (
        Needs(sector="energy"), offered(("hydropower",), ("finance",)), 0, []),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_score_table(name):
    needs, expert, expected, codes = CASES[name]
    match = score(needs, expert)
    assert match.score == expected
    assert [r.code for r in match.reasons] == codes


def test_score_is_between_1_and_100_for_any_match():
    tiny = score(Needs(skills=tuple(f"s{i}" for i in range(200)), mode="onsite"),
                 offered(("s1",), languages=(), hours=0, mode="remote"))
    assert tiny.score == 1  # a match is never shown as 0 %
    assert score(HYDRO, offered(HYDRO.skills, ("engineering",))).score == 100


def test_no_match_has_no_reasons():
    assert score(HYDRO, offered(("surgery",))) is NO_MATCH
    assert not NO_MATCH.is_match


def test_matched_skills_keep_the_projects_order():
    match = score(HYDRO, offered(("contract_law", "hydrology")))
    assert match.matched_skills == ("hydrology", "contract_law")


def test_negative_reasons_are_marked():
    match = score(Needs(skills=("gis",), mode="onsite"),
                  offered(("gis",), languages=("de",), hours=5, mode="remote"))
    flags = {r.code: r.positive for r in match.reasons}
    assert flags == {"skills": True, "no_language": False, "hours": True,
                     "mode_mismatch": False}


def test_reasons_for_too_few_hours_say_how_many_are_needed(app):
    match = score(Needs(skills=("gis",), hours=60), offered(("gis",), hours=15))
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert "15 of 60 h/month needed" in match.summary


def test_fewer_hours_than_needed_is_a_warning():
    match = score(Needs(skills=("gis",), hours=40), offered(("gis",), hours=10))
    hours = next(r for r in match.reasons if r.code == "hours_short")
    assert not hours.positive and hours.values == (10, 40)
    assert match.score == 60 + 15 + 2 + 5  # 10 x 10 // 40 = 2 availability points


def test_rank_orders_by_score_then_skills_then_hours_then_key():
    needs = Needs(skills=("gis", "hydrology"))
    candidates = [
        (3, offered(("gis",), hours=20)),
        (1, offered(("gis", "hydrology"), hours=5)),
        (2, offered(("gis",), hours=20)),
        (4, offered(("surgery",))),
        (5, offered(("gis", "hydrology"), hours=40)),
    ]
    ranked = rank(needs, candidates, limit=10)
    assert [key for key, _match in ranked] == [5, 1, 2, 3]
    assert len(rank(needs, candidates, limit=2)) == 2


def test_reasons_read_as_in_the_backlog(app):
    match = score(HYDRO, offered(("hydrology", "gis", "project_finance"), ("engineering",)))
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert match.summary == ("3 of 4 needed skills: Hydrology, GIS and mapping, "
                                 "Project finance; sector: Engineering; "
                                 "speaks Tajik and Russian; 20 h/month")
