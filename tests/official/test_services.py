"""Staff keep the official network; organisations declare help that staff verify."""

import pytest
import sqlalchemy as sa

from diaspora_platform.audit import AuditEntry
from diaspora_platform.errors import DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.official import queries, services
from tests.official.conftest import office_data


def _actions():
    return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))


def test_phones_are_stored_in_international_form(make_office):
    office = make_office(phones="+7 (000) 000-00-00\n+992 00 000 0000\n+7 000 000 00 00")
    assert office.phone_list == ["+70000000000", "+992000000000"]


@pytest.mark.parametrize("phone", ["8 000 000 00 00", "+7 abc", "+12"])
def test_a_phone_not_in_international_form_is_refused(staff, phone):
    with pytest.raises(DomainError, match="international form"):
        services.create_office(staff, office_data(phones=phone))


def test_an_office_needs_a_name_in_some_language(staff):
    with pytest.raises(DomainError, match="at least one language"):
        services.create_office(staff, office_data(name_tg="", name_ru="", name_en=""))


def test_the_name_falls_back_to_the_first_language_given(make_office):
    office = make_office(name_tg="", name_ru="Посольство", name_en="")
    assert office.name_in("en") == "Посольство"


def test_unknown_service_or_country_is_refused(staff):
    with pytest.raises(DomainError):
        services.create_office(staff, office_data(services=["bribes"]))
    with pytest.raises(DomainError):
        services.create_office(staff, office_data(covers_countries=["XX"]))


def test_only_staff_keep_the_network(make_user, make_office):
    office = make_office()
    member = make_user()
    with pytest.raises(NotAllowed):
        services.create_office(member, office_data())
    with pytest.raises(NotAllowed):
        services.archive_office(member, office)


def test_staff_changes_are_audited(staff, make_office):
    office = make_office()
    services.update_office(staff, office, office_data(city="Kazan"))
    services.mark_checked(staff, office)
    services.archive_office(staff, office)
    assert _actions()[-4:] == ["official.created", "official.updated", "official.checked",
                               "official.archived"]


def test_an_archived_office_leaves_the_public_list(staff, make_office):
    kept, gone = make_office(), make_office(name_en="Closed office")
    services.archive_office(staff, gone)
    page, total = queries.offices(queries.Filters())
    assert [o.id for o in page.items] == [kept.id] and total == 1


def test_the_list_filters_by_country_kind_and_service(make_office):
    moscow = make_office()
    almaty = make_office(country="KZ", city="Almaty", kind="embassy", services=["passport"])
    covering = make_office(country="KZ", kind="consulate", services=["passport"],
                           covers_countries=["KG"])
    def ids(**filters):
        return [o.id for o in queries.offices(queries.Filters(**filters))[0].items]

    assert ids(country="RU") == [moscow.id] and ids(kind="embassy") == [almaty.id]
    assert set(ids(service="passport")) == {almaty.id, covering.id}
    assert ids(country="KG") == [covering.id]


def test_declared_help_stays_hidden_until_staff_verify_it(make_org, make_user, staff):
    owner = make_user()
    org = make_org(owner=owner, country="RU", city="Kazan")
    added, _ = services.declare_help(owner, org, ["legal", "language"])
    assert added == ["language", "legal"]
    assert queries.verified_help(org) == []
    assert queries.helpers("RU", "kazan", "unpaid_wages") == []
    legal = next(h for h in services.declared_help(org) if h.kind == "legal")
    services.verify_help(staff, legal)
    assert [h.kind for h in queries.verified_help(org)] == ["legal"]
    assert queries.helpers("RU", "kazan", "unpaid_wages") == [(org, ["legal"])]
    assert _actions()[-2:] == ["official.help_declared", "official.help_verified"]


def test_a_member_who_does_not_edit_the_organisation_cannot_declare(make_org, make_user):
    org = make_org()
    with pytest.raises(NotAllowed):
        services.declare_help(make_user(), org, ["legal"])
