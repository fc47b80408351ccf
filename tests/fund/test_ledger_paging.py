"""Reading the public ledger page by page: every entry once, newest first, filters kept;
a damaged or stale cursor shows the first page."""

import re

import pytest

from diaspora_platform.extensions import db
from diaspora_platform.fund import ledger, pledges, queries
from diaspora_platform.fund.models import EntryKind
from tests.paging import link, walk

ENTRY = re.compile(r'<tr data-entry="(\d+)">')


def _entries(text: str) -> list[int]:
    return [int(n) for n in ENTRY.findall(text)]


@pytest.fixture
def long_ledger(make_campaign):
    first, second = make_campaign(), make_campaign(title_en="Second")
    for i in range(130):
        ledger.append(EntryKind.MATCH_CREDITED, (first, second)[i % 3 == 0].id, 100 + i,
                      "USD" if i % 2 else "TJS", sponsor="S")
    db.session.commit()
    return first, second


def test_reader_pages_through_every_entry_once(client, long_ledger):
    seen = [n for page in walk(client, "/fund/ledger") for n in _entries(page)]
    assert seen == sorted(seen, reverse=True) and len(seen) == len(set(seen)) == 130


def test_filters_survive_paging(client, long_ledger):
    first, _second = long_ledger
    pages = walk(client, f"/fund/ledger?campaign={first.id}")
    seen = [n for page in pages for n in _entries(page)]
    assert len(pages) == 2 and sorted(seen) == [i + 1 for i in range(130) if i % 3]
    pages = walk(client, f"/fund/ledger?campaign={first.id}&currency=USD")
    seen = [n for page in pages for n in _entries(page)]
    assert sorted(seen) == [i + 1 for i in range(130) if i % 3 and i % 2]


def test_previous_link_returns_to_the_same_entries(client, long_ledger):
    first_page, second_page = walk(client, "/fund/ledger")[:2]
    back = client.get(link(second_page, "prev")).get_data(as_text=True)
    assert _entries(back) == _entries(first_page)
    assert link(first_page, "prev") is None


@pytest.mark.parametrize("cursor", ["garbage", "W10", "WyJ4Il0", "eyJhIjoxfQ", "%3F%3F",
                                    "WzEsMl0", "W3siZHQiOiJub3QgYSBkYXRlIn1d", "x" * 2000])
def test_damaged_cursor_shows_first_page(client, long_ledger, cursor):
    for arg in ("after", "before"):
        response = client.get(f"/fund/ledger?{arg}={cursor}")
        assert response.status_code == 200
        assert _entries(response.get_data(as_text=True))[0] == 130


def test_a_cursor_with_a_nul_byte_is_refused_before_the_page(client, long_ledger):
    response = client.get("/fund/ledger?after=%00")
    assert response.status_code == 400
    assert "characters the site cannot read" in response.get_data(as_text=True)


def test_old_numbered_link_answers(client, long_ledger):
    response = client.get("/fund/ledger?page=7")
    assert response.status_code == 200 and _entries(response.get_data(as_text=True))[0] == 130


PLEDGE = re.compile(r'<tr data-pledge="([^"]+)">')


def test_staff_page_through_a_campaigns_pledges_by_cursor(client, auth, staff, make_campaign,
                                                          make_pledge):
    campaign = make_campaign()
    made = [make_pledge(campaign) for _ in range(queries.PLEDGES_PAGE + 5)]
    pledges.cancel_pledge(staff, made[0], "Entered twice.", as_staff=True)
    auth.login_as(staff)
    pages = walk(client, f"/fund/manage/{campaign.id}")
    seen = [ref for page in pages for ref in PLEDGE.findall(page)]
    assert len(pages) == 2
    assert seen == [p.reference for p in reversed(made)]
    cancelled = walk(client, f"/fund/manage/{campaign.id}?status=cancelled")
    assert [ref for page in cancelled for ref in PLEDGE.findall(page)] == [made[0].reference]
