"""Flask commands of the core: the audit log, the worker, uploaded files. Each domain adds
its own in its init_app."""

from __future__ import annotations

from flask import Flask


def register_cli(app: Flask) -> None:
    from diaspora_platform.audit_cli import audit_cli
    from diaspora_platform.uploads_cli import uploads_cli
    from diaspora_platform.worker_cli import worker_command

    app.cli.add_command(audit_cli)
    app.cli.add_command(worker_command)
    app.cli.add_command(uploads_cli)
