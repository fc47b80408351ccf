"""The multi-host deployment on one machine: PostgreSQL (a fresh database), Redis, HAProxy,
two gunicorn app hosts with their own instance folders and the background worker, all on
127.0.0.1. `deploy/up` and `deploy/down` drive it from a shell; the multi-host test and
bench/multihost.py drive it from Python.

HAProxy starts first, with its servers in maintenance: its port is the site's address
(BASE_URL) every other process is given. Each app host binds a port of its own choosing
(gunicorn on port 0) and, once it answers its health check, is put into HAProxy through
HAProxy's admin socket; a host started again after a crash is put in at its new port. How
ports are reserved and how every wait explains a failure: deploy/processes.py.

Each process is started in its own session and recorded (pid) in `<dir>/cluster.json`,
which is all `down` needs to stop exactly those processes; how long each step of `up`
took is recorded there too (`timings`)."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from deploy.processes import (
    NotReady,
    http_status,
    start_on_free_port,
    stop,
    tail,
    wait_for,
)
from deploy.proxy import ProxyControl

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PG_SERVER = os.environ.get("DEPLOY_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
HOSTS = ("a", "b")
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+) \((\d+)\)")

__all__ = ["Cluster", "NotReady", "wait_for"]
_saving = threading.Lock()


@dataclass
class Cluster(ProxyControl):
    """One deployment. `workers` is the number of gunicorn workers per host and `hosts` the
    host names (two hosts of 2 by default; bench/multihost.py also runs one host of 4)."""

    directory: Path
    hosts: tuple[str, ...] = HOSTS
    workers: int = 2
    extra_env: dict = field(default_factory=dict)
    state: dict = field(default_factory=dict)
    processes: dict = field(default_factory=dict, repr=False)  # name -> Popen (this run's)
    # Each process in a session of its own (it outlives `deploy/up`'s shell). Linux shares
    # a busy CPU between sessions first (autogroups): a benchmark comparing shapes keeps
    # them all in its own session, or two hosts would get two shares to one host's one.
    own_sessions: bool = True

    # -- shape ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.state['haproxy_port']}"

    def host_url(self, host: str) -> str:
        return f"http://127.0.0.1:{self.state['hosts'][host]['port']}"

    @property
    def database_url(self) -> str:
        return f"{PG_SERVER}/{self.state['database']}"

    def env(self, instance: str, **more) -> dict:
        """The environment of every process of the deployment; `instance` names its own
        instance folder (hosts do not share one)."""
        s = self.state
        folder = self.directory / instance
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "PYTEST"))}
        env.update({
            "FLASK_APP": "wsgi.py",
            "APP_ENV": "staging",
            "SECRET_KEY": s["secret_key"],
            "HELPDESK_KEYS": s["helpdesk_key"],
            "TRUSTED_HOSTS": "127.0.0.1,localhost",
            "BASE_URL": self.url,
            "PROXY_FIX": "1",
            "INSTANCE_PATH": str(folder),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://127.0.0.1:{s['redis_port']}/0",
            "SEARCH_BACKEND": "postgres",
            "SEARCH_INDEXER": "worker",
            # Mail leaves through one shared drop folder, as it would through one relay.
            "MAIL_DIR": str(self.directory / "mail"),
            # The load comes from one address through the proxy: room for it, still a limit.
            "LOGIN_RATE_LIMIT": "12 per minute",
            "REGISTER_RATE_LIMIT": "200 per minute",
            "LOG_FORMAT": "json",
            "PYTHONUNBUFFERED": "1",
        })
        env.update(s.get("storage_env", {}))
        env.update(self.extra_env)
        env.update(more)
        return env

    # -- processes -----------------------------------------------------------------------

    def _spawn(self, name: str, argv: list[str], env: dict) -> subprocess.Popen:
        log = open(self.log_path(name), "ab")  # noqa: SIM115 (the child keeps it)
        process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=self.own_sessions,
                                   process_group=None if self.own_sessions else 0)
        log.close()
        self.processes[name] = process
        self.state.setdefault("pids", {})[name] = process.pid
        self._save()
        return process

    def log_path(self, name: str) -> Path:
        return self.directory / f"{name}.log"

    def logs(self, *names: str, lines: int = 30) -> str:
        """The tails of these processes' logs (for a failure's message)."""
        return "\n".join(tail(self.log_path(name), lines) for name in names)

    def _flask(self, *args: str, instance: str = "admin", check: bool = True):
        result = subprocess.run([str(VENV_BIN / "flask"), *args], cwd=ROOT,
                                env=self.env(instance), capture_output=True, text=True,
                                timeout=900)
        if check and result.returncode:
            raise RuntimeError(f"flask {' '.join(args)} failed with status "
                               f"{result.returncode}:\n{result.stdout[-2000:]}\n"
                               f"{result.stderr[-4000:]}")
        return result

    def flask(self, *args: str, check: bool = False):
        """Run a `flask` command against the deployment's database (CompletedProcess)."""
        return self._flask(*args, check=check)

    def sql(self, query: str, *args) -> list:
        """Run one statement on the deployment's database; its rows, if any."""
        import psycopg

        with psycopg.connect(self.database_url.replace("+psycopg", ""),
                             connect_timeout=30) as conn:
            cursor = conn.execute(query, args)
            return cursor.fetchall() if cursor.description else []

    def _save(self) -> None:
        # The test's threads save at once (a host and the worker are killed together):
        # json's C encoder reads the state in one go (no indent), the lock orders the writes.
        with _saving:
            (self.directory / "cluster.json").write_text(json.dumps(self.state))

    @classmethod
    def load(cls, directory: Path) -> Cluster:
        state = json.loads((Path(directory) / "cluster.json").read_text())
        return cls(Path(directory), tuple(state["hosts"]), state["workers"], state=state)

    def _step(self, name: str, action, *args):
        """One step of `up`, timed into cluster.json."""
        started = time.monotonic()
        result = action(*args)
        self.state.setdefault("timings", {})[name] = round(time.monotonic() - started, 1)
        self._save()
        return result

    def up(self, seed: bool = True) -> Cluster:
        self.directory.mkdir(parents=True, exist_ok=True)
        from cryptography.fernet import Fernet

        self.state = {"database": f"diaspora_deploy_{secrets.token_hex(4)}",
                      "secret_key": secrets.token_urlsafe(32),
                      "helpdesk_key": Fernet.generate_key().decode(),
                      "workers": self.workers, "hosts": {h: {} for h in self.hosts}}
        self._save()
        started = time.monotonic()
        try:
            self._step("database", self._create_database)
            self._step("redis", self._start_redis)
            self._step("haproxy", self._start_haproxy)
            self._step("storage", self._start_storage)
            self._step("migrate", self._flask, "db", "upgrade")
            # The hosts and the worker boot (imports, search warm-up) while the demo is
            # written: the schema is all they need to start.
            for host in self.hosts:
                self._spawn_host(host)
            self._spawn_worker()
            if seed:
                self._step("seed", self._flask, "seed-demo")
            for host in self.hosts:
                self._step(f"host {host}", self._host_ready, host)
            self._step("worker", self._worker_ready)
        except BaseException:
            self.down()
            raise
        self.state["timings"]["up"] = round(time.monotonic() - started, 1)
        self._save()
        return self

    def _admin_connection(self):
        import psycopg

        return psycopg.connect(PG_SERVER.replace("+psycopg", "") + "/postgres",
                               autocommit=True, connect_timeout=30)

    def _create_database(self) -> None:
        """CREATE DATABASE, again while PostgreSQL refuses it for a moment (another
        session in the template database, all connection slots taken)."""

        import psycopg

        def created() -> bool:
            try:
                with self._admin_connection() as conn:
                    conn.execute(f'CREATE DATABASE "{self.state["database"]}"')
            except psycopg.errors.DuplicateDatabase:  # an earlier try's answer was lost
                pass
            return True

        wait_for(created, 120, f"PostgreSQL to create {self.state['database']}",
                 interval=1, explain=lambda: f"server {PG_SERVER}")

    def _start_redis(self) -> None:
        import redis

        def start(port: int) -> subprocess.Popen:
            return self._spawn("redis", [shutil.which("redis-server") or "redis-server",
                                         "--bind", "127.0.0.1", "--port", str(port),
                                         "--save", "", "--appendonly", "no"],
                               os.environ.copy())

        def ready(process, port) -> None:
            client = redis.Redis(port=port, socket_timeout=5)
            wait_for(client.ping, 60, "Redis", process=process,
                     explain=lambda: self.logs("redis"))

        _process, self.state["redis_port"] = start_on_free_port(start, ready)
        self._save()

    def _start_storage(self) -> None:
        """An S3-compatible object store (moto's server) when the platform has the storage
        interface; otherwise uploads stay in each host's instance folder."""
        package = ROOT / "diaspora_platform"
        if not ((package / "storage").is_dir() or (package / "storage.py").exists()) or \
                not (VENV_BIN / "moto_server").exists():
            return

        def start(port: int) -> subprocess.Popen:
            return self._spawn("s3", [str(VENV_BIN / "moto_server"), "-H", "127.0.0.1",
                                      "-p", str(port)], os.environ.copy())

        def ready(process, port) -> None:
            wait_for(lambda: http_status(f"http://127.0.0.1:{port}/") is not None, 120,
                     "the S3 store", process=process, explain=lambda: self.logs("s3"))

        _process, port = start_on_free_port(start, ready)
        settings = {
            "STORAGE_BACKEND": "s3", "S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
            "S3_BUCKET": "diaspora-uploads", "S3_ACCESS_KEY_ID": "deploy",
            "S3_SECRET_ACCESS_KEY": secrets.token_hex(8), "S3_REGION": "us-east-1"}
        import boto3  # the operator creates the bucket once; the platform never does

        boto3.client("s3", endpoint_url=settings["S3_ENDPOINT_URL"],
                     region_name=settings["S3_REGION"],
                     aws_access_key_id=settings["S3_ACCESS_KEY_ID"],
                     aws_secret_access_key=settings["S3_SECRET_ACCESS_KEY"],
                     ).create_bucket(Bucket=settings["S3_BUCKET"])
        self.state["storage_env"] = settings
        self._save()

    @property
    def has_storage(self) -> bool:
        return bool(self.state.get("storage_env"))

    # -- app hosts -----------------------------------------------------------------------

    def start_host(self, host: str) -> None:
        """Start (or start again) an app host and wait until HAProxy sends it requests."""
        self._spawn_host(host)
        self._host_ready(host)

    def _spawn_host(self, host: str) -> None:
        # gunicorn's workers add up their metrics through files in a folder of the host's own
        metrics = self.directory / f"host-{host}" / "metrics"
        env = self.env(f"host-{host}", PROMETHEUS_MULTIPROC_DIR=str(metrics))
        shutil.rmtree(metrics, ignore_errors=True)  # a restarted host starts its figures anew
        metrics.mkdir(parents=True)
        self._spawn(f"host-{host}", [str(VENV_BIN / "gunicorn"), "-w", str(self.workers),
                                     "-b", "127.0.0.1:0", "--timeout", "60",
                                     "--graceful-timeout", "5", "--no-control-socket",
                                     "wsgi:app"], env)

    def _host_ready(self, host: str) -> None:
        """The port the host's gunicorn bound, its health check answered directly, then the
        host put into HAProxy at that port and seen up by HAProxy's own checks."""
        name = f"host-{host}"
        process = self.processes[name]

        def listening() -> int | None:
            for match in LISTENING.finditer(self.log_path(name).read_text(errors="replace")):
                if int(match.group(2)) == process.pid:
                    return int(match.group(1))
            return None

        port = wait_for(listening, 120, f"app host {host} to listen", process=process,
                        explain=lambda: self.logs(name))
        self.state["hosts"][host]["port"] = port
        self._save()
        wait_for(lambda: http_status(self.host_url(host) + "/healthz?scope=web") == 200, 240,
                 f"app host {host} to answer its health check", interval=0.5,
                 process=process, explain=lambda: self.logs(name))
        self.haproxy_command(f"set server app/{host} addr 127.0.0.1 port {port}")
        if self.proxy_status(host) == "MAINT":
            self.haproxy_command(f"set server app/{host} state ready")
        wait_for(lambda: self.host_up_in_proxy(host), 120, f"HAProxy to take host {host} in",
                 interval=0.5, process=process,
                 explain=lambda: self.logs("haproxy", name, lines=15))

    def _spawn_worker(self) -> None:
        # The scheduled jobs are first due when the first worker starts (the test reads it).
        self.state.setdefault("worker_started_at", datetime.now(UTC).isoformat())
        self._spawn("worker", [str(VENV_BIN / "flask"), "worker"], self.env("worker"))

    def start_worker(self) -> None:
        """Start (or start again) the worker and wait until its loop runs."""
        self._spawn_worker()
        self._worker_ready()

    def _worker_ready(self) -> None:
        """The worker's heartbeat, written at the start of each of its turns."""
        process = self.processes["worker"]
        name = f"{socket.gethostname()}:{process.pid}:%"
        wait_for(lambda: self.sql("SELECT 1 FROM worker_heartbeats WHERE name LIKE %s",
                                  name), 240, "the worker's first heartbeat", interval=0.5,
                 process=process, explain=lambda: self.logs("worker"))

    # -- stopping ------------------------------------------------------------------------

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Send `sig` to a recorded process and its whole group (gunicorn's workers too)."""
        pid = self.state.get("pids", {}).pop(name, None)
        self._save()
        if pid is None:
            return
        stop(self.processes.pop(name, pid), sig)

    def down(self) -> None:
        for name in list(self.state.get("pids", {})):
            self.kill(name, signal.SIGTERM if name == "redis" else signal.SIGKILL)
        socket_path = self.state.get("haproxy_socket")
        if socket_path:
            shutil.rmtree(Path(socket_path).parent, ignore_errors=True)
        database = self.state.get("database")
        if database:
            def dropped() -> bool:
                with self._admin_connection() as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                return True

            wait_for(dropped, 60, f"PostgreSQL to drop {database}", interval=1)
            self.state["database"] = None
            self._save()


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in {"up", "down"}:
        print("usage: cluster.py up|down DIRECTORY [--no-seed]", file=sys.stderr)
        return 2
    directory = Path(argv[1]).resolve()
    if argv[0] == "up":
        cluster = Cluster(directory).up(seed="--no-seed" not in argv)
        print(f"Up: {cluster.url} (hosts: " + ", ".join(
            f"{h} {cluster.host_url(h)}" for h in cluster.hosts) + f"; database "
            f"{cluster.state['database']}; logs in {directory})")
    else:
        Cluster.load(directory).down()
        print("Down.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
