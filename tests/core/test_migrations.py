"""The schema comes from migrations, and they match the models on every backend."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from diaspora_platform.extensions import db
from tests.conftest import PG_URL


def _fresh_url(database_url, tmp_path):
    if database_url == "sqlite":
        return f"sqlite:///{tmp_path / 'migrated.sqlite'}"
    url = sa.engine.make_url(PG_URL)
    name = f"{url.database}_migrations"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def test_migrations_build_the_schema_the_models_describe(app_factory, database_url, tmp_path):
    app = app_factory(SQLALCHEMY_DATABASE_URI=_fresh_url(database_url, tmp_path))
    with app.app_context():
        db.drop_all()
        upgrade()
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
            competitions = conn.execute(sa.text(
                "SELECT key, name_tg, name_ru, name_en FROM competitions ORDER BY position"))
            seeded = [row[0] for row in competitions if all(row[1:])]
        assert diff == []
        # The six competitions of the Concept exist from the first migration on.
        assert seeded == ["best-organisation", "best-scientist", "best-cultural-centre",
                          "best-school", "best-media-reporter", "for-development"]
        downgrade(revision="base")
        assert sa.inspect(db.engine).get_table_names() == ["alembic_version"]
        db.engine.dispose()


def test_operator_migrates_with_the_flask_db_command(app_factory, database_url, tmp_path):
    app = app_factory(SQLALCHEMY_DATABASE_URI=_fresh_url(database_url, tmp_path))
    runner = app.test_cli_runner()
    with app.app_context():
        db.drop_all()
        upgraded = runner.invoke(args=["db", "upgrade"])
        assert upgraded.exit_code == 0, upgraded.output
        assert "organisations" in sa.inspect(db.engine).get_table_names()
        with db.engine.connect() as conn:
            assert conn.scalar(sa.text("SELECT count(*) FROM alembic_version")) == 1
        downgrade(revision="base")
        db.engine.dispose()
