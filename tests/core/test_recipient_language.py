"""Mail and the welcome message speak the recipient's language, not the sender's page's."""

from flask_babel import force_locale

from diaspora_platform.i18n import _
from diaspora_platform.mail import LANGUAGE_RULE

INVITEE = "newcomer@example.org"


def _translated(app, lang: str, message: str, **params) -> str:
    with app.test_request_context(), force_locale(lang):
        return _(message, **params)


def _invite(client, auth, org, owner, email, page_language):
    auth.login(owner.email)
    return client.post(f"/organisations/{org.id}/invite", data={"email": email, "role": "member"},
                       headers={"Accept-Language": page_language})


def test_an_invitation_to_an_address_without_account_is_in_the_pages_language_then_the_others(
        app, client, auth, make_org, make_user, mailbox):
    owner = make_user(display_name="Фарида", locale="ru")  # reads the site in Russian
    org = make_org(owner=owner)
    _invite(client, auth, org, owner, INVITEE, "ru")
    mail = mailbox.last(INVITEE)
    body = mail.get_content()
    assert mail["Content-Language"] == "ru"
    sections = body.split(LANGUAGE_RULE.strip())
    assert len(sections) == 3
    assert "Язык этого письма" in sections[0] and "Фарида" in sections[0]
    assert "Ravzana" in sections[1] and "Ravzana" in sections[2]
    assert any("Hello." in part for part in sections[1:])
    assert any(_translated(app, "tg", "Hello.") in part for part in sections[1:])
    assert mail["Subject"] == _translated(app, "ru", "An invitation to join an organisation")


def test_an_invitation_to_a_member_is_in_the_members_own_language_only(
        client, auth, make_org, make_user, mailbox):
    owner = make_user(locale="tg")
    org = make_org(owner=owner)
    make_user(email=INVITEE, locale="en")
    _invite(client, auth, org, owner, INVITEE, "tg")
    mail = mailbox.last(INVITEE)
    assert mail["Content-Language"] == "en"
    assert LANGUAGE_RULE.strip() not in mail.get_content()
    assert "invites you to join Ravzana" in mail.get_content()


def test_the_invitation_footer_does_not_speak_of_an_action_on_the_invitees_account(
        client, auth, make_org, make_user, mailbox):
    owner = make_user(display_name="Farida")
    _invite(client, auth, make_org(owner=owner), owner, INVITEE, "en")
    body = mailbox.last(INVITEE).get_content()
    assert "action on your account" not in body
    assert "because Farida entered your address to invite you" in body


def test_a_password_reset_asked_from_an_english_page_is_mailed_in_the_saved_language(
        app, client, make_user, mailbox):
    user = make_user(locale="tg")
    client.post("/account/reset", data={"email": user.email}, headers={"Accept-Language": "en"})
    mail = mailbox.last(user.email)
    assert mail["Content-Language"] == "tg"
    assert mail["Subject"] == _translated(app, "tg", "Reset your password")


def test_the_welcome_after_sign_in_is_in_the_members_saved_language(app, client, make_user):
    user = make_user(display_name="Зарина", locale="tg")
    response = client.post("/account/login", data={"email": user.email,
                                                   "password": "kitob-daryo-sabz-2026"},
                           headers={"Accept-Language": "en"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert _translated(app, "tg", "Welcome, %(name)s.", name="Зарина") in page
    assert "Welcome, Зарина." not in page

