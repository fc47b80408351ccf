"""Fixtures: a real app on real SQLite (and PostgreSQL when TEST_DATABASE_URL is set, which
CI requires), a real mail folder, and small make_* helpers."""

from __future__ import annotations

import contextvars
import os
import shutil
from datetime import timedelta
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import unquote

import pyotp
import pytest
import sqlalchemy as sa
from flask import has_app_context
from flask.testing import FlaskClient
from jinja2 import BytecodeCache

from diaspora_platform import create_app
from diaspora_platform.accounts.models import User
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.i18n import LANGUAGE_PREFIX_KEY, LANGUAGES
from diaspora_platform.security import hash_password

pytest_plugins = ["tests.fixtures_organisations", "tests.fixtures_places", "tests.fixtures_browser",
                  "tests.fixtures_storage"]

PASSWORD = "kitob-daryo-sabz-2026"
SEARCH_TESTS = Path(__file__).parent / "search"
CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PG_URL = os.environ.get("TEST_DATABASE_URL")
_WORKER = os.environ.get("PYTEST_XDIST_WORKER")  # "gw0", "gw1" ... with pytest -n
if PG_URL and _WORKER:  # parallel workers each get a PostgreSQL database of their own
    _url = sa.engine.make_url(PG_URL)
    PG_URL = _url.set(database=f"{_url.database}_{_WORKER}").render_as_string(
        hide_password=False)


def _backends() -> list[str]:
    if PG_URL or CI:
        return ["sqlite", "postgresql"]
    return ["sqlite"]


def _ensure_pg_database(url: str) -> None:
    target = sa.engine.make_url(url)
    admin = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                             {"n": target.database})
        if not exists:
            conn.execute(sa.text(f'CREATE DATABASE "{target.database}"'))
        # A test database need not survive a crash: commits stop waiting for the disk
        # (37 ms → 15 ms a commit measured on a busy machine); transactions are unchanged.
        conn.execute(sa.text(f'ALTER DATABASE "{target.database}" SET synchronous_commit = off'))
    admin.dispose()


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc):
    """Tests marked `any_database` check what no database changes (who may act, how pages
    and text are worded, headers): they run on SQLite only. Everything that reaches SQL
    differences (queries, search backends, migrations, locking) stays on both."""
    if ("database_url" in metafunc.fixturenames
            and metafunc.definition.get_closest_marker("any_database")):
        metafunc.definition.add_marker(
            pytest.mark.parametrize("database_url", ["sqlite"], indirect=True))


_PG_SCHEMA_BUILT: set[str] = set()


@pytest.fixture(scope="session", params=_backends())
def database_url(request, tmp_path_factory):
    """Under `--dist loadfile` a worker alternates between the backends file after file,
    and pytest sets this fixture up again at each switch: the PostgreSQL schema is built
    once per process all the same (the tests' own schemas live in databases of their own)."""
    if request.param == "sqlite":
        return "sqlite"
    if not PG_URL:
        pytest.fail("CI runs the suite on PostgreSQL too: set TEST_DATABASE_URL.")
    if PG_URL not in _PG_SCHEMA_BUILT:
        _ensure_pg_database(PG_URL)
        app = create_app({"SQLALCHEMY_DATABASE_URI": PG_URL})
        with app.app_context():
            db.drop_all()
            db.create_all()
            db.engine.dispose()
        _PG_SCHEMA_BUILT.add(PG_URL)
    return PG_URL


# Files that take minutes (the two-host deployment) or drive a browser start first.
SLOW_FIRST = ("tests/deploy/", "tests/e2e/")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    """Order the files for `--dist loadfile --no-loadscope-reorder` (scripts/test): the
    slow ones first, then by their number of tests, most first; a worker takes the next
    file when it is nearly done, so no worker is left alone with a long file at the end.
    Each file's tests keep their order, and every worker computes the same order."""
    files: dict[str, list] = {}
    for item in items:
        files.setdefault(item.nodeid.split("::", 1)[0], []).append(item)

    def rank(path: str) -> tuple:
        first = next((i for i, prefix in enumerate(SLOW_FIRST) if path.startswith(prefix)),
                     len(SLOW_FIRST))
        return first, -len(files[path])

    items[:] = [item for path in sorted(files, key=rank) for item in files[path]]


class IsolatedClient(FlaskClient):
    """Each request runs in its own application context, as in a real server (otherwise
    `g`, the cached user and the locale leak between requests through the test's context);
    afterwards the test's session is rolled back so it reads what the request committed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Tests read English unless they ask for another language with a header.
        self.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"

    def open(self, *args, **kwargs):
        response = self._open(*args, **kwargs)
        target = language_redirect(response)
        if target and args and isinstance(args[0], str):
            # An unprefixed page address answers with its reader's language (tested in
            # tests/core/test_language_links.py); tests written against the unprefixed
            # addresses read the page it leads to.
            kwargs.pop("query_string", None)
            response = self._open(target, *args[1:], **kwargs)
        return response

    def _open(self, *args, **kwargs):
        context = contextvars.Context()
        response = context.run(super().open, *args, **kwargs)
        if response.is_streamed:
            # A streamed body is produced inside the request's context: read it there, as a
            # server does, before the test looks at it.
            context.run(response.make_sequence)
        if has_app_context():
            db.session.rollback()
        return response


def language_redirect(response) -> str | None:
    """The target of a redirect that only adds a language prefix to the page asked for."""
    request = response.request
    if (response.status_code != 302 or request.method not in ("GET", "HEAD")
            or LANGUAGE_PREFIX_KEY in request.environ):
        return None
    asked = request.path + (f"?{request.query_string.decode()}" if request.query_string else "")
    target = response.headers.get("Location", "")
    first, _, rest = target[1:].partition("/")
    same = unquote("/" + rest) == unquote(asked)  # the header is percent-encoded
    return target if first in LANGUAGES and same else None


class _SharedTemplateCache(BytecodeCache):
    """The suite builds a fresh app for every test; they all share this in-memory cache of
    compiled templates (the same files, so the same code) instead of recompiling them."""

    def __init__(self):
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.codes:
            bucket.bytecode_from_string(self.codes[bucket.key])

    def dump_bytecode(self, bucket):
        self.codes[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = _SharedTemplateCache()


def _wipe(app) -> None:
    """Empty every table and restart the id sequences (tests rely on ids starting at 1).

    DELETE, not TRUNCATE: the tables a test touches hold a handful of rows, and TRUNCATE
    creates fresh files for all of them (about half a second per test on this suite)."""
    with app.app_context():
        tables = [t.name for t in reversed(db.metadata.sorted_tables)]
        # The PostgreSQL search backend's own tables (derived data, not in the metadata).
        tables += [name for name in ("search_documents", "search_words")
                   if db.session.scalar(sa.text(f"SELECT to_regclass('{name}')"))]
        for name in tables:
            db.session.execute(sa.text(f'DELETE FROM "{name}"'))
        db.session.execute(sa.text(
            "SELECT setval(c.oid, 1, false) FROM pg_class c "
            "WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace"))
        db.session.commit()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """An SQLite file with the schema, built once per test process and copied for each
    test: creating ~45 tables and their indexes costs a quarter of a second each time."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "schema.sqlite"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
                      "INSTANCE_PATH": str(folder / "instance"),
                      "SEARCH_INDEX_DIR": str(folder / "index")})
    with app.app_context():
        db.create_all()
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.engine.dispose()
    return path


class _EngineShelf:
    """One engine per test process for each of the suite's own databases (the worker's
    PostgreSQL database, the worker's SQLite file), whichever app a test builds on it.

    An engine keeps SQLAlchemy's cache of compiled statements (keyed by its dialect, so it
    cannot be shared between engines): with an engine per test, every test compiled every
    statement it ran again. The apps stay fresh per test; after each test the engine's
    connections are closed (`dispose`), so no connection state outlives a test either.
    Other URLs (the migration and outage tests' own databases) get engines of their own."""

    def __init__(self):
        self.engines: dict[tuple, sa.Engine] = {}
        self.urls: set[str] = set()

    def install(self) -> None:
        make = db._make_engine

        def shelved(bind_key, options, app):
            url = options["url"]
            url = url if isinstance(url, str) else url.render_as_string(hide_password=False)
            if url not in self.urls:
                return make(bind_key, options, app)
            key = (bind_key, url, repr(sorted((k, repr(v)) for k, v in options.items()
                                              if k != "url")))
            if key not in self.engines:
                self.engines[key] = make(bind_key, options, app)
            return self.engines[key]

        db._make_engine = shelved

    def release(self, url: str) -> bool:
        """Close the connections of the engines on `url`; False (and the engines are
        forgotten) when one of them still has a connection out: a thread the test left
        running, whose connection must not meet the next test."""
        clean = True
        for key, engine in list(self.engines.items()):
            if key[1] == url:
                if engine.pool.checkedout():
                    clean = False
                    del self.engines[key]
                engine.dispose()
        return clean


ENGINES = _EngineShelf()
ENGINES.install()


@pytest.fixture(scope="session")
def sqlite_home(tmp_path_factory) -> dict:
    """The test process's SQLite file: each test starts from a copy of the template in
    the same place, so the shelved engine (and its compiled statements) serves them all."""
    return {"folder": tmp_path_factory.mktemp("sqlite"), "generation": 0}


def _fresh_sqlite(home: dict, template: Path) -> str:
    path = home["folder"] / f"test-{home['generation']}.sqlite"
    uri = f"sqlite:///{path}"
    ENGINES.urls.add(uri)
    if not ENGINES.release(uri):  # a connection is still out: move to a new file
        home["generation"] += 1
        return _fresh_sqlite(home, template)
    for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(template, path)
    return uri


@pytest.fixture
def app_factory(database_url, tmp_path, request):
    """Build apps on the test database; extra settings override TestingConfig. Every app
    is new, on a database emptied for the test (SQLite: a fresh copy of the schema;
    PostgreSQL: the schema built at the start, every table emptied after each test)."""
    built = []
    state = {"uri": None}

    def standard_uri() -> str:
        if state["uri"] is None:
            if database_url == "sqlite":
                state["uri"] = _fresh_sqlite(request.getfixturevalue("sqlite_home"),
                                             request.getfixturevalue("sqlite_template"))
            else:
                ENGINES.urls.add(database_url)
                state["uri"] = database_url
        return state["uri"]

    def build(**overrides):
        uri = overrides.get("SQLALCHEMY_DATABASE_URI") or standard_uri()
        if uri == database_url:  # PostgreSQL named explicitly: emptied after the test too
            standard_uri()
        settings = {
            "SQLALCHEMY_DATABASE_URI": uri,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "MAIL_DIR": str(tmp_path / "mail"),
            "SEARCH_INDEX_DIR": str(tmp_path / "index"),
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            # The search suite runs on Whoosh with SQLite and on PostgreSQL full text with
            # PostgreSQL, so CI covers both backends with the same tests.
            "SEARCH_BACKEND": "whoosh" if database_url == "sqlite" else "postgres",
            # The search tests apply the outbox after each commit, as commands do; the rest
            # apply it when they search (most write searchable content and never search it:
            # applying it after each commit was a fifth of their time).
            "SEARCH_INDEXER": "inline" if request.node.path.is_relative_to(SEARCH_TESTS)
            else "before_search",
        }
        settings.update(overrides)
        app = create_app(settings)
        app.test_client_class = IsolatedClient
        app.jinja_env.bytecode_cache = TEMPLATE_CACHE
        if uri != state["uri"]:  # a database of the test's own
            with app.app_context():
                db.create_all()
        built.append(app)
        return app

    yield build
    for app in built:
        with app.app_context():
            db.session.remove()
    on_shared = [app for app in built if app.config["SQLALCHEMY_DATABASE_URI"] == state["uri"]]
    if on_shared and database_url != "sqlite":
        _wipe(on_shared[0])
    for app in built:
        with app.app_context():
            db.engine.dispose()
    if state["uri"] is not None:
        ENGINES.release(state["uri"])


@pytest.fixture
def app(app_factory, request):
    # Tests that never search (the authorization tables) skip the index writes each commit
    # of their fixtures would otherwise make; the outbox rows are still written.
    outbox_only = request.node.get_closest_marker("outbox_only") is not None
    app = app_factory(**({"SEARCH_INDEXER": "worker"} if outbox_only else {}))
    with app.app_context():
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    counter = {"n": 0}

    def make(email=None, role=Role.MEMBER, confirmed=True, two_factor=False, **fields):
        counter["n"] += 1
        user = User(
            email=email or f"member{counter['n']}@example.org",
            password_hash=hash_password(fields.pop("password", PASSWORD)),
            display_name=fields.pop("display_name", f"Member {counter['n']}"),
            locale=fields.pop("locale", "en"),
            role=role,
            confirmed_at=utcnow() if confirmed else None,
            **fields,
        )
        if two_factor or role != Role.MEMBER:
            user.totp_secret = pyotp.random_base32()
            user.totp_enabled_at = utcnow()
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_reporter(make_user):
    """A member whose reports count towards hiding an item: confirmed, with an account a
    few days old, each created in a different hour."""
    counter = {"n": 0}

    def make(**fields):
        counter["n"] += 1
        return make_user(created_at=utcnow() - timedelta(days=4, hours=counter["n"]), **fields)

    return make


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, email, password=PASSWORD, **extra):
        return self.client.post("/account/login",
                                data={"email": email, "password": password, **extra})

    def login_as(self, user, second_factor=True):
        """Sign in through the real forms, answering the TOTP step when there is one."""
        response = self.login(user.email)
        if user.has_two_factor and second_factor:
            code = pyotp.TOTP(user.totp_secret).now()
            response = self.client.post("/account/login/code", data={"code": code})
        return response

    def logout(self):
        return self.client.post("/account/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


class Mailbox:
    def __init__(self, folder: Path):
        self.folder = folder

    def messages(self):
        if not self.folder.exists():
            return []
        parser = BytesParser(policy=policy.default)
        return [parser.parsebytes(p.read_bytes()) for p in sorted(self.folder.glob("*.eml"))]

    def last(self, to: str | None = None):
        found = [m for m in self.messages() if to is None or m["To"] == to]
        assert found, f"no mail to {to}"
        return found[-1]

    @staticmethod
    def link(message) -> str:
        body = message.get_content()
        return next(line.strip() for line in body.splitlines() if "://" in line)


@pytest.fixture
def mailbox(app):
    return Mailbox(Path(app.config["MAIL_DIR"]))


@pytest.fixture
def drain_outbox():
    """Deliver every message due now, as the worker would (the tests' apps deliver right
    after each commit; this is for an app built with WORKER="external")."""
    from diaspora_platform import outbox

    return outbox.drain


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may be skipped: a skipped test fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if CI and skipped and session.exitstatus == 0:
        reporter.write_line(f"CI: {len(skipped)} tests were skipped; CI requires them to run.",
                            red=True)
        session.exitstatus = 1
