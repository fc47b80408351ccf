"""`flask worker`: the search outbox, the mail outbox and the scheduled jobs, in one loop."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from diaspora_platform import worker


def run_worker(interval: float, once: bool) -> None:
    app = current_app._get_current_object()
    if once:
        runner = worker.Worker(app)
        runner.lock.acquire()
        try:
            runner.start_tasks()
            while runner.turn():
                pass
        finally:
            runner.lock.release()
        return
    click.echo("Worker running: search outbox, mail, scheduled jobs (Ctrl+C to stop).")
    worker.Worker(app).run_forever(interval=interval)


@click.command("worker")
@click.option("--interval", default=1.0, show_default=True,
              help="Seconds between polls when nothing woke the worker.")
@click.option("--once", is_flag=True, help="Do everything due now, then stop.")
@with_appcontext
def worker_command(interval: float, once: bool):
    """Run the worker (on one or more hosts): search indexing, mail delivery, jobs."""
    try:
        run_worker(interval, once)
    except worker.WorkerRefused as refused:
        raise click.ClickException(str(refused)) from None
