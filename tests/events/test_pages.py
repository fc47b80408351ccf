"""Event pages: lists and filters, the month view, the event page, calendars, open data,
organiser pages; the online link never reaches anyone without a seat."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import icalendar
import pytest

from diaspora_platform.community.events import ics, registration, services
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from tests.events.conftest import form_post, org_owner
from tests.paging import link, walk

SECRET = "https://meet.example/secret-room-42"


def test_upcoming_past_and_filters(client, make_event):
    navruz = make_event(title="Navruz in Paris")
    online = make_event(title="Online workshop on grants", kind="workshop", is_online=True,
                        online_url=SECRET)
    berlin = make_event(title="Conference in Berlin", kind="conference", country="DE",
                        city="Berlin")
    past = make_event(title="Independence Day 2025")
    past.starts_at, past.ends_at = utcnow() - timedelta(days=30), utcnow() - timedelta(days=29)
    db.session.commit()
    page = client.get("/events/").get_data(as_text=True)
    assert all(e.title in page for e in (navruz, online, berlin))
    assert past.title not in page
    assert past.title in client.get("/events/?when=past").get_data(as_text=True)
    only_de = client.get("/events/?country=DE").get_data(as_text=True)
    assert berlin.title in only_de and navruz.title not in only_de
    only_online = client.get("/events/?online=1").get_data(as_text=True)
    assert online.title in only_online and navruz.title not in only_online
    kinds = client.get("/events/?kind=conference").get_data(as_text=True)
    assert berlin.title in kinds and navruz.title not in kinds
    month = navruz.starts_at.astimezone(navruz.zone).strftime("%Y-%m")
    assert navruz.title in client.get(f"/events/?month={month}").get_data(as_text=True)
    assert client.get("/events/?month=garbage&page=-3&country=XX").status_code == 200
    assert client.get("/events/?country=%00").status_code == 400  # refused before the view


def test_events_in_review_are_not_listed_or_shown(client, make_event):
    pending = make_event(title="Not yet approved", approved=False)
    assert pending.title not in client.get("/events/").get_data(as_text=True)
    assert client.get(f"/events/{pending.id}").status_code == 404
    assert client.get(f"/events/{pending.id}.ics").status_code == 404


def test_month_view_places_events_on_their_local_day(client, make_event):
    event = make_event(title="Navruz evening")
    local = event.starts_at.astimezone(event.zone)
    page = client.get(f"/events/month?month={local:%Y-%m}").get_data(as_text=True)
    assert "Navruz evening" in page and local.strftime("%H:%M") in page
    assert client.get("/events/month?month=1999-13").status_code == 200


def test_event_page_shows_both_zones_by_place(client, make_event):
    event = make_event()
    client.set_cookie("tz", "Asia/Dushanbe")
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "(France)" in page and "(Tajikistan)" in page
    assert "Europe/Paris" not in page.split("<footer")[0].split("<main")[1]


def _leaks(client, event) -> list[str]:
    found = []
    for url in (f"/events/{event.id}", f"/events/{event.id}.ics", "/events/events.json",
                "/events/events.csv", "/events/?online=1", "/search/?q=workshop"):
        if SECRET in client.get(url).get_data(as_text=True):
            found.append(url)
    return found


def test_the_online_link_is_shown_only_to_attendees(client, auth, make_event, make_user):
    event = make_event(title="Online workshop", kind="workshop", is_online=True,
                       online_url=SECRET, capacity=1)
    seated, waiting, stranger = make_user(), make_user(), make_user()
    registration.register(seated, event)
    registration.register(waiting, event)
    assert _leaks(client, event) == []  # anonymous
    for person in (stranger, waiting):
        auth.login_as(person)
        assert _leaks(client, event) == []
        auth.logout()
    auth.login_as(seated)
    assert SECRET in client.get(f"/events/{event.id}").get_data(as_text=True)
    calendar = icalendar.Calendar.from_ical(client.get(f"/events/{event.id}.ics").data)
    assert SECRET in str(calendar.walk("VEVENT")[0]["LOCATION"])
    feed = client.get(f"/events/feeds/organisation/{event.organisation_id}.ics")
    assert SECRET not in feed.get_data(as_text=True)


def test_event_ics_parses_with_the_events_times(client, make_event):
    event = make_event(title="Navruz; music, dances\\and sumanak",
                       description="Line one\nLine two " + "ҷ" * 80)
    response = client.get(f"/events/{event.id}.ics")
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == event.title
    assert vevent.decoded("DTSTART") == event.starts_at
    assert vevent.decoded("DTEND") == event.ends_at
    assert str(vevent["UID"]).startswith(f"event-{event.id}@")
    assert "ҷ" * 80 in str(vevent["DESCRIPTION"])
    assert all(len(line.encode()) <= 75 for line in response.data.decode().split("\r\n"))


def test_feeds_by_organisation_and_country_include_cancelled_events(client, make_event):
    event = make_event(title="Navruz in Paris")
    services.cancel_event(org_owner(event.organisation), event, "Hall closed.")
    make_event(title="Conference in Berlin", country="DE", city="Berlin")
    by_country = icalendar.Calendar.from_ical(client.get("/events/feeds/country/FR.ics").data)
    events = by_country.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Navruz in Paris"]
    assert str(events[0]["STATUS"]) == "CANCELLED"
    by_org = client.get(f"/events/feeds/organisation/{event.organisation_id}.ics")
    assert icalendar.Calendar.from_ical(by_org.data).walk("VEVENT")
    assert client.get("/events/feeds/country/XX.ics").status_code == 404
    assert client.get("/events/feeds/organisation/99999.ics").status_code == 404


def test_open_data_json_has_no_online_link(client, make_event):
    make_event(is_online=True, online_url=SECRET)
    data = json.loads(client.get("/events/events.json").data)
    assert data["events"][0]["online"] is True and "online_url" not in data["events"][0]


def test_calendar_file_keeps_every_field_through_a_reader():
    start = utcnow().replace(microsecond=0)
    text = ics.calendar([ics.CalendarEvent(
        uid="event-1@example.org", start=start, end=start + timedelta(hours=2),
        summary="a,b;c\\d", description="ӯ" * 100, location="Париж, 5; зал",
        timezone="Europe/Paris", cancelled=True, sequence=3,
        categories=["Наврӯз", "music, dance"])], name="Рӯйдодҳо")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["X-WR-CALNAME"]) == "Рӯйдодҳо"
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "a,b;c\\d" and str(vevent["DESCRIPTION"]) == "ӯ" * 100
    assert str(vevent["LOCATION"]) == "Париж, 5; зал"
    assert vevent.decoded("DTSTART") == start and str(vevent["STATUS"]) == "CANCELLED"
    assert int(vevent["SEQUENCE"]) == 3 and str(vevent["X-EVENT-TIMEZONE"]) == "Europe/Paris"
    assert list(vevent["CATEGORIES"].cats) == ["Наврӯз", "music, dance"]


def test_register_and_cancel_through_the_pages(client, auth, make_event, make_user):
    event = make_event(capacity=1)
    first, second = make_user(), make_user()
    auth.login_as(first)
    response = client.post(f"/events/{event.id}/register", follow_redirects=True)
    assert "You are registered" in response.get_data(as_text=True)
    auth.logout()
    auth.login_as(second)
    response = client.post(f"/events/{event.id}/register", follow_redirects=True)
    assert "waitlist, number 1" in response.get_data(as_text=True)
    auth.logout()
    auth.login_as(first)
    response = client.post(f"/events/{event.id}/unregister", follow_redirects=True)
    assert "Your registration is cancelled" in response.get_data(as_text=True)


def test_organiser_publishes_through_the_form_and_sees_errors_kept(client, auth, make_org):
    org = make_org()
    auth.login_as(org_owner(org))
    bad = form_post(title="Navruz evening")
    bad["ends_at"] = bad["starts_at"]
    page = client.post("/events/new", data={**bad, "organisation": org.id})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "must end after it starts" in text
    assert "Navruz evening" in text  # the input is kept
    response = client.post("/events/new", data={**form_post(), "organisation": org.id})
    assert response.status_code == 302
    assert "waits for review" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_attendee_list_and_csv_for_organisers(client, auth, make_event, make_user):
    event = make_event()
    registration.register(make_user(display_name="=HYPERLINK(1)"), event)
    auth.login_as(org_owner(event.organisation))
    assert "HYPERLINK" in client.get(f"/events/{event.id}/attendees").get_data(as_text=True)
    csv = client.get(f"/events/{event.id}/attendees.csv").get_data(as_text=True)
    assert "'=HYPERLINK(1)" in csv and "confirmed" in csv


def test_organisation_page_lists_upcoming_events(app, client, make_event):
    event = make_event(title="Navruz in Paris")
    with app.test_request_context():
        from flask import render_template_string

        html = render_template_string('{% include "events/_org_upcoming.html" %}',
                                      org=event.organisation)
    assert "Navruz in Paris" in html


@pytest.mark.parametrize("lang", ["tg", "ru", "en"])
def test_pages_answer_in_each_language(client, make_event, lang):
    event = make_event()
    for url in ("/events/", "/events/month", f"/events/{event.id}", "/events/?when=past"):
        response = client.get(url, headers={"Accept-Language": lang})
        assert response.status_code == 200
        assert f'lang="{lang}"' in response.get_data(as_text=True)


def _titles(html: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r"Event \d\d", html)))


def test_upcoming_and_past_pages_hold_every_event_once(client, make_org, make_event):
    org = make_org(name="Busy organisers")
    start = (utcnow() + timedelta(days=7)).replace(microsecond=0)
    events = [make_event(org=org, title=f"Event {i:02d}", starts_at=start + timedelta(hours=i // 2),
                         ends_at=start + timedelta(hours=i // 2 + 1)) for i in range(45)]
    make_event(org=org, title="Event 99", kind="workshop")
    names = [e.title for e in events]
    for when, expected in (("upcoming", names),
                           ("past", sorted(names, key=lambda n: (-(int(n[6:]) // 2), n)))):
        pages = walk(client, f"/events/?when={when}&kind=celebration")
        assert len(pages) == 3 and [t for p in pages for t in _titles(p)] == expected, when
        back = client.get(link(pages[-1], "prev")).get_data(as_text=True)
        assert _titles(back) == expected[20:40], when
        for event in events:  # the same events, a month ago
            event.starts_at -= timedelta(days=40)
            event.ends_at -= timedelta(days=40)
        db.session.commit()
