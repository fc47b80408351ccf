"""Staff write guides: every section in up to three languages with its source and the day
it was checked; each change is audited; readers see a guide only once it is published."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform.audit import AuditEntry
from diaspora_platform.database import utcnow
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.guides import queries, services
from tests.guides.conftest import as_service, guide_form, section_form


def _actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))


def test_a_guide_keeps_the_authors_version_and_the_translations(staff):
    guide = services.save_guide(staff, guide_form(language="ru"))
    assert guide.language == "ru"
    assert guide.title == "Легальная работа в России"
    assert guide.title_translations == {"tg": "Кори қонунӣ дар Россия",
                                        "en": "Working legally in Russia"}
    assert guide.text_in("summary", "en") == ("Check your documents before you leave.", "en")


def test_every_staff_change_is_written_to_the_audit_log(staff):
    guide = services.save_guide(staff, guide_form())
    section = services.save_section(staff, guide, as_service(section_form()))
    services.save_section(staff, guide, as_service(section_form(body_en="Updated.")), section)
    services.set_published(staff, guide, True)
    services.save_guide(staff, guide_form(title_en="Working in Russia"), guide)
    services.set_published(staff, guide, False)
    assert _actions()[-6:] == ["guides.created", "guides.section_added",
                               "guides.section_updated", "guides.published",
                               "guides.updated", "guides.unpublished"]


def test_members_cannot_write_guides(make_user, make_guide):
    member = make_user()
    with pytest.raises(NotAllowed):
        services.save_guide(member, guide_form(country="KZ"))
    with pytest.raises(NotAllowed):
        services.set_published(member, make_guide(published=False), True)


@pytest.mark.parametrize(("change", "message"), [
    ({"source_url": ""}, "source"),
    ({"source_url": "javascript:alert(1)"}, "https://"),
    ({"topic": "business"}, "topic"),  # a return guide's topic in a country guide
    ({"body_ru": ""}, "both a title and a text"),
    ({"title_tg": "", "title_ru": "", "title_en": "", "body_tg": "", "body_ru": "",
      "body_en": ""}, "at least one language"),
    ({"body_en": "x" * 20_001}, "at most 20000"),
])
def test_a_section_without_what_readers_rely_on_is_refused(staff, make_guide, change,
                                                          message):
    guide = make_guide(published=False, sections=())
    with pytest.raises(DomainError, match=message):
        services.save_section(staff, guide, as_service(section_form(**change)))
    assert db.session.get(type(guide), guide.id).sections == []


def test_the_checked_day_cannot_be_in_the_future(staff, make_guide):
    guide = make_guide(published=False, sections=())
    tomorrow = utcnow().date() + timedelta(days=1)
    with pytest.raises(DomainError, match="future"):
        services.save_section(staff, guide, {**as_service(section_form()),
                                             "checked_on": tomorrow})


def test_one_guide_per_country_and_one_return_guide(staff, make_guide):
    make_guide()
    with pytest.raises(DomainError, match="already exists"):
        services.save_guide(staff, guide_form())
    services.save_guide(staff, guide_form(kind="return", country=""))
    with pytest.raises(DomainError, match="already exists"):
        services.save_guide(staff, guide_form(kind="return", country="KZ"))


def test_an_empty_guide_cannot_be_published(staff, make_guide):
    guide = make_guide(published=False, sections=())
    with pytest.raises(DomainError, match="at least one section"):
        services.set_published(staff, guide, True)


def test_publishing_what_someone_else_just_published_is_a_conflict(staff, make_guide):
    guide = make_guide()
    with pytest.raises(Conflict):
        services.set_published(staff, guide, True)


def test_sections_follow_the_topics_order_and_the_oldest_check_dates_the_guide(staff,
                                                                           make_guide):
    guide = make_guide(published=False, sections=())
    services.save_section(staff, guide, as_service(section_form(
        topic="contacts", checked_on="2026-10-01")))
    services.save_section(staff, guide, as_service(section_form(
        topic="documents", checked_on="2026-11-15")))
    db.session.expire_all()
    assert [s.topic for s in guide.sections] == ["documents", "contacts"]
    assert str(guide.last_checked) == "2026-10-01"


def test_the_request_category_points_at_its_section(make_guide):
    guide = make_guide(sections=("documents", "rights", "recruiters"))
    assert queries.section_for(guide, "unpaid_wages") == "section-rights"
    assert queries.section_for(guide, "recruiter_fraud") == "section-recruiters"
    assert queries.section_for(guide, "death") is None  # no "whom to call" written yet
    assert queries.country_guide("ru") == guide


def test_an_unpublished_guide_is_not_offered(make_guide):
    make_guide(published=False)
    assert queries.country_guide("RU") is None
    assert queries.public_guides() == []


def test_a_published_guide_keeps_a_section(staff, make_guide):
    guide = make_guide()
    with pytest.raises(DomainError, match="unpublish"):
        services.delete_section(staff, guide.sections[0])
    services.set_published(staff, guide, False)
    services.delete_section(staff, guide.sections[0])
    assert _actions()[-1] == "guides.section_deleted"
