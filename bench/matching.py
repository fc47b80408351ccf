"""Latency of expert matching: `suggest_experts(project)` among N expert profiles.

Seeds a throw-away database (SQLite in a temp dir, or a PostgreSQL database on 127.0.0.1
that it creates and drops) with N members who each have an expert profile (2-8 skills,
mostly from one "home" sector, fixed random seed), plus open projects; then times, in
process, `suggest_experts` for a typical project (4 needed skills) and a broad one (8
skills over four sectors), and `suggest_projects` for one expert among the open projects.
Prints wall-clock p50 / p95 / max and this process's CPU p50 / p95 (ms; on SQLite the
query runs in process, so CPU time includes it, and it is what to compare when other jobs
share the machine), the candidates and the SQL statements per call.

    .venv/bin/python bench/matching.py [--experts 20000] [--calls 200] [--projects 500]
                                       [--db sqlite|postgres] [--no-json]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as `python bench/matching.py` from anywhere

from diaspora_platform import create_app  # noqa: E402
from diaspora_platform.accounts.models import User  # noqa: E402
from diaspora_platform.database import ModerationStatus  # noqa: E402
from diaspora_platform.experts.models import ExpertProfile, ExpertSkill  # noqa: E402
from diaspora_platform.extensions import db  # noqa: E402
from diaspora_platform.i18n import WORKING_LANGUAGES  # noqa: E402
from diaspora_platform.projects import vocabulary  # noqa: E402
from diaspora_platform.projects.match_queries import suggest_experts, suggest_projects  # noqa: E402
from diaspora_platform.projects.models import Project, ProjectSkill  # noqa: E402
from diaspora_platform.projects.queries import today  # noqa: E402

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PG_DATABASE = "diaspora_bench_matching"
BATCH = 2000
TYPICAL = ("hydrology", "gis", "project_finance", "irrigation")
BROAD = ("software_development", "data_analysis", "public_health", "accounting",
         "project_finance", "hydrology", "gis", "construction_management")


def _profiles(n: int, rng: random.Random):
    sectors = list(vocabulary.SECTORS)
    by_sector = {s: vocabulary.skills_of_sector(s) for s in sectors}
    everything = list(vocabulary.SKILLS)
    now = datetime.now(UTC)
    for i in range(1, n + 1):
        home = rng.choice(sectors)
        count = rng.randint(2, 8)
        skills = set(rng.sample(by_sector[home], min(count, len(by_sector[home]))))
        while rng.random() < 0.3:
            skills.add(rng.choice(everything))
        langs = ["tg"] if rng.random() < 0.8 else []
        langs += ["ru"] if rng.random() < 0.85 else []
        langs += rng.sample(WORKING_LANGUAGES[2:], rng.randint(0, 2))
        yield ({"id": i, "email": f"expert{i}@bench.example", "display_name": f"Expert {i}",
                "locale": rng.choice(["tg", "ru", "en"]), "role": "member",
                "confirmed_at": now, "session_token": f"t{i}", "visibility_json": "{}",
                "failed_logins": 0, "created_at": now, "updated_at": now},
               {"id": i, "user_id": i, "headline": f"Expert {i}", "keywords": "",
                "sectors": f",{home},", "years_experience": rng.randint(0, 40),
                "languages": "," + ",".join(dict.fromkeys(langs or ["en"])) + ",",
                "hours_per_month": rng.choice([0, 5, 10, 20, 40, 80]),
                "mode": rng.choice(["remote", "onsite", "both"]), "travel_countries": "",
                "cv": "", "visibility": rng.choice(["public", "members", "members",
                                                    "project_owners"]),
                "weekly_email": False, "created_at": now, "updated_at": now},
               [{"expert_id": i, "skill": s, "position": p} for p, s in enumerate(skills)])


def seed(n: int, projects: int, rng: random.Random) -> tuple[int, int, int]:
    users, profiles, skills = [], [], []

    def flush():
        db.session.execute(sa.insert(User), users)
        db.session.execute(sa.insert(ExpertProfile), profiles)
        db.session.execute(sa.insert(ExpertSkill), skills)
        users.clear(), profiles.clear(), skills.clear()

    for user, profile, rows in _profiles(n, rng):
        users.append(user), profiles.append(profile), skills.extend(rows)
        if len(users) >= BATCH:
            flush()
    if users:
        flush()
    now = datetime.now(UTC)
    everything = list(vocabulary.SKILLS)
    ids = []
    for i in range(projects + 2):
        needed = TYPICAL if i == 0 else BROAD if i == 1 else rng.sample(everything, 3)
        project = Project(title=f"Project {i}", sector=vocabulary.skill_sector(needed[0]),
                          region="khatlon", town="Bokhtar", stage="feasibility",
                          offers_until=today() + timedelta(days=30), description="",
                          contact_name="Owner", contact_email="o@bench.example",
                          status=ModerationStatus.APPROVED, reviewed_at=now)
        project.skills = [ProjectSkill(skill=s, hours=20, position=p, experts_needed=2)
                          for p, s in enumerate(needed)]
        db.session.add(project)
        db.session.flush()
        ids.append(project.id)
    db.session.commit()
    return ids[0], ids[1], n // 2


@contextmanager
def counting():
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)


def time_case(name: str, call, calls: int) -> dict:
    for _ in range(10):
        call()
        db.session.expire_all()
    timings, cpu = [], []
    with counting() as statements:
        for _ in range(calls):
            start, start_cpu = time.perf_counter(), time.process_time()
            found = call()
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            db.session.expire_all()  # no identity-map shortcut between calls
    q, q_cpu = statistics.quantiles(timings, n=100), statistics.quantiles(cpu, n=100)
    row = {"case": name, "p50_ms": round(statistics.median(timings), 1),
           "p95_ms": round(q[94], 1), "max_ms": round(max(timings), 1),
           "cpu_p50_ms": round(statistics.median(cpu), 1), "cpu_p95_ms": round(q_cpu[94], 1),
           "statements_per_call": len(statements) / calls, "results": len(found)}
    print(f"{name:<46} wall p50 {row['p50_ms']:>6} p95 {row['p95_ms']:>6} "
          f"max {row['max_ms']:>6} ms | CPU p50 {row['cpu_p50_ms']:>6} "
          f"p95 {row['cpu_p95_ms']:>6} ms | {row['statements_per_call']:.0f} statements, "
          f"{row['results']} results")
    return row


def _candidates(skills) -> int:
    return db.session.scalar(sa.select(sa.func.count(sa.distinct(ExpertSkill.expert_id)))
                             .where(ExpertSkill.skill.in_(skills)))


@contextmanager
def database(kind: str, folder: Path):
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'bench.sqlite'}"
        return
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                       {"n": PG_DATABASE}):
            raise SystemExit(f"database {PG_DATABASE} exists; drop it first")
        conn.execute(sa.text(f'CREATE DATABASE "{PG_DATABASE}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_DATABASE}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{PG_DATABASE}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--experts", type=int, default=20000)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, database(args.db, Path(tmp)) as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": tmp,
                          "MAIL_DIR": f"{tmp}/mail", "SEARCH_INDEX_DIR": f"{tmp}/index",
                          "UPLOAD_DIR": f"{tmp}/uploads"})
        with app.app_context(), app.test_request_context():
            db.create_all()
            started = time.perf_counter()
            typical_id, broad_id, expert_id = seed(args.experts, args.projects,
                                                   random.Random(args.seed))
            if args.db == "postgres":
                with db.engine.connect().execution_options(
                        isolation_level="AUTOCOMMIT") as conn:
                    conn.execute(sa.text("VACUUM ANALYZE"))
            print(f"{args.db}: {args.experts} experts, {args.projects + 2} open projects "
                  f"seeded in {time.perf_counter() - started:.1f} s; {args.calls} calls per "
                  f"case; candidates: typical {_candidates(TYPICAL)}, "
                  f"broad {_candidates(BROAD)}")
            typical, broad = db.session.get(Project, typical_id), db.session.get(Project,
                                                                                 broad_id)
            rows = [
                time_case("suggest_experts, 4 needed skills",
                          lambda: suggest_experts(db.session.get(Project, typical.id)),
                          args.calls),
                time_case("suggest_experts, 8 needed skills (4 sectors)",
                          lambda: suggest_experts(db.session.get(Project, broad.id)),
                          args.calls),
                time_case(f"suggest_projects among {args.projects + 2} open projects",
                          lambda: suggest_projects(db.session.get(ExpertProfile, expert_id)),
                          args.calls),
            ]
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    if not args.no_json:
        out = ROOT / "bench" / "results"
        out.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        (out / f"matching-{args.db}-{stamp}.json").write_text(json.dumps(
            {"experts": args.experts, "calls": args.calls, "db": args.db,
             "python": platform.python_version(), "cases": rows}, indent=2))


if __name__ == "__main__":
    main()
