"""Type-ahead under the search box: titles of public items, from two letters, in the
reader's language; nothing in review; on both backends."""

from diaspora_platform.search import service


def test_titles_of_public_items_from_two_letters(make_org, client):
    make_org(name="Dushanbe Friends", name_tg="Дӯстони Душанбе", country="DE")
    make_org(name="Dushanbe Music School", country="DE")
    make_org(approved=False, name="Dushanbe Secret Circle", country="DE")
    titles = [item["title"] for item in service.typeahead("du", "en")]
    assert titles == ["Dushanbe Friends", "Dushanbe Music School"]
    assert service.typeahead("d", "en") == []
    data = client.get("/search/suggest.json?q=Душ").get_json()
    assert {item["title"] for item in data["items"]} == {"Dushanbe Friends",
                                                          "Dushanbe Music School"}
    tajik = client.get("/search/suggest.json?q=dush", headers={"Accept-Language": "tg"})
    assert "Дӯстони Душанбе" in [item["title"] for item in tajik.get_json()["items"]]


def test_earlier_words_narrow_and_the_last_may_be_a_beginning(make_org):
    make_org(name="Dushanbe Friends", country="DE", description="Music evenings.")
    make_org(name="Dushanbe Music School", country="DE")
    assert [i["title"] for i in service.typeahead("dushanbe mus", "en")] == [
        "Dushanbe Music School"]
    assert [i["url"] for i in service.typeahead("music dush", "en")] != []


def test_nothing_in_review_or_odd_input_is_offered(make_org, client):
    make_org(approved=False, name="Qalampir Society", country="DE")
    assert service.typeahead("qal", "en") == []
    for odd in ("", " ", "*", "\"", "OR", "ҷ" * 300, "x" * 10_000):
        assert client.get("/search/suggest.json", query_string={"q": odd}).status_code == 200
