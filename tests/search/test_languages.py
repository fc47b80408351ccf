"""Each language's text kept apart in the index: the title and the snippet a reader sees
are in their language when the item has that version, else in the one it has."""

import pytest

from diaspora_platform.search import service

TG = ("Ҷашни Наврӯз дар Хуҷанд", "Шӯро ҳамватанонро ба ҷашни Наврӯз даъват мекунад.")
RU = ("Праздник Навруз в Худжанде", "Совет приглашает соотечественников на Навруз.")
EN = ("Navruz in Khujand", "The Council invites compatriots to the Navruz feast.")


@pytest.fixture
def news(make_news):
    return make_news(title_tg=TG[0], body_tg=TG[1], title_ru=RU[0], body_ru=RU[1],
                     title_en=EN[0], body_en=EN[1])


@pytest.mark.parametrize("lang, expected", [("tg", TG), ("ru", RU), ("en", EN)])
def test_title_and_snippet_are_in_the_readers_language(news, client, lang, expected):
    for query in ("Navruz", "Наврӯз", "Навруз", "Khujand"):
        hit = service.search(query, lang=lang).hits[0]
        assert hit.title == expected[0] and "<mark>" in str(hit.title_html)
        assert ("<mark>" in str(hit.snippet)) == (query != "Khujand")
        assert str(hit.snippet).replace("<mark>", "").replace("</mark>", "") == expected[1]
    page = client.get("/search?q=Navruz", headers={"Accept-Language": lang})
    assert expected[0].split()[0] in page.get_data(as_text=True)
    data = client.get("/search.json?q=Navruz", headers={"Accept-Language": lang}).get_json()
    assert data["results"][0]["title"] == expected[0]


def test_a_missing_version_falls_back_to_the_one_there_is(make_news):
    make_news(langs=("ru",), title_ru=RU[0], body_ru=RU[1])
    hit = service.search("Navruz", lang="tg").hits[0]
    assert hit.title == RU[0] and "Навруз" in str(hit.snippet)


def test_every_version_is_searched(news):
    for words in ("соотечественников", "ҳамватанонро", "compatriots"):
        assert service.search(words).total == 1


def test_campaigns_show_the_readers_language(make_campaign):
    make_campaign(title_tg="Мактаб дар Хатлон", title_ru="Школа в Хатлоне",
                  title_en="A school in Khatlon", description_tg="Мактаби нав.",
                  description_ru="Новая школа.", description_en="A new school.")
    for lang, title, body in (("tg", "Мактаб дар Хатлон", "Мактаби нав."),
                              ("ru", "Школа в Хатлоне", "Новая школа."),
                              ("en", "A school in Khatlon", "A new school.")):
        hit = service.search("Khatlon", lang=lang).hits[0]
        assert hit.title == title and str(hit.snippet) == body


@pytest.mark.parametrize("lang, expected", [("tg", TG), ("ru", RU), ("en", EN)])
def test_results_link_to_the_item_in_the_language_searched_in(news, client, lang, expected):
    page = client.get(f"/{lang}/search?q=Navruz", headers={"Accept-Language": "de"})
    assert f'href="/{lang}/news/{news.id}"' in page.get_data(as_text=True)
    # The JSON twins have no language in their address: a page asks in its own.
    data = client.get(f"/search.json?q=Navruz&lang={lang}").get_json()
    assert data["results"][0]["title"] == expected[0]
    assert data["results"][0]["url"] == f"/{lang}/news/{news.id}"
    items = client.get(f"/search/suggest.json?q=Nav&lang={lang}").get_json()["items"]
    assert items[0]["title"] == expected[0] and items[0]["url"] == f"/{lang}/news/{news.id}"


def test_every_page_asks_for_suggestions_in_its_own_language(client):
    page = client.get("/ru/news/").get_data(as_text=True)
    assert 'data-typeahead="/search/suggest.json?lang=ru"' in page
