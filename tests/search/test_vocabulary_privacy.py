""""Did you mean" never tells anybody what only staff, an owner or members may see: its
vocabulary holds the words of public documents only, and a word leaves it with the last
public item that holds it. One test per type in the search registry, on both backends."""

from datetime import timedelta

import pytest

from diaspora_platform.community.events import services as events
from diaspora_platform.database import utcnow
from diaspora_platform.experts import services as experts
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from diaspora_platform.official import services as official
from diaspora_platform.search import registry, service
from tests.events.conftest import org_owner
from tests.experts.helpers import make_profile, profile_data
from tests.official.conftest import office_data

SECRET = "Mirzokalon"  # a made-up word that only the item under test holds
TYPO = "Mirzokaln"  # one letter off: "did you mean" would offer SECRET if it knew it


def correction(**kwargs) -> str | None:
    """What search makes of TYPO: the text it searched instead, or suggests."""
    page = service.search(TYPO, **kwargs)
    return page.corrected or page.suggestion


def assert_never_offered(client):
    assert correction() is None
    page = client.get("/search", query_string={"q": TYPO}).get_data(as_text=True)
    assert SECRET.lower() not in page.lower()
    assert correction(staff=True) is None  # staff neither: the vocabulary is public


def pending_organisation(make_org, **_):
    make_org(approved=False, name=f"{SECRET} Society", description=f"About {SECRET}.")


def rejected_organisation(make_org, staff, **_):
    org = make_org(approved=False, name=f"{SECRET} Society")
    moderation.decide(staff, org, "reject", "incomplete")


def hidden_place(make_place, staff, **_):
    place = make_place(name=f"Маркази {SECRET}", description=f"{SECRET} school.")
    moderation.decide(staff, place, "hide", "spam")


def pending_place(make_place, **_):
    make_place(approved=False, name=f"Маркази {SECRET}")


def pending_project(make_project, **_):
    make_project(approved=False, title=f"Canal of {SECRET}")


def cancelled_event(make_event, **_):
    event = make_event(title=f"{SECRET} evening")
    events.cancel_event(org_owner(event.organisation), event, "The hall burnt down.")


def pending_event(make_event, **_):
    make_event(approved=False, title=f"{SECRET} evening")


def pending_news(make_org, make_org_news, **_):
    org = make_org()
    make_org_news(org_owner(org), org, title_en=f"{SECRET} opens", body_en=f"{SECRET} news.")


def hidden_resource(make_resource, staff, **_):
    item = make_resource(title=f"{SECRET} alphabet")
    moderation.decide(staff, item, "hide", "spam")


def draft_campaign(make_campaign, **_):
    make_campaign(status="draft", title_en=f"A school in {SECRET}",
                  title_tg=f"Мактаб дар {SECRET}", title_ru=f"Школа в {SECRET}")


def members_only_expert(make_user, **_):
    make_profile(make_user(display_name=f"Rustam {SECRET}"), visibility="members",
                 headline=f"{SECRET} hydrologist")


def unpublished_entry(make_edition, make_place, submitted_entry, **_):
    edition = make_edition(questions="")
    centre = make_place(kind="cultural_centre", variant=None)
    submitted_entry(org_owner(centre.organisation), edition, f"place:{centre.id}",
                    title=f"The {SECRET} centre")


def archived_office(staff, **_):
    office = official.create_office(staff, office_data(name_en=f"{SECRET} consulate",
                                                       city=SECRET))
    official.archive_office(staff, office)


# Each registered type, and the states in which nobody but staff or its owners sees it.
NOT_PUBLIC = {
    "organisation": [pending_organisation, rejected_organisation],
    "place": [pending_place, hidden_place],
    "project": [pending_project],
    "event": [pending_event, cancelled_event],
    "news": [pending_news],
    "resource": [hidden_resource],
    "campaign": [draft_campaign],
    "expert": [members_only_expert],
    "competition-entry": [unpublished_entry],
    "official": [archived_office],
}
CASES = [(key, make) for key, makers in NOT_PUBLIC.items() for make in makers]


def test_every_registered_type_has_a_case(app):
    assert set(NOT_PUBLIC) == {t.key for t in registry.all_types()}


@pytest.mark.parametrize("key, make", CASES, ids=[m.__name__ for _k, m in CASES])
def test_words_of_an_item_nobody_may_see_are_never_suggested(request, client, key, make):
    names = ("make_org", "make_place", "make_project", "make_event", "make_org_news",
             "make_resource", "make_campaign", "make_user", "make_edition",
             "submitted_entry", "staff")
    fixtures = {name: request.getfixturevalue(name) for name in names
                if name in make.__code__.co_varnames}
    make(**fixtures)
    assert_never_offered(client)


def test_a_word_leaves_with_the_last_public_organisation_that_holds_it(client, make_org,
                                                                       staff):
    first = make_org(name=f"{SECRET} Society")
    second = make_org(name=f"{SECRET} Club")
    assert correction() == SECRET.lower()
    moderation.decide(staff, first, "hide", "spam")
    assert correction() == SECRET.lower()  # the club still has it
    moderation.decide(staff, second, "hide", "spam")
    assert_never_offered(client)


def test_a_word_leaves_when_its_place_is_rejected_after_an_edit(client, make_place, staff):
    place = make_place(name=f"Маркази {SECRET}")
    assert correction() == SECRET.lower()
    moderation.decide(staff, place, "hide", "spam")
    assert_never_offered(client)


def test_a_word_leaves_when_the_expert_profile_becomes_members_only(client, make_user):
    user = make_user(display_name=f"Rustam {SECRET}")
    make_profile(user, visibility="public")
    assert correction() == SECRET.lower()
    experts.save_profile(user, profile_data(visibility="members"))
    assert_never_offered(client)


def test_a_word_leaves_when_its_organisation_is_deleted(client, make_org):
    org = make_org(name=f"{SECRET} Society")
    assert correction() == SECRET.lower()
    db.session.delete(org)
    db.session.commit()
    assert_never_offered(client)


def test_a_word_leaves_when_an_edit_removes_it(client, make_org):
    org = make_org(name=f"{SECRET} Society")
    org.name = "Navruz Society"
    db.session.commit()
    assert_never_offered(client)


def test_a_reindex_keeps_only_public_words(client, make_org, runner):
    make_org(approved=False, name=f"{SECRET} Society")
    assert runner.invoke(args=["search", "reindex"]).exit_code == 0
    assert_never_offered(client)


def test_an_event_that_ended_long_ago_is_still_public(make_event):
    """The cancelled-event case above is about cancelling, not about time passing."""
    event = make_event(title=f"{SECRET} evening")
    event.starts_at = utcnow() - timedelta(days=400)
    event.ends_at = event.starts_at + timedelta(hours=2)
    db.session.commit()
    assert correction() == SECRET.lower()
