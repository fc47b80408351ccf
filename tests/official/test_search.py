"""Offices are public search documents; archived ones leave search."""

from diaspora_platform.official import services
from diaspora_platform.search import service


def test_an_office_is_found_by_its_kind_in_any_language(make_office):
    office = make_office(kind="embassy", name_en="Embassy of Tajikistan", name_ru="Посольство",
                         name_tg="Сафорат", city="Berlin", country="DE")
    for words in ("посольство", "Сафорат", "embassy", "Berlin"):
        hits = service.search(words).hits
        assert [hit.url for hit in hits] == [f"/official/{office.id}"], words


def test_an_archived_office_leaves_search(staff, make_office):
    office = make_office(name_en="Consulate in Novosibirsk", kind="consulate")
    assert service.search("Novosibirsk").total == 1
    services.archive_office(staff, office)
    assert service.search("Novosibirsk").total == 0
