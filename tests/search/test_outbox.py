"""The outbox survives crashes and several writing processes."""

import multiprocessing
import os

import sqlalchemy as sa

from diaspora_platform import create_app
from diaspora_platform.extensions import db
from diaspora_platform.organisations import services
from diaspora_platform.search import indexing
from diaspora_platform.search.models import SearchOutbox


def _settings(app, **extra):
    keys = ("SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH", "MAIL_DIR", "SEARCH_INDEX_DIR",
            "UPLOAD_DIR", "SEARCH_BACKEND")
    return {**{k: app.config[k] for k in keys}, **extra}


def _create_and_die(settings, name):
    """A web worker that commits and is killed before it can index."""
    from diaspora_platform.accounts.models import User
    from diaspora_platform.organisations import services

    app = create_app(settings)
    with app.app_context():
        user = db.session.scalar(sa.select(User))
        org = services.register_organisation(user, {
            "name": name, "kind": "association", "country": "TJ", "city": "Dushanbe",
            "languages": ["tg"]})
        org.status = "approved"
        db.session.commit()
    os.kill(os.getpid(), 9)


def _writer(settings, prefix, count):
    from diaspora_platform.accounts.models import User
    from diaspora_platform.organisations import services

    app = create_app(settings)
    with app.app_context():
        user = db.session.scalar(sa.select(User))
        for i in range(count):
            org = services.register_organisation(user, {
                "name": f"{prefix} {i}", "kind": "association", "country": "KZ",
                "city": "Almaty", "languages": ["ru"]})
            org.status = "approved"
            db.session.commit()


def _indexer(settings, rounds):
    app = create_app(settings)
    with app.app_context():
        for _ in range(rounds):
            indexing.apply_outbox()


def test_a_crash_between_commit_and_indexing_is_repaired_by_sync(app, make_user, runner):
    make_user()
    ctx = multiprocessing.get_context("spawn")
    child = ctx.Process(target=_create_and_die,
                        args=(_settings(app, SEARCH_INDEXER="worker"), "Survivor"))
    child.start()
    child.join(60)
    assert child.exitcode == -9
    assert db.session.scalar(sa.select(sa.func.count(SearchOutbox.id))) >= 1
    assert not indexing.verify().ok
    assert runner.invoke(args=["search", "sync"]).exit_code == 0
    assert runner.invoke(args=["search", "verify"]).exit_code == 0


def test_several_writer_processes_lose_nothing(app, make_user):
    make_user()
    ctx = multiprocessing.get_context("spawn")
    settings = _settings(app, SEARCH_INDEXER="worker")
    procs = [ctx.Process(target=_writer, args=(settings, f"Writer{n}", 8)) for n in range(3)]
    procs.append(ctx.Process(target=_indexer, args=(settings, 40)))
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
        assert proc.exitcode == 0
    indexing.apply_outbox()
    report = indexing.verify()
    assert report.ok, report
    assert len(indexing.expected_ids()) == 24


def test_an_app_with_a_separate_indexer_leaves_changes_in_the_outbox(app, app_factory,
                                                                    make_user):
    """Beside an app that indexes inline (this test's), an app of the same process that
    has `flask search worker` do it only writes the outbox; the worker then applies it."""
    owner = make_user()
    web = app_factory(SEARCH_INDEXER="worker")
    with web.app_context():
        org = services.register_organisation(db.session.merge(owner), {
            "name": "Outbox Only", "kind": "association", "country": "KZ",
            "city": "Almaty", "languages": ["ru"]})
        org.status = "approved"
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count(SearchOutbox.id))) >= 1
        assert not indexing.verify().ok
        indexing.apply_outbox()
        assert db.session.scalar(sa.select(sa.func.count(SearchOutbox.id))) == 0
        assert indexing.verify().ok


def test_before_search_leaves_the_outbox_until_a_search_reads_the_index(app_factory, make_user):
    """The other tests' mode: a commit only writes the outbox; the next search, type-ahead or
    verification applies it first, so it finds everything committed before it."""
    app = app_factory(SEARCH_INDEXER="before_search")
    with app.app_context():
        from diaspora_platform.search import service

        owner = make_user()
        org = services.register_organisation(owner, {
            "name": "Anjumani Rudaki", "kind": "association", "country": "TJ",
            "city": "Dushanbe", "languages": ["tg"]})
        org.status = "approved"
        db.session.commit()
        waiting = db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox))
        assert waiting > 0  # nothing was applied at the commit

        assert [hit.url for hit in service.search("Rudaki").hits] == [f"/organisations/{org.id}"]
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox)) == 0

        org.status = "hidden"
        db.session.commit()
        assert service.search("Rudaki").total == 0  # a hidden one leaves before it is read
        assert indexing.verify().ok
