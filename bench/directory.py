"""Latency and SQL statements of the public organisation directory (GET /organisations/).

Seeds a throw-away database (SQLite in a temp dir, or a PostgreSQL database on 127.0.0.1
that it creates and drops) with N approved organisations in Tajik, Russian and Latin script
across ~60 countries, 1-5 active members each, then drives the app through Flask's test
client (no server, no network): per case a warm-up, then --requests timed GETs. Prints
p50/p95/max ms, SQL statements per request (which must not grow with the page size or the
filters: no N+1), and the time and size of the full open-data exports. Results also go to
bench/results/ as JSON (git-ignored).

    .venv/bin/python bench/directory.py [--orgs 10000] [--requests 300] [--db sqlite|postgres]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import random
import secrets
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))  # run as `python bench/directory.py` from anywhere

from diaspora_platform import create_app  # noqa: E402
from diaspora_platform.accounts.models import User  # noqa: E402
from diaspora_platform.database import ModerationStatus  # noqa: E402
from diaspora_platform.extensions import db  # noqa: E402
from diaspora_platform.organisations import queries  # noqa: E402
from diaspora_platform.organisations.models import (  # noqa: E402
    Kind,
    Membership,
    MembershipStatus,
    Organisation,
)
from diaspora_platform.permissions import OrgRole  # noqa: E402
from diaspora_platform.security import hash_password  # noqa: E402
from diaspora_platform.text import fold_tajik, phonetic_key, to_latin  # noqa: E402

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PG_DATABASE = "diaspora_bench"
BATCH = 2000
PAGE_SIZES = (5, 20, 100)  # queries.PAGE_SIZE is patched to these for the N+1 check
CITY_CASE = "Москва"  # also seeded as "Moskva": one phonetic key, one filter

# ---------------------------------------------------------------------------- seed data
# country: (weight, cities, local language); the first city gets 40 % of the country's
# organisations on top of its even share
COUNTRIES: dict[str, tuple[float, tuple[str, ...], str]] = {
    "RU": (30, ("Москва", "Санкт-Петербург", "Екатеринбург", "Новосибирск", "Казань",
                "Самара", "Краснодар", "Ростов-на-Дону", "Нижний Новгород", "Уфа",
                "Красноярск", "Тюмень", "Сургут", "Иркутск", "Челябинск", "Moskva"), "ru"),
    "KZ": (8, ("Алматы", "Астана", "Шымкент", "Караганда", "Туркестан"), "kk"),
    "TR": (6, ("İstanbul", "Ankara", "İzmir", "Bursa", "Antalya"), "tr"),
    "DE": (6, ("Berlin", "München", "Hamburg", "Frankfurt am Main", "Köln"), "de"),
    "US": (6, ("New York", "Washington", "Los Angeles", "Chicago", "Houston", "Seattle"), "en"),
    "GB": (4, ("London", "Manchester", "Birmingham", "Edinburgh"), "en"),
    "FR": (3, ("Paris", "Lyon", "Marseille", "Strasbourg"), "fr"),
    "UZ": (5, ("Тошкент", "Самарқанд", "Бухоро", "Фарғона", "Tashkent"), "uz"),
    "UA": (3, ("Київ", "Харків", "Одеса", "Дніпро"), "ru"),
    "KG": (1.5, ("Бишкек", "Ош"), "ky"),
    "AF": (1.5, ("Кобул", "Мазори Шариф", "Ҳирот", "Файзобод"), "fa"),
    "IR": (1, ("Теҳрон", "Машҳад", "Исфаҳон"), "fa"),
    "AE": (1.5, ("Dubai", "Abu Dhabi", "Sharjah"), "ar"),
    "SA": (0.5, ("Riyadh", "Jeddah"), "ar"),
    "QA": (0.5, ("Doha",), "ar"),
    "CN": (0.7, ("Beijing", "Ürümqi", "Тошқӯрғон"), "zh"),
    "KR": (1, ("Seoul", "Busan"), "ko"),
    "JP": (0.4, ("Tokyo",), "ja"),
    "IN": (0.4, ("New Delhi",), "en"),
    "PK": (0.4, ("Islamabad", "Lahore"), "en"),
    "PL": (1, ("Warszawa", "Kraków"), "pl"),
    "CZ": (0.6, ("Praha",), "en"),
    "AT": (0.6, ("Wien",), "de"),
    "CH": (0.5, ("Zürich", "Genève"), "de"),
    "NL": (0.6, ("Amsterdam",), "en"),
    "BE": (0.4, ("Bruxelles",), "fr"),
    "SE": (0.6, ("Stockholm",), "en"),
    "NO": (0.3, ("Oslo",), "en"),
    "FI": (0.4, ("Helsinki",), "en"),
    "DK": (0.3, ("København",), "en"),
    "IT": (0.6, ("Roma", "Milano"), "it"),
    "ES": (0.5, ("Madrid", "Barcelona"), "es"),
    "PT": (0.3, ("Lisboa",), "en"),
    "CA": (1, ("Toronto", "Montréal", "Vancouver"), "en"),
    "AU": (0.4, ("Sydney", "Melbourne"), "en"),
    "NZ": (0.2, ("Auckland",), "en"),
    "BY": (0.8, ("Минск",), "ru"),
    "LT": (0.3, ("Vilnius",), "en"),
    "LV": (0.3, ("Rīga",), "ru"),
    "EE": (0.2, ("Tallinn",), "ru"),
    "GE": (0.4, ("Тбилиси",), "ru"),
    "AM": (0.2, ("Ереван",), "ru"),
    "AZ": (0.3, ("Bakı",), "ru"),
    "TM": (0.3, ("Ашхабад",), "ru"),
    "MN": (0.2, ("Улан-Батор",), "ru"),
    "IL": (0.3, ("Tel Aviv",), "en"),
    "EG": (0.3, ("Cairo",), "ar"),
    "MY": (0.4, ("Kuala Lumpur",), "en"),
    "ID": (0.2, ("Jakarta",), "en"),
    "TH": (0.2, ("Bangkok",), "en"),
    "SG": (0.2, ("Singapore",), "en"),
    "HU": (0.3, ("Budapest",), "en"),
    "RO": (0.2, ("București",), "en"),
    "BG": (0.2, ("София",), "ru"),
    "GR": (0.2, ("Athína",), "en"),
    "IE": (0.2, ("Dublin",), "en"),
    "BR": (0.2, ("São Paulo",), "es"),
    "AR": (0.1, ("Buenos Aires",), "es"),
    "MX": (0.1, ("Ciudad de México",), "es"),
    "IQ": (0.1, ("Baghdad",), "ar"),
}
CYRILLIC_COUNTRIES = {"RU", "KZ", "UZ", "UA", "KG", "BY", "TM", "GE", "AM", "AZ", "MN", "BG"}
KINDS = {Kind.ASSOCIATION: 35, Kind.CULTURAL_CENTRE_OPERATOR: 12, Kind.SCHOOL: 8,
         Kind.MEDIA: 7, Kind.BUSINESS_ASSOCIATION: 10, Kind.STUDENT_UNION: 10,
         Kind.CHARITY: 12, Kind.OTHER: 6}
WORDS_TG = ("Ватан", "Меҳр", "Сомон", "Суғд", "Ҳамдилӣ", "Пайванд", "Рӯдакӣ", "Ориёно",
            "Хуҷанд", "Истиқлол", "Дӯстӣ", "Ҳамбастагӣ", "Ғамхорӣ", "Нур", "Ояндасоз",
            "Зарафшон", "Помир", "Фирӯза", "Ҷавонӣ", "Наврӯз", "Бохтар", "Ҳисор", "Қаротегин",
            "Кӯлоб", "Шодмонӣ", "Ҳунар", "Ситора", "Гулистон", "Ширин", "Роғун", "Ҳилол")
# kind: Tajik, Russian, Latin templates ({w}: word in the script, {c}: city)
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    Kind.ASSOCIATION: (
        ("Ассотсиатсияи тоҷикони {c}", "Ҷамъияти ҳамватанон «{w}»",
         "Иттиҳодияи тоҷикон «{w}» дар {c}"),
        ("Таджикская диаспора «{w}»", "Землячество «{w}» ({c})",
         "Общество таджиков «{w}»"),
        ("Tajik Community of {c}", "Verein der Tadschiken „{w}“ e.V.",
         "Association des Tadjiks « {w} »", "Tacik Derneği {w}")),
    Kind.CULTURAL_CENTRE_OPERATOR: (
        ("Маркази фарҳангии тоҷикон «{w}»",), ("Центр таджикской культуры «{w}»",),
        ("Tajik Cultural Centre “{w}”", "Centre culturel tadjik {w}")),
    Kind.SCHOOL: (
        ("Мактаби забони тоҷикӣ «{w}»",), ("Школа таджикского языка «{w}»",),
        ("{w} Tajik Language School", "Tadschikische Sprachschule {w}")),
    Kind.MEDIA: (
        ("Рӯзномаи «{w}»", "Радиои «{w}»"), ("Газета «{w}»", "Телеканал «{w}»"),
        ("{w} Media", "{w} Tajik Radio")),
    Kind.BUSINESS_ASSOCIATION: (
        ("Анҷумани соҳибкорони тоҷик «{w}»",),
        ("Ассоциация таджикских предпринимателей «{w}»",),
        ("Tajik Business Council {c}", "Tacik İş İnsanları Derneği {w}")),
    Kind.STUDENT_UNION: (
        ("Иттифоқи донишҷӯёни тоҷик дар {c}",), ("Союз таджикских студентов «{w}»",),
        ("Tajik Students Union {c}", "Tajik Student Society “{w}”")),
    Kind.CHARITY: (
        ("Бунёди хайриявии «{w}»",), ("Благотворительный фонд «{w}»",),
        ("{w} Foundation", "Stiftung {w}")),
    Kind.OTHER: (("Клуби «{w}»",), ("Клуб «{w}»",), ("{w} Club",)),
}
DESCRIPTIONS = (
    "**{n}** ҳамватанонро дар {c} муттаҳид мекунад: чорабиниҳои фарҳангӣ, дарсҳои забони "
    "тоҷикӣ ва ёрии ҳуқуқӣ ба муҳоҷирон.\n\n- Наврӯз ва Рӯзи истиқлол\n- Маслиҳати ройгон",
    "**{n}** объединяет таджиков города {c}: культурные вечера, курсы таджикского языка, "
    "юридическая помощь мигрантам.",
    "**{n}** brings the Tajik community in {c} together: Navruz celebrations, Tajik lessons "
    "for children and free advice for newcomers.",
)


def weighted(rng: random.Random, table: dict) -> Callable[[], object]:
    keys = list(table)
    weights = [table[k][0] if isinstance(table[k], tuple) else table[k] for k in keys]
    return lambda: rng.choices(keys, weights)[0]


def org_rows(n: int, extra: int, users: int, rng: random.Random) -> list[dict]:
    """n approved organisations, then `extra` pending/rejected/hidden ones."""
    pick_country, pick_kind = weighted(rng, COUNTRIES), weighted(rng, KINDS)
    now = datetime.now(UTC)
    rows = []
    for i in range(1, n + extra + 1):
        country = pick_country()
        _, cities, local = COUNTRIES[country]
        city = rng.choice(cities) if rng.random() < 0.6 else cities[0]
        kind = pick_kind()
        word = rng.choice(WORDS_TG)
        cyrillic = country in CYRILLIC_COUNTRIES
        script = rng.choices((0, 1, 2), (50, 45, 5) if cyrillic else (40, 10, 50))[0]
        forms = (word, fold_tajik(word).capitalize(), to_latin(word).title())
        name = rng.choice(NAMES[kind][script]).format(w=forms[script], c=city)
        alt = {}
        if rng.random() < 0.3:  # names in the other languages
            alt = {lang: rng.choice(NAMES[kind][k]).format(w=forms[k], c=city)
                   for k, lang in enumerate(("tg", "ru", "en")) if k != script}
        langs = ["tg"] if rng.random() < 0.92 else []
        if rng.random() < (0.85 if cyrillic else 0.4):
            langs.append("ru")
        if rng.random() < 0.45 and local not in langs:
            langs.append(local)
        langs = langs or ["ru"]
        reviewed = now - timedelta(days=rng.uniform(1, 3 * 365), seconds=rng.randrange(86400))
        submitted = reviewed - timedelta(days=rng.uniform(0.1, 20))
        status = (ModerationStatus.APPROVED if i <= n else
                  rng.choice((ModerationStatus.PENDING, ModerationStatus.REJECTED,
                              ModerationStatus.HIDDEN)))
        slug = phonetic_key(to_latin(name)).replace(" ", "-")[:40] or f"org{i}"
        rows.append({
            "id": i, "name": name, "language": ("tg", "ru", "en")[script],
            "name_translations": alt, "description_translations": {},
            "name_key": phonetic_key(name), "kind": kind.value, "country": country,
            "city": city, "city_key": phonetic_key(city),
            "founded_year": rng.randint(1992, 2025) if rng.random() < 0.8 else None,
            "description": rng.choice(DESCRIPTIONS).format(n=name, c=city),
            "languages": ",".join(langs),
            "website": f"https://{slug}.example" if rng.random() < 0.5 else None,
            "contact_email": f"info{i}@{slug}.example" if rng.random() < 0.7 else None,
            "contact_phone": None,
            "social_links": f"https://t.me/{slug.replace('-', '_')}" if rng.random() < 0.6
            else "",
            "logo": None, "possible_duplicates": "[]", "created_by_id": rng.randint(1, users),
            "status": status.value, "submitted_at": submitted,
            "reviewed_at": reviewed if status != ModerationStatus.PENDING else None,
            "reviewed_by_id": None, "moderation_reason": None, "moderation_note": None,
            "assigned_to_id": None, "assigned_at": None,
            "created_at": submitted, "updated_at": reviewed,
        })
    return rows


def user_rows(count: int, password_hash: str, rng: random.Random) -> Iterator[dict]:
    first = ("Фирӯз", "Зарина", "Ҷамшед", "Малика", "Рустам", "Нилуфар", "Behruz", "Madina",
             "Алишер", "Шаҳло", "Dilshod", "Мунира", "Сорбон", "Парвина")
    last = ("Раҳимов", "Саидова", "Қодиров", "Ҳакимова", "Nazarov", "Sharipova", "Ғафуров",
            "Юсупова", "Karimov", "Давлатова")
    now = datetime.now(UTC)
    for i in range(1, count + 1):
        yield {"id": i, "email": f"member{i}@bench.example", "password_hash": password_hash,
               "display_name": f"{rng.choice(first)} {rng.choice(last)}",
               "locale": rng.choice(("tg", "ru", "en")), "country": None, "city": None,
               "diaspora_status": None, "region_of_origin": None, "visibility_json": "{}",
               "role": "member", "confirmed_at": now, "session_token": secrets.token_urlsafe(24),
               "failed_logins": 0, "created_at": now, "updated_at": now}


def membership_rows(orgs: list[dict], users: int, rng: random.Random) -> Iterator[dict]:
    """1-5 active members per organisation (the first is the owner); 10 % also have a
    pending request, which member counts must ignore."""
    for org in orgs:
        people = rng.sample(range(1, users + 1), rng.randint(1, 5) + 1)
        for k, user_id in enumerate(people):
            pending = k == len(people) - 1
            if pending and rng.random() >= 0.1:
                continue
            yield {"organisation_id": org["id"], "user_id": user_id,
                   "role": OrgRole.OWNER if k == 0 else rng.choice((OrgRole.MEMBER,
                                                                    OrgRole.EDITOR)),
                   "status": MembershipStatus.PENDING if pending else MembershipStatus.ACTIVE,
                   "created_at": org["created_at"],
                   "decided_at": None if pending else org["reviewed_at"]}


def batches(rows, size: int = BATCH) -> Iterator[list[dict]]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def seed(app: Flask, n: int, rng: random.Random,
         users: int | None = None) -> tuple[list[dict], dict[str, int]]:
    """Create the schema and bulk-insert (as many members as organisations unless `users`
    says); returns the organisations and row counts."""
    users = max(50, users or n)
    with app.app_context():
        db.create_all()
        password_hash = hash_password(secrets.token_urlsafe(16))  # nobody signs in
        orgs = org_rows(n, n // 20, users, rng)
        members = list(membership_rows(orgs, users, rng))
        with db.engine.begin() as conn:
            for table, rows in ((User.__table__, user_rows(users, password_hash, rng)),
                                (Organisation.__table__, orgs),
                                (Membership.__table__, members)):
                for batch in batches(rows):
                    conn.execute(sa.insert(table), batch)
            if conn.dialect.name == "postgresql":  # explicit ids: move the sequences on
                for table in ("users", "organisations"):
                    conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', "
                                         f"'id'), (SELECT max(id) FROM {table}))"))
        if db.engine.dialect.name == "postgresql":
            # What autovacuum does soon after a bulk load, done now so that it does not run
            # in the middle of the timings. SQLite gets no ANALYZE: the app never runs one.
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text("VACUUM ANALYZE"))
    return orgs, {"users": users, "organisations": len(orgs), "memberships": len(members),
                  "active_memberships": sum(m["status"] == "active" for m in members)}


# ---------------------------------------------------------------------------- measuring
class SqlCounter:
    """Counts statements and their execute time on an engine (SQLAlchemy cursor events)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.count, self.seconds, self.capture, self.statements = 0, 0.0, False, []
        sa.event.listen(engine, "before_cursor_execute", self._before)
        sa.event.listen(engine, "after_cursor_execute", self._after)

    def reset(self, capture: bool = False) -> None:
        self.count, self.seconds, self.capture, self.statements = 0, 0.0, capture, []

    def _before(self, conn, cursor, statement, parameters, context, executemany):
        self.count += 1
        if self.capture:
            self.statements.append((statement, parameters))
        conn.info.setdefault("bench_t0", []).append(time.perf_counter())

    def _after(self, conn, cursor, statement, parameters, context, executemany):
        self.seconds += time.perf_counter() - conn.info["bench_t0"].pop()


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))]


def get(client: FlaskClient, url: str, sql: SqlCounter, capture: bool = False):
    sql.reset(capture)
    start = time.perf_counter()
    response = client.get(url)
    body = response.get_data()
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        sys.exit(f"GET {url} answered {response.status_code}:\n{body[:2000].decode()}")
    return body, elapsed, sql.count, sql.seconds


def expected_total(orgs: list[dict], params: dict) -> int:
    """The directory's total, computed in Python from the seeded rows."""
    def keep(org: dict) -> bool:
        return (org["status"] == ModerationStatus.APPROVED
                and org["country"] == params.get("country", org["country"])
                and org["kind"] == params.get("kind", org["kind"])
                and ("city" not in params or org["city_key"] == phonetic_key(params["city"]))
                and ("language" not in params
                     or params["language"] in org["languages"].split(",")))
    return sum(map(keep, orgs))


def measure_case(client: FlaskClient, sql: SqlCounter, app: Flask, params: dict,
                 orgs: list[dict], requests: int) -> dict:
    url = "/organisations/" + ("?" + urlencode(params) if params else "")
    for _ in range(min(20, requests)):  # warm-up, discarded
        get(client, url, sql)
    times, statements, sql_ms = [], set(), []
    for _ in range(requests):
        body, elapsed, count, seconds = get(client, url, sql)
        times.append(elapsed * 1000)
        statements.add(count)
        sql_ms.append(seconds * 1000)
    filters = queries.Filters(**{k: int(v) if k == "page" else v for k, v in params.items()})
    with app.app_context():
        total = queries.directory(filters)[1]
    page = int(params.get("page", 1))
    cards = min(queries.PAGE_SIZE, max(0, total - (page - 1) * queries.PAGE_SIZE))
    problems = []
    if total != expected_total(orgs, params):
        problems.append(f"total {total}, seeded {expected_total(orgs, params)}")
    if body.count(b"org-card") != cards:
        problems.append(f"{body.count(b'org-card')} cards on the page, expected {cards}")
    return {"url": url, "total": total, "p50_ms": statistics.median(times),
            "p95_ms": pct(times, 95), "max_ms": max(times), "mean_ms": statistics.fmean(times),
            "sql_ms_p50": statistics.median(sql_ms), "statements": sorted(statements),
            "bytes": len(body), "problems": problems}


def statements_by_page_size(client: FlaskClient, sql: SqlCounter) -> dict[int, int]:
    original, counts = queries.PAGE_SIZE, {}
    try:
        for size in PAGE_SIZES:
            queries.PAGE_SIZE = size
            counts[size] = get(client, "/organisations/", sql)[2]
    finally:
        queries.PAGE_SIZE = original
    return counts


def explain(app: Flask, client: FlaskClient, sql: SqlCounter, url: str) -> None:
    """Print every statement the page runs, timed once on its own (all rows fetched), with
    its plan (SQLite: EXPLAIN QUERY PLAN, PostgreSQL: EXPLAIN ANALYZE)."""
    get(client, url, sql, capture=True)
    captured = list(sql.statements)
    with app.app_context(), db.engine.connect() as conn:
        prefix = ("EXPLAIN QUERY PLAN " if conn.dialect.name == "sqlite"
                  else "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ")
        print(f"\n== {url}")
        for statement, params in captured:
            start = time.perf_counter()
            conn.exec_driver_sql(statement, params).all()
            elapsed = (time.perf_counter() - start) * 1000
            print(f"-- {elapsed:6.2f} ms  " + " ".join(statement.split())[:140])
            for row in conn.exec_driver_sql(prefix + statement, params).all():
                print(f"   {row[-1]}")  # SQLite: (id, parent, notused, detail)


def export(client: FlaskClient, sql: SqlCounter, url: str, orgs_n: int) -> dict:
    body, elapsed, count, seconds = get(client, url, sql)
    if url.endswith(".json"):
        rows = len(json.loads(body)["organisations"])
    else:
        rows = len(list(csv.reader(io.StringIO(body.decode())))) - 1
    problems = [] if rows == orgs_n else [f"{rows} rows, expected {orgs_n}"]
    return {"url": url, "ms": elapsed * 1000, "sql_ms": seconds * 1000, "statements": count,
            "bytes": len(body), "rows": rows, "problems": problems}


# ---------------------------------------------------------------------------- databases
@contextmanager
def database(kind: str, tmp: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'bench.sqlite'}"
        return
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            if conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                           {"n": PG_DATABASE}):
                sys.exit(f"database {PG_DATABASE} exists (another run, or one that was "
                         f"killed): drop it with `dropdb -h 127.0.0.1 -U postgres "
                         f"{PG_DATABASE}` first.")
            conn.execute(sa.text(f'CREATE DATABASE "{PG_DATABASE}"'))
    except sa.exc.OperationalError as exc:
        sys.exit(f"PostgreSQL on 127.0.0.1:5432 is not reachable: {exc.orig}")
    try:
        yield sa.engine.make_url(PG_ADMIN_URL).set(database=PG_DATABASE).render_as_string(
            hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)'))
        admin.dispose()


def build_app(url: str, tmp: Path, **overrides) -> Flask:
    return create_app({**overrides,
        "SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": str(tmp / "instance"),
        "MAIL_DIR": str(tmp / "mail"), "SEARCH_INDEX_DIR": str(tmp / "index"),
        "UPLOAD_DIR": str(tmp / "uploads"),
        # Settings the config module reads from the environment that could point elsewhere.
        "SERVER_NAME": None, "PROXY_FIX": 0, "REDIS_URL": None, "SEARCH_BACKEND": "whoosh",
    })


# ---------------------------------------------------------------------------- main
CASES: dict[str, dict[str, str]] = {
    "plain": {},
    "page=250": {"page": "250"},
    "country=RU": {"country": "RU"},
    "country=DE&kind=association": {"country": "DE", "kind": Kind.ASSOCIATION.value},
    "language=tg&sort=newest": {"language": "tg", "sort": "newest"},
    f"city={CITY_CASE}": {"city": CITY_CASE},
}


def fmt_statements(counts: list[int]) -> str:
    return str(counts[0]) if len(counts) == 1 else f"{counts[0]}-{counts[-1]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=10000, help="approved organisations")
    parser.add_argument("--requests", type=int, default=300, help="timed GETs per case")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seed", type=int, default=2026, help="random seed of the data")
    parser.add_argument("--explain", action="store_true",
                        help="also print the query plans of each case's statements")
    parser.add_argument("--no-json", action="store_true", help="do not write bench/results/")
    args = parser.parse_args()
    if args.orgs < 1 or args.requests < 1:
        parser.error("--orgs and --requests must be at least 1")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still run the cleanup below

    started, load_before = time.perf_counter(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-directory-") as tmpdir, \
            database(args.db, Path(tmpdir)) as url:
        tmp = Path(tmpdir)
        app = build_app(url, tmp)
        try:
            t0 = time.perf_counter()
            orgs, rows = seed(app, args.orgs, random.Random(args.seed))
            seed_s = time.perf_counter() - t0
            with app.app_context():
                sql = SqlCounter(db.engine)
                server = f"{db.engine.dialect.name} " + (
                    sqlite3.sqlite_version if db.engine.dialect.name == "sqlite" else
                    db.session.scalar(sa.text("SHOW server_version")))
                db.session.remove()
            client = app.test_client()  # no app context held: each request gets its own
            for params in CASES.values():  # first renders, translations, caches
                get(client, "/organisations/" + ("?" + urlencode(params) if params else ""),
                    sql)
            results = {name: measure_case(client, sql, app, params, orgs, args.requests)
                       for name, params in CASES.items()}
            by_size = statements_by_page_size(client, sql)
            exports = {name: export(client, sql, f"/organisations.{name}", args.orgs)
                       for name in ("json", "csv")}
            if args.explain:
                for result in results.values():
                    explain(app, client, sql, result["url"])
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
    total_s, load_after = time.perf_counter() - started, os.getloadavg()[0]

    print(f"\n{server}: {args.orgs} approved organisations (+{args.orgs // 20} not "
          f"approved), {rows['users']} users, {rows['active_memberships']} active "
          f"memberships, seeded in {seed_s:.1f} s")
    print(f"{args.requests} timed GETs per case, page size {queries.PAGE_SIZE}")
    print(f"{'case':<30} {'total':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
          f"{'SQL ms':>7} {'stmts':>5} {'KB':>5}")
    for name, r in results.items():
        print(f"{name:<30} {r['total']:>6} {r['p50_ms']:>7.2f} {r['p95_ms']:>7.2f} "
              f"{r['max_ms']:>7.2f} {r['sql_ms_p50']:>7.2f} "
              f"{fmt_statements(r['statements']):>5} {r['bytes'] / 1024:>5.0f}")
    print("(SQL ms: p50 of the time spent in cursor.execute per request)")
    for r in exports.values():
        print(f"{r['url']:<30} {r['rows']:>6} rows {r['ms']:>9.1f} ms "
              f"(SQL {r['sql_ms']:.1f} ms, {r['statements']} stmts) "
              f"{r['bytes'] / 1024 / 1024:>6.2f} MB")
    print("statements on GET /organisations/ by page size: "
          + ", ".join(f"{size}: {count}" for size, count in by_size.items()))
    print(f"total run time {total_s:.1f} s; load average {load_before:.2f} before, "
          f"{load_after:.2f} after ({os.cpu_count()} CPUs)")

    warnings = []
    if len(set(by_size.values())) > 1:
        warnings.append(f"statements grow with the page size {by_size}: N+1 queries?")
    all_counts = {c for r in results.values() for c in r["statements"]}
    if len(all_counts) > 1:
        warnings.append("statements per request differ between cases: " + ", ".join(
            f"{n}: {fmt_statements(r['statements'])}" for n, r in results.items()))
    if max(load_before, load_after) > (os.cpu_count() or 1) * 0.75:
        warnings.append("the machine was busy (load average above 3/4 of the CPUs): "
                        "the latencies include waiting for a CPU")
    for name, r in [*results.items(), *exports.items()]:
        warnings += [f"{name}: {p}" for p in r["problems"]]
    sys.stdout.flush()
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)

    if not args.no_json:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = BENCH / "results" / f"directory-{args.db}-{stamp}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps({
            "when": stamp, "args": vars(args), "database": server, "python":
            platform.python_version(), "cpus": os.cpu_count(),
            "load_average": [load_before, load_after], "seed_s": seed_s, "total_s": total_s,
            "page_size": queries.PAGE_SIZE, "rows": rows, "cases": results,
            "statements_by_page_size": by_size, "exports": exports, "warnings": warnings,
        }, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
