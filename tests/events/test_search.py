"""Events in search: an approved event is found in either script; a cancelled one is not
(its page stays for those registered, but nobody should find it as if it were on)."""

import pytest

from diaspora_platform.community.events import services
from diaspora_platform.search import indexing, service
from tests.events.conftest import org_owner


def found(text, **kwargs) -> list[str]:
    return [hit.url for hit in service.search(text, type_key="event", **kwargs).hits]


@pytest.fixture
def navruz(make_event):
    return make_event(title="Наврӯз дар Париж", description="Сумалак ва мусиқӣ.")


@pytest.mark.parametrize("query", ["Navruz", "Наврӯз", "Навруз", "Paris", "sumalak"])
def test_an_approved_event_is_found_in_either_script(navruz, query):
    assert found(query) == [f"/events/{navruz.id}"]


def test_cancelling_on_the_page_removes_the_event_from_search(navruz, client, auth):
    owner = org_owner(navruz.organisation)
    auth.login(owner.email)
    response = client.post(f"/events/{navruz.id}/cancel", data={"reason": "Зал закрыт."})
    assert response.status_code == 302
    assert found("Navruz") == [] and found("Navruz", staff=True) == []
    assert indexing.verify().ok
    assert client.get(f"/events/{navruz.id}").status_code == 200  # the page stays


def test_a_cancelled_event_stays_out_after_a_rebuild(navruz, make_event, runner):
    other = make_event(title="Navruz concert in Lyon", city="Lyon")
    services.cancel_event(org_owner(navruz.organisation), navruz, "The hall closed.")
    assert runner.invoke(args=["search", "reindex"]).exit_code == 0
    assert found("Navruz") == [f"/events/{other.id}"] and indexing.verify().ok
