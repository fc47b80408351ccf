"""Projects and their updates in three languages: owners write the versions in the form,
readers see theirs (or the author's with a note), search keeps each language, the API
answers in the asked language, and members can propose a missing version."""

import sqlalchemy as sa

from diaspora_platform.extensions import db
from diaspora_platform.projects import updates
from diaspora_platform.projects.models import Project
from diaspora_platform.search import registry as search_registry
from diaspora_platform.translations import services as translations
from tests.projects.conftest import project_form

RUSSIAN_TITLE = "Капельное орошение садов Восе"


def test_owner_writes_versions_and_readers_get_theirs(client, auth, staff):
    auth.login_as(staff)
    response = client.post("/projects/new", data=project_form(
        organisation="", language="en", title_ru=RUSSIAN_TITLE,
        description_ru="Капельное орошение для **120 га** садов."))
    assert response.status_code == 302
    project = db.session.scalar(sa.select(Project))
    assert project.language == "en" and project.title_ru == RUSSIAN_TITLE
    from diaspora_platform.moderation import services as moderation

    moderation.decide(staff, project, "approve")
    auth.logout()
    russian = client.get(f"/ru/projects/{project.id}").get_data(as_text=True)
    assert RUSSIAN_TITLE in russian and "<strong>120 га</strong>" in russian
    assert "Drip irrigation" not in russian and "content-note" not in russian
    tajik = client.get(f"/tg/projects/{project.id}").get_data(as_text=True)
    assert "Drip irrigation for the orchards of Vose" in tajik and "content-note" in tajik
    assert f"/translations/propose/project/{project.id}/tg" in tajik
    listing = client.get("/ru/projects/").get_data(as_text=True)
    assert RUSSIAN_TITLE in listing


def test_search_and_api_keep_each_language(client, make_project):
    project = make_project(language="en", title_ru=RUSSIAN_TITLE, description_ru="Текст.")
    document = search_registry.get("project").document(project)
    assert document.title == {"en": "Drip irrigation for the orchards of Vose",
                              "ru": RUSSIAN_TITLE}
    assert document.body["ru"] == "Текст."
    row = next(item for item in client.get("/api/v1/projects?lang=ru").get_json()["data"]
               if item["id"] == project.id)
    assert row["title"] == RUSSIAN_TITLE and row["language"] == "ru"
    tajik = next(item for item in client.get("/api/v1/projects?lang=tg").get_json()["data"]
                 if item["id"] == project.id)
    assert tajik["title"].startswith("Drip irrigation") and tajik["language"] == "en"


def test_updates_carry_versions(client, make_project, make_user):
    owner = make_user(display_name="Owner")
    project = make_project(owner=owner)
    updates.post_update(owner, project, {"title": "Survey finished", "body": "Twelve wells.",
                                         "language": "en", "title_ru": "Обследование",
                                         "body_ru": "Двенадцать скважин."})
    russian = client.get(f"/ru/projects/{project.id}").get_data(as_text=True)
    assert "Обследование" in russian and "Двенадцать скважин." in russian
    assert "Survey finished" not in russian


def test_a_proposed_version_accepted_by_the_owner_is_shown(client, make_project, make_user):
    owner = make_user(display_name="Owner")
    project = make_project(owner=owner, language="en")
    member = make_user(email="translator@example.org", display_name="Farzona Translator")
    proposal = translations.propose_translation(
        member, "project", project.id, "tg",
        {"title": "Обёрии қатрагӣ дар Восеъ", "description": "Барои 120 га боғ."})
    translations.accept_translation(owner, proposal)
    db.session.expire_all()
    project = db.session.get(Project, project.id)
    assert project.title_tg == "Обёрии қатрагӣ дар Восеъ"
    assert project.status == "pending"  # the new version is reviewed like an edit
