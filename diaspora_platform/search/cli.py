"""`flask search ...`: keep the index in step with the database."""

from __future__ import annotations

import time

import click
from flask.cli import with_appcontext

from diaspora_platform.search import indexing
from diaspora_platform.worker import WorkerRefused

HEARTBEAT_SECONDS = 5  # how often the worker says it is alive (metrics.heartbeats)


@click.group("search", help="The search index.")
def search_cli():
    pass


@search_cli.command("sync")
@with_appcontext
def sync():
    """Apply outbox rows left behind (e.g. by a crash between commit and indexing)."""
    click.echo(f"Applied {indexing.apply_outbox()} pending changes.")


@search_cli.command("reindex")
@with_appcontext
def reindex():
    """Rebuild the whole index from the database; searches go on during the rebuild."""
    total = indexing.count_indexable()
    started = time.perf_counter()
    with click.progressbar(length=total, label="Indexing", show_pos=True) as bar:
        done = {"n": 0}

        def progress(count: int) -> None:
            bar.update(count - done["n"])
            done["n"] = count

        count = indexing.reindex(progress)
    seconds = time.perf_counter() - started
    click.echo(f"Indexed {count} documents in {seconds:.1f} s "
               f"({count / seconds if seconds else 0:.0f} per second).")


@search_cli.command("verify")
@click.option("--repair", is_flag=True, help="Fix what is missing or extra.")
@with_appcontext
def verify(repair: bool):
    """Compare the index with the database; exit 1 if they differ (and not repaired)."""
    report = indexing.verify()
    if report.ok:
        click.echo("Index matches the database.")
        return
    click.echo(f"Missing from the index: {len(report.missing)} {report.missing[:10]}")
    click.echo(f"Extra in the index: {len(report.extra)} {report.extra[:10]}")
    click.echo(f"Wrong audience: {len(report.wrong_audience)} {report.wrong_audience[:10]}")
    if repair:
        indexing.repair(report)
        click.echo("Repaired." if indexing.verify().ok else "Still different after repair.")
        return
    raise SystemExit(1)


@search_cli.command("worker")
@click.option("--interval", default=1.0, show_default=True, help="Seconds between polls.")
@with_appcontext
def worker(interval: float):
    """The same as `flask worker` (which also delivers mail and runs the jobs)."""
    from diaspora_platform.worker_cli import run_worker

    click.echo("`flask search worker` is now `flask worker`; starting it.")
    try:
        run_worker(interval, once=False)
    except WorkerRefused as refused:
        raise click.ClickException(str(refused)) from None
