"""Flask extensions, created unbound and initialised in create_app."""

import click
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData

# Stable constraint names so Alembic migrations work on SQLite (batch mode) and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING))
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address)


class LazyMigrate:
    """Flask-Migrate, imported when a migration command or helper first needs it.

    Importing it loads Alembic, about a sixth of a web worker's start, and web workers
    never migrate. `flask db ...` and flask_migrate's functions work as before."""

    def init_app(self, app, database, **options) -> None:
        app.extensions["migrate"] = _LazyMigrateConfig(app, database, options)
        app.cli.add_command(_MigrationCommands("db", help="Database migrations (Alembic)."))


class _LazyMigrateConfig:
    """Stands in for Flask-Migrate's per-app settings until they are first read."""

    def __init__(self, app, database, options):
        self._args = (app, database, options)
        self._real = None

    def __getattr__(self, name):
        if self._real is None:
            from flask_migrate import Migrate

            app, database, options = self._args
            Migrate().init_app(app, database, **options)  # replaces this stand-in
            self._real = app.extensions["migrate"]
        return getattr(self._real, name)


class _MigrationCommands(click.Group):
    """`flask db`: Flask-Migrate's command group, loaded when the command is run."""

    def _group(self) -> click.Group:
        from flask_migrate.cli import db as group

        return group

    def parse_args(self, ctx, args):
        real = self._group()  # its options (--directory, -x) and the callback storing them
        self.params, self.callback = real.params, real.callback
        return super().parse_args(ctx, args)

    def list_commands(self, ctx):
        return self._group().list_commands(ctx)

    def get_command(self, ctx, name):
        return self._group().get_command(ctx, name)


migrate = LazyMigrate()
