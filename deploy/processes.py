"""Starting the deployment's processes and waiting for them on a machine that may be busy
(CI runs the deployment beside the rest of the suite on two cores).

Every wait polls a real readiness condition — a port answering, a health check, a row in
the database — until a generous deadline (`DEPLOY_PATIENCE` multiplies them all), and stops
early when the process it waits for has exited. A failure names what was awaited and
carries the tail of the logs that explain it: CI keeps no files.

Ports are not guessed and hoped for. A server either binds port 0 and reports the port it
got (gunicorn), or gets a reserved port (`reserve_port`) and is started again on another
one if it exits before it is ready (Redis, the S3 store, HAProxy)."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

PATIENCE = float(os.environ.get("DEPLOY_PATIENCE", "1"))


class NotReady(RuntimeError):
    """A wait ran out, or the process it waited for exited first."""


def wait_for(condition: Callable[[], object], timeout: float, what: str,
             interval: float = 0.2, explain: Callable[[], str] | None = None,
             process: subprocess.Popen | None = None):
    """Poll `condition` until it returns something true and return that. An exception
    from it counts as "not yet" (a refused connection, a busy database) and is reported
    if the wait fails. NotReady after `timeout` seconds (times DEPLOY_PATIENCE), or as soon
    as `process` has exited; its message ends with `explain()` (log tails)."""
    started = time.monotonic()
    deadline = started + timeout * PATIENCE
    last_error = None
    while True:
        try:
            value = condition()
        except Exception as exc:  # noqa: BLE001 — reported below if it never passes
            value, last_error = None, exc
        if value:
            return value
        status = process.poll() if process is not None else None
        if status is not None or time.monotonic() > deadline:
            waited = time.monotonic() - started
            problem = (f"the process exited with status {status} after {waited:.0f} s"
                       if status is not None else f"timed out after {waited:.0f} s")
            lines = [f"Waiting for {what}: {problem}"]
            if last_error is not None:
                lines.append(f"last error: {last_error!r}")
            if explain is not None:
                lines.append(_safely(explain))
            raise NotReady("\n".join(lines))
        time.sleep(interval)


def _safely(explain: Callable[[], str]) -> str:
    try:
        return explain()
    except Exception as exc:  # noqa: BLE001 — the explanation must not hide the failure
        return f"(no explanation: {exc!r})"


def tail(path: Path, lines: int = 30) -> str:
    """The last `lines` lines of a log file, under a header naming it."""
    try:
        text = Path(path).read_text(errors="replace").splitlines()[-lines:]
    except FileNotFoundError:
        text = ["(no log)"]
    return f"--- last lines of {Path(path).name} ---\n" + "\n".join(text)


def reserve_port(host: str = "127.0.0.1") -> int:
    """A free port kept from the kernel's own choices for about a minute: listened on,
    connected to and closed from the accepting end, so that it waits in TIME_WAIT. Other
    programs' bind(0) and outgoing connections pass it by; a server that sets SO_REUSEADDR
    (Redis, HAProxy, werkzeug, gunicorn all do) binds it. Picking a port with bind(0) and
    closing it leaves it free for whoever asks next, a parallel test for instance."""
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, 0))
        server.listen(1)
        port = server.getsockname()[1]
        with socket.create_connection((host, port)):
            accepted, _address = server.accept()
            accepted.close()
    return port


def start_on_free_port(start: Callable[[int], subprocess.Popen],
                       ready: Callable[[subprocess.Popen, int], object],
                       attempts: int = 3) -> tuple[subprocess.Popen, int]:
    """`start(port)` on a reserved port and `ready(process, port)` (a wait that fails when
    the process exits); when the process exited — its port was taken after all — again on
    another port. Returns the process and its port."""
    for attempt in range(1, attempts + 1):
        port = reserve_port()
        process = start(port)
        try:
            ready(process, port)
            return process, port
        except NotReady:
            if process.poll() is None or attempt == attempts:
                raise
    raise AssertionError("unreachable")


def stop(process: subprocess.Popen | int, sig: int) -> None:
    """Send `sig` to a process we started and to its group (gunicorn's workers too), and
    collect it (no zombie left behind)."""
    pid = process if isinstance(process, int) else process.pid
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        pass
    if not isinstance(process, int):
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        return
    deadline = time.monotonic() + 10  # not our child (deploy/down): wait until it is gone
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def http_status(url: str, timeout: float = 10) -> int | None:
    """The status of a GET, None when nothing answered."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


def unix_command(path: str, command: str) -> str:
    """One line to a Unix socket (HAProxy's admin socket); everything it answers."""
    with socket.socket(socket.AF_UNIX) as conn:
        conn.settimeout(10)
        conn.connect(path)
        conn.sendall(command.encode() + b"\n")
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer.decode()
