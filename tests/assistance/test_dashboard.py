"""The staff dashboard: filters, counts per status, pages, the empty state."""

import re

from diaspora_platform.assistance import queries, services
from tests.paging import link, walk


def _page(client, **args) -> str:
    return client.get("/help-to-open/staff/", query_string=args).get_data(as_text=True)


def test_empty_dashboard_says_so(client, auth, make_staff):
    auth.login_as(make_staff())
    page = _page(client)
    assert "No requests for help yet." in page
    assert "No request matches these filters." in _page(client, status="declined")


def test_filters_and_counts_per_status(client, auth, make_staff, make_request):
    me, colleague = make_staff(), make_staff(display_name="Rustam")
    lyon = make_request(title="Lyon school")
    moscow = make_request(title="Moscow library", kind="library", country="RU",
                          city="Moscow")
    almaty = make_request(title="Almaty course", kind="course", country="KZ", city="Almaty")
    services.change_status(me, moscow, "in_review", "Reading.")
    services.assign_request(me, lyon, me.id, None)
    services.assign_request(me, almaty, colleague.id, None)
    auth.login_as(me)

    page = _page(client)
    assert all(t in page for t in ("Lyon school", "Moscow library", "Almaty course"))
    assert "3 requests" in page
    counts = queries.status_counts(queries.Filters(), me)
    assert counts["received"] == 2 and counts["in_review"] == 1 and counts["fulfilled"] == 0

    page = _page(client, status="in_review")
    assert "Moscow library" in page and "Lyon school" not in page
    page = _page(client, country="KZ")
    assert "Almaty course" in page and "Lyon school" not in page
    page = _page(client, mine="1")
    assert "Lyon school" in page and "Almaty course" not in page
    page = _page(client, assignee=str(colleague.id))
    assert "Almaty course" in page and "Lyon school" not in page
    page = _page(client, assignee="none")
    assert "Moscow library" in page and "Almaty course" not in page
    # Nonsense filters are ignored, not errors.
    assert "3 requests" in _page(client, status="bogus", country="XX", assignee="abc")


def test_counts_follow_the_other_filters(make_staff, make_request):
    staff = make_staff()
    make_request(country="FR")
    make_request(country="RU", city="Moscow")
    counts = queries.status_counts(queries.Filters(country="RU"), staff)
    assert counts["received"] == 1


def test_dashboard_pages_hold_every_request_once_newest_first(client, auth, make_staff,
                                                               make_request, make_user):
    member = make_user()
    for n in range(queries.PAGE_SIZE + 3):
        make_request(requester=member, title=f"Request number {n:02d}", country="RU")
    make_request(requester=member, title="Request number 99", country="FR")
    auth.login_as(make_staff())
    pages = walk(client, "/help-to-open/staff/?country=RU")
    assert "23 requests" in pages[0] and len(pages) == 2
    found = [t for p in pages for t in re.findall(r"Request number \d\d", p)]
    assert found == [f"Request number {n:02d}" for n in range(22, -1, -1)]
    back = client.get(link(pages[1], "prev")).get_data(as_text=True)
    assert re.findall(r"Request number \d\d", back) == found[:queries.PAGE_SIZE]
    assert _page(client, page=99).count("Request number") == queries.PAGE_SIZE


def test_a_new_message_from_the_requester_is_flagged(client, auth, make_staff, make_request,
                                                     make_user):
    member = make_user()
    req = make_request(requester=member)
    services.add_message(member, req, "Any news?", "member-msg-001")
    auth.login_as(make_staff())
    assert "New message" in _page(client)
