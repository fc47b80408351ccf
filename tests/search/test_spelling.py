"""The spelling model as data: each rule of text.SPELLING_RULES makes its spellings meet,
in search keys and in match terms; and the gazetteer makes every name of a place meet."""

import pytest

from diaspora_platform.search import gazetteer
from diaspora_platform.search.analysis import MIN_TERM, match_terms, plain_term, term, word_key
from diaspora_platform.text import SPELLING_RULES, search_key


@pytest.mark.parametrize("rule", SPELLING_RULES, ids=lambda rule: f"{rule.spelled}-{rule.where}")
def test_each_spelling_rule_makes_its_spellings_meet(rule):
    keys = {search_key(spelling) for spelling in rule.meet}
    assert len(keys) == 1, keys
    terms = {tuple(match_terms(spelling)) for spelling in rule.meet}
    assert len(terms) == 1, terms


def test_a_start_rule_applies_only_at_the_start_of_a_word():
    assert search_key("Yerevan") == "erevan"
    assert search_key("Soyer") != search_key("Soer")  # "ye" inside a word is a y and an e


def test_che_is_not_turned_into_khe_any_more():
    """ч -> ch -> j, before kh -> h could read the c of ch as k."""
    assert search_key("Хучанд") == search_key("Хуҷанд") == "hujand"
    assert search_key("Хучанд") != search_key("Хуханд")


# (spellings of one place in any language): each set must give one term.
PLACES = [
    ("Moscow", "Москва", "Маскав", "Moskva", "Москве", "Маскави"),
    ("Munich", "München", "Мюнхен", "Muenchen"),
    ("Paris", "Париж"),
    ("Lyon", "Лион"),
    ("Yerevan", "Ереван", "Erevan"),
    ("Khujand", "Хуҷанд", "Худжанд", "Ходжент", "Хучанд"),
    ("Warsaw", "Warszawa", "Варшава"),
    ("Istanbul", "Стамбул", "Истанбул"),
    ("Novosibirsk", "Новосибирск"),
    ("Kulob", "Кӯлоб", "Куляб", "Kulyab"),
    ("Penjikent", "Панҷакент", "Пенджикент", "Panjakent"),
    ("Tajikistan", "Тоҷикистон", "Таджикистан", "Tojikiston"),
    ("Germany", "Германия"),
    ("Uzbekistan", "Ӯзбекистон", "Узбекистан"),
    ("Tashkent", "Тошкент", "Ташкент"),
    ("Rome", "Рим", "Roma"),
    ("Ufa", "Уфа"),
]


@pytest.mark.parametrize("names", PLACES, ids=lambda row: row[0])
def test_every_name_of_a_place_gives_one_term(names):
    terms = {term(name) for name in names}
    assert len(terms) == 1, {name: term(name) for name in names}


@pytest.mark.parametrize("word", ["Ufa", "Уфа", "Kiev", "Рим", "Oslo", "Baku", "Riga",
                                  "Омск", "Paris", "Nice", "Ереван"])
def test_no_term_is_shorter_than_three_letters(word):
    assert len(plain_term(word)) >= MIN_TERM and len(term(word)) >= MIN_TERM


def test_the_gazetteer_file_is_current():
    """Its keys are what the analysis computes now: after a change of rules, run
    scripts/build_gazetteer.py again."""
    stale = []
    for line in gazetteer.PATH.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        _place, key, stem, name = line.split("\t")
        if (key, stem) != (word_key(name), plain_term(name)):
            stale.append(name)
    assert not stale, stale[:10]


def test_the_gazetteer_knows_the_tajik_regions_in_every_script():
    for names in (("Суғд", "Согд", "Sughd"), ("Хатлон", "Khatlon"),
                  ("Бадахшон", "Бадахшан", "Badakhshan")):
        assert len({term(name) for name in names}) == 1
        assert gazetteer.NAMES.get(word_key(names[0]))
