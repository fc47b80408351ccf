"""gunicorn's settings file, read from the directory gunicorn starts in. Only hooks: the
command line (README) gives workers and addresses."""

import os


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
