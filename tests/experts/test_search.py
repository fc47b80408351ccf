"""Expert profiles in search: only a profile everyone may see is found, in any language of
its skills and in either script of the name; it follows the member's name, and leaves the
index when it is made members-only, when the account is suspended or deleted."""

import json
import re

import pytest

from diaspora_platform.accounts import services as accounts
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.experts import services as experts
from diaspora_platform.extensions import db
from diaspora_platform.search import indexing, service
from tests.conftest import PASSWORD
from tests.experts.helpers import make_profile, profile_data


def found(text, **kwargs) -> list[str]:
    return [hit.url for hit in service.search(text, **kwargs).hits]


@pytest.fixture
def zarina(make_user):
    user = make_user(display_name="Зарина Каримова", email="zk.postbox@private.example",
                     city="Leipzig", country="DE")
    return make_profile(user, skills=("hydrology", "irrigation"), sectors=["agriculture"],
                        headline="Hydrologist for the Vakhsh valley", languages=["tg", "uz"],
                        cv="Built **canals** in Khatlon.", keywords="drip irrigation")


@pytest.mark.parametrize("query", [
    "Zarina", "Karimova", "Зарина", "Vakhsh", "canals", "hydrologist", "Гидрология",
    "Орошение", "Обёрӣ", "Кишоварзӣ", "agriculture", "drip", "Uzbek", "узбекский",
])
def test_a_public_profile_is_found_by_name_skill_and_language(zarina, query):
    assert found(query) == [f"/experts/{zarina.id}"]


def test_only_public_profiles_are_found_even_by_staff(make_user):
    for visibility in ("members", "project_owners"):
        make_profile(make_user(display_name=f"Rustam {visibility}"), visibility=visibility)
    assert found("Rustam") == [] and found("Rustam", staff=True) == []


def test_private_account_data_is_never_in_the_index(zarina):
    assert found("postbox") == found("private.example") == found("Leipzig") == []
    doc = json.dumps(indexing.documents_for(db.session, {("expert", zarina.id)}))
    assert "private.example" not in doc and "Leipzig" not in doc


def test_members_only_removes_the_profile_and_public_brings_it_back(zarina):
    user = zarina.user
    experts.save_profile(user, profile_data(visibility="members", headline="Hydrologist"))
    assert found("Karimova") == []
    experts.save_profile(user, profile_data(visibility="public", headline="Hydrologist"))
    assert found("Karimova") == [f"/experts/{zarina.id}"]


def test_the_document_follows_the_members_name(zarina):
    zarina.user.display_name = "Зарина Саидова"
    db.session.commit()
    assert found("Karimova") == []
    assert found("Saidova") == [f"/experts/{zarina.id}"]


def test_suspension_removes_the_profile(zarina, make_user):
    accounts.suspend_user(make_user(role=Role.STAFF), zarina.user, "spam")
    db.session.commit()  # the admin page commits
    assert found("Karimova") == [] and found("Karimova", staff=True) == []
    assert indexing.verify().ok


def test_deleting_the_account_removes_the_profile(zarina, client, auth):
    profile_id = zarina.id
    auth.login(zarina.user.email)
    assert client.post("/account/delete", data={"current": PASSWORD}).status_code == 302
    assert found("Karimova") == [] and found("Vakhsh") == []
    assert indexing.verify().ok
    assert client.get(f"/experts/{profile_id}").status_code == 404


@pytest.mark.parametrize("lang, badge", [("tg", "Коршинос"), ("ru", "Эксперт"),
                                         ("en", "Expert")])
def test_the_search_page_shows_the_expert(zarina, client, lang, badge):
    html = client.get("/search?q=Vakhsh", headers={"Accept-Language": lang}).get_data(
        as_text=True)
    text = re.sub(r"<[^>]+>", "", html)
    assert f'href="/{lang}/experts/{zarina.id}"' in html
    assert "Зарина Каримова" in text and badge in text
    only = client.get("/search?q=Vakhsh&type=expert").get_data(as_text=True)
    assert f'href="/en/experts/{zarina.id}"' in only
