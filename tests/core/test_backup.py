"""The README's backup procedure, proven: the demo database dumped with pg_dump (custom
format) and restored with pg_restore into a fresh database passes `flask fund verify` and
`flask audit verify`, holds the same fund totals, and `flask search reindex` brings search
back on the restored copy."""

import os
import re
import subprocess
import sys

import pytest
import sqlalchemy as sa

from diaspora_platform import create_app
from diaspora_platform.config import ROOT
from tests.conftest import CI, PG_URL


@pytest.fixture
def pg_urls():
    """A source and a restore-target database beside the test database, both empty."""
    if not PG_URL:
        if CI:
            pytest.fail("CI proves the backup on PostgreSQL: set TEST_DATABASE_URL.")
        pytest.skip("pg_dump backs up PostgreSQL: set TEST_DATABASE_URL")
    base = sa.engine.make_url(PG_URL)
    urls = [base.set(database=f"{base.database}_{name}") for name in ("live", "restored")]
    admin = sa.create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")

    def recreate():
        with admin.connect() as conn:
            for url in urls:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{urls[0].database}"'))

    recreate()
    yield [url.render_as_string(hide_password=False) for url in urls]
    with admin.connect() as conn:
        for url in urls:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    admin.dispose()


def flask(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=900)


def libpq(url: str) -> str:
    """The SQLAlchemy URL as pg_dump and pg_restore read it."""
    return sa.engine.make_url(url).set(drivername="postgresql").render_as_string(
        hide_password=False)


def major(text: str) -> int:
    return int(re.search(r"(\d+)(\.\d+)?", text).group(1))


def test_a_restored_dump_is_verified_clean_and_search_comes_back(pg_urls, tmp_path):
    live, restored = pg_urls
    engine = sa.create_engine(live)
    with engine.connect() as conn:
        server = conn.scalar(sa.text("SHOW server_version"))
    engine.dispose()
    tools = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True,
                           check=True).stdout
    assert major(tools.split(")", 1)[1]) == major(server), (tools, server)

    # The live site: migrated, seeded with the demo content, its search index built.
    env = {**os.environ, "APP_ENV": "development", "INSTANCE_PATH": str(tmp_path / "instance"),
           "SEARCH_BACKEND": "whoosh", "SEARCH_INDEXER": "inline", "DATABASE_URL": live,
           "SEARCH_INDEX_DIR": str(tmp_path / "live-index"), "PAGE_CACHE_ENABLED": "false"}
    for step in (("db", "upgrade"), ("seed-demo",)):
        result = flask(env, *step)
        assert result.returncode == 0, result.stderr

    dump = tmp_path / "diaspora.dump"
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", libpq(live)],
                   check=True)
    admin = sa.create_engine(sa.engine.make_url(live).set(database="postgres"),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{sa.engine.make_url(restored).database}"'))
    admin.dispose()
    subprocess.run(["pg_restore", "--no-owner", "--exit-on-error",
                    f"--dbname={libpq(restored)}", str(dump)], check=True)

    # The restored copy, on a host with an empty search index (only the database came back).
    env_restored = {**env, "DATABASE_URL": restored,
                    "SEARCH_INDEX_DIR": str(tmp_path / "restored-index")}
    for check in (("fund", "verify"), ("audit", "verify")):
        result = flask(env_restored, *check)
        assert result.returncode == 0, result.stdout + result.stderr
    assert "Fund totals match the ledger" in flask(env_restored, "fund", "verify").stdout
    assert fund_totals(restored) == fund_totals(live) != []

    assert search(restored, tmp_path / "restored-index", "Ravzana") == []
    result = flask(env_restored, "search", "reindex")
    assert result.returncode == 0, result.stderr
    found = search(restored, tmp_path / "restored-index", "Ravzana")
    assert any(re.fullmatch(r"/\w\w/organisations/\d+", url) for url in found)
    # The same hits as on the live site (equal scores may come in another order).
    assert sorted(found) == sorted(search(live, tmp_path / "live-index", "Ravzana"))


def fund_totals(url: str) -> list:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT * FROM fund_campaign_totals ORDER BY 1, 2")).all()
    engine.dispose()
    return [tuple(row) for row in rows]


def search(url: str, index, words: str) -> list[str]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SEARCH_BACKEND": "whoosh",
                      "SEARCH_INDEX_DIR": str(index), "INSTANCE_PATH": str(index.parent)})
    with app.app_context():
        answer = app.test_client().get(f"/search.json?q={words}").get_json()
        from diaspora_platform.extensions import db

        db.engine.dispose()
    return [result["url"] for result in answer["results"]]
