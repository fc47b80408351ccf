"""Sharing entries out again: a judge who recuses is replaced (when another judge is free),
judges who joined late get work, and nobody is over-assigned."""

import sqlalchemy as sa

from diaspora_platform.accounts.models import User
from diaspora_platform.competitions import editions, jury
from diaspora_platform.competitions.models import Assignment
from diaspora_platform.competitions.scoring import assign
from diaspora_platform.extensions import db
from tests.competitions.conftest import close_now


def test_existing_judges_stay_and_count():
    # Entry 1 lost its judge (judge 1 recused: a conflict now); entry 2 keeps judge 2.
    assigned, short = assign([1, 2], [1, 2, 3], {(1, 1)}, 1, existing={2: [2]})
    assert assigned == {1: [3], 2: [2]} and short == []


def test_existing_assignments_fill_only_the_missing_places():
    assigned, short = assign([1, 2, 3], [1, 2, 3, 4], set(), 2,
                             existing={1: [1, 2], 2: [1], 3: []})
    # Loads start at 1:2, 2:1; entry 2 needs one more (judge 3, lightest with 4, lower id),
    # entry 3 needs two (judge 4, then judge 2 or 3 at load 1: the lower id).
    assert assigned == {1: [1, 2], 2: [1, 3], 3: [2, 4]} and short == []


def test_every_judge_mode_keeps_existing_and_adds_the_rest():
    assigned, short = assign([1], [1, 2, 3], {(2, 1)}, None, existing={1: [1]})
    assert assigned == {1: [1, 3]} and short == []
    assigned, short = assign([1], [1], {(1, 1)}, None, existing={})
    assert assigned == {1: []} and short == [1]


def test_without_existing_nothing_changes():
    entries, judges, conflicts = [1, 2, 3], [1, 2, 3, 4], {(3, 2)}
    assert assign(entries, judges, conflicts, 2, existing={}) == \
        assign(entries, judges, conflicts, 2)


def test_a_recused_judge_is_replaced_and_nobody_is_over_assigned(
        make_edition, make_place, make_org, make_user, submitted_entry, staff):
    edition = make_edition(questions="", judges_per_entry=1)
    centres = [make_place(org=make_org(name=name), kind="cultural_centre", variant=None,
                          name=f"Centre {name}") for name in ("Ravzana", "Paivand")]
    found = [submitted_entry(db.session.get(User, c.organisation.created_by_id), edition,
                             f"place:{c.id}", title=f"Entry of {c.name}") for c in centres]
    judges = [make_user(email=f"judge{n}@example.org") for n in (1, 2, 3)]
    for judge in judges:
        jury.add_judge(staff, edition, judge.email)
    close_now(edition)
    editions.transition(staff, edition, "closed")
    editions.transition(staff, edition, "judging")

    def active():
        return sorted(db.session.execute(sa.select(
            Assignment.entry_id, Assignment.judge_user_id).where(
            Assignment.recused_at.is_(None))).all())

    assert active() == [(found[0].id, judges[0].id), (found[1].id, judges[1].id)]
    first = db.session.scalar(sa.select(Assignment).where(Assignment.entry_id == found[0].id))
    jury.recuse(judges[0], first, "I advised this centre last year.")
    assert jury.assign_entries(staff, edition) == []
    # The free judge takes the place; the other entry keeps its single judge.
    assert active() == [(found[0].id, judges[2].id), (found[1].id, judges[1].id)]
    assert jury.assign_entries(staff, edition) == []  # a second click changes nothing
    assert len(active()) == 2


def test_an_entry_nobody_else_can_judge_is_reported_short(
        make_edition, make_place, make_org, make_user, submitted_entry, staff):
    edition = make_edition(questions="", judges_per_entry=1)
    centre = make_place(org=make_org(name="Ravzana"), kind="cultural_centre", variant=None,
                        name="Centre Ravzana")
    entry = submitted_entry(db.session.get(User, centre.organisation.created_by_id), edition,
                            f"place:{centre.id}")
    judge = make_user(email="judge1@example.org")
    jury.add_judge(staff, edition, judge.email)
    close_now(edition)
    editions.transition(staff, edition, "closed")
    editions.transition(staff, edition, "judging")
    item = db.session.scalar(sa.select(Assignment))
    jury.recuse(judge, item, "My cousin runs it.")
    assert jury.assign_entries(staff, edition) == [entry.id]
