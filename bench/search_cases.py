"""The search benchmark's harder cases (bench/search.py runs them): the fuzzy fallback,
type-ahead, queries up to the length limit, the first search of a fresh worker (a new
process that builds the app and warms the index as gunicorn's hook does) with its start
time and memory, and search latency while 20 writes a second arrive. Also the targets
every figure is printed beside."""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Typos as people make them: a letter wrong, missing or doubled; each finds nothing as
# typed, so search corrects it and searches again.
FUZZY = ("Dushanbw", "Khujnd", "Navrus", "Rudski", "Isfarra Berln", "maktav", "Pamr",
         "Bakhtiyorr", "studentz", "Istarafshan")
TYPEAHEAD = ("du", "Хуҷ", "mos", "Нав", "tajik sch", "Фир", "ber", "мак", "school kh", "Ist")
# Two common words that rarely meet, and words nothing holds: no cheap early exit.
RARE_PAIRS = ("Seattle Кӯлоб", "Busan Роғун", "Toronto Ишкошим", "Dubai Норак",
              "legal Seattle", "Ankara Сомон")
ZERO_HITS = ("zzqxv", "Qwertyuiop", "абвгдежзик", "xylophone", "Ҷҷҷҷ", "brrrrrr")
WRITES_PER_SECOND = 20

# (label, where it is in a run's result, limit, unit, backends it applies to)
TARGETS = (
    ("one word p95", ("queries", "one word", "p95"), 25, "ms", ("whoosh",)),
    ("two words p95", ("queries", "two words", "p95"), 25, "ms", ("whoosh",)),
    ("rare pair p95", ("queries", "rare pair", "p95"), 40, "ms", ("whoosh", "postgres")),
    ("zero hits p95", ("queries", "zero hits", "p95"), 40, "ms", ("whoosh", "postgres")),
    ("fuzzy fallback p95", ("queries", "fuzzy fallback", "p95"), 60, "ms", ("whoosh",)),
    ("type-ahead p95", ("typeahead", "p95"), 15, "ms", ("whoosh",)),
    ("GET /search p95", ("page", "p95"), 60, "ms", ("whoosh", "postgres")),
    ("common word p95", ("queries", "common word", "p95"), 50, "ms", ("postgres",)),
    ("longest query (200 chars) max", ("long", "max"), 150, "ms", ("whoosh", "postgres")),
    ("first search, fresh worker", ("fresh", "first_ms"), 100, "ms", ("whoosh", "postgres")),
    ("worker start + warm", ("fresh", "start_s"), 1.5, "s", ("whoosh", "postgres")),
    ("worker memory (RSS)", ("fresh", "rss_mb"), 200, "MB", ("whoosh", "postgres")),
    ("under 20 writes/s: p95 / idle p95", ("writes", "ratio"), 1.5, "x",
     ("whoosh", "postgres")),
    ("full reindex", ("reindex_s",), 90, "s", ("whoosh", "postgres")),
)


def figure(result: dict, path: tuple) -> float | None:
    for key in path:
        if not isinstance(result, dict) or key not in result:
            return None
        result = result[key]
    return result


def target_lines(results: dict[str, dict]):
    """One line per run and target: the figure, the target, met or not."""
    yield "targets (each figure beside its target):"
    for run, result in results.items():
        backend = run.split()[0]
        for label, path, limit, unit, backends in TARGETS:
            if backend not in backends:
                continue
            value = figure(result, path)
            shown = "-" if value is None else f"{value:.2f}" if unit == "x" else f"{value:.1f}"
            verdict = "n/a" if value is None else "met" if value <= limit else "NOT met"
            yield f"  {run:<14}{label:<36}{shown:>9} {unit:<3} target <= {limit:<5} {verdict}"


def long_queries(rng: random.Random, words: list[str], count: int = 20) -> list[str]:
    """Queries of 200 characters of corpus words (what the length limit lets through)."""
    out = []
    for _ in range(count):
        text = ""
        while len(text) < 200:
            text += rng.choice(words) + " "
        out.append(text[:200])
    return out


def measure_long(app, timed, rng, words) -> dict:
    from diaspora_platform.search import service

    queries = long_queries(rng, words)
    with app.app_context():
        times = []
        for text in queries:
            start = time.perf_counter()
            service.search(text)
            times.append((time.perf_counter() - start) * 1000)
    return {"max": max(times), "p50": sorted(times)[len(times) // 2], "n": len(times)}


def measure_typeahead(app, timed, reps: int) -> dict:
    from diaspora_platform.search import service

    with app.app_context():
        cycle = iter(TYPEAHEAD * (reps // len(TYPEAHEAD) + 2))
        return timed(lambda: service.typeahead(next(cycle), "tg"), reps, warm=len(TYPEAHEAD))


def measure_under_writes(app, timed, reps: int, owned: int, settings: dict) -> dict:
    """Two-word searches while another process edits organisations through their service
    (WRITES_PER_SECOND commits a second) and applies the outbox to the index in its worker
    thread, as a web worker and `flask worker` do beside the web worker that searches
    (WORKER=external, as under gunicorn): they share the cores, not this process's
    interpreter lock."""
    from diaspora_platform.search import service

    queries = ("tajik school", "маркази фарҳангӣ", "Khujand students", "общество Москва")
    # The same searches timed first with no writes, so the ratio compares like with like.
    with app.app_context():
        cycle = iter(queries * (reps // len(queries) + 2))
        idle = timed(lambda: service.search(next(cycle)), reps, warm=4)
    writer = subprocess.Popen(
        [sys.executable, __file__, "writer", json.dumps(settings), str(owned)],
        stdout=subprocess.PIPE, text=True)
    try:
        if writer.stdout.readline().strip() != "READY":
            raise RuntimeError("the writing process did not start")
        with app.app_context():
            cycle = iter(queries * (reps // len(queries) + 2))
            result = timed(lambda: service.search(next(cycle)), reps, warm=4)
    finally:
        writer.terminate()
        out, _ = writer.communicate(timeout=60)
    done = json.loads(next((line for line in out.splitlines() if line.startswith("{")), "{}"))
    result.update(writes_per_s=done.get("written", 0) / max(done.get("seconds", 1), 1e-9),
                  idle_p95=idle["p95"], idle_cpu_p95=idle["cpu_p95"],
                  ratio=result["p95"] / idle["p95"] if idle["p95"] else None)
    return result


def _writer(settings: dict, owned: int) -> None:
    """The writing process of measure_under_writes: edits until SIGTERM, then prints how
    many edits it made in how many seconds."""
    import signal

    import sqlalchemy as sa

    from diaspora_platform import create_app, worker
    from diaspora_platform.accounts.models import User
    from diaspora_platform.extensions import db
    from diaspora_platform.organisations import services
    from diaspora_platform.organisations.models import Organisation

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    app = create_app({**settings, "SEARCH_INDEXER": "thread", "WORKER": "thread"})
    worker.start_thread(app)  # this process indexes what it writes (on SQLite: the one worker)
    written, started = 0, time.perf_counter()
    with app.app_context():
        owner = db.session.scalar(sa.select(User))
        print("READY", flush=True)
        while not stop.is_set():
            began = time.perf_counter()
            org = db.session.get(Organisation, written % owned + 1)
            data = {f: getattr(org, f) for f in services.FIELDS}
            data["languages"] = org.language_list
            data["description"] = f"{org.description.split(' Edit')[0]} Edit {written}."
            services.update_organisation(owner, org, data)
            written += 1
            stop.wait(max(0.0, 1 / WRITES_PER_SECOND - (time.perf_counter() - began)))
        db.session.remove()
    print(json.dumps({"written": written, "seconds": time.perf_counter() - started}),
          flush=True)


def measure_fresh_worker(settings: dict) -> dict:
    """A new process builds the app, warms the index (gunicorn's post_worker_init), and
    runs its first search; then 200 more, and its memory is read. As deployed, its modules'
    bytecode is compiled already (PYTHONDONTWRITEBYTECODE would make every start compile
    them all, a second here): a first run writes it to a folder of its own."""
    with tempfile.TemporaryDirectory(prefix="bench-pycache-") as cache:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": cache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for _run in range(2):
            child = subprocess.run([sys.executable, __file__, json.dumps(settings)],
                                   stdout=subprocess.PIPE, text=True, check=False,
                                   timeout=600, env=env)
    lines = [line for line in child.stdout.splitlines() if line.startswith("FRESH ")]
    return json.loads(lines[-1][len("FRESH "):]) if lines else {}


def peak_rss_kb() -> int:
    """This process's peak resident memory. Not getrusage's ru_maxrss: Linux carries it
    over an exec, so a child started by a big parent (subprocess forks, then execs) would
    report the parent's peak."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def memory_kb() -> dict[str, int]:
    """Resident memory now: the process's own (anon) and mapped files' pages (file: the
    index, shared with every other process that reads it, and dropped first under
    pressure)."""
    found = {}
    try:
        with open("/proc/self/status") as status:
            for line in status:
                name = {"RssAnon:": "anon", "RssFile:": "file"}.get(line.split(":")[0] + ":")
                if name:
                    found[name] = int(line.split()[1])
    except OSError:
        pass
    return found


def _fresh(settings: dict) -> None:
    started = time.perf_counter()
    from diaspora_platform import create_app
    from diaspora_platform.search import service

    app = create_app({**settings, "SEARCH_INDEXER": "worker"})
    built = time.perf_counter()
    with app.app_context():
        service.warm()
        warmed = time.perf_counter()
        service.search("Khujand students")
        first = time.perf_counter()
        for n in range(200):
            service.search(("tajik", "мактаб Душанбе", "legal aid", "Navruz")[n % 4])
    rss_kb = peak_rss_kb()
    print("FRESH " + json.dumps({
        "import_build_s": built - started, "warm_s": warmed - built,
        "start_s": warmed - started, "first_ms": (first - warmed) * 1000,
        "rss_mb": rss_kb / 1024, **{f"{k}_mb": v / 1024 for k, v in memory_kb().items()}}),
        flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "writer":
        _writer(json.loads(sys.argv[2]), int(sys.argv[3]))
    else:
        _fresh(json.loads(sys.argv[1]))
