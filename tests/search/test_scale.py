"""Search without cliffs on the Whoosh backend: a reopened searcher builds lists for new
segments only, another process's writes are looked for at most once a second, and a new
worker is warmed before its first visitor."""

import runpy
from pathlib import Path

from diaspora_platform.search import service
from diaspora_platform.search.backends import backend
from diaspora_platform.search.backends import whoosh as whoosh_backend


def doc(title):
    return {"type": "organisation", "title": title, "body": "", "url": "/o",
            "audience": "public"}


def test_a_reopen_reuses_the_lists_of_the_segments_it_had(tmp_path):
    index = whoosh_backend.WhooshBackend(str(tmp_path / "ix"))
    index.update({"organisation:1": doc("Pamir Club")})
    index._open()
    first = index._values.per_leaf[0]
    index.update({"organisation:2": doc("Pamir Society")})  # a second segment
    index._open()
    assert len(index._values.per_leaf) == 2
    assert index._values.per_leaf[0] is first  # the old segment's lists, not rebuilt


def test_writes_of_another_process_are_looked_for_at_most_once_a_second(tmp_path,
                                                                        monkeypatch):
    writer = whoosh_backend.WhooshBackend(str(tmp_path / "ix"))
    reader = whoosh_backend.WhooshBackend(str(tmp_path / "ix"))  # as in another worker
    writer.update({"organisation:1": doc("Pamir Club")})
    assert reader.ids() == {"organisation:1": "public"}
    searcher = reader._searcher
    writer.update({"organisation:2": doc("Pamir Society")})
    assert reader.ids() == {"organisation:1": "public"}  # within the second: not looked
    assert reader._searcher is searcher
    reader._check_at = 0.0  # the second has passed
    assert set(reader.ids()) == {"organisation:1", "organisation:2"}


def test_warming_opens_the_index_before_the_first_search(whoosh_app, make_org):
    make_org(name="Pamir Club")
    whoosh_backend_object = backend()
    whoosh_backend_object._searcher = None
    service.warm()
    assert whoosh_backend_object._searcher is not None


def test_the_gunicorn_hook_warms_each_worker(whoosh_app, make_org):
    hooks = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))

    class Worker:  # what gunicorn hands the hook: the worker's app and its log
        wsgi, log = whoosh_app, whoosh_app.logger

    make_org(name="Pamir Club")
    backend()._searcher = None
    hooks["post_worker_init"](Worker())
    assert backend()._searcher is not None
