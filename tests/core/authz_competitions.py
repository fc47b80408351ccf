"""The competitions part of the core authorization table: editions, an entry, a jury, and
the state the competition routes' actions need."""

import io
from datetime import datetime, timedelta

import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

from diaspora_platform.competitions import catalogue, editions, entries, jury
from diaspora_platform.competitions.models import Assignment, Competition, Entry
from diaspora_platform.extensions import db
from diaspora_platform.moderation import services as moderation
from tests.competitions.conftest import close_now, edition_data
from tests.fixtures_organisations import png_bytes


def edition_form(**overrides) -> dict:
    """The edition form of a competition open from yesterday for a month."""
    def moment(days):
        return (datetime.now() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")

    return {"year": "2026", "opens_at": moment(-1), "closes_at": moment(30),
            "judging_ends_at": moment(60), "eligibility": "Listed schools.",
            "rubric": "Impact: 40\nReach: 30\nSustainability: 30", "question_lines": "",
            "attachment_lines": "", "optional_attachments": "2", "max_entries": "1",
            "judges_per_entry": "", **overrides}


def competition_ids(people, make_user) -> dict:
    """An open edition with the owner's draft entry; an edition being judged in which the
    owner judges someone else's entry."""
    db.session.execute(sa.insert(Competition), catalogue.rows())
    staff = people["staff"]
    by_key = {c.key: c for c in db.session.scalars(sa.select(Competition))}
    open_one = editions.save_edition(staff, by_key["best-scientist"],
                                     edition_data(questions="", max_entries=2))
    editions.transition(staff, open_one, "open")
    entry = entries.create_entry(people["owner"], open_one, f"user:{people['owner'].id}",
                                 {"title": "My research", "statement": "Text"})
    judged = editions.save_edition(staff, by_key["best-media-reporter"],
                                   edition_data(questions=""))
    editions.transition(staff, judged, "open")
    reporter = make_user()
    other = entries.create_entry(reporter, judged, f"user:{reporter.id}",
                                 {"title": "Reports", "statement": "Text"})
    entries.submit_entry(reporter, other)
    moderation.decide(staff, other, "approve")
    judge = jury.add_judge(staff, open_one, people["owner"].email)
    jury.add_judge(staff, judged, people["owner"].email)
    close_now(judged)
    editions.transition(staff, judged, "closed")
    editions.transition(staff, judged, "judging")
    assignment = db.session.scalar(sa.select(Assignment.id).where(
        Assignment.entry_id == other.id))
    draft = editions.save_edition(staff, by_key["best-cultural-centre"], edition_data())
    return {"entry": entry.id, "edition": open_one.id, "judge": judge.id,
            "judging": judged.id, "assignment": assignment, "draft_edition": draft.id,
            "criterion": judged.criteria[0].id}


def an_attachment(people, actor, app, client):
    """An attachment of the owner's entry, to remove."""
    entry = db.session.get(Entry, people["ids"]["entry"])
    upload = FileStorage(io.BytesIO(png_bytes()), "a.png", content_type="image/png")
    return {"file": entries.add_attachment(people["owner"], entry, upload, None).id}


def declared_no_conflict(people, actor, app, client):
    """The owner, as judge, has declared no conflict: the score sheet is open."""
    jury.declare_no_conflict(people["owner"],
                             db.session.get(Assignment, people["ids"]["assignment"]))
