"""What the competition pages show and refuse at each moment: the entry behind the judge's
declaration, closing entries only after the deadline, the entry form once entries close."""

import pytest

from diaspora_platform.competitions import jury
from tests.competitions.conftest import close_now
from tests.competitions.test_jury import assignment_of, judged  # noqa: F401

EN = {"Accept-Language": "en"}


def scores_form(entry, action="save"):
    return {**{f"score-{c.id}": "5" for c in entry.edition.criteria}, "action": action}


@pytest.mark.parametrize("recused", [False, True])
def test_scores_sent_without_a_declaration_do_not_show_the_entry(client, auth, judged,  # noqa: F811
                                                                 recused):
    """A stale tab or a hand-made request posting scores before the declaration (or after a
    recusal) is refused, and the refusal does not open the entry either."""
    _edition, (first, _second), judges, _owners = judged
    item = assignment_of(judges[0], first)
    if recused:
        jury.recuse(judges[0], item, "I advised this centre last year.")
    auth.login(judges[0].email)
    response = client.post(f"/competitions/judging/assignments/{item.id}/scores",
                           data=scores_form(first), headers=EN)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/competitions/judging/assignments/{item.id}")
    page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "Declare that you have no conflict of interest first." in page
    assert first.title not in page and "score-sheet" not in page


def test_entries_close_only_after_the_deadline(client, auth, make_edition, staff):
    edition = make_edition()
    auth.login_as(staff)
    page = client.get(f"/competitions/manage/{edition.id}", headers=EN).get_data(as_text=True)
    assert "Entries can be closed once the deadline has passed" in page
    assert 'disabled aria-describedby="close-hint"' in page
    close_now(edition)
    page = client.get(f"/competitions/manage/{edition.id}", headers=EN).get_data(as_text=True)
    assert "Entries can be closed once" not in page and "disabled" not in page.split(
        "Close entries")[0].rsplit("<button", 1)[1]


def test_the_entry_form_says_when_entries_are_closed(client, auth, make_edition, make_place):
    from diaspora_platform.accounts.models import User
    from diaspora_platform.extensions import db

    edition = make_edition()
    centre = make_place(kind="cultural_centre", variant=None, name="Маркази Рӯдакӣ")
    owner = db.session.get(User, centre.organisation.created_by_id)
    auth.login(owner.email)
    url = "/competitions/best-cultural-centre/2026/enter"
    assert "Save draft" in client.get(url, headers=EN).get_data(as_text=True)
    close_now(edition)
    page = client.get(url, headers=EN).get_data(as_text=True)
    assert "This edition does not accept entries now." in page and "Save draft" not in page


def test_the_eligibility_queue_names_the_competition_in_the_readers_language(
        client, auth, make_edition, make_place, submitted_entry, staff):
    from diaspora_platform.accounts.models import User
    from diaspora_platform.extensions import db

    edition = make_edition()
    centre = make_place(kind="cultural_centre", variant=None, name="Маркази Рӯдакӣ")
    owner = db.session.get(User, centre.organisation.created_by_id)
    submitted_entry(owner, edition, f"place:{centre.id}", title="Navruz for all",
                    eligible=False)
    staff.locale = "ru"
    db.session.commit()
    auth.login_as(staff)
    page = client.get("/moderation/?type=competition-entry").get_data(as_text=True)
    assert "Лучший культурный центр 2026" in page and "Маркази Рӯдакӣ" in page
    assert "Best Cultural Centre 2026" not in page
