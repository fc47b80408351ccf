"""Search through the registry, the outbox and the Whoosh backend, as people use it."""

import re

import pytest

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.database import ModerationStatus
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from diaspora_platform.search import indexing, service


@pytest.fixture
def orgs(make_org, make_user):
    owner = make_user()
    return {
        "ravzana": make_org(owner=owner, name="Ravzana", name_tg="Равзана", country="FR",
                            city="Paris", description="Tajik culture in France."),
        "khujand": make_org(owner=owner, name="Мактаби тоҷикӣ", kind="school", country="RU",
                            city="Хуҷанд", description="Мактаби якшанбе барои кӯдакон."),
        "dushanbe": make_org(owner=owner, name="Dushanbe Friends", country="DE",
                             city="Berlin", description="Friends of Dushanbe in Berlin."),
        "pending": make_org(owner=owner, approved=False, name="Rahmon Society", country="GB"),
    }


def titles(text, **kwargs):
    return [hit.title for hit in service.search(text, **kwargs).hits]


@pytest.mark.parametrize("query, expected", [
    ("Равзана", "Ravzana"), ("ravzana", "Ravzana"),
    ("Душанбе", "Dushanbe Friends"), ("dushanbe", "Dushanbe Friends"),
    ("Khujand", "Мактаби тоҷикӣ"), ("Худжанд", "Мактаби тоҷикӣ"),
    ("maktab", "Мактаби тоҷикӣ"), ("school Khujand", "Мактаби тоҷикӣ"),
])
def test_names_are_found_in_either_script(orgs, query, expected):
    assert expected in titles(query)


def test_content_in_review_is_found_only_by_staff(orgs):
    assert titles("Rahmon") == []
    assert titles("Раҳмон", staff=True) == ["Rahmon Society"]


def test_approval_makes_it_findable_and_hiding_removes_it(orgs, make_user):
    staff = make_user(role=Role.STAFF)
    moderation.decide(staff, orgs["pending"], "approve")
    assert titles("Rahmon") == ["Rahmon Society"]
    moderation.decide(staff, orgs["pending"], "hide", "spam")
    assert titles("Rahmon") == [] and titles("Rahmon", staff=True) == []


def test_edits_reach_the_index(orgs):
    org = orgs["dushanbe"]
    org.description = "Now about Navruz celebrations."
    db.session.commit()
    assert titles("Navruz") == ["Dushanbe Friends"]


def test_filters_and_facet_counts(orgs):
    everything = service.search("friends culture мактаб")
    assert everything.total == 0  # all words must match
    by_country = service.search("Dushanbe", country="FR")
    assert by_country.total == 0
    facets = service.search("Dushanbe").facets
    assert facets["type"] == {"organisation": 1} and facets["country"] == {"DE": 1}


def test_snippets_highlight_the_match_in_the_original_text(orgs):
    hit = service.search("Berlin").hits[0]
    assert re.search(r"in <mark[^>]*>Berlin</mark>", str(hit.snippet))


def test_a_typo_is_searched_again_as_corrected_and_the_page_says_so(orgs, client):
    page = service.search("Frends")
    assert page.corrected == "friends" and titles("Frends") == ["Dushanbe Friends"]
    assert service.search("Frends", exact=True).total == 0
    html = client.get("/search?q=Frends").get_data(as_text=True)
    assert "Showing results for «friends»." in html
    assert "Search instead for «Frends»" in html and "exact=1" in html
    assert service.search("Dushanbe").corrected is None


@pytest.mark.parametrize("odd", [
    "", "!!!", "\"", "((", "AND OR NOT", "title:*", "*", "' OR 1=1 --", "x" * 5000,
    "<script>alert(1)</script>", "\"unclosed phrase", "ҷ" * 300,
])
def test_odd_input_never_breaks_the_page(orgs, client, odd):
    page = client.get("/search", query_string={"q": odd})
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.get_data(as_text=True)
    assert client.get("/search.json", query_string={"q": odd}).status_code == 200


def test_a_nul_in_the_query_is_refused_before_the_search(orgs, client):
    assert client.get("/search", query_string={"q": "Ravzana\x00"}).status_code == 400
    answer = client.get("/search.json", query_string={"q": "Ravzana\x00"})
    assert answer.status_code == 400 and answer.json["status"] == 400


def test_search_page_shows_results_with_badges_and_an_empty_state(orgs, client):
    page = client.get("/search?q=Равзана").get_data(as_text=True)
    assert "Ravzana" in page and "Organisation" in page and "1 result" in page
    empty = client.get("/search?q=zzzzqqq").get_data(as_text=True)
    assert "Nothing found" in empty


def test_results_use_the_readers_language_for_names(orgs, client):
    page = client.get("/search?q=ravzana", headers={"Accept-Language": "tg"})
    assert "Равзана" in page.get_data(as_text=True)


def test_search_json_has_the_same_results(orgs, client):
    data = client.get("/search.json?q=dushanbe&country=DE").get_json()
    assert data["total"] == 1 and data["results"][0]["url"].startswith("/en/organisations/")
    assert client.get("/search.json?q=dushanbe&country=FR").get_json()["total"] == 0


def test_staff_flag_is_ignored_for_members(orgs, client, auth, make_user):
    auth.login(make_user().email)
    assert client.get("/search.json?q=Rahmon&staff=1").get_json()["total"] == 0


def test_verify_finds_and_repair_fixes_a_missing_document(orgs, runner):
    from diaspora_platform.search.backends import backend

    backend().update({f"organisation:{orgs['ravzana'].id}": None})
    report = runner.invoke(args=["search", "verify"])
    assert report.exit_code == 1 and f"organisation:{orgs['ravzana'].id}" in report.output
    assert runner.invoke(args=["search", "verify", "--repair"]).exit_code == 0
    assert indexing.verify().ok and titles("Ravzana") == ["Ravzana"]


def test_reindex_rebuilds_and_keeps_searching(orgs, runner):
    before = titles("dushanbe")
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0 and "Indexed 4 documents" in result.output
    assert titles("dushanbe") == before and indexing.verify().ok


def test_whoosh_searcher_is_kept_open_until_the_index_changes(tmp_path):
    from diaspora_platform.search.backends.whoosh import WhooshBackend
    from diaspora_platform.search.service import build_query

    index = WhooshBackend(str(tmp_path / "ix"))
    doc = {"type": "organisation", "title": "Ravzana", "body": "Paris", "url": "/o/1",
           "audience": "public"}
    index.update({"organisation:1": doc})
    query = build_query("ravzana")
    assert index.search(query).total == 1
    first = index._searcher
    index.search(query)
    assert index._searcher is first
    index.update({"organisation:1": {**doc, "title": "Ravzana Paris"}})
    assert index.search(query).total == 1  # the edit replaced the document: no duplicate
    assert index._searcher is not first
    index.update({"organisation:1": None})
    assert index.search(query).total == 0


def test_rejected_organisation_leaves_the_index(orgs, make_user):
    org = orgs["pending"]
    moderation.decide(make_user(role=Role.STAFF), org, "reject", "incomplete")
    assert org.status == ModerationStatus.REJECTED
    assert titles("Rahmon", staff=True) == []


def test_a_phrase_needs_its_words_side_by_side(make_org):
    make_org(name="Tajik Culture Club", country="DE", description="Evenings in Berlin.")
    make_org(name="Culture Society", country="DE",
             description="Tajik evenings and culture nights in Berlin.")
    assert titles('"tajik culture"') == ["Tajik Culture Club"]
    assert sorted(titles("tajik culture")) == ["Culture Society", "Tajik Culture Club"]
    assert titles('"culture tajik"') == []


def test_a_phrase_is_found_in_the_other_script(make_org):
    make_org(name="Маркази фарҳангии Сомон", country="RU", description="Дар Москва.")
    assert titles('"markazi farhangii"') == ["Маркази фарҳангии Сомон"]
    assert titles('"farhangii markazi"') == []


def test_a_name_match_ranks_above_a_mention(make_org):
    make_org(name="Zarafshon Club", description="Friends from Khujand and Kulob meet here.")
    make_org(name="Khujand Friends", description="A club in Paris.")
    assert titles("Khujand") == ["Khujand Friends", "Zarafshon Club"]


def test_facets_keep_the_other_values_on_offer_under_a_filter(make_org):
    for country in ("DE", "DE", "FR"):
        make_org(name=f"Navruz Society {country}", country=country, kind="association")
    make_org(name="Navruz School", country="FR", kind="school")
    page = service.search("Navruz", country="FR")
    assert page.total == 2
    assert page.facets["country"] == {"DE": 2, "FR": 2}
    assert page.facets["type"] == {"organisation": 2}


def test_counting_stops_at_the_cap_and_says_there_are_more(app, make_org, client):
    for n in range(4):
        make_org(name=f"Pamir Society {n}")
    app.config["SEARCH_COUNT_CAP"] = 3
    page = service.search("Pamir")
    assert (page.total, page.more) == (3, True)
    assert len(page.hits) == 4  # the page is ranked from all matches, not the counted ones
    assert "More than 3 results" in client.get("/search?q=Pamir").get_data(as_text=True)
    data = client.get("/search.json?q=Pamir").get_json()
    assert (data["total"], data["more"]) == (3, True)
    app.config["SEARCH_COUNT_CAP"] = 4
    assert (service.search("Pamir").total, service.search("Pamir").more) == (4, False)
