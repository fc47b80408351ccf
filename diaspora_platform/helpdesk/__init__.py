"""Confidential help requests from migrants and their families: filed without an
account, routed to the responsible official body or the Council, followed through a
private link, encrypted at rest, deleted after their retention period."""

import logging
import re

SECRET_PATH = re.compile(r"/help-request/[A-Za-z0-9_-]+")


class RedactLinks(logging.Filter):
    """Request logs never keep a person's private link."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(SECRET_PATH.sub("/help-request/…", a) if isinstance(a, str)
                                else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = SECRET_PATH.sub("/help-request/…", record.msg)
        return True


def init_app(app) -> None:
    """Attach this domain's routes and commands; register its blueprint."""
    from diaspora_platform import jobs
    from diaspora_platform.authz import register_actions
    from diaspora_platform.helpdesk.authz import ACTIONS
    from diaspora_platform.helpdesk.blueprint import bp
    from diaspora_platform.helpdesk.cli import helpdesk_cli
    from diaspora_platform.helpdesk.retention import purge_closed
    from diaspora_platform.wiring import load

    load(__name__, "views", "staff_views", "notices")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
    app.cli.add_command(helpdesk_cli)
    jobs.register("helpdesk.purge", jobs.At(hour=3, minute=30), purge_closed)
    if app.config.get("HELPDESK_CHECK_KEYS_AT_START"):
        from diaspora_platform.helpdesk.crypto import check_stored_requests

        check_stored_requests(app)
    for name in ("werkzeug", "gunicorn.access"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactLinks) for f in logger.filters):
            logger.addFilter(RedactLinks())
