"""Flask commands of this domain."""

from __future__ import annotations

import click
from flask.cli import AppGroup

fund_cli = AppGroup("fund", help="The National Diaspora Development Fund.")


@fund_cli.command("verify")
def verify():
    """Recompute the fund ledger's hash chain and running balances, then the campaign totals
    stored beside it; exit 1 at the first entry that was changed or removed, or if a stored
    total differs from the ledger."""
    from diaspora_platform import hashchain
    from diaspora_platform.fund import ledger, totals

    hashchain.report_or_exit("Fund ledger", ledger.verify_chain())
    wrong = totals.mismatches()
    if wrong:
        for line in wrong:
            click.echo(f"Fund totals DIFFER from the ledger: {line}", err=True)
        click.echo("Run `flask fund rebuild-totals` once the ledger is intact.", err=True)
        raise SystemExit(1)
    click.echo("Fund totals match the ledger.")


@fund_cli.command("rebuild-totals")
def rebuild_totals():
    """Replace the stored campaign totals and contributor counts by sums of the ledger and
    the pledges."""
    from diaspora_platform.extensions import db
    from diaspora_platform.fund import ledger

    ledger.rebuild_totals()
    db.session.commit()
    click.echo("Fund totals rebuilt from the ledger.")
