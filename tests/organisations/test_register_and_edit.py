"""Registering and editing organisations, duplicates, logos, the public page."""

import io
import re

import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.database import ModerationStatus
from diaspora_platform.extensions import db
from diaspora_platform.organisations.models import Membership, Organisation, OrganisationChange
from diaspora_platform.text import phonetic_key
from tests.fixtures_organisations import png_bytes
from tests.paging import walk

EN = {"Accept-Language": "en"}


def test_confirmed_member_registers_and_becomes_owner_of_a_pending_organisation(
        client, auth, make_user, form_data):
    user = make_user()
    auth.login(user.email)
    response = client.post("/organisations/new", data=form_data())
    assert response.status_code == 302
    org = db.session.scalar(sa.select(Organisation))
    assert org.status == "pending" and org.name == "Ravzana"
    assert org.languages == "tg,fr"
    owner = db.session.scalar(sa.select(Membership))
    assert (owner.user_id, owner.role, owner.status) == (user.id, "owner", "active")
    page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "Waiting for review" in page


def test_unconfirmed_member_cannot_register_an_organisation(client, auth, make_user,
                                                             form_data):
    user = make_user(confirmed=False)
    auth.login(user.email)
    client.post("/organisations/new", data=form_data())
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 0


def test_pending_organisation_is_invisible_to_the_public(app, make_org):
    org = make_org(approved=False)
    assert app.test_client().get(f"/organisations/{org.id}").status_code == 404
    assert "Ravzana" not in app.test_client().get("/organisations/").get_data(as_text=True)


def test_bad_input_rerenders_the_form_with_what_was_typed(client, auth, make_user, form_data):
    auth.login(make_user().email)
    response = client.post("/organisations/new", headers=EN, data=form_data(
        founded_year="1700", website="javascript:alert(1)", social_links="not a link",
        contact_phone="<script>"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "between 1900 and" in page and "https://" in page
    assert 'value="Ravzana"' in page
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 0


def test_description_html_is_sanitised(app, make_org):
    org = make_org(description="<script>alert(1)</script> [x](javascript:alert(1)) **ok**")
    page = app.test_client().get(f"/organisations/{org.id}").get_data(as_text=True)
    assert "<script>alert" not in page and "href=\"javascript:" not in page
    assert "<strong>ok</strong>" in page


def test_similar_name_in_the_other_script_is_flagged_as_duplicate(make_org, make_user):
    first = make_org(name="Ravzana")
    second = make_org(name="Равзана", name_tg="", name_ru="")
    other_country = make_org(name="Ravzana", country="DE")
    assert second.duplicate_ids == [first.id]
    assert other_country.duplicate_ids == []


def test_duplicate_check_reads_only_alike_names(make_org):
    first = make_org(name="Tajik Community Berlin", country="DE")
    make_org(name="Berlin Tajik Community", country="DE")
    make_org(name="Somon Club", country="DE")
    second = make_org(name="Tojik Community Berlin", country="DE")
    assert second.duplicate_ids == [first.id]


def test_logo_is_checked_by_content_and_reencoded(client, auth, make_user, form_data, app):
    auth.login(make_user().email)
    data = form_data()
    data["logo"] = (io.BytesIO(png_bytes()), "logo.png")
    client.post("/organisations/new", data=data, content_type="multipart/form-data")
    org = db.session.scalar(sa.select(Organisation))
    assert org.logo.endswith(".webp")
    logo = client.get(f"/organisations/{org.id}/logo")
    assert logo.mimetype == "image/webp" and logo.data[:4] == b"RIFF"


def test_fake_image_is_refused_and_nothing_is_saved(client, auth, make_user, form_data):
    auth.login(make_user().email)
    data = form_data()
    data["logo"] = (io.BytesIO(b"<?php echo 1; ?>" * 10), "logo.png")
    response = client.post("/organisations/new", data=data, headers=EN,
                           content_type="multipart/form-data")
    assert response.status_code == 200
    assert "not an image" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 0


def test_oversized_logo_gets_a_message(app_factory, make_user, form_data):
    app = app_factory(LOGO_MAX_BYTES=1000)
    client = app.test_client()
    user = make_user()
    client.post("/account/login", data={"email": user.email, "password": "kitob-daryo-sabz-2026"})
    data = form_data()
    data["logo"] = (io.BytesIO(png_bytes((800, 800), "BMP")), "big.png")
    response = client.post("/organisations/new", data=data, headers=EN,
                           content_type="multipart/form-data")
    assert "too large" in response.get_data(as_text=True)


def test_name_change_of_approved_organisation_waits_while_old_name_stays_public(
        app, client, auth, make_org, make_user, form_data):
    owner = make_user()
    org = make_org(owner=owner)
    auth.login(owner.email)
    client.post(f"/organisations/{org.id}/edit", data=form_data(name="Ravzana-France",
                                                                city="Lyon"))
    db.session.refresh(org)
    assert org.name == "Ravzana" and org.city == "Lyon" and org.status == "approved"
    change = db.session.scalar(sa.select(OrganisationChange))
    assert change.name == "Ravzana-France" and change.status == "pending"
    assert "Ravzana-France" not in app.test_client().get(
        f"/organisations/{org.id}").get_data(as_text=True)
    actions = [e.action for e in audit.recent()]
    assert "organisation.updated" in actions


def test_rejected_organisation_is_corrected_and_resubmitted(client, auth, make_org, make_user,
                                                            form_data):
    owner = make_user()
    org = make_org(owner=owner, approved=False)
    org.status, org.moderation_reason = ModerationStatus.REJECTED, "incomplete"
    db.session.commit()
    auth.login(owner.email)
    page = client.get(f"/organisations/{org.id}", headers=EN).get_data(as_text=True)
    assert "Information is missing or unclear" in page
    client.post(f"/organisations/{org.id}/edit", data=form_data(description="Now complete."))
    db.session.refresh(org)
    assert org.status == "pending"


def test_directory_filters_sorts_and_counts(app, make_org):
    make_org(name="Ravzana", country="FR", city="Paris", kind="association")
    make_org(name="NUR Tadschikische Gesellschaft", country="DE", city="Berlin",
             kind="association", languages=["de", "tg"])
    make_org(name="Deutsch-Tadschikische Gesellschaft", country="DE", city="Berlin",
             kind="charity", languages=["de"])
    make_org(name="Hidden one", approved=False)
    client = app.test_client()
    page = client.get("/organisations/?country=DE", headers=EN).get_data(as_text=True)
    assert "NUR" in page and "Ravzana" not in page and "2 organisations" in page
    by_language = client.get("/organisations/?language=tg&country=DE").get_data(as_text=True)
    assert "NUR" in by_language and "Deutsch-Tadschikische" not in by_language
    by_kind = client.get("/organisations/?kind=charity", headers=EN).get_data(as_text=True)
    assert "Deutsch-Tadschikische" in by_kind and "1 organisation" in by_kind
    empty = client.get("/organisations/?country=JP", headers=EN).get_data(as_text=True)
    assert "No verified organisation matches" in empty
    assert "Hidden one" not in client.get("/organisations/").get_data(as_text=True)


def test_directory_city_filter_matches_either_script(app, make_org):
    make_org(name="Ассоциация", country="RU", city="Москва")
    page = app.test_client().get("/organisations/?city=Moskva").get_data(as_text=True)
    assert "Ассоциация" in page


def test_directory_shows_names_in_the_readers_language(app, make_org):
    make_org(name="Ravzana", name_tg="Равзана")
    client = app.test_client()
    assert "Равзана" in client.get("/organisations/", headers={"Accept-Language": "tg"}
                                   ).get_data(as_text=True)
    assert "Ravzana" in client.get("/organisations/", headers=EN).get_data(as_text=True)


def test_directory_paginates(app, make_org, make_user):
    owner = make_user()
    for i in range(25):
        make_org(owner=owner, name=f"Organisation {i:02d}", country="KZ")
    client = app.test_client()
    first, second = walk(client, "/organisations/", headers=EN)
    assert "Organisation 00" in first and "Organisation 24" not in first
    assert "Organisation 24" in second and "Organisation 00" not in second
    assert "25 organisations" in second
    # An old numbered link still answers, with the first page.
    old = client.get("/organisations/?page=2", headers=EN).get_data(as_text=True)
    assert "Organisation 00" in old


def test_open_data_lists_public_fields_of_approved_organisations(app, make_org):
    make_org(name="Ravzana")
    make_org(name="=HYPERLINK(\"http://evil\")", approved=True, country="DE")
    make_org(name="Secret pending", approved=False)
    client = app.test_client()
    data = client.get("/organisations.json").get_json()
    names = [o["name"] for o in data["organisations"]]
    assert "Ravzana" in names and "Secret pending" not in names
    assert set(data["organisations"][0]) >= {"country", "city", "url", "languages"}
    csv_text = client.get("/organisations.csv").get_data(as_text=True)
    assert "Ravzana" in csv_text and "Secret pending" not in csv_text
    assert "'=HYPERLINK" in csv_text


def test_directory_pages_hold_every_organisation_once_in_both_sorts(app, make_org,
                                                                  make_user):
    owner = make_user()
    created = [f"Org {i:02d}" for i in range(44, -1, -1)]
    for name in created:
        make_org(owner=owner, name=name, country="KZ")
    by_name = sorted(created, key=lambda n: (phonetic_key(n), created.index(n)))
    client = app.test_client()
    for sort, expected in (("name", by_name), ("newest", created[::-1])):
        pages = walk(client, f"/organisations/?sort={sort}&country=KZ", headers=EN)
        found = [n for page in pages for n in re.findall(r"Org \d\d", page)]
        assert len(pages) == 3 and found == expected, sort


def test_open_data_answers_not_modified_until_an_organisation_changes(app, make_org):
    org = make_org(name="Ravzana")
    client = app.test_client()
    etag = client.get("/organisations.csv").headers["ETag"]
    assert client.get("/organisations.csv", headers={"If-None-Match": etag}).status_code == 304
    org.city = "Almaty"
    db.session.commit()
    assert client.get("/organisations.csv", headers={"If-None-Match": etag}).status_code == 200
