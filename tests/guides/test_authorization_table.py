"""Authorization as a table: every state-changing route of the guides, tried by each kind
of actor; only Council staff (with the second factor) write guides, a refused actor
changes nothing, and staff pages do not open for others.

Actors: anonymous; member (signed in, no role); staff; admin."""

import pytest
import sqlalchemy as sa

from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.audit import AuditEntry
from diaspora_platform.extensions import db
from diaspora_platform.guides.models import Guide, GuideSection
from tests.authz import changing_rules, pages_test, route_test
from tests.guides.conftest import guide_form, section_form

ACTORS = ("anonymous", "member", "staff", "admin")
STAFF = {"anonymous": "login", "member": 403, "staff": "ok", "admin": "ok"}

# rule -> (url, form data that makes the action run for someone allowed)
SCENARIOS = {
    "/guides/new": ("/guides/new", guide_form(kind="return", country="")),
    "/guides/<int:guide_id>/edit": ("/guides/{guide}/edit",
                                    guide_form(title_en="Working in Russia")),
    "/guides/<int:guide_id>/publish": ("/guides/{draft}/publish", {"publish": "1"}),
    "/guides/<int:guide_id>/sections/new": ("/guides/{guide}/sections/new",
                                            section_form(topic="contacts")),
    "/guides/sections/<int:section_id>/edit": ("/guides/sections/{section}/edit",
                                               section_form(body_en="Checked again.")),
    "/guides/sections/<int:section_id>/delete": ("/guides/sections/{extra}/delete", {}),
}


def test_every_state_changing_guides_route_is_in_the_table(app):
    assert changing_rules(app, "guides.") == set(SCENARIOS), "add new routes to SCENARIOS"


@pytest.fixture
def people(make_user, make_guide, staff):
    people = {"member": make_user(email="member@example.org"), "staff": staff,
              "admin": make_user(email="admin@example.org", role=Role.ADMIN)}
    guide = make_guide(sections=("documents", "rights"))
    draft = make_guide(published=False, country="KZ")
    people["ids"] = {"guide": guide.id, "draft": draft.id,
                     "section": guide.sections[0].id, "extra": guide.sections[1].id}
    return people


def _state():
    db.session.expire_all()
    return (db.session.execute(sa.select(Guide.id, Guide.title_translations,
                                         Guide.published_at).order_by(Guide.id)).all(),
            db.session.execute(sa.select(GuideSection.id, GuideSection.body_translations)
                               .order_by(GuideSection.id)).all(),
            db.session.scalar(sa.select(sa.func.count(AuditEntry.id))))


test_route_answers_each_actor_as_its_check_says = route_test(SCENARIOS, ACTORS, _state)

READS = {"/guides/manage": STAFF, "/guides/new": STAFF, "/guides/{guide}/edit": STAFF,
         "/guides/{guide}/sections/new": STAFF, "/guides/sections/{section}/edit": STAFF}

test_staff_pages_open_only_for_staff = pages_test(READS, ACTORS)


def test_staff_form_re_renders_with_the_input_and_the_error(client, auth, people):
    auth.login_as(people["staff"])
    response = client.post(f"/guides/{people['ids']['guide']}/sections/new",
                           data=section_form(topic="contacts", body_ru=""))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Each language needs both a title and a text." in page
    assert "29 licensed organisations." in page
