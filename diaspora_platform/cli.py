"""Flask commands: each domain contributes a click group; they are registered here."""

from __future__ import annotations

from flask import Flask


def register_cli(app: Flask) -> None:
    from diaspora_platform.accounts.cli import users_cli
    from diaspora_platform.audit_cli import audit_cli
    from diaspora_platform.community.events.cli import events_cli
    from diaspora_platform.community.follows.cli import digest_cli
    from diaspora_platform.demo import seed_demo
    from diaspora_platform.fund.cli import fund_cli
    from diaspora_platform.projects.cli import projects_cli
    from diaspora_platform.search.cli import search_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(seed_demo)
    app.cli.add_command(search_cli)
    for group in (projects_cli, fund_cli, events_cli, digest_cli):
        app.cli.add_command(group)
