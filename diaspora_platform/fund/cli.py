"""Flask commands of this domain."""

from __future__ import annotations

from flask.cli import AppGroup

fund_cli = AppGroup("fund", help="The National Diaspora Development Fund.")


@fund_cli.command("verify")
def verify():
    """Recompute the fund ledger's hash chain and running balances; exit 1 at the first
    entry that was changed or removed."""
    from diaspora_platform import hashchain
    from diaspora_platform.fund import ledger

    hashchain.report_or_exit("Fund ledger", ledger.verify_chain())
