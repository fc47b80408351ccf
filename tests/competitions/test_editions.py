"""Staff create editions and move them through their states; refusals that make sense."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.competitions import editions
from diaspora_platform.competitions.models import Edition
from diaspora_platform.database import utcnow
from diaspora_platform.errors import Conflict, DomainError
from diaspora_platform.extensions import db
from tests.competitions.conftest import close_now, edition_data

EN = {"Accept-Language": "en"}


def form(**overrides):
    data = {"year": "2026", "opens_at": "2026-12-01T09:00", "closes_at": "2027-02-01T18:00",
            "judging_ends_at": "2027-03-01T18:00", "eligibility": "Listed centres.",
            "rubric": "Impact: 40\nReach: 30\nSustainability: 30", "question_lines": "",
            "attachment_lines": "Annual report", "optional_attachments": "2",
            "max_entries": "1", "judges_per_entry": ""}
    data.update(overrides)
    return data


def test_staff_create_an_edition_in_their_time_zone(client, auth, competitions, staff):
    auth.login_as(staff)
    client.set_cookie("tz", "Europe/Moscow")
    response = client.post("/competitions/manage/new/best-cultural-centre", data=form())
    assert response.status_code == 302
    edition = db.session.scalar(sa.select(Edition))
    assert edition.state == "draft" and edition.year == 2026
    assert edition.closes_at.hour == 15  # 18:00 in Moscow is 15:00 UTC
    assert [(c.name, c.weight) for c in edition.criteria] == [
        ("Impact", 40), ("Reach", 30), ("Sustainability", 30)]
    assert edition.required_attachments == ["Annual report"]
    assert audit.recent()[0].action == "competition.edition_created"


@pytest.mark.parametrize("overrides, message", [
    ({"rubric": "Impact: 40\nReach: 30"}, "must add up to 100 (now 70)"),
    ({"rubric": "Impact forty"}, "Write each criterion as"),
    ({"closes_at": "2026-11-01T09:00"}, "The dates must follow each other"),
    ({"year": "1990"}, "Enter a year between 2020 and 2100"),
])
def test_bad_settings_are_explained_and_kept(client, auth, competitions, staff, overrides,
                                             message):
    auth.login_as(staff)
    response = client.post("/competitions/manage/new/best-cultural-centre", headers=EN,
                           data=form(**overrides))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert "Listed centres." in page and db.session.scalar(sa.select(Edition)) is None


def test_one_edition_per_competition_and_year(make_edition, competitions, staff):
    make_edition()
    with pytest.raises(DomainError, match="already has an edition for 2026"):
        editions.save_edition(staff, competitions["best-cultural-centre"], edition_data())


def test_states_follow_in_order_and_each_step_is_audited(make_edition, staff,
                                                         submitted_entry):
    edition = make_edition(state="draft")
    with pytest.raises(DomainError):
        editions.transition(staff, edition, "judging")
    editions.transition(staff, edition, "open")
    with pytest.raises(Conflict):
        editions.transition(staff, edition, "open")  # a second click
    with pytest.raises(DomainError, match="deadline has not passed"):
        editions.transition(staff, edition, "closed")
    close_now(edition)
    editions.transition(staff, edition, "closed")
    with pytest.raises(DomainError, match="No eligible entry"):
        editions.transition(staff, edition, "judging")
    actions = [entry.action for entry in audit.recent()]
    assert "competition.edition_open" in actions and "competition.edition_closed" in actions


def test_settings_are_frozen_once_entries_close(make_edition, competitions, staff):
    edition = make_edition()
    with pytest.raises(DomainError, match="rubric cannot change"):
        editions.save_edition(staff, competitions["best-cultural-centre"],
                              edition_data(criteria="Impact: 100"), edition)
    close_now(edition)
    editions.transition(staff, edition, "closed")
    later = edition_data(closes_at=utcnow() + timedelta(days=5))
    with pytest.raises(DomainError, match="can no longer change"):
        editions.save_edition(staff, competitions["best-cultural-centre"], later, edition)


def test_draft_editions_are_not_public(app, make_edition):
    edition = make_edition(state="draft")
    public = app.test_client()
    assert public.get(f"/competitions/best-cultural-centre/{edition.year}").status_code == 404
    assert "2026" not in public.get("/competitions/best-cultural-centre").get_data(
        as_text=True).split("Editions")[1]


def test_the_six_competitions_are_listed_in_every_language(app, competitions):
    public = app.test_client()
    tg = public.get("/competitions/", headers={"Accept-Language": "tg"}).get_data(as_text=True)
    ru = public.get("/competitions/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    en = public.get("/competitions/", headers=EN).get_data(as_text=True)
    assert "Беҳтарин маркази фарҳангӣ" in tg and "Лучший культурный центр" in ru
    assert en.count("Who enters:") == 6 and "For the Development of Tajikistan" in en
