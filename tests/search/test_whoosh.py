"""The Whoosh backend's own machinery: rebuilding over several processes, an index left by
an older version, and the vocabulary behind "did you mean"."""

from pathlib import Path

import pytest
import sqlalchemy as sa
from whoosh import index
from whoosh.fields import ID, TEXT, Schema

from diaspora_platform.extensions import db
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.search import indexing, service
from diaspora_platform.search.backends import backend
from diaspora_platform.search.backends import whoosh as whoosh_backend


@pytest.fixture
def make_orgs(whoosh_app, make_org, make_user):
    def make(names):
        owner = make_user()
        return [make_org(owner=owner, name=name, country="DE") for name in names]

    return make


def titles(text, **kwargs):
    return sorted(hit.title for hit in service.search(text, **kwargs).hits)


def segments(app) -> int:
    root = Path(app.config["SEARCH_INDEX_DIR"])
    folder = root / (root / whoosh_backend.POINTER).read_text().strip()
    return len(index.open_dir(str(folder)).reader().leaf_readers())


def insert_orgs(names_and_countries) -> None:
    """Approved organisations written straight to the table, as an import would: quick,
    and not indexed until a rebuild."""
    db.session.execute(sa.insert(Organisation), [
        {"name": name, "name_key": name.lower(), "kind": "association", "country": country,
         "city": "Berlin", "city_key": "berlin", "description": f"{name} meets monthly.",
         "languages": "tg", "social_links": "", "possible_duplicates": "[]",
         "status": "approved"} for name, country in names_and_countries])
    db.session.commit()


def test_a_large_rebuild_is_spread_over_processes(whoosh_app, monkeypatch):
    insert_orgs([(f"Navruz Society {n}", "DE" if n % 3 else "FR") for n in range(300)]
                + [("Pamir Club", "DE")])
    monkeypatch.setattr(whoosh_backend, "PARALLEL_FROM", 100)
    assert indexing.reindex() == 301
    assert segments(whoosh_app) > 1  # one per process: they really ran
    assert indexing.verify().ok
    page = service.search("Navruz")
    assert page.total == 300 and page.facets["country"] == {"DE": 200, "FR": 100}
    assert titles("pamir") == ["Pamir Club"]
    assert service.search("Navruz", country="FR").total == 100


def test_an_index_with_an_older_layout_is_rebuilt_by_the_indexer(whoosh_app, make_orgs):
    make_orgs(["Pamir Club"])
    root = Path(whoosh_app.config["SEARCH_INDEX_DIR"])
    old = root / "gen-1"
    old.mkdir(parents=True)
    index.create_in(str(old), Schema(id=ID(stored=True, unique=True), title=TEXT(stored=True)))
    (root / whoosh_backend.POINTER).write_text(old.name)
    assert backend().state() == "stale"
    assert titles("pamir") == []
    assert indexing.rebuild_if_stale() is True
    assert backend().state() == "ok" and titles("pamir") == ["Pamir Club"]
    assert indexing.rebuild_if_stale() is False


def test_did_you_mean_offers_words_of_every_write(whoosh_app, make_orgs):
    make_orgs(["Shabnamkhona Friends"])
    assert service.search("Shabnamkhana").corrected == "shabnamkhona"
    indexing.reindex()
    assert service.search("Shabnamkhana").corrected == "shabnamkhona"
    assert set(backend().ids()) == {"organisation:1"}  # vocabulary is no document
