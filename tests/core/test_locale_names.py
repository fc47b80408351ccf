"""Country, language and currency names as a Tajik or Russian reader expects them, in the
order of their alphabet."""

import re

import pycountry
import pytest
from flask_babel import force_locale

from diaspora_platform.collation import sort_key, sorted_by
from diaspora_platform.directory.services import CURRENCIES
from diaspora_platform.i18n import (
    WORKING_LANGUAGES,
    countries,
    country_name,
    currency_name,
    language_choices,
    language_name,
)

pytestmark = pytest.mark.any_database  # wording, headers and links: no SQL difference

LATIN = re.compile(r"[A-Za-z]")
# Letters of Russian that the Tajik alphabet does not have, and the Uzbek ў.
NOT_TAJIK = re.compile(r"[цщыьўЦЩЫЬЎ]")
TAJIK_ALPHABET = "а б в г ғ д е ё ж з и ӣ й к қ л м н о п р с т у ӯ ф х ҳ ч ҷ ш ъ э ю я".split()


def test_every_country_has_a_tajik_name_in_tajik_letters():
    for country in pycountry.countries:
        name = country_name(country.alpha_2, "tg")
        assert not LATIN.search(name), (country.alpha_2, name)
        assert not NOT_TAJIK.search(name), (country.alpha_2, name)


@pytest.mark.parametrize(("code", "tajik", "russian", "english"), [
    ("TR", "Туркия", "Турция", "Türkiye"),
    ("LK", "Шри-Ланка", "Шри-Ланка", "Sri Lanka"),
    ("SX", "Синт-Мартен (қисми Нидерландия)", "Синт-Мартен (нидерландская часть)",
     "Sint Maarten (Dutch part)"),
    ("DE", "Олмон", "Германия", "Germany"),
    ("RU", "Русия", "Россия", "Russia"),
    ("IR", "Эрон", "Иран", "Iran"),
])
def test_countries_the_diaspora_lives_in_are_named_as_people_say_them(code, tajik, russian,
                                                                      english):
    assert (country_name(code, "tg"), country_name(code, "ru"), country_name(code, "en")) == (
        tajik, russian, english)


def test_russian_country_names_are_not_abbreviated():
    for code, name in countries("ru"):
        assert "о-в" not in name and "о-ва" not in name, (code, name)


@pytest.mark.parametrize(("code", "name"), [
    ("KZT", "Тангаи Қазоқистон"), ("UZS", "Сӯми Ӯзбекистон"), ("PLN", "Злотии Лаҳистон"),
    ("CNY", "Юани Чин"),
])
def test_tajik_currency_names_are_corrected(code, name):
    assert currency_name(code, "tg") == name


def test_every_currency_and_language_offered_is_named_in_tajik_letters():
    names = [currency_name(code, "tg") for code in CURRENCIES]
    names += [language_name(code, "tg") for code in WORKING_LANGUAGES]
    for name in names:
        assert not LATIN.search(name) and not NOT_TAJIK.search(name), name


def test_tajik_letters_sort_after_their_russian_neighbours():
    words = ["Яман", "Ҷопон", "Чин", "Ӯзбекистон", "Урдун", "Фаронса", "Қазоқистон", "Куба",
             "Ҳиндустон", "Хитой", "Ғана", "Гана", "Ирландия", "Ӣ", "Йемен", "Ёқут", "Ерусалим"]
    assert sorted(words, key=lambda w: sort_key(w, "tg")) == [
        "Гана", "Ғана", "Ерусалим", "Ёқут", "Ирландия", "Ӣ", "Йемен", "Куба", "Қазоқистон",
        "Урдун", "Ӯзбекистон", "Фаронса", "Хитой", "Ҳиндустон", "Чин", "Ҷопон", "Яман"]


def test_the_tajik_country_list_follows_the_tajik_alphabet():
    first_letters = [name[0].lower() for _code, name in countries("tg")]
    positions = [TAJIK_ALPHABET.index(letter) for letter in first_letters]
    assert positions == sorted(positions)
    names = [name for _code, name in countries("tg")]
    assert names.index("Чин") < names.index("Ҷопон") < names.index("Шветсия")


def test_russian_lists_put_cyrillic_before_latin_and_english_ones_are_alphabetical():
    assert sorted_by(["Zarina", "Алишер", "Ёқуб"], str, "ru") == ["Алишер", "Ёқуб", "Zarina"]
    names = [name for _code, name in countries("en")]
    assert names.index("Åland Islands") < names.index("Albania")


def test_working_languages_are_named_and_sorted_in_the_readers_language(app):
    with app.test_request_context(), force_locale("tg"):
        names = [name for _code, name in language_choices()]
    assert names[0] == "Англисӣ" and names[-1] == "Ҷопонӣ"
    assert "Олмонӣ" in names and "Фаронсавӣ" in names


def test_an_organisations_members_are_listed_by_the_tajik_alphabet(app, make_org, make_user):
    from diaspora_platform.extensions import db
    from diaspora_platform.organisations import membership
    from diaspora_platform.organisations.models import Membership

    org = make_org(owner=make_user(display_name="Яҳё"))
    for name in ("Ҷамшед", "Чаман", "Ӯлмас", "Умед"):
        db.session.add(Membership(organisation_id=org.id, user_id=make_user(display_name=name).id,
                                  role="member", status="active"))
    db.session.commit()
    with app.test_request_context(), force_locale("tg"):
        names = [m.user.display_name for m in membership.members(org)]
    assert names == ["Умед", "Ӯлмас", "Чаман", "Ҷамшед", "Яҳё"]
