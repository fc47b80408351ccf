"""Nominating a person: consent by a private link, endorsement by the embassy or consulate
of their country, the entry the jury reads with the endorsement beside it, and the bad
input around it (double submit, used and expired links, the same person twice, an office
of another country, self-entry where the edition refuses it)."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.accounts.models import AnonymousUser
from diaspora_platform.competitions import editions, entries, jury
from diaspora_platform.competitions.models import Assignment, Entry
from diaspora_platform.database import utcnow
from diaspora_platform.errors import Conflict, DomainError, InvalidToken, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from diaspora_platform.nominations import endorsement, services
from diaspora_platform.nominations.models import Stage
from diaspora_platform.notifications.models import Notification
from tests.competitions.conftest import close_now
from tests.nominations.conftest import proposal

EN = {"Accept-Language": "en"}


def consent(nomination, agree=True):
    return services.answer_nomination(AnonymousUser(), nomination, agree)


def actions_of(nomination):
    return [row.action for row in audit.recent(50)
            if row.target_type == "nomination" and row.target_id == str(nomination.id)]


def test_nominate_consent_endorse_makes_an_entry_and_tells_each_party(
        client, world, nominate, mailbox):
    nomination, secret = nominate()
    mail = mailbox.last("rustam@example.org")
    assert mail["Content-Language"] == "ru"  # the language the nominator chose for them
    assert "Лучший учёный" in mail.get_content()
    assert nomination.office_id == world.moscow.id  # routed: the embassy in Russia
    assert nomination.stage == Stage.AWAITING_CONSENT

    page = client.get(f"/en/nominations/consent/{secret}")
    assert page.status_code == 200 and "Рустам Каримов" in page.get_data(as_text=True)
    client.post(f"/en/nominations/consent/{secret}", data={"decision": "yes"})
    db.session.expire_all()
    assert nomination.stage == Stage.AWAITING_ENDORSEMENT and nomination.entry_id is None
    to_office = db.session.scalar(sa.select(Notification).where(
        Notification.user_id == world.officer.id, Notification.kind == "nomination.to_endorse"))
    assert to_office is not None
    assert mailbox.last("officer@example.org")["Content-Language"] == "ru"

    endorsement.endorse_nomination(world.officer, nomination, True, "Известный учёный.")
    db.session.expire_all()
    entry = db.session.get(Entry, nomination.entry_id)
    assert nomination.stage == Stage.ENTERED
    assert entry.edition_id == world.edition.id and entry.status == "pending"
    assert entry.entrant_name == "Рустам Каримов" and entry.user_id is None
    assert mailbox.last("owner@example.org")["Content-Language"] == "tg"
    assert actions_of(nomination) == ["nomination.endorsed", "nomination.consented",
                                      "nomination.created"]


def test_the_nominator_sees_where_each_nomination_stands(client, auth, world, nominate):
    nomination, secret = nominate()
    consent(nomination, agree=False)
    auth.login_as(world.owner)
    page = client.get("/en/nominations/mine").get_data(as_text=True)
    assert "Рустам Каримов" in page and "The person declined" in page
    assert nomination.entry_id is None


def test_a_double_submit_records_one_nomination_and_sends_one_mail(world, mailbox):
    same = proposal(world)
    first, created = services.nominate_person(world.owner, world.edition, same)
    again, created_again = services.nominate_person(world.owner, world.edition, same)
    db.session.commit()
    assert created and not created_again and first.id == again.id
    assert len([m for m in mailbox.messages() if m["To"] == "rustam@example.org"]) == 1


def test_the_same_person_cannot_be_nominated_twice_for_an_edition(world, nominate):
    nominate()
    with pytest.raises(Conflict, match="already nominated"):
        services.nominate_person(world.owner, world.edition,
                                 proposal(world, email="Rustam@Example.org"))


def test_a_used_link_and_an_expired_link_say_why_and_change_nothing(client, world,
                                                                    nominate):
    used, used_secret = nominate()
    consent(used)
    page = client.post(f"/en/nominations/consent/{used_secret}", data={"decision": "no"})
    assert "already used" in page.get_data(as_text=True)
    db.session.expire_all()
    assert used.consent == "given"

    expired, secret = nominate(email="old@example.org")
    expired.consent_expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page = client.post(f"/en/nominations/consent/{secret}", data={"decision": "yes"})
    assert "expired" in page.get_data(as_text=True)
    with pytest.raises(InvalidToken):
        consent(expired)
    assert client.get("/en/nominations/consent/not-a-real-link").status_code == 404


def test_a_new_link_replaces_the_old_one(world, nominate, mailbox):
    nomination, old = nominate()
    services.resend_link(world.owner, nomination)
    db.session.commit()
    new = mailbox.link(mailbox.last("rustam@example.org")).rsplit("/", 1)[1]
    assert services.by_secret(old) is None and services.by_secret(new) == nomination


def test_only_the_office_of_the_persons_country_decides(client, auth, world, nominate):
    nomination, _secret = nominate()
    consent(nomination)
    with pytest.raises(NotAllowed):
        endorsement.endorse_nomination(world.other_officer, nomination, True, "")
    auth.login_as(world.other_officer)
    url = f"/en/nominations/office/{nomination.id}"
    assert client.get(url).status_code == 404
    assert client.post(url, data={"decision": "endorse"}).status_code == 404
    db.session.expire_all()
    assert nomination.endorsement == "pending"


def test_declining_needs_a_note_and_stops_the_nomination(world, nominate):
    nomination, _secret = nominate()
    consent(nomination)
    with pytest.raises(DomainError, match="why"):
        endorsement.endorse_nomination(world.officer, nomination, False, "")
    endorsement.endorse_nomination(world.officer, nomination, False, "Not a resident.")
    assert nomination.stage == Stage.NOT_ENDORSED and nomination.entry_id is None
    # A second click with the same decision changes nothing.
    assert endorsement.endorse_nomination(world.officer, nomination, False, "x") is False


def test_without_required_endorsement_consent_enters_and_accounts_are_linked(
        world, nominate, make_user, staff):
    editions.save_edition(staff, world.edition.competition, {
        **_settings(world.edition), "endorsement_required": False}, world.edition)
    person = make_user(email="rustam@example.org")
    nomination, _secret = nominate()
    consent(nomination)
    entry = db.session.get(Entry, nomination.entry_id)
    assert entry is not None and entry.user_id == person.id
    assert entry.entrant_key == f"user:{person.id}"


def _settings(edition):
    from tests.competitions.conftest import edition_data

    return edition_data(year=edition.year, opens_at=edition.opens_at,
                        closes_at=edition.closes_at, judging_ends_at=edition.judging_ends_at,
                        questions="")


def test_self_entry_is_refused_with_a_clear_message_where_the_edition_says_so(
        client, auth, world, staff, make_user):
    editions.save_edition(staff, world.edition.competition, {
        **_settings(world.edition), "self_entry": False}, world.edition)
    person = make_user()
    with pytest.raises(NotAllowed, match="nominations only"):
        entries.create_entry(person, world.edition, f"user:{person.id}",
                             {"title": "Me", "statement": "x"})
    auth.login_as(person)
    url = "/en/competitions/best-scientist/2026/enter"
    assert "nominations only" in client.get(url).get_data(as_text=True)
    client.post(url, data={"entrant": f"user:{person.id}", "title": "My work"})
    assert db.session.scalar(sa.select(sa.func.count(Entry.id))) == 0


def test_any_edition_staff_mark_takes_nominations(world, make_edition):
    other = make_edition("for-development", year=2027)
    with pytest.raises(DomainError, match="does not take nominations"):
        services.nominate_person(world.owner, other, proposal(world))
    other.by_nomination = True
    db.session.commit()
    assert services.nominate_person(world.owner, other, proposal(world))[1]


def test_members_without_an_organisation_or_office_cannot_nominate(client, auth, world):
    with pytest.raises(NotAllowed):
        services.nominate_person(world.member, world.edition, proposal(world))
    auth.login_as(world.member)
    page = client.get("/en/nominations/best-scientist/2026/new")
    assert "verified organisations" in page.get_data(as_text=True)


def test_an_office_nominates_on_its_own_behalf(world):
    nomination, _created = services.nominate_person(
        world.other_officer, world.edition, proposal(world, on_behalf="office"))
    assert nomination.nominating_office_id == world.astana.id
    assert nomination.office_id == world.moscow.id  # endorsed where the person lives


def test_staff_see_every_nomination_of_an_edition(client, auth, world, nominate, staff):
    nominate()
    nominate(email="second@example.org", name="Зарина Раҳимова")
    auth.login_as(staff)
    page = client.get(f"/en/nominations/edition/{world.edition.id}").get_data(as_text=True)
    assert "Рустам Каримов" in page and "Зарина Раҳимова" in page


@pytest.mark.parametrize("blind", [False, True])
def test_judges_see_the_endorsement_beside_the_entry(client, auth, world, nominate,
                                                     make_user, staff, blind):
    world.edition.blind = blind
    db.session.commit()
    nomination, _secret = nominate()
    consent(nomination)
    endorsement.endorse_nomination(world.officer, nomination, True,
                                   "Рустам Каримов is known to us as a fine physicist.")
    entry = db.session.get(Entry, nomination.entry_id)
    moderation.decide(staff, entry, "approve")
    judge = make_user(email="judge@example.org")
    jury.add_judge(staff, world.edition, judge.email)
    close_now(world.edition)
    editions.transition(staff, world.edition, "closed")
    editions.transition(staff, world.edition, "judging")
    item = db.session.scalar(sa.select(Assignment).where(Assignment.entry_id == entry.id))
    auth.login_as(judge)
    client.post(f"/competitions/judging/assignments/{item.id}/declare")
    page = client.get(f"/en/competitions/judging/assignments/{item.id}").get_data(
        as_text=True)
    assert "Endorsed by Embassy of Tajikistan in Moscow" in page
    assert "fine physicist" in page
    assert ("Каримов" in page) is not blind  # a blind edition never names the person


def test_the_nominee_downloads_their_nominations_and_erasing_the_account_removes_them(
        world, nominate, make_user):
    from diaspora_platform.accounts import services as accounts
    from tests.conftest import PASSWORD

    person = make_user(email="rustam@example.org")
    nomination, secret = nominate()
    exported = accounts.export_user_data(person)["nominations"]
    assert [(n["role"], n["name"], n["statement"]) for n in exported] == [
        ("nominee", "Рустам Каримов", nomination.statement)]
    made = accounts.export_user_data(world.owner)["nominations"]
    assert [(n["role"], n["nominee"]) for n in made] == [("nominator", "Рустам Каримов")]

    accounts.delete_account(person, PASSWORD)
    db.session.commit()
    db.session.refresh(nomination)
    assert (nomination.nominee_name, nomination.statement) == ("—", "")
    assert "rustam" not in nomination.nominee_email
    assert nomination.consent_hash is None  # the mailed link no longer opens it
