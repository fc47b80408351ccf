"""Readers' pages: guides under the language prefixes with each section's source and
"last checked" day, the reader's language or a note, a print layout, links from the finder
and from help requests, and the returnee's page."""

from pathlib import Path

import pytest

from diaspora_platform.extensions import db
from diaspora_platform.guides import services
from tests.guides.conftest import as_service, section_form

ROOT = Path(__file__).resolve().parents[2]


def test_a_published_guide_shows_its_sources_and_checked_days(client, make_guide):
    guide = make_guide()
    page = client.get(f"/en/guides/{guide.id}").get_data(as_text=True)
    assert "Working legally in Russia" in page
    assert "29 licensed organisations." in page
    assert 'href="https://example.org/licences"' in page
    assert "Licensed organisations, 2025" in page
    assert "Last checked: November 30, 2026" in page


def test_each_language_reads_its_own_version(client, make_guide):
    guide = make_guide()
    assert "Легальная работа в России" in client.get(f"/ru/guides/{guide.id}").get_data(
        as_text=True)
    assert "Кори қонунӣ дар Россия" in client.get(f"/tg/guides/{guide.id}").get_data(
        as_text=True)


def test_a_missing_translation_shows_the_authors_version_with_a_note(client, staff,
                                                                     make_guide):
    guide = make_guide(published=False, sections=())
    services.save_section(staff, guide, as_service(section_form(
        topic="rights", title_en="", body_en="", title_tg="", body_tg="")))
    services.set_published(staff, guide, True)
    page = client.get(f"/en/guides/{guide.id}").get_data(as_text=True)
    assert "Лицензированные организации" in page
    assert "Shown in Russian — no English version yet." in page


def test_readers_do_not_find_an_unpublished_guide(client, auth, staff, make_guide):
    guide = make_guide(published=False)
    assert client.get(f"/en/guides/{guide.id}").status_code == 404
    assert "Working legally in Russia" not in client.get("/en/guides/").get_data(as_text=True)
    auth.login_as(staff)
    page = client.get(f"/en/guides/{guide.id}").get_data(as_text=True)
    assert "Not published: only staff see it" in page


def test_publishing_refreshes_the_cached_list(app, client, staff, make_guide):
    app.config["PAGE_CACHE_ENABLED"] = True
    guide = make_guide(published=False)
    assert "Working legally in Russia" not in client.get("/en/guides/").get_data(as_text=True)
    services.set_published(staff, guide, True)
    assert "Working legally in Russia" in client.get("/en/guides/").get_data(as_text=True)


def test_the_guide_page_loads_the_print_stylesheet_that_hides_the_chrome(client, make_guide):
    page = client.get(f"/en/guides/{make_guide().id}").get_data(as_text=True)
    assert "css/guides.css" in page
    css = (ROOT / "static" / "css" / "guides.css").read_text()
    printed = css[css.index("@media print"):]
    assert "body > header" in printed and ".site-footer" in printed
    assert ".guide-source-url { display: inline" in printed  # addresses printed in full


def test_the_finder_links_the_countrys_guide_at_the_section_for_the_situation(client,
                                                                             make_guide):
    guide = make_guide(sections=("documents", "rights"))
    page = client.get("/en/help-abroad/?country=RU&situation=unpaid_wages").get_data(
        as_text=True)
    assert f'href="/en/guides/{guide.id}#section-rights"' in page
    page = client.get("/en/help-abroad/?country=KZ&situation=unpaid_wages").get_data(
        as_text=True)
    assert "/en/guides/" + str(guide.id) not in page


def test_the_request_form_for_a_country_and_category_links_the_guide(client, make_guide):
    guide = make_guide(sections=("documents",))
    page = client.get("/en/help-abroad/request?category=documents&country=RU").get_data(
        as_text=True)
    assert f'href="/en/guides/{guide.id}#section-documents"' in page


@pytest.mark.outbox_only
def test_the_request_confirmation_links_the_guide_for_its_country_and_category(
        client, make_guide, app):
    import secrets

    from diaspora_platform.accounts.models import AnonymousUser
    from diaspora_platform.helpdesk import services as helpdesk

    guide = make_guide(sections=("rights",))
    with app.test_request_context():
        _req, secret, _ = helpdesk.file_request(AnonymousUser(), helpdesk.Filing(
            client_token=secrets.token_urlsafe(24), category="unpaid_wages", country="RU",
            name="Фаррух", story="Не платят зарплату.", phone="+7 917 000 00 00",
            language="en"))
    page = client.get(f"/en/help-request/{secret}").get_data(as_text=True)
    assert f'href="/en/guides/{guide.id}#section-rights"' in page


def test_a_returnee_finds_the_return_guide_projects_and_the_roster(client, auth, make_user,
                                                                   make_guide):
    guide = make_guide(kind="return", country="", sections=("skills", "experts"))
    returnee = make_user(diaspora_status="returnee", region_of_origin="sughd")
    auth.login_as(returnee)
    page = client.get("/en/guides/returning").get_data(as_text=True)
    assert f'href="/en/guides/{guide.id}#section-skills"' in page
    assert 'href="/en/experts/"' in page
    assert "Projects that match you" in page
    assert "Choose “Returnee”" not in page


def test_the_returnee_page_asks_others_to_say_they_are_returning(client, auth, make_user):
    auth.login_as(make_user())
    page = client.get("/en/guides/returning").get_data(as_text=True)
    assert "Choose “Returnee”" in page
    assert "The guide is being written." in page


def test_the_returnee_page_needs_an_account(client):
    assert client.get("/en/guides/returning").status_code == 302


def test_the_account_menu_and_community_menu_lead_to_guides(client, auth, make_user):
    auth.login_as(make_user())
    page = client.get("/en/").get_data(as_text=True)
    assert 'href="/en/guides/returning"' in page and 'href="/en/guides/"' in page


def test_a_member_matches_projects_of_their_region(app, make_user):
    from diaspora_platform.guides.returnees import matching_projects

    member = make_user(region_of_origin="khatlon")
    profile, projects = matching_projects(db.session.merge(member), 5)
    assert profile is None and projects == []


def test_the_demo_has_the_guide_for_russia_and_the_return_guide_in_three_languages(runner,
                                                                                  client):
    from diaspora_platform.guides.queries import public_guides

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    guides = public_guides()
    assert [(g.kind, g.country) for g in guides] == [("return", None), ("country", "RU")]
    for guide in guides:
        assert guide.text_languages == ["tg", "ru", "en"]
        for section in guide.sections:
            assert section.text_languages == ["tg", "ru", "en"]
            assert section.source_url.startswith("https://") and section.checked_on
    page = client.get(f"/ru/guides/{guides[1].id}").get_data(as_text=True)
    assert "29 лицензированных организаций" in page and "37 международных соглашений" in page


def test_the_edit_forms_show_each_languages_version(client, auth, staff, make_guide):
    guide = make_guide(published=False)
    auth.login_as(staff)
    page = client.get(f"/ru/guides/{guide.id}/edit").get_data(as_text=True)
    for text in ("Кори қонунӣ дар Россия", "Легальная работа в России",
                 "Working legally in Russia", "Check your documents before you leave."):
        assert text in page
    assert '<option selected value="RU">' in page
    page = client.get(f"/tg/guides/sections/{guide.sections[0].id}/edit").get_data(
        as_text=True)
    for text in ("Ташкилотҳои иҷозатномадор", "29 лицензированных организаций.",
                 "29 licensed organisations.", "2026-11-30"):
        assert text in page
