"""An edition's texts in three languages: staff write the author's version and the others
in one form; entrants, judges and readers see the rules, the rubric, the questions and the
required attachments in their language, or the author's with a note."""

import sqlalchemy as sa

from diaspora_platform.competitions import editions
from diaspora_platform.competitions.models import Edition
from diaspora_platform.errors import DomainError
from diaspora_platform.extensions import db
from tests.competitions.conftest import close_now, edition_data
from tests.competitions.test_entries import owner_of

RUSSIAN = {
    "eligibility": "Центры из справочника.",
    "criteria": "Влияние на сообщество | Сколько людей получили пользу\nОхват\nУстойчивость",
    "questions": "Чего вы добились в этом году?",
    "required_attachments": "Годовой отчёт",
    "results_notes": "Итоги объявят на Навруз.",
}


def _edition_form(**overrides):
    data = {"year": "2026", "opens_at": "2026-12-01T09:00", "closes_at": "2027-02-01T18:00",
            "judging_ends_at": "2027-03-01T18:00", "language": "en",
            "eligibility": "Listed centres.",
            "rubric": "Impact on the community: 40 | How many people benefit\nReach: 30\n"
                      "Sustainability: 30",
            "question_lines": "What did you achieve?", "attachment_lines": "Annual report",
            "optional_attachments": "2", "max_entries": "1", "judges_per_entry": "",
            "eligibility_ru": RUSSIAN["eligibility"], "rubric_ru": RUSSIAN["criteria"],
            "question_lines_ru": RUSSIAN["questions"],
            "attachment_lines_ru": RUSSIAN["required_attachments"]}
    data.update(overrides)
    return data


def _with_russian(**overrides):
    return edition_data(language="en", required_attachments="Annual report",
                        criteria="Impact on the community: 40 | How many people benefit\n"
                                 "Reach: 30\nSustainability: 30",
                        versions={"ru": RUSSIAN}, **overrides)


def test_staff_write_every_language_in_one_form(client, auth, competitions, staff):
    auth.login_as(staff)
    response = client.post("/competitions/manage/new/best-cultural-centre",
                           data=_edition_form())
    assert response.status_code == 302
    edition = db.session.scalar(sa.select(Edition))
    assert edition.language == "en" and edition.eligibility_ru == RUSSIAN["eligibility"]
    impact = edition.criteria[0]
    assert impact.versions("name") == {"en": "Impact on the community",
                                       "ru": "Влияние на сообщество"}
    assert impact.description_ru == "Сколько людей получили пользу"
    assert edition.questions_in("ru") == ["Чего вы добились в этом году?"]
    assert edition.attachments_in("ru") == ["Годовой отчёт"]
    form = client.get(f"/competitions/manage/{edition.id}/edit").get_data(as_text=True)
    assert "Влияние на сообщество | Сколько людей получили пользу" in form


def test_a_version_with_a_missing_line_is_explained_and_kept(client, auth, competitions,
                                                             staff):
    auth.login_as(staff)
    response = client.post("/en/competitions/manage/new/best-cultural-centre",
                           data=_edition_form(rubric_ru="Влияние\nОхват"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Russian: give the 3 criteria in the rubric&#39;s order" in page
    assert "Влияние\nОхват" in page and db.session.scalar(sa.select(Edition)) is None


def test_readers_see_the_rubric_in_their_language_or_the_authors(client, competitions,
                                                                 staff):
    edition = editions.save_edition(staff, competitions["best-cultural-centre"],
                                    _with_russian())
    editions.transition(staff, edition, "open")
    url = f"/competitions/best-cultural-centre/{edition.year}"
    russian = client.get("/ru" + url).get_data(as_text=True)
    assert "Влияние на сообщество</span> — 40%" in russian
    assert "Сколько людей получили пользу" in russian
    assert "Чего вы добились в этом году?" in russian and "Годовой отчёт" in russian
    assert "Impact on the community" not in russian and "content-note" not in russian
    tajik = client.get("/tg" + url).get_data(as_text=True)
    assert "Impact on the community</span> — 40%" in tajik and "content-note" in tajik
    assert f"/translations/propose/competition-edition/{edition.id}/tg" in tajik


def test_the_entry_form_shows_the_rubric_and_questions_in_the_entrants_language(
        client, auth, competitions, staff, centre):
    edition = editions.save_edition(staff, competitions["best-cultural-centre"],
                                    _with_russian())
    editions.transition(staff, edition, "open")
    auth.login_as(owner_of(centre))
    page = client.get(f"/ru/competitions/best-cultural-centre/{edition.year}/enter")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "answer-0" in text
    assert "Влияние на сообщество</span> — 40%" in text
    assert "Сколько людей получили пользу" in text
    assert "Чего вы добились в этом году?" in text and "Годовой отчёт" in text


def test_after_the_deadline_only_translations_and_results_notes_change(competitions, staff):
    edition = editions.save_edition(staff, competitions["best-cultural-centre"],
                                    edition_data(language="en"))
    editions.transition(staff, edition, "open")
    close_now(edition)
    editions.transition(staff, edition, "closed")
    same = edition_data(language="en", opens_at=edition.opens_at, closes_at=edition.closes_at,
                        judging_ends_at=edition.judging_ends_at, results_notes="Well done.",
                        versions={"ru": {"eligibility": "Центры из справочника.",
                                         "criteria": "Влияние\nОхват\nУстойчивость"}})
    editions.save_edition(staff, competitions["best-cultural-centre"], same, edition)
    assert edition.results_notes == "Well done." and edition.eligibility_ru
    assert edition.criteria[1].name_ru == "Охват"
    changed = {**same, "eligibility": "Anyone."}
    try:
        editions.save_edition(staff, competitions["best-cultural-centre"], changed, edition)
    except DomainError as error:
        assert "can no longer change" in str(error)
    else:
        raise AssertionError("the rules changed after the deadline")
    db.session.rollback()
    assert db.session.get(Edition, edition.id).eligibility == "Centres listed in the directory."


def test_the_api_gives_the_edition_in_the_asked_language(client, competitions, staff):
    edition = editions.save_edition(staff, competitions["best-cultural-centre"],
                                    _with_russian())
    editions.transition(staff, edition, "open")
    row = next(item for item in client.get("/api/v1/competitions?lang=ru").get_json()["data"]
               if item["id"] == edition.id)
    assert row["eligibility"] == RUSSIAN["eligibility"] and row["language"] == "ru"
    assert row["criteria"][0] == {"name": "Влияние на сообщество", "weight": 40,
                                  "guidance": "Сколько людей получили пользу"}
    assert row["questions"] == ["Чего вы добились в этом году?"]
    every = client.get("/api/v1/competitions?lang=all").get_json()["data"]
    english = next(item for item in every if item["id"] == edition.id)["translations"]["en"]
    assert english["criteria"][0]["name"] == "Impact on the community"
