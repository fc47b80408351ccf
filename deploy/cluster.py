"""The multi-host deployment on one machine: PostgreSQL (a fresh database), Redis, two
gunicorn app hosts with their own instance folders, the background worker and HAProxy in
front, all on 127.0.0.1 with free ports. `deploy/up` and `deploy/down` drive it from a
shell; the multi-host test and bench/multihost.py drive it from Python.

Each process is started in its own session and recorded (pid, port) in
`<dir>/cluster.json`, which is all `down` needs to stop exactly those processes."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PG_SERVER = os.environ.get("DEPLOY_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
HAPROXY_TEMPLATE = Path(__file__).with_name("haproxy.cfg.in")
HOSTS = ("a", "b")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout: float, what: str, interval: float = 0.2):
    """Poll `condition` until it returns something true; RuntimeError naming `what` after
    `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise RuntimeError(f"Timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def http_status(url: str, timeout: float = 5) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


def _flask_commands(env: dict) -> str:
    return subprocess.run([str(VENV_BIN / "flask"), "--help"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True).stdout


@dataclass
class Cluster:
    """One deployment. `workers` is the number of gunicorn workers per host and `hosts` the
    host names (two hosts of 2 by default; bench/multihost.py also runs one host of 4)."""

    directory: Path
    hosts: tuple[str, ...] = HOSTS
    workers: int = 2
    extra_env: dict = field(default_factory=dict)
    state: dict = field(default_factory=dict)

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

    def _spawn(self, name: str, argv: list[str], env: dict) -> int:
        log = open(self.directory / f"{name}.log", "ab")  # noqa: SIM115 (the child keeps it)
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        self.state.setdefault("pids", {})[name] = proc.pid
        self._save()
        return proc.pid

    def _flask(self, *args: str, instance: str = "admin", check: bool = True):
        result = subprocess.run([str(VENV_BIN / "flask"), *args], cwd=ROOT,
                                env=self.env(instance), capture_output=True, text=True,
                                timeout=600)
        if check and result.returncode:
            raise RuntimeError(f"flask {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result

    def flask(self, *args: str, check: bool = False):
        """Run a `flask` command against the deployment's database (CompletedProcess)."""
        return self._flask(*args, check=check)

    def sql(self, query: str, *args) -> list:
        """Run one statement on the deployment's database; its rows, if any."""
        import psycopg

        with psycopg.connect(self.database_url.replace("+psycopg", "")) as conn:
            cursor = conn.execute(query, args)
            return cursor.fetchall() if cursor.description else []

    def _save(self) -> None:
        (self.directory / "cluster.json").write_text(json.dumps(self.state, indent=1))

    @classmethod
    def load(cls, directory: Path) -> Cluster:
        state = json.loads((Path(directory) / "cluster.json").read_text())
        return cls(Path(directory), tuple(state["hosts"]), state["workers"], state=state)

    def up(self, seed: bool = True) -> Cluster:
        self.directory.mkdir(parents=True, exist_ok=True)
        from cryptography.fernet import Fernet

        self.state = {"database": f"diaspora_deploy_{secrets.token_hex(4)}",
                      "secret_key": secrets.token_urlsafe(32),
                      "helpdesk_key": Fernet.generate_key().decode(),
                      "redis_port": free_port(), "haproxy_port": free_port(),
                      "stats_port": free_port(), "workers": self.workers,
                      "hosts": {h: {"port": free_port()} for h in self.hosts}}
        self._save()
        try:
            self._create_database()
            self._start_redis()
            self._start_storage()
            self._flask("db", "upgrade")
            if seed:
                self._flask("seed-demo")
            for host in self.hosts:
                self.start_host(host)
            self.start_worker()
            self._start_haproxy()
            for host in self.hosts:
                wait_for(lambda h=host: http_status(self.host_url(h) + "/healthz?scope=web") == 200,
                         90, f"app host {host}")
            wait_for(lambda: http_status(self.url + "/healthz?scope=web") == 200, 30, "HAProxy")
        except BaseException:
            self.down()
            raise
        return self

    def _create_database(self) -> None:
        import psycopg

        with psycopg.connect(PG_SERVER.replace("+psycopg", "") + "/postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.state["database"]}"')

    def _start_redis(self) -> None:
        self._spawn("redis", [shutil.which("redis-server") or "redis-server", "--bind",
                              "127.0.0.1", "--port", str(self.state["redis_port"]),
                              "--save", "", "--appendonly", "no"], os.environ.copy())
        import redis

        client = redis.Redis(port=self.state["redis_port"])
        wait_for(lambda: _pings(client), 20, "Redis")

    def _start_storage(self) -> None:
        """An S3-compatible object store (moto's server) when the platform has the storage
        interface; otherwise uploads stay in each host's instance folder."""
        package = ROOT / "diaspora_platform"
        if not ((package / "storage").is_dir() or (package / "storage.py").exists()) or \
                not (VENV_BIN / "moto_server").exists():
            return
        port = free_port()
        self._spawn("s3", [str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                    os.environ.copy())
        wait_for(lambda: http_status(f"http://127.0.0.1:{port}/") is not None, 30, "S3")
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

    def start_host(self, host: str) -> None:
        port = self.state["hosts"][host]["port"]
        # gunicorn's workers add up their metrics through files in a folder of the host's own
        metrics = self.directory / f"host-{host}" / "metrics"
        env = self.env(f"host-{host}", PROMETHEUS_MULTIPROC_DIR=str(metrics))
        shutil.rmtree(metrics, ignore_errors=True)  # a restarted host starts its figures anew
        metrics.mkdir(parents=True)
        self._spawn(f"host-{host}", [str(VENV_BIN / "gunicorn"), "-w", str(self.workers),
                                     "-b", f"127.0.0.1:{port}", "--timeout", "60",
                                     "--graceful-timeout", "5", "--no-control-socket",
                                     "wsgi:app"], env)

    def worker_command(self) -> list[str]:
        """`flask worker` (the outbox and scheduled jobs) where the platform has it, else
        the search indexer alone."""
        commands = _flask_commands(self.env("worker"))
        has_worker = any(line.split()[:1] == ["worker"] for line in commands.splitlines())
        return ["worker"] if has_worker else ["search", "worker"]

    def start_worker(self) -> None:
        self._spawn("worker", [str(VENV_BIN / "flask"), *self.worker_command()],
                    self.env("worker"))

    def _start_haproxy(self) -> None:
        servers = "\n".join(
            f"    server {h} 127.0.0.1:{self.state['hosts'][h]['port']} check"
            for h in self.hosts)
        config = HAPROXY_TEMPLATE.read_text().format(
            port=self.state["haproxy_port"], stats_port=self.state["stats_port"],
            servers=servers)
        path = self.directory / "haproxy.cfg"
        path.write_text(config)
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        subprocess.run([haproxy, "-c", "-q", "-f", str(path)], check=True)
        self._spawn("haproxy", [haproxy, "-db", "-f", str(path)], os.environ.copy())

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Send `sig` to a recorded process and its whole group (gunicorn's workers too)."""
        pid = self.state.get("pids", {}).pop(name, None)
        self._save()
        if pid is None:
            return
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        _reap(pid)

    def host_up_in_proxy(self, host: str) -> bool | None:
        """What HAProxy's health checks say of `host` (stats CSV): True, False, or None."""
        try:
            with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.state['stats_port']}/stats;csv", timeout=5) as r:
                rows = r.read().decode().splitlines()
        except OSError:
            return None
        for row in rows:
            cells = row.split(",")
            if len(cells) > 17 and cells[0] == "app" and cells[1] == host:
                return cells[17].startswith("UP")
        return None

    def down(self) -> None:
        for name in list(self.state.get("pids", {})):
            self.kill(name, signal.SIGTERM if name == "redis" else signal.SIGKILL)
        database = self.state.get("database")
        if database:
            import psycopg

            with psycopg.connect(PG_SERVER.replace("+psycopg", "") + "/postgres",
                                 autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            self.state["database"] = None
            self._save()


def _pings(client) -> bool:
    try:
        return bool(client.ping())
    except Exception:  # not listening yet
        return False


def _reap(pid: int) -> None:
    """Collect a child we started (no zombie left behind); others just disappear."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # not our child: wait until it is gone
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
            continue
        if done:
            return
        time.sleep(0.05)


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
