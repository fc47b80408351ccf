"""Search speed on Whoosh and on PostgreSQL full text, at several corpus sizes.

Each backend and size runs in a child process of its own (no indexer thread, searcher or
engine carries over). It bulk-inserts a synthetic corpus of organisations (Tajik Cyrillic,
Russian, English and Tajik in Latin letters; people, Tajik places, diaspora cities; 5 % in
review, 3 % rejected) into a throw-away database (Whoosh: SQLite and an index in a temp
dir; PostgreSQL: a database `diaspora_search_bench` on 127.0.0.1, created and dropped),
then times: a full rebuild through `indexing.reindex`; a fresh worker's start, first
search and memory, type-ahead, the fuzzy fallback, rare pairs, zero hits, queries up to
the length limit and searching under 20 writes a second (bench/search_cases.py, which
also holds the targets printed beside the figures); commit -> findable (the owner edits
a description through `organisations.services`, the indexer in thread mode, and
`search.service.search` is polled until the new word finds it); warm queries through
`search.service.search` per kind; GET /search through Flask's test client. No assertions:
it prints a table and writes bench/results/search-<UTC time>.json unless --no-json.

    .venv/bin/python bench/search.py [--docs 10000,100000] [--backend whoosh,postgres]
                                     [--queries 200] [--commits 20]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from flask import Flask

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as `python bench/search.py` from anywhere

from bench import directory as shared  # noqa: E402
from bench import search_cases as cases  # noqa: E402
from diaspora_platform import create_app, worker  # noqa: E402
from diaspora_platform.accounts.models import User  # noqa: E402
from diaspora_platform.extensions import db  # noqa: E402
from diaspora_platform.organisations import services  # noqa: E402
from diaspora_platform.organisations.models import Membership, Organisation  # noqa: E402
from diaspora_platform.search import indexing, service  # noqa: E402
from diaspora_platform.text import fold_tajik, phonetic_key, to_latin  # noqa: E402

key = cache(phonetic_key)  # names and cities repeat: seeding 100k rows stays quick

# directory.database() creates and drops the database named here: our own, so that this
# bench and the directory one can run at the same time.
shared.PG_DATABASE = "diaspora_search_bench"
OWNED = 100  # organisations the benchmark's owner may edit (the findable test)

# ---------------------------------------------------------------------------- corpus
# country: (weight, cities as written locally, script of most names there)
COUNTRIES = {
    "RU": (40, ("Москва", "Санкт-Петербург", "Екатеринбург", "Новосибирск", "Казань",
                "Самара", "Краснодар", "Сургут"), "ru"),
    "TJ": (12, ("Душанбе", "Хуҷанд", "Кӯлоб", "Бохтар", "Хоруғ", "Истаравшан"), "tg"),
    "KZ": (8, ("Алматы", "Астана", "Шымкент"), "ru"), "UA": (3, ("Київ", "Харків"), "ru"),
    "UZ": (5, ("Тошкент", "Самарқанд", "Бухоро"), "tg"), "AF": (1, ("Кобул",), "tg"),
    "TR": (5, ("Istanbul", "Ankara"), "en"), "DE": (5, ("Berlin", "München", "Hamburg"), "en"),
    "US": (6, ("New York", "Washington", "Seattle"), "en"), "GB": (4, ("London",), "en"),
    "FR": (3, ("Paris", "Lyon"), "en"), "AE": (2, ("Dubai", "Abu Dhabi"), "en"),
    "KR": (2, ("Seoul", "Busan"), "en"), "PL": (1, ("Warszawa",), "en"),
    "CA": (1, ("Toronto",), "en"),
}
KINDS = ("association", "cultural_centre_operator", "school", "media",
         "business_association", "student_union", "charity", "other")
TJ_PLACES = ("Душанбе", "Хуҷанд", "Кӯлоб", "Хоруғ", "Истаравшан", "Панҷакент", "Бохтар",
             "Ваҳдат", "Турсунзода", "Исфара", "Конибодом", "Ғарм", "Рашт", "Норак",
             "Данғара", "Ҳисор", "Суғд", "Бадахшон", "Қайроққум", "Роғун", "Ишкошим")
WORDS = ("Ватан", "Меҳр", "Сомон", "Ҳамдилӣ", "Пайванд", "Рӯдакӣ", "Ориёно", "Истиқлол",
         "Дӯстӣ", "Ғамхорӣ", "Нур", "Зарафшон", "Помир", "Фирӯза", "Ҷавонӣ", "Наврӯз",
         "Ҳунар", "Ситора", "Гулистон", "Роғун", "Ҳилол", "Фирдавсӣ", "Айнӣ", "Раҳмон",
         "Сино", "Шоҳин", "Лоиқ", "Бедил", "Камол", "Ҳофиз", "Хайём", "Ҷомӣ", "Мактаб")
FIRST = ("Фирӯз", "Зарина", "Ҷамшед", "Малика", "Рустам", "Нилуфар", "Алишер", "Шаҳло",
         "Мунира", "Сорбон", "Парвина", "Бахтиёр", "Гулнора", "Раҳим", "Ҳусейн", "Умед",
         "Дилшод", "Мадина", "Фарҳод", "Шоира", "Қодир", "Ғайрат", "Меҳрубон", "Тоҳир")
SYLLABLES = ("ка", "ри", "мо", "за", "да", "ҷо", "бе", "ҳо", "қу", "ғу", "рӯ", "на", "са",
             "ти", "ло", "ша", "фа", "хо", "ӣ", "ба", "ду", "ра", "ни", "су")
SURNAME_ENDS = ("ов", "ова", "зода", "ӣ", "ев", "иён")
# kind -> name templates in Tajik, Russian, English ({w}: word, {c}: city, {p}: Tajik place)
NAMES = {
    "association": ("Ҷамъияти тоҷикони {c}", "Общество таджиков «{w}»", "Tajik Community of {c}"),
    "cultural_centre_operator": ("Маркази фарҳангии «{w}»", "Центр таджикской культуры «{w}»",
                                 "Tajik Cultural Centre {w}"),
    "school": ("Мактаби забони тоҷикӣ «{w}»", "Школа таджикского языка «{w}»",
               "{w} Tajik Language School"),
    "media": ("Рӯзномаи «{w}»", "Газета «{w}»", "{w} Media"),
    "business_association": ("Анҷумани соҳибкорони {p}", "Ассоциация предпринимателей «{w}»",
                             "Tajik Business Council {c}"),
    "student_union": ("Иттифоқи донишҷӯёни {p}", "Союз таджикских студентов «{w}»",
                      "{p} Students Union"),
    "charity": ("Бунёди хайриявии «{w}»", "Благотворительный фонд «{w}»", "{w} Foundation"),
    "other": ("Клуби «{w}»", "Землячество «{p}»", "{p} Friends"),
}
# (Tajik, Russian, English): what organisations do
THEMES = (
    ("дарсҳои забони тоҷикӣ", "уроки таджикского языка", "Tajik language lessons"),
    ("мусиқии анъанавӣ ва рақс", "традиционную музыку и танцы", "traditional music and dance"),
    ("ёрии ҳуқуқӣ ба муҳоҷирон", "юридическую помощь мигрантам", "legal aid for migrants"),
    ("машварати тиббӣ", "медицинские консультации", "medical advice"),
    ("мусобиқаҳои варзишӣ", "спортивные турниры", "sports tournaments"),
    ("китобхонаи тоҷикӣ", "таджикскую библиотеку", "a Tajik library"),
    ("кӯмак ба донишҷӯён", "помощь студентам", "support for students"),
    ("ҷашни Наврӯз", "праздник Навруз", "Navruz celebrations"),
    ("шабҳои шеъри Рӯдакӣ", "вечера поэзии Рудаки", "Rudaki poetry evenings"),
    ("маслиҳати соҳибкорӣ", "консультации для бизнеса", "business advice"),
)
SENTENCES = (
    ("{n} ҳамватанонро дар {c} муттаҳид мекунад.", "{n} объединяет таджиков города {c}.",
     "{n} brings the Tajik community in {c} together."),
    ("Мо {t} ва {t2} пешниҳод менамоем.", "Мы предлагаем {t} и {t2}.", "We offer {t} and {t2}."),
    ("Аъзоёни мо аз {p} ва {p2} омадаанд.", "Наши члены родом из {p} и {p2}.",
     "Our members come from {p} and {p2}."),
    ("Роҳбар: {person}.", "Руководитель: {person}.", "Chair: {person}."),
    ("Таъсис дар соли {y}.", "Основано в {y} году.", "Founded in {y}."),
    ("Ҳар моҳ {t} барои кӯдакон ва калонсолон.", "Каждый месяц {t} для детей и взрослых.",
     "Every month, {t} for children and adults."),
)
SCRIPTS = ("tg", "ru", "en", "latin")  # latin: Tajik written in Latin letters
LANGUAGE = {"tg": 0, "latin": 0, "ru": 1, "en": 2}  # which template of NAMES, SENTENCES...


@cache
def in_script(word: str, script: str) -> str:
    """A Tajik word as the name's script writes it: Russian folds ҳ->х, ҷ->ч..., Latin and
    English transliterate (Хуҷанд -> Khujand)."""
    if script == "ru":
        return fold_tajik(word).title()
    if script in ("en", "latin"):
        return to_latin(word).title()
    return word


class Corpus:
    """Organisation rows with realistic names and descriptions, from a fixed seed."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.countries = list(COUNTRIES)
        self.weights = [COUNTRIES[c][0] for c in self.countries]

    def person(self, script: str) -> str:
        pick = self.rng.choice
        surname = "".join(pick(SYLLABLES) for _ in range(self.rng.randint(2, 3)))
        name = f"{pick(FIRST)} {(surname + pick(SURNAME_ENDS)).title()}"
        return in_script(name, script)

    def text(self, script: str, name: str, city: str) -> str:
        lang, pick = LANGUAGE[script], self.rng.choice
        places = self.rng.sample(TJ_PLACES, 2)
        values = {"n": name, "c": city, "t": pick(THEMES)[lang], "t2": pick(THEMES)[lang],
                  "p": in_script(places[0], script), "p2": in_script(places[1], script),
                  "person": self.person(script), "y": self.rng.randint(1991, 2025)}
        chosen = [SENTENCES[0], *self.rng.sample(SENTENCES[1:], self.rng.randint(2, 4))]
        sentences = [s[lang].format(**values) for s in chosen]
        if script == "latin":
            sentences = [to_latin(s).capitalize() for s in sentences]
        return " ".join(sentences)

    def row(self, i: int, status: str, owner: int) -> dict:
        rng = self.rng
        country = rng.choices(self.countries, self.weights)[0]
        _weight, cities, local = COUNTRIES[country]
        city, kind = rng.choice(cities), rng.choice(KINDS)
        script = rng.choices(SCRIPTS, (30, 30, 30, 10) if local != "en" else (15, 10, 65, 10))[0]
        name = NAMES[kind][LANGUAGE[script]].format(w=in_script(rng.choice(WORDS), script), c=city,
                               p=in_script(rng.choice(TJ_PLACES), script))
        name = to_latin(name).title() if script == "latin" else name
        named = rng.random() < 0.3  # also in the other languages
        others = {f"name_{lang}": NAMES[kind][LANGUAGE[lang]].format(
            w=in_script(rng.choice(WORDS), lang), c=city,
            p=in_script(rng.choice(TJ_PLACES), lang)) if named else None
            for lang in ("tg", "ru", "en")}
        return {"id": i, "name": name, **others, "name_key": key(name), "kind": kind,
                "country": country, "city": city, "city_key": key(city),
                "description": self.text(script, name, city),
                "languages": ",".join(rng.sample(("tg", "ru", "en"), rng.randint(1, 3))),
                "social_links": "", "possible_duplicates": "[]", "status": status,
                "created_by_id": owner}


def seed(app: Flask, docs: int, rng: random.Random) -> None:
    """Bulk inserts: `docs` approved organisations plus 5 % in review and 3 % rejected;
    one owner with an active membership of the first OWNED organisations."""
    corpus = Corpus(rng)
    statuses = ["approved"] * docs + ["pending"] * (docs // 20) + ["rejected"] * (docs * 3 // 100)
    rest = statuses[OWNED:]  # the owner's organisations stay approved
    rng.shuffle(rest)
    statuses[OWNED:] = rest
    with app.app_context():
        db.create_all()
        owner = User(email="owner@bench.example", password_hash="-", display_name="Owner",
                     locale="en", role="member", confirmed_at=datetime.now(UTC))
        db.session.add(owner)
        db.session.commit()
        rows = (corpus.row(i, status, owner.id) for i, status in enumerate(statuses, 1))
        with db.engine.begin() as conn:
            for batch in shared.batches(rows):
                conn.execute(sa.insert(Organisation.__table__), batch)
            conn.execute(sa.insert(Membership.__table__), [
                {"organisation_id": i, "user_id": owner.id, "role": "owner",
                 "status": "active"} for i in range(1, OWNED + 1)])
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT setval(pg_get_serial_sequence('organisations', "
                                     "'id'), (SELECT max(id) FROM organisations))"))
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text("VACUUM ANALYZE"))


# ---------------------------------------------------------------------------- queries
def plain(*words: str) -> list[tuple[str, None, None]]:
    return [(text, None, None) for text in words]


# kind of query: [(text, type filter, country filter)]
QUERIES: dict[str, list[tuple[str, str | None, str | None]]] = {
    "one word": plain("Душанбе", "khujand", "мактаб", "music", "Помир", "фонд", "students",
                      "Наврӯз", "Berlin", "библиотеку", "Фирдавсӣ", "seattle"),
    "common word": plain("tajik", "тоҷикони", "таджиков", "community"),
    "two words": plain("tajik school", "маркази фарҳангӣ", "Khujand students",
                       "общество Москва", "legal aid", "мусиқии анъанавӣ", "Navruz Berlin",
                       "фонд Рӯдакӣ"),
    "phrase": plain('"Tajik Cultural Centre"', '"забони тоҷикӣ"', '"юридическую помощь"',
                    '"legal aid"', '"маркази фарҳангии"'),
    "transliterated": plain("Rudaki", "Хорог", "Kulyab", "maktabi", "Sughd", "Istaravshan",
                            "Худжанд", "Khorugh", "Rahmon", "Душанбе"),
    "filtered": [("Душанбе", "organisation", None), ("tajik", None, "RU"),
                 ("school", None, "DE"), ("мактаб", "organisation", "TJ"),
                 ("Khujand", "organisation", "RU"), ("фонд", None, "KZ")],
    "rare pair": plain(*cases.RARE_PAIRS),
    "zero hits": plain(*cases.ZERO_HITS),
    "fuzzy fallback": plain(*cases.FUZZY),
}
PAGE_QUERIES = ("Душанбе", "tajik school", "Khujand", "мактаб", "legal aid", "Navruz",
                "фонд Рӯдакӣ", "tajik")


def timed(call: Callable[[], object], reps: int, warm: int = 2) -> dict:
    """Wall and CPU (this thread's) milliseconds per call: other people's work on the
    machine shows in the first, hardly in the second."""
    wall, cpu = [], []
    for _ in range(warm):
        call()
    for _ in range(reps):
        start, start_cpu = time.perf_counter(), time.thread_time()
        call()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    return {**summary(wall), "cpu_p50": statistics.median(cpu), "cpu_p95": shared.pct(cpu, 95)}


def summary(times: list[float]) -> dict:
    return {"p50": statistics.median(times), "p95": shared.pct(times, 95), "n": len(times)}


def measure_queries(app: Flask, reps: int) -> dict:
    out = {}
    with app.app_context():
        for name, cases in QUERIES.items():
            calls = [lambda c=c: service.search(c[0], type_key=c[1], country=c[2])
                     for c in cases]
            for call in calls:  # warm each once
                call()
            cycle = iter(calls * (reps // len(calls) + 1))
            out[name] = timed(lambda it=cycle: next(it)(), reps, warm=0)
            out[name]["hits"] = [service.search(c[0], type_key=c[1], country=c[2]).total
                                 for c in cases]
    return out


def corpus_words() -> list[str]:
    """Words of the corpus in every script, for queries up to the length limit."""
    words = [*TJ_PLACES, *WORDS, *FIRST]
    return words + [in_script(w, "en") for w in words] + [in_script(w, "ru") for w in words]


def measure_page(app: Flask, reps: int) -> dict:
    client = app.test_client()
    urls = iter([f"/tg/search?q={q}" for q in PAGE_QUERIES] * (reps // len(PAGE_QUERIES) + 2))

    def get():
        response = client.get(next(urls))
        response.get_data()
        if response.status_code != 200:
            sys.exit(f"GET /search answered {response.status_code}")

    return timed(get, reps, warm=len(PAGE_QUERIES))


def measure_findable(app: Flask, commits: int, rng: random.Random) -> dict:
    """Owner edits a description through the service; poll the search until it finds it.
    The worker runs as a thread in this process (the single-process server's shape): it is
    woken by the commit."""
    worker.start_thread(app)
    times = []
    for k in range(commits):
        word = "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(5))
        with app.app_context():
            owner = db.session.scalar(sa.select(User))
            org = db.session.get(Organisation, k % OWNED + 1)
            data = {f: getattr(org, f) for f in services.FIELDS}
            data["languages"] = org.language_list
            data["description"] = f"{org.description} {word}"
            services.update_organisation(owner, org, data)
            start = time.perf_counter()
            while not any(h.url == f"/organisations/{org.id}"
                          for h in service.search(word).hits):
                if time.perf_counter() - start > 30:
                    sys.exit(f"{word!r} not findable 30 s after the commit")
                time.sleep(0.002)
            times.append((time.perf_counter() - start) * 1000)
            db.session.remove()
        time.sleep(0.05)
    return summary(times)


def run_one(backend: str, docs: int, args) -> dict:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still drop the database
    rng = random.Random(args.seed)
    kind = "sqlite" if backend == "whoosh" else "postgres"
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmpdir, \
            shared.database(kind, Path(tmpdir)) as url:
        tmp = Path(tmpdir)
        settings = {
            "SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": str(tmp / "instance"),
            "MAIL_DIR": str(tmp / "mail"), "SEARCH_INDEX_DIR": str(tmp / "index"),
            "UPLOAD_DIR": str(tmp / "uploads"), "SEARCH_BACKEND": backend,
            # The searching process is a web worker as gunicorn runs them (WORKER=external):
            # no worker thread of its own; the writes' indexing runs in another process.
            "SEARCH_INDEXER": "thread", "WORKER": "external", "SERVER_NAME": None, "PROXY_FIX": 0,
            "REDIS_URL": None}
        app = create_app(settings)
        try:
            started = time.perf_counter()
            seed(app, docs, rng)
            result = {"seed_s": time.perf_counter() - started, "load_start": os.getloadavg()[0]}
            with app.app_context():
                started = time.perf_counter()
                indexed = indexing.reindex()
                seconds = time.perf_counter() - started
                db.session.remove()
            result.update(indexed=indexed, reindex_s=seconds, docs_per_s=indexed / seconds)
            stages = (
                ("fresh", lambda: cases.measure_fresh_worker(settings)),
                ("queries", lambda: measure_queries(app, args.queries)),
                ("typeahead", lambda: cases.measure_typeahead(app, timed, args.queries)),
                ("page", lambda: measure_page(app, args.queries)),
                ("long", lambda: cases.measure_long(app, timed, rng, corpus_words())),
                ("writes", lambda: cases.measure_under_writes(
                    app, timed, args.queries, OWNED, settings)),
                ("findable", lambda: measure_findable(app, args.commits, rng)))
            for name, measure in stages:
                print(f"  {backend} {docs}: {name} ...", file=sys.stderr, flush=True)
                result[name] = measure()
            result["load_end"] = os.getloadavg()[0]
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
    return result


def run_child(backend: str, docs: int, args) -> dict | None:
    """One run in a fresh process; None (and a message) if it failed."""
    child = subprocess.run(
        [sys.executable, __file__, "--child", f"{backend}:{docs}", "--queries",
         str(args.queries), "--commits", str(args.commits), "--seed", str(args.seed)],
        stdout=subprocess.PIPE, text=True, check=False)
    found = [line for line in child.stdout.splitlines() if line.startswith("RESULT ")]
    if child.returncode or not found:
        print(f"{backend} {docs} failed (exit {child.returncode})", file=sys.stderr)
        return None
    return json.loads(found[-1][len("RESULT "):])


# ---------------------------------------------------------------------------- report
def table(results: dict[str, dict]) -> Iterator[str]:
    runs = list(results)
    yield f"{'':<34}" + "".join(f"{run:>26}" for run in runs)

    def line(label: str, value: Callable[[dict], str]) -> str:
        return f"{label:<34}" + "".join(f"{value(results[run]):>26}" for run in runs)

    yield line("documents indexed", lambda r: f"{r['indexed']:,}")
    # Wall times on a shared machine follow its load; CPU times (in brackets) hardly do.
    yield line("load average, run start / end", lambda r: f"{r.get('load_start', 0):.1f} / "
               f"{r.get('load_end', 0):.1f}")
    yield line("full reindex s (docs/s)",
               lambda r: f"{r['reindex_s']:.1f} ({r['docs_per_s']:,.0f})")
    yield line("commit -> findable ms p50/p95",
               lambda r: f"{r['findable']['p50']:.0f} / {r['findable']['p95']:.0f}")

    def latency(r: dict) -> str:
        return f"{r['p50']:.1f} / {r['p95']:.1f} ({r['cpu_p95']:.1f})"

    for name in QUERIES:
        yield line(f"{name} ms p50/p95 (cpu p95)", lambda r, n=name: latency(r["queries"][n]))
    yield line("type-ahead ms p50/p95 (cpu p95)", lambda r: latency(r["typeahead"]))
    yield line("GET /search ms p50/p95 (cpu p95)", lambda r: latency(r["page"]))
    yield line("200-char query ms p50/max",
               lambda r: f"{r['long']['p50']:.1f} / {r['long']['max']:.1f}")
    yield line("under 20 writes/s ms p50/p95", lambda r: latency(r["writes"]))
    yield line("  same searches idle ms p95 (cpu)", lambda r: f"{r['writes']['idle_p95']:.1f} "
               f"({r['writes'].get('idle_cpu_p95', 0):.1f})")
    yield line("  writes/s done; p95 vs idle",
               lambda r: f"{r['writes']['writes_per_s']:.1f}; {r['writes']['ratio']:.2f}x")
    yield line("fresh worker start s (warm s)", lambda r: f"{r['fresh'].get('start_s', 0):.2f} "
               f"({r['fresh'].get('warm_s', 0):.2f})")
    yield line("fresh worker first search ms", lambda r: f"{r['fresh'].get('first_ms', 0):.1f}")
    yield line("fresh worker RSS MB (own + index)", lambda r: f"{r['fresh'].get('rss_mb', 0):.0f} "
               f"({r['fresh'].get('anon_mb', 0):.0f} + {r['fresh'].get('file_mb', 0):.0f})")
    yield ""
    yield from cases.target_lines(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="10000,100000",
                        help="comma-separated corpus sizes (approved organisations)")
    parser.add_argument("--backend", default="whoosh,postgres", help="whoosh, postgres or both")
    parser.add_argument("--queries", type=int, default=200, help="timed calls per query kind")
    parser.add_argument("--commits", type=int, default=20, help="timed commit -> findable")
    parser.add_argument("--seed", type=int, default=2026, help="random seed of the corpus")
    parser.add_argument("--no-json", action="store_true", help="do not write bench/results/")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # "backend:docs", one run
    args = parser.parse_args()
    if args.child:
        backend, docs = args.child.split(":")
        print("RESULT " + json.dumps(run_one(backend, int(docs), args)), flush=True)
        return
    backends = [b.strip() for b in args.backend.split(",") if b.strip()]
    if not backends or set(backends) - {"whoosh", "postgres"}:
        parser.error("--backend takes whoosh, postgres or both")
    sizes = [int(n) for n in args.docs.split(",")]
    load_before, results = os.getloadavg()[0], {}
    for backend in backends:
        for docs in sizes:
            label = f"{backend} {docs // 1000}k" if docs >= 1000 else f"{backend} {docs}"
            print(f"running {label} ...", file=sys.stderr, flush=True)
            found = run_child(backend, docs, args)
            if found is not None:
                results[label] = found
                print(f"{label}: " + json.dumps(found), file=sys.stderr, flush=True)
    print()
    for text in table(results):
        print(text)
    print(f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after "
          f"({os.cpu_count()} CPUs)")
    if not args.no_json:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = ROOT / "bench" / "results" / f"search-{stamp}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps({"when": stamp, "args": vars(args), "results": results},
                                   indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
