"""The page chrome: what varies per reader and per response stays per reader and response."""

import re

from diaspora_platform.accounts.vocabulary import Role


def test_two_members_never_see_each_others_name(app, make_user):
    first, second = app.test_client(), app.test_client()
    first.post("/account/login", data={"email": make_user(display_name="Dilnoza First").email,
                                       "password": "kitob-daryo-sabz-2026"})
    second.post("/account/login", data={"email": make_user(display_name="Bahrom Second").email,
                                        "password": "kitob-daryo-sabz-2026"})
    for path in ("/", "/organisations/", "/news/"):
        one, two = (c.get(path).get_data(as_text=True) for c in (first, second))
        assert "Dilnoza First" in one and "Bahrom Second" not in one
        assert "Bahrom Second" in two and "Dilnoza First" not in two


def test_every_response_has_a_fresh_nonce(client, auth, make_user):
    auth.login_as(make_user())
    nonces = set()
    for _ in range(3):
        response = client.get("/organisations/")
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])[1]
        assert f'nonce="{nonce}"' in response.get_data(as_text=True)
        nonces.add(nonce)
    assert len(nonces) == 3


def test_each_request_reads_its_own_language(client):
    for lang, text in [("ru", "Войти"), ("en", "Sign in"), ("tg", "Ворид шудан"),
                       ("ru", "Войти")]:
        page = client.get("/", headers={"Accept-Language": lang}).get_data(as_text=True)
        assert text in page


def test_staff_see_everything_waiting_in_the_navigation(client, auth, make_user, make_org,
                                                        make_place):
    staff = make_user(role=Role.STAFF)
    make_org(approved=False, name="Waiting Society")
    make_place(approved=False)
    auth.login_as(staff)
    page = client.get("/").get_data(as_text=True)
    badge = re.search(r'Moderation\s*<span class="badge[^"]*">(\d+)', page)
    assert badge and int(badge[1]) == 2


def test_country_filter_lists_only_countries_with_organisations(client, make_org):
    make_org(name="In France", country="FR")
    make_org(name="In Germany", country="DE")
    page = client.get("/organisations/", headers={"Accept-Language": "ru"}).get_data(
        as_text=True)
    select = page.split('id="f-country"')[1].split("</select>")[0]
    assert re.findall(r'<option value="([A-Z]{2})"', select) == ["DE", "FR"]
    assert "Германия" in select and "Франция" in select


def test_menus_and_footer_follow_each_readers_language(client, auth, make_user):
    footer = {"ru": "О платформе", "en": "About the platform", "tg": "Дар бораи платформа"}
    for lang in ("ru", "en", "tg", "ru"):
        page = client.get("/news/", headers={"Accept-Language": lang}).get_data(as_text=True)
        assert footer[lang] in page
        assert all(text not in page for other, text in footer.items() if other != lang)
    auth.login_as(make_user(locale="tg"))
    page = client.get("/news/").get_data(as_text=True)
    assert "Ташкилотҳои ман" in page and 'href="/tg/organisations/mine"' in page
