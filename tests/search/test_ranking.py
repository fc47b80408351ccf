"""Ranking: a name that is exactly the query comes first, the page is the best of all
matches (not of the first ones counted), and both backends agree on the top three."""

from diaspora_platform.search import service


def titles(text, **kwargs):
    return [hit.title for hit in service.search(text, **kwargs).hits]


def test_an_organisation_named_exactly_so_comes_first(make_org):
    make_org(name="Khujand Khujand Friends", description="Khujand, Khujand and Khujand.")
    make_org(name="Friends of Khujand", description="Khujand people in Paris.")
    make_org(name="Khujand", description="The society.")
    assert titles("Khujand")[0] == "Khujand"
    assert titles("Худжанд")[0] == "Khujand"  # the same name in another script


def test_a_place_named_in_another_language_comes_first(make_org):
    make_org(name="Moscow Tajik School", description="Lessons in Moscow.")
    make_org(name="Маскав", description="Ҷамъияти тоҷикон.")
    assert titles("Москва")[0] == "Маскав"


def test_the_page_is_the_best_of_all_matches_not_of_the_first_counted(app, make_org):
    for n in range(8):
        make_org(name=f"Society {n}", description="Friends of the Pamir mountains.")
    make_org(name="Pamir Club", description="Music.")  # written last, named best
    app.config["SEARCH_COUNT_CAP"] = 3
    page = service.search("Pamir")
    assert page.hits[0].title == "Pamir Club"
    assert (page.total, page.more) == (3, True)


def test_a_full_page_of_two_word_and_phrase_matches_is_ranked(make_org, make_user):
    """More matches than a page: ranking skips blocks that cannot beat the page (and
    must still stop)."""
    owner = make_user()
    for n in range(25):
        make_org(owner=owner, name=f"Navruz Berlin {n}" if n % 5 else f"Club {n}",
                 description="Navruz in Berlin, Navruz in Berlin." if n % 2 else "Berlin.")
    page = service.search("Navruz Berlin")  # all but three clubs that only say Berlin
    assert page.total == 22 and len(page.hits) == service.PER_PAGE
    assert page.hits[0].title.startswith("Navruz Berlin")
    assert service.search('"Navruz Berlin"').total == 22
    assert len(service.search("Navruz Berlin", page=2).hits) == 2
