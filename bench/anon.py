"""Throughput of the public pages, anonymous and signed in, as ratios to bare Flask.

Seeds a throw-away SQLite database with the demo content, serves the platform and
bench/hello_app.py with gunicorn (same sync workers, 127.0.0.1), drives each page with wrk
when installed, otherwise with a threaded Python client (which shares the cores with the
servers: compare the ratios, not the absolute figures), and prints each page's req/s over
hello's from the same run beside its target, the machine load and the worker start time.

    .venv/bin/python bench/anon.py [--seconds N] [--workers N] [--connections N]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from home_vs_hello import (  # noqa: E402
    BENCH,
    BIN,
    HOST,
    ROOT,
    app_env,
    flask,
    free_port,
    start,
    stop,
    wait_ready,
    wrk,
)

# Pages are read under their language prefix (an unprefixed GET redirects).
LISTS = ["/tg/", "/tg/organisations/", "/tg/directory/", "/tg/fund/", "/tg/news/",
         "/tg/events/", "/tg/competitions/", "/tg/projects/"]
DETAILS = {"organisation": r'href="(/tg/organisations/\d+)"',
           "campaign": r'href="(/tg/fund/\d+)"', "event": r'href="(/tg/events/\d+)"'}
TARGETS = {"anonymous": 0.50, "signed-in": 0.20, "detail": 0.40}
MEMBER = "zarina@example.org"  # a demo member without two-factor sign-in


def fetch(port: int, path: str, cookie: str = "", method: str = "GET", body: str = ""):
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body or None, headers=headers)
    response = conn.getresponse()
    data = response.read().decode()
    conn.close()
    return response, data


def python_client(port: int, path: str, seconds: float, threads: int, cookie: str) -> dict:
    """Closed-loop load from `threads` threads for `seconds`; counts 200 answers."""
    counts, bad = [0] * threads, [0] * threads
    deadline = time.monotonic() + seconds

    def run(i: int) -> None:
        while time.monotonic() < deadline:
            response, _ = fetch(port, path, cookie)
            if response.status == 200:
                counts[i] += 1
            else:
                bad[i] += 1

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    began = time.monotonic()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return {"rps": sum(counts) / (time.monotonic() - began), "non_2xx": sum(bad)}


def measure(port: int, path: str, args, cookie: str = "") -> float:
    if shutil.which("wrk"):
        result = wrk(f"http://{HOST}:{port}{path}", args.seconds, args.connections, cookie)
        if result["non_2xx"]:
            print(f"warning: {path}: {result['non_2xx']} answers were not 200", file=sys.stderr)
        return result["rps"]
    python_client(port, path, 1, args.connections, cookie)  # warm-up
    result = python_client(port, path, args.seconds, args.connections, cookie)
    if result["non_2xx"]:
        print(f"warning: {path}: {result['non_2xx']} answers were not 200", file=sys.stderr)
    return result["rps"]


def sign_in(port: int, password: str) -> str:
    response, page = fetch(port, "/tg/account/login")
    session = response.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
    body = urlencode({"csrf_token": token, "email": MEMBER, "password": password})
    response, _ = fetch(port, "/account/login", session, "POST", body)
    cookie = response.getheader("Set-Cookie")
    if response.status != 302 or not cookie:
        sys.exit(f"signing in as {MEMBER} failed ({response.status})")
    return cookie.split(";")[0]


def worker_start(env: dict) -> tuple[float, float]:
    """Wall and CPU seconds (best of 3) for a fresh interpreter to import wsgi, which is
    what each gunicorn worker does; CPU time is the figure a busy machine distorts least.
    It leaves at once (os._exit): a worker's start ends there, and the interpreter's own
    clean-up at exit (up to 0.8 s) is no part of it."""
    best_wall = best_cpu = float("inf")
    for _ in range(3):
        began, cpu = time.monotonic(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([str(BIN / "python"), "-c", "import os, wsgi; os._exit(0)"], cwd=ROOT,
                       env=env, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best_wall = min(best_wall, time.monotonic() - began)
        best_cpu = min(best_cpu, after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime)
    return best_wall, best_cpu


def report(rows: list, hello: float, load: tuple, start_s: tuple, args) -> None:
    print(f"{args.seconds} s per page, {args.workers} sync workers, {args.connections} "
          f"client {'connections (wrk)' if shutil.which('wrk') else 'threads (Python client)'}")
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(f"hello: {hello:.1f} req/s")
    print(f"{'who':<10} {'page':<22} {'req/s':>8} {'ratio':>7} {'target':>7}")
    for who, path, rps, target in rows:
        mark = "ok" if rps / hello >= target else "BELOW"
        print(f"{who:<10} {path:<22} {rps:>8.1f} {rps / hello:>7.3f} {target:>7.2f} {mark}")
    print(f"worker start (python -c 'import wsgi', best of 3): {start_s[0]:.2f} s wall, "
          f"{start_s[1]:.2f} s CPU (target 1.50 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    load = os.getloadavg()
    sys.path.insert(0, str(ROOT))
    from diaspora_platform.main.demo import DEMO_PASSWORD

    with tempfile.TemporaryDirectory(prefix="bench-anon-") as tmpdir:
        tmp = Path(tmpdir)
        env = app_env(tmp)
        flask(env, "db", "upgrade")
        flask(env, "seed-demo")
        start_s = worker_start(env)
        procs, ports = [], {}
        try:
            for name, (target, cwd) in {"app": ("wsgi:app", ROOT),
                                        "hello": ("hello_app:app", BENCH)}.items():
                ports[name], log = free_port(), tmp / f"gunicorn-{name}.log"
                procs.append(start(target, cwd, ports[name], args.workers, env, log))
                wait_ready(procs[-1], f"http://{HOST}:{ports[name]}/", log)
            port = ports["app"]
            paths = list(LISTS)
            for pattern in DETAILS.values():
                listing = "/tg/" + pattern.split("/")[2] + "/"
                found = re.search(pattern, fetch(port, listing)[1])
                if found:
                    paths.append(found[1])
            hello = measure(ports["hello"], "/", args)
            rows = [("anonymous", p, measure(port, p, args),
                     TARGETS["anonymous" if p in LISTS else "detail"]) for p in paths]
            cookie = sign_in(port, DEMO_PASSWORD)
            rows += [("signed-in", p, measure(port, p, args, cookie), TARGETS["signed-in"])
                     for p in LISTS]
        finally:
            for proc in procs:
                stop(proc)
    report(rows, hello, load, start_s, args)


if __name__ == "__main__":
    main()
