"""What people type: operators (OR, -word, NOT word, "a phrase", word*), typos and cut-off
words, and every kind of odd input, on both backends."""

import pytest

from diaspora_platform.search import query, service
from diaspora_platform.search.analysis import term


@pytest.fixture
def orgs(make_org, make_user):
    owner = make_user()
    return {
        "rudaki": make_org(owner=owner, name="Rudaki Poetry Club", country="DE", city="Berlin",
                           description="Evenings of Persian poetry."),
        "navruz": make_org(owner=owner, name="Наврӯз", country="RU", city="Москва",
                           description="Ҷашни Наврӯз дар Маскав."),
        "pamir": make_org(owner=owner, name="Pamir Society", country="FR", city="Paris",
                          description="Music of Badakhshan."),
        "dushanbe": make_org(owner=owner, name="Dushanbe Friends", country="DE", city="Berlin",
                             description="Friends of Dushanbe in Berlin."),
    }


def titles(text, **kwargs):
    return sorted(hit.title for hit in service.search(text, **kwargs).hits)


def test_or_finds_either_word(orgs):
    assert titles("Rudaki OR Pamir") == ["Pamir Society", "Rudaki Poetry Club"]
    assert titles("Berlin Rudaki OR Dushanbe") == ["Dushanbe Friends", "Rudaki Poetry Club"]


def test_a_minus_or_not_leaves_a_word_out(orgs):
    assert titles("Berlin -poetry") == ["Dushanbe Friends"]
    assert titles("Berlin NOT poetry") == ["Dushanbe Friends"]
    assert titles('Berlin -"persian poetry"') == ["Dushanbe Friends"]


def test_a_prefix_finds_words_that_begin_so(orgs):
    assert titles("rud*") == ["Rudaki Poetry Club"]
    assert titles("Душан*") == ["Dushanbe Friends"]  # Cyrillic prefix, Latin text
    assert titles("Маск*") == ["Наврӯз"]  # a place by its Tajik name's prefix


def test_a_word_with_its_last_letters_cut_off_still_finds(orgs):
    assert titles("Dushanb") == ["Dushanbe Friends"]
    page = service.search("Rudak")
    assert [h.title for h in page.hits] == ["Rudaki Poetry Club"]
    assert titles("Pam") == ["Pamir Society"]  # searched again as "Pam*"


def test_a_word_that_folds_to_two_letters_is_not_searched_again_as_a_prefix(
        orgs, make_org, make_user):
    """Doubled letters fold ("brrrrrr" is spelled "br" for search): searched again as a
    prefix it would stand for every word beginning with those two letters."""
    make_org(owner=make_user(), name="Bridge School", country="DE", city="Bremen",
             description="Bring your children.")
    assert titles("brrrrrr") == []
    assert titles("bri") == ["Bridge School"]  # three letters typed: searched as "bri*"
    assert titles("Rudakkkk") == ["Rudaki Poetry Club"]  # folds to "rudak", long enough


@pytest.mark.parametrize("typo, found", [
    ("Navrus", "Наврӯз"), ("Dushanbw", "Dushanbe Friends"), ("Pmir", "Pamir Society"),
    ("Rudski", "Rudaki Poetry Club"), ("Bwrlin", "Dushanbe Friends"),
])
def test_one_typo_still_finds_and_says_what_was_searched(orgs, typo, found):
    page = service.search(typo)
    assert found in [h.title for h in page.hits]
    assert page.corrected


def test_a_correct_word_is_never_corrected(orgs):
    for word in ("pamir", "Paris", "poetry"):
        page = service.search(word)
        assert page.total and page.corrected is None and page.suggestion is None
    assert service.search("pamir rudaki").suggestion is None  # both known, never together


def test_a_word_under_four_letters_is_not_fuzzy(orgs):
    assert service.search("Pmr").total == 0 and service.search("Pmr").corrected is None


def test_the_cut_at_the_length_limit_keeps_whole_words(orgs):
    text = "Rudaki " * 28 + "Pamirrrrrrrrrrrrrrrrrrrrrrrrrrrr"
    assert len(text) > query.MAX_QUERY
    assert query.cut(text).split()[-1] == "Rudaki"
    assert titles(text) == ["Rudaki Poetry Club"]


def test_the_parser_reads_operators_and_plain_text():
    parsed = query.parse('Rudaki OR "Persian poetry" -Berlin NOT Paris dush* or and')
    assert [[p.kind for p in c] for c in parsed.clauses] == [["term", "phrase"], ["prefix"]]
    assert [p.terms for p in parsed.excluded] == [(term("Berlin"),), (term("Paris"),)]


@pytest.mark.parametrize("odd", ["OR", "-", "NOT", '""', '"', "*", "OR OR", "- -", "NOT -",
                                 "-Rudaki", "a*", "\"unclosed", "Rudaki OR", "OR Rudaki"])
def test_operators_without_words_never_break_a_page(orgs, client, odd):
    page = client.get("/search", query_string={"q": odd})
    assert page.status_code == 200
    data = client.get("/search.json", query_string={"q": odd})
    assert data.status_code == 200


def test_operators_alone_say_there_is_nothing_to_look_for(orgs, client):
    html = client.get("/search", query_string={"q": "OR -"}).get_data(as_text=True)
    assert "There is no word to look for" in html
    assert service.search("-Rudaki").no_words


def test_huge_and_broken_input_is_answered(orgs, client):
    assert client.get("/search", query_string={"q": "x" * 10_000}).status_code == 200
    broken = client.get("/search?q=%ff%fe%80Rudaki")  # not UTF-8: refused, with a message
    assert broken.status_code == 400
    assert "characters the site cannot read" in broken.get_data(as_text=True)
    data = client.get("/search.json?q=Rudaki&page=100000000000000000000").get_json()
    assert 1 <= data["page"] <= service.MAX_PAGE  # beyond 64 bits: not a page, the first one
    assert client.get("/search?q=Rudaki&page=-5").status_code == 200
    assert client.get("/search?q=Rudaki&page=abc").status_code == 200
