"""gunicorn's settings file, read from the directory gunicorn starts in. Only hooks: the
command line (README) gives workers and addresses."""

import os
import subprocess
import sys

_worker = {}


def when_ready(server):
    """With WORKER=gunicorn, the master starts `flask worker` beside the web workers (the
    same loop as the single-process server's thread) and stops it on exit."""
    if os.environ.get("WORKER") != "gunicorn":
        return
    env = {**os.environ, "WORKER": "external"}
    _worker["process"] = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "worker"], env=env)
    server.log.info("Worker started (pid %s)", _worker["process"].pid)


def on_exit(server):
    process = _worker.pop("process", None)
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def post_worker_init(worker):
    """Warm the search index in each new worker before it takes requests, so that the
    first search a worker answers costs what any other does."""
    from diaspora_platform.search import service

    with worker.wsgi.app_context():
        try:
            service.warm()
        except Exception:  # a worker without search still serves every other page
            worker.log.exception("Warming the search index failed")


def child_exit(server, worker):
    """A worker that ended leaves its metrics files behind: mark them dead so that the
    gauges of /metrics stop counting it (prometheus_client's multiprocess mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
