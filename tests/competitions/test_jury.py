"""Judging an edition: conflicts, declarations, recusals, blind review, scores, results."""


import pytest
import sqlalchemy as sa

from diaspora_platform import audit
from diaspora_platform.competitions import editions, entries, jury, results
from diaspora_platform.competitions.models import Assignment, Entry
from diaspora_platform.errors import Conflict, DomainError, NotAllowed
from diaspora_platform.extensions import db
from diaspora_platform.organisations import membership
from diaspora_platform.search import service as search
from tests.competitions.conftest import PDF, close_now

EN = {"Accept-Language": "en"}


@pytest.fixture
def judged(make_edition, make_place, make_org, make_user, submitted_entry, staff):
    """Two centres entered; three judges, one of whom belongs to the first centre's
    organisation and so must never get its entry."""
    from diaspora_platform.accounts.models import User

    edition = make_edition(questions="", blind=True)
    centres = [make_place(org=make_org(name=name), kind="cultural_centre", variant=None,
                          name=f"Centre {name}") for name in ("Ravzana", "Paivand")]
    owners = [db.session.get(User, c.organisation.created_by_id) for c in centres]
    found = [submitted_entry(owner, edition, f"place:{c.id}", title=f"Entry of {c.name}")
             for owner, c in zip(owners, centres, strict=True)]
    judges = [make_user(email=f"judge{n}@example.org", display_name=f"Judge {n}")
              for n in (1, 2, 3)]
    joined = membership.request_to_join(judges[2], centres[0].organisation, None)
    membership.accept_request(owners[0], joined, "member")
    for judge in judges:
        jury.add_judge(staff, edition, judge.email)
    close_now(edition)
    editions.transition(staff, edition, "closed")
    editions.transition(staff, edition, "judging")
    return edition, found, judges, owners


def assignment_of(judge, entry) -> Assignment | None:
    return db.session.scalar(sa.select(Assignment).where(
        Assignment.judge_user_id == judge.id, Assignment.entry_id == entry.id))


def score(judge, entry, values, submit=True):
    item = assignment_of(judge, entry)
    jury.declare_no_conflict(judge, item)
    criteria = entry.edition.criteria
    jury.save_scores(judge, item, {c.id: (v, f"Comment {v}") for c, v in
                                   zip(criteria, values, strict=True)}, submit)


def test_conflicted_judge_never_gets_the_entry(judged):
    edition, (first, second), judges, _owners = judged
    assert assignment_of(judges[2], first) is None  # member of the entering organisation
    assert assignment_of(judges[2], second) is not None
    assert all(assignment_of(j, e) for j in judges[:2] for e in (first, second))
    with pytest.raises(NotAllowed):
        fake = Assignment(id=0, edition_id=edition.id, entry_id=first.id,
                          judge_user_id=judges[0].id)
        jury.save_scores(judges[2], fake, {}, True)


def test_content_only_after_declaring_and_blind_pages_hide_the_entrant(client, auth,
                                                                       judged):
    _edition, (first, _second), judges, _owners = judged
    item = assignment_of(judges[0], first)
    auth.login(judges[0].email)
    before = client.get(f"/competitions/judging/assignments/{item.id}", headers=EN)
    assert "About **" not in before.get_data(as_text=True)
    assert "Entry of Centre Ravzana" not in before.get_data(as_text=True)
    client.post(f"/competitions/judging/assignments/{item.id}/declare")
    page = client.get(f"/competitions/judging/assignments/{item.id}", headers=EN).get_data(
        as_text=True)
    assert "About <strong>" in page and "Centre Ravzana" not in page.replace(
        "Entry of Centre Ravzana", "")
    assert first.entrant_name not in page.replace(first.title, "")
    # Another judge's assignment is not reachable (no IDOR).
    other = assignment_of(judges[1], first)
    assert client.get(f"/competitions/judging/assignments/{other.id}").status_code == 404


def test_judges_download_files_under_a_neutral_name(client, auth, judged, staff):
    _edition, (first, _second), judges, owners = judged
    from diaspora_platform.competitions.models import Attachment

    attachment = Attachment(entry_id=first.id, label="", stored_name="x.pdf",
                            original_name="Ravzana annual report.pdf",
                            media_type="application/pdf", size=len(PDF))
    db.session.add(attachment)
    db.session.commit()
    from diaspora_platform import storage

    storage.backend().put("entries/x.pdf", PDF, "application/pdf")
    auth.login(judges[0].email)
    url = f"/competitions/entries/{first.id}/files/{attachment.id}"
    assert client.get(url).status_code == 404  # not declared yet
    client.post(f"/competitions/judging/assignments/{assignment_of(judges[0], first).id}"
                "/declare")
    response = client.get(url)
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert "Ravzana" not in disposition and f"entry-{first.id}-file-" in disposition


def test_recusal_is_logged_and_removes_the_assignment_from_scoring(judged):
    _edition, (first, _second), judges, _owners = judged
    item = assignment_of(judges[1], first)
    with pytest.raises(DomainError):
        jury.recuse(judges[1], item, "  ")
    jury.recuse(judges[1], item, "I advised them last year.")
    assert audit.recent()[0].action == "competition.recused"
    with pytest.raises(DomainError, match="no conflict of interest first"):
        jury.save_scores(judges[1], item, {}, False)


def test_scores_save_as_draft_and_submit_once(judged):
    _edition, (first, _second), judges, _owners = judged
    item = assignment_of(judges[0], first)
    jury.declare_no_conflict(judges[0], item)
    criteria = first.edition.criteria
    jury.save_scores(judges[0], item, {criteria[0].id: (7, "Good")}, submit=False)
    with pytest.raises(DomainError, match="Score every criterion"):
        jury.save_scores(judges[0], item, {criteria[0].id: (7, "Good")}, submit=True)
    with pytest.raises(DomainError, match="from 0 to 10"):
        jury.save_scores(judges[0], item, {c.id: (11, "") for c in criteria}, submit=True)
    jury.save_scores(judges[0], item, {c.id: (8, "") for c in criteria}, submit=True)
    with pytest.raises(Conflict):
        jury.save_scores(judges[0], item, {c.id: (1, "") for c in criteria}, submit=True)


def test_scoring_page_keeps_what_was_typed_on_error(client, auth, judged):
    _edition, (first, _second), judges, _owners = judged
    item = assignment_of(judges[0], first)
    auth.login(judges[0].email)
    client.post(f"/competitions/judging/assignments/{item.id}/declare")
    criteria = first.edition.criteria
    data = {f"score-{c.id}": "5" for c in criteria}
    data[f"comment-{criteria[0].id}"] = "Strong community work"
    data[f"score-{criteria[2].id}"] = ""
    response = client.post(f"/competitions/judging/assignments/{item.id}/scores",
                           data={**data, "action": "submit"}, headers=EN)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Score every criterion" in page
    assert "Strong community work" in page


def test_publishing_ranks_entries_and_tells_entrants_their_feedback(client, auth, judged,
                                                                    staff):
    edition, (first, second), judges, owners = judged
    score(judges[0], first, [9, 8, 8])
    score(judges[0], second, [5, 6, 5])
    score(judges[1], first, [7, 7, 6])
    score(judges[1], second, [6, 5, 5])
    score(judges[2], second, [8, 8, 8])
    editions.transition(staff, edition, "published")
    ranked = results.published(edition)
    assert [e.id for e in ranked] == [first.id, second.id]
    assert [e.award for e in ranked] == ["first", "second"]
    public = client.application.test_client()
    page = public.get("/competitions/best-cultural-centre/2026", headers=EN).get_data(
        as_text=True)
    assert page.index("Entry of Centre Ravzana") < page.index("Entry of Centre Paivand")
    assert "First place" in page and "Judge 1" in page  # jury named
    auth.login(owners[0].email)
    own = client.get(f"/competitions/entries/{first.id}", headers=EN).get_data(as_text=True)
    assert "Mean score (0–10)" in own and "Comment 9" in own
    assert "Judge 1" not in own and "Judge 2" not in own
    assert [h.title for h in search.search("Ravzana", type_key="competition-entry").hits] \
        == ["Entry of Centre Ravzana"]


def test_publishing_with_missing_scores_needs_a_reason(judged, staff):
    edition, (first, _second), judges, _owners = judged
    score(judges[0], first, [9, 8, 8])
    with pytest.raises(DomainError, match="give the reason"):
        editions.transition(staff, edition, "published")
    editions.transition(staff, edition, "published", override="Judge 2 fell ill.")
    assert edition.override_reason == "Judge 2 fell ill."
    assert audit.recent()[0].details_dict["override"] == "Judge 2 fell ill."


def test_entries_are_not_searchable_before_results(judged):
    assert search.search("Ravzana", type_key="competition-entry").total == 0


def test_ineligible_entries_are_not_judged(make_edition, make_place, make_user, staff,
                                           submitted_entry):
    from diaspora_platform.accounts.models import User
    from diaspora_platform.moderation import services as moderation

    edition = make_edition(questions="")
    centre = make_place(kind="cultural_centre", variant=None)
    owner = db.session.get(User, centre.organisation.created_by_id)
    entry = submitted_entry(owner, edition, f"place:{centre.id}", eligible=False)
    moderation.decide(staff, entry, "reject", "incomplete")
    assert db.session.get(Entry, entry.id).status == "rejected"
    assert jury.eligible_entries(edition) == []
    with pytest.raises(DomainError):
        entries.update_entry(owner, entry, {"title": "x", "statement": "y"})


def test_the_judges_sheet_reads_in_the_judges_language(client, auth, judged, staff):
    edition, (first, _second), judges, _owners = judged
    russian = {"criteria": "Влияние | Сколько людей получили пользу\nОхват\nУстойчивость"}
    editions.save_edition(staff, edition.competition, {
        "year": edition.year, "opens_at": edition.opens_at, "closes_at": edition.closes_at,
        "judging_ends_at": edition.judging_ends_at, "eligibility": edition.eligibility,
        "criteria": "Impact: 40\nReach: 30\nSustainability: 30", "questions": "",
        "required_attachments": "", "optional_attachments": edition.optional_attachments,
        "max_entries": edition.max_entries, "blind": edition.blind,
        "hide_jury": edition.hide_jury, "judges_per_entry": edition.judges_per_entry,
        "language": edition.language, "versions": {"ru": russian}}, edition)
    item = assignment_of(judges[0], first)
    auth.login(judges[0].email)
    client.post(f"/competitions/judging/assignments/{item.id}/declare")
    page = client.get(f"/ru/competitions/judging/assignments/{item.id}").get_data(
        as_text=True)
    assert "Влияние</span>" in page and "Сколько людей получили пользу" in page
    assert "Impact</span>" not in page
