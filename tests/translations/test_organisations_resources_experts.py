"""Organisations, resources and expert summaries in three languages: the form takes the
author's language and the other versions, a reader sees their language or the author's
with a note, search keeps each language apart, the API answers in the asked language, and
a member's proposed version reaches the owner (a new name of an approved organisation
only after review)."""

import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.database import ModerationStatus
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from diaspora_platform.organisations.models import Organisation, OrganisationChange
from diaspora_platform.search import service
from diaspora_platform.translations import services as translations

EN_DESC = "Cultural association of Tajiks in France."
RU_DESC = "Культурная ассоциация таджиков во Франции."


def test_an_organisation_is_registered_in_two_languages_and_read_in_each(
        client, auth, make_user, form_data):
    owner = make_user(email="owner@example.org")
    auth.login_as(owner)
    response = client.post("/organisations/new", data={
        "name": "Ravzana", "language": "en", "name_ru": "Равзана", "kind": "association",
        "country": "FR", "city": "Paris", "description": EN_DESC, "description_ru": RU_DESC,
        "languages": ["tg"]})
    assert response.status_code == 302
    org = db.session.scalar(sa.select(Organisation))
    assert org.language == "en" and org.versions("description") == {"en": EN_DESC,
                                                                     "ru": RU_DESC}
    org.status = ModerationStatus.APPROVED
    db.session.commit()
    auth.logout()
    russian = client.get(f"/ru/organisations/{org.id}").get_data(as_text=True)
    assert RU_DESC in russian and EN_DESC not in russian and "content-note" not in russian
    tajik = client.get(f"/tg/organisations/{org.id}").get_data(as_text=True)
    assert EN_DESC in tajik and "content-note" in tajik
    assert f"/translations/propose/organisation/{org.id}/tg" in tajik
    api = client.get(f"/api/v1/organisations/{org.id}?lang=ru").get_json()
    assert api["data"]["description"] == RU_DESC and api["data"]["name"] == "Равзана"


def test_search_shows_an_organisation_in_the_readers_language(make_org):
    make_org(name="Ravzana", language="en", name_ru="Равзана", description=EN_DESC,
             description_ru=RU_DESC)
    hit = service.search("Ravzana", lang="ru").hits[0]
    assert hit.title == "Равзана" and str(hit.snippet) == RU_DESC
    hit = service.search("Равзана", lang="en").hits[0]
    assert hit.title == "Ravzana" and str(hit.snippet) == EN_DESC
    assert service.search("ассоциация").total == 1


def test_a_proposed_name_of_an_approved_organisation_waits_for_review(
        make_user, make_org, proposer):
    owner = make_user(email="owner@example.org")
    org = make_org(owner=owner, name="Ravzana", language="en", description=EN_DESC)
    proposal = translations.propose_translation(
        proposer, "organisation", org.id, "tg",
        {"name": "Равзана", "description": "Ассотсиатсияи фарҳангӣ."})
    translations.accept_translation(owner, proposal)
    db.session.expire_all()
    org = db.session.get(Organisation, org.id)
    assert "tg" not in org.versions("name")  # the name waits for the Council
    assert org.description_tg == "Ассотсиатсияи фарҳангӣ."  # public at once, as edits are
    change = db.session.scalar(sa.select(OrganisationChange))
    assert change.status == ModerationStatus.PENDING and change.name_tg == "Равзана"
    moderation.decide(make_user(role=Role.ADMIN), change, "approve")
    db.session.expire_all()
    org = db.session.get(Organisation, org.id)
    assert org.versions("name") == {"en": "Ravzana", "tg": "Равзана"}
    assert org.description == EN_DESC  # nothing already saved is lost


def test_a_new_name_version_in_the_edit_form_goes_to_review(client, auth, make_user,
                                                            make_org):
    owner = make_user(email="owner@example.org")
    org = make_org(owner=owner, name="Ravzana", language="en", description=EN_DESC)
    auth.login_as(owner)
    client.post(f"/organisations/{org.id}/edit", data={
        "name": "Ravzana", "language": "en", "name_tg": "Равзана", "kind": "association",
        "country": "FR", "city": "Paris", "description": EN_DESC,
        "description_ru": RU_DESC, "languages": ["tg"]})
    db.session.expire_all()
    org = db.session.get(Organisation, org.id)
    assert "tg" not in org.versions("name") and org.description_ru == RU_DESC
    assert db.session.scalar(sa.select(OrganisationChange)).name_tg == "Равзана"


def test_a_resource_is_read_in_the_readers_language(client, make_resource):
    item = make_resource(title="Алифбои тоҷикӣ", language="tg",
                         title_ru="Таджикская азбука", description_ru="Для детей.")
    russian = client.get(f"/ru/resources/{item.id}").get_data(as_text=True)
    assert "Таджикская азбука" in russian and "Для детей." in russian
    english = client.get(f"/en/resources/{item.id}").get_data(as_text=True)
    assert "Алифбои тоҷикӣ" in english and "content-note" in english
    assert "Таджикская азбука" in client.get("/ru/resources/").get_data(as_text=True)
    hit = service.search("азбука", lang="ru").hits[0]
    assert hit.title == "Таджикская азбука"
    api = client.get(f"/api/v1/resources/{item.id}?lang=ru").get_json()["data"]
    assert api["title"] == "Таджикская азбука" and api["language"] == "tg"


def test_a_new_version_of_an_organisations_resource_goes_back_to_review(
        make_user, make_org, make_resource, proposer):
    owner = make_user(email="owner@example.org")
    org = make_org(owner=owner)
    item = make_resource(org=org, user=owner, title="Alifbo", language="en")
    moderation.decide(make_user(role=Role.ADMIN), item, "approve")
    proposal = translations.propose_translation(
        proposer, "resource", item.id, "tg",
        {"title": "Алифбо", "description": "Барои кӯдакон."})
    translations.accept_translation(owner, proposal)
    assert item.status == ModerationStatus.PENDING and item.title_tg == "Алифбо"
    assert item.title == "Alifbo"


def _expert(make_user, **fields):
    from diaspora_platform.experts.services import save_profile

    user = make_user(email="expert@example.org", display_name="Jamshed Expert")
    profile, _created = save_profile(user, {
        "headline": "Chartered accountant", "language": "en",
        "headline_ru": "Дипломированный бухгалтер", "cv": "Audit manager in London.",
        "cv_ru": "Менеджер по аудиту в Лондоне.", "languages": ["en"], "mode": "remote",
        "skills": ["auditing"],
        "visibility": "public", "years_experience": 5, "hours_per_month": 5, **fields})
    return user, profile


def test_an_experts_summary_is_read_in_the_readers_language(client, make_user):
    _user, profile = _expert(make_user)
    russian = client.get(f"/ru/experts/{profile.id}").get_data(as_text=True)
    assert "Дипломированный бухгалтер" in russian and "Менеджер по аудиту" in russian
    tajik = client.get(f"/tg/experts/{profile.id}").get_data(as_text=True)
    assert "Chartered accountant" in tajik and "content-note" in tajik
    hit = service.search("accountant", lang="ru").hits[0]
    assert "Дипломированный бухгалтер" in hit.title


def test_only_the_expert_decides_on_a_proposed_summary(client, make_user, proposer):
    user, profile = _expert(make_user)
    proposal = translations.propose_translation(
        proposer, "expert", profile.id, "tg",
        {"headline": "Муҳосиби касбӣ", "cv": "Менеҷери аудит дар Лондон."})
    other = make_user(email="other@example.org")
    assert not translations.registry.get("expert").can_decide(other, profile)
    translations.accept_translation(user, proposal)
    tajik = client.get(f"/tg/experts/{profile.id}").get_data(as_text=True)
    assert "Муҳосиби касбӣ" in tajik and "Farzona Translator" in tajik
