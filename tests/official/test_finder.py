"""The finder: the office in the reader's city first, then those covering the country,
the hotlines, and organisations only with verified help."""

from diaspora_platform.official import queries, services


def _ids(offices):
    return [o.id for o in offices]


def test_the_office_in_the_city_comes_before_those_covering_the_country(make_office):
    moscow = make_office(city="Moscow")
    kazan = make_office(city="Kazan", name_en="Kazan representation")
    found = queries.find("RU", "Казань", "unpaid_wages")
    assert _ids(found.in_city) == [kazan.id]
    assert _ids(found.in_country) == [moscow.id]


def test_an_office_covering_the_city_counts_as_in_the_city(make_office):
    covering = make_office(city="Yekaterinburg", covers_cities="Chelyabinsk\nTyumen")
    found = queries.find("RU", "Tyumen", "unpaid_wages")
    assert _ids(found.in_city) == [covering.id]


def test_offices_covering_another_country_are_found_there(make_office):
    almaty = make_office(country="KZ", city="Almaty", covers_countries=["KG"])
    assert _ids(queries.find("KG", "Bishkek", "unpaid_wages").in_country) == [almaty.id]


def test_only_offices_giving_a_relevant_service_are_shown(make_office):
    make_office(services=["pre_departure"])
    passports = make_office(name_en="Consulate", kind="consulate", services=["passport"])
    found = queries.find("RU", "Moscow", "documents")
    assert _ids(found.in_city) == [passports.id]


def test_hotlines_are_always_offered_with_tajikistan_ones_for_everybody(make_office):
    home = make_office(kind="hotline", country="TJ", city="Dushanbe")
    russia = make_office(kind="hotline", country="RU", city="Moscow")
    make_office(kind="hotline", country="KZ", city="Almaty")
    found = queries.find("RU", "Kazan", "death")
    assert _ids(found.hotlines) == [home.id, russia.id]
    assert found.in_city == [] and found.in_country == []


def test_archived_offices_are_not_found(staff, make_office):
    office = make_office()
    services.archive_office(staff, office)
    assert queries.find("RU", "Moscow", "unpaid_wages").empty


def test_organisations_show_only_for_verified_relevant_help(make_org, make_user, staff):
    owner = make_user()
    in_city = make_org(owner=owner, name="Kazan Tajiks", country="RU", city="Kazan")
    elsewhere_owner = make_user()
    elsewhere = make_org(owner=elsewhere_owner, name="Moscow Tajiks", country="RU",
                         city="Moscow")
    services.declare_help(owner, in_city, ["legal"])
    services.declare_help(elsewhere_owner, elsewhere, ["legal", "language"])
    for org in (in_city, elsewhere):
        for item in services.declared_help(org):
            services.verify_help(staff, item)
    found = queries.find("RU", "Kazan", "unpaid_wages")
    assert [(org.id, kinds) for org, kinds in found.organisations] == [
        (in_city.id, ["legal"]), (elsewhere.id, ["legal"])]
    assert queries.find("RU", "Kazan", "death").organisations == []
