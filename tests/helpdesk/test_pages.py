"""The person's pages and the statistics page, through the test client."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform.extensions import db
from diaspora_platform.helpdesk.models import HelpRequest

FORM = {"filed_as": "self", "category": "unpaid_wages", "country": "RU", "city": "Kazan",
        "name": "Фаррух", "phone": "+7 917 000 00 00", "story": "Зарплату не платят.",
        "client_token": "x" * 24}


def test_a_long_story_re_renders_the_form_with_the_input_and_the_limit(client, world):
    response = client.post("/help-abroad/request", data={**FORM, "story": "ж" * 100_000})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "100000 characters long" in page
    assert 'value="Фаррух"' in page
    assert db.session.scalar(sa.select(sa.func.count(HelpRequest.id))) == 0


def test_a_double_click_files_once_and_both_answers_lead_to_the_same_page(client, world):
    first = client.post("/help-abroad/request", data=FORM)
    second = client.post("/help-abroad/request", data=FORM)
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.scalar(sa.select(sa.func.count(HelpRequest.id))) == 1


def test_the_status_page_shows_the_promised_answer_time_and_is_never_cached(client, world):
    location = client.post("/help-abroad/request", data=FORM).headers["Location"]
    response = client.get(location, headers={"Accept-Language": "en"})
    page = response.get_data(as_text=True)
    assert "We aim to answer within" in page and "Received" in page
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert client.get("/help-request/not-the-secret").status_code == 404


def test_the_statistics_page_shows_figures_without_small_counts(client, world,
                                                                file_request):
    for _ in range(6):
        file_request()
    file_request(country="DE", city="Berlin")
    page = client.get("/help-abroad/statistics?lang=en").get_data(as_text=True)
    assert "&lt;5" in page and ">6<" in page
