"""Throughput of the platform's home page (GET /) against a bare Flask "hello" app.

Migrates and seeds a throw-away SQLite database in a temp dir, serves the platform and
bench/hello_app.py with gunicorn (same sync workers, 127.0.0.1 only, no access log),
drives each with wrk (2 s warm-up, then the measured run) and prints req/s, p50, p99
and the home/hello ratio. Results also go to bench/results/ as JSON (git-ignored).

    .venv/bin/python bench/home_vs_hello.py [--seconds N] [--workers N] [--connections N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BIN = ROOT / ".venv" / "bin"
WRK = shutil.which("wrk") or "/usr/bin/wrk"
HOST = "127.0.0.1"
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
# Settings that could point the app elsewhere (Redis, mail, another host): dropped.
DROP_ENV = ("REDIS_URL", "SERVER_NAME", "TRUSTED_HOSTS", "MAIL_SERVER", "MAIL_DIR",
            "SEARCH_BACKEND", "SEARCH_INDEX_DIR", "PROXY_FIX", "GUNICORN_CMD_ARGS")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def app_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in DROP_ENV}
    env.update(DATABASE_URL=f"sqlite:///{tmp / 'bench.sqlite'}", INSTANCE_PATH=str(tmp),
               APP_ENV="development", FLASK_DEBUG="0", RATELIMIT_ENABLED="false",
               FLASK_APP="wsgi.py", PYTHONDONTWRITEBYTECODE="1")
    return env


def flask(env: dict[str, str], *args: str) -> None:
    done = subprocess.run([str(BIN / "flask"), *args], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=180)
    if done.returncode:
        sys.exit(f"flask {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def start(target: str, cwd: Path, port: int, workers: int, env: dict[str, str],
          log: Path) -> subprocess.Popen:
    cmd = [str(BIN / "gunicorn"), "-w", str(workers), "-k", "sync", "-b", f"{HOST}:{port}",
           "--graceful-timeout", "5", "--log-level", "warning", target]
    with log.open("w") as out:  # no --access-logfile: gunicorn's access log stays off
        return subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # its own session: the master and its workers
        proc.wait(timeout=5)


def wait_ready(proc: subprocess.Popen, url: str, log: Path, timeout: float = 30) -> str:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"gunicorn exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with opener.open(url, timeout=5) as resp:
                if resp.status == 200:
                    return resp.read().decode()
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"{url} did not answer 200 within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", value).groups()
    return float(number) * UNITS_MS[unit]


def wrk(url: str, seconds: int, connections: int, cookie: str = "") -> dict:
    cmd = [WRK, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if cookie:  # a signed-in reader's session
        cmd[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60,
                         check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: (.*)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
            "p50_ms": to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M)[1]),
            "p99_ms": to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M)[1]),
            "requests": int(re.search(r"(\d+) requests in", out)[1]),
            "non_2xx": int(errors[1]) if errors else 0,
            "socket_errors": sockets[1] if sockets else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="measured run (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--no-json", action="store_true", help="do not write bench/results/")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still run the finally below

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="bench-home-") as tmpdir:
        tmp = Path(tmpdir)
        env = app_env(tmp)
        flask(env, "db", "upgrade")
        flask(env, "seed-demo")
        procs: list[subprocess.Popen] = []
        try:
            servers = {"home": ("wsgi:app", ROOT), "hello": ("hello_app:app", BENCH)}
            urls = {}
            for name, (target, cwd) in servers.items():
                port, log = free_port(), tmp / f"gunicorn-{name}.log"
                procs.append(start(target, cwd, port, args.workers, env, log))
                urls[name] = f"http://{HOST}:{port}/"
                body = wait_ready(procs[-1], urls[name], log)
                if name == "home" and not ('<html lang="tg"' in body and 'class="hero' in body):
                    sys.exit("GET / did not return the Tajik (lang=tg) home page.")
                if name == "hello" and body != "hello":
                    sys.exit(f"hello app answered {body[:80]!r}")
            for name, url in urls.items():
                wrk(url, 2, args.connections)  # warm-up, discarded
                results[name] = wrk(url, args.seconds, args.connections)
        finally:
            for proc in procs:
                stop(proc)

    ratio = results["home"]["rps"] / results["hello"]["rps"]
    print(f"{args.seconds} s, {args.workers} sync workers, {args.connections} connections")
    print(f"{'app':<6} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for name, r in results.items():
        print(f"{name:<6} {r['rps']:>9.1f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} "
              f"{r['non_2xx']:>8}")
    print(f"home/hello req/s ratio: {ratio:.3f}")
    for name, r in results.items():
        if r["non_2xx"] or r["socket_errors"]:
            print(f"warning: {name}: {r['non_2xx']} non-2xx, socket errors: "
                  f"{r['socket_errors']}", file=sys.stderr)
    if not args.no_json:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = BENCH / "results" / f"home_vs_hello-{stamp}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps({"when": stamp, "args": vars(args), "ratio": ratio,
                                    "results": results}, indent=2) + "\n")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
