"""While the database is away, pages answer a translated, self-contained 503 with
Retry-After (JSON routes a JSON 503), and the first request after it returns succeeds."""

import shutil

import pytest
import sqlalchemy as sa

from diaspora_platform import create_app
from diaspora_platform.extensions import db
from tests.conftest import PG_URL, _ensure_pg_database


def assert_unavailable(client):
    page = client.get("/ru/organisations/")
    assert page.status_code == 503 and page.headers["Retry-After"].isdigit()
    text = page.get_data(as_text=True)
    assert 'lang="ru"' in text and "несколько секунд" in text
    data = client.get("/fund/ledger.json")
    assert data.status_code == 503 and data.json["status"] == 503
    assert "Retry-After" in data.headers


def test_a_database_nobody_answers_on_gives_503_not_500(app_factory, database_url, tmp_path):
    if database_url == "sqlite":
        uri = f"sqlite:///{tmp_path / 'missing-folder' / 'site.sqlite'}"
    else:
        uri = sa.engine.make_url(PG_URL).set(port=1).render_as_string(hide_password=False)
    app = create_app({"SQLALCHEMY_DATABASE_URI": uri, "INSTANCE_PATH": str(tmp_path / "i"),
                      "SEARCH_INDEX_DIR": str(tmp_path / "index"),
                      "UPLOAD_DIR": str(tmp_path / "uploads")})
    assert_unavailable(app.test_client())


@pytest.fixture
def outage_app(database_url, tmp_path):
    """An app on a database of its own, which the test takes away and brings back."""
    if database_url == "sqlite":
        folder = tmp_path / "data"
        folder.mkdir()
        uri = f"sqlite:///{folder / 'site.sqlite'}"
    else:
        url = sa.engine.make_url(PG_URL)
        uri = url.set(database=f"{url.database}_outage").render_as_string(hide_password=False)
        _ensure_pg_database(uri)
    app = create_app({"SQLALCHEMY_DATABASE_URI": uri, "INSTANCE_PATH": str(tmp_path / "i"),
                      "SEARCH_INDEX_DIR": str(tmp_path / "index"),
                      "UPLOAD_DIR": str(tmp_path / "uploads")})
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.engine.dispose()


def _postgres_refuses(uri: str, refuse: bool) -> None:
    """ALLOW_CONNECTIONS false and terminating the backends: a restart, as the app sees it."""
    url = sa.engine.make_url(uri)
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'ALTER DATABASE "{url.database}" ALLOW_CONNECTIONS '
                             f'{"false" if refuse else "true"}'))
        if refuse:
            conn.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 "WHERE datname = :name AND pid <> pg_backend_pid()"),
                         {"name": url.database})
    admin.dispose()


def test_pages_answer_503_during_an_outage_and_200_right_after(outage_app, database_url):
    client = outage_app.test_client()
    assert client.get("/en/organisations/").status_code == 200  # a pooled connection now
    uri = outage_app.config["SQLALCHEMY_DATABASE_URI"]
    folder = sa.engine.make_url(uri).database.rsplit("/", 1)[0]
    try:
        if database_url == "sqlite":  # the file's folder goes away, with every connection
            shutil.move(folder, folder + "-away")
            with outage_app.app_context():
                db.engine.dispose()
        else:
            _postgres_refuses(uri, True)
        assert_unavailable(client)
    finally:
        if database_url == "sqlite":
            shutil.move(folder + "-away", folder)
        else:
            _postgres_refuses(uri, False)
    assert client.get("/en/organisations/").status_code == 200
    assert client.get("/fund/ledger.json").status_code == 200
