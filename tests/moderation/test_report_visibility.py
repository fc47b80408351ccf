"""The report form shows the reported item's title: it opens only for an item the visitor
may see, for every reportable content type."""

from __future__ import annotations

import pytest

from diaspora_platform.database import ModerationStatus
from diaspora_platform.extensions import db
from diaspora_platform.moderation import registry
from diaspora_platform.moderation.registry import ContentType
from tests import world

pytestmark = pytest.mark.outbox_only

# Kinds whose approved items hang on their organisation: hidden with it.
OF_AN_ORGANISATION = ("place", "event", "project", "news", "resource")


def _report_page(client, kind, item):
    return client.get(f"/moderation/{kind}/{item.id}/report")


@pytest.mark.parametrize("kind", OF_AN_ORGANISATION)
def test_report_form_is_404_for_an_item_of_a_hidden_organisation(app, client, auth,
                                                                  make_user, kind):
    made = world.build(make_user)
    item = made[kind]
    auth.login(make_user(email="reader@example.org").email)
    assert _report_page(client, kind, item).status_code == 200
    made["organisation"].status = ModerationStatus.HIDDEN
    db.session.commit()
    response = _report_page(client, kind, item)
    assert response.status_code == 404
    assert "Listed org" not in response.get_data(as_text=True)


def test_report_form_is_404_for_an_entry_whose_results_are_not_public(app, client, auth,
                                                                      make_user):
    made = world.build(make_user)
    entry = made["competition-entry"]
    auth.login(make_user(email="reader@example.org").email)
    response = _report_page(client, "competition-entry", entry)
    assert response.status_code == 404
    assert "Unpublished work" not in response.get_data(as_text=True)
    auth.logout()
    auth.login("owner@example.org")  # the entrant sees it, and may report it
    assert _report_page(client, "competition-entry", entry).status_code == 200


def test_report_form_is_404_for_a_hidden_organisation(app, client, auth, make_user):
    made = world.build(make_user)
    made["organisation"].status = ModerationStatus.HIDDEN
    db.session.commit()
    auth.login(make_user(email="reader@example.org").email)
    assert _report_page(client, "organisation", made["organisation"]).status_code == 404


def test_every_reportable_type_declares_who_may_see_its_items(app):
    for content_type in registry.all_types():
        assert content_type.visible or hasattr(content_type.model, "can_view"), content_type


def test_a_type_without_a_visibility_rule_cannot_register(app):
    class Opaque:
        pass

    with pytest.raises(ValueError, match="visibility"):
        registry.register(ContentType(key="opaque", model=Opaque, title="Opaque",
                                      label=str, url=str, author=lambda item: None))
