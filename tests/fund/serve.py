"""A real server process for the crash test: the app on the test database, served by
Werkzeug until it is killed. With FUND_PAUSE=before|after, a pledge submission pauses just
before or just after its commit (writing FUND_PAUSE_MARK first), so the test can kill the
process at that exact moment.

Run: python -m tests.fund.serve DATABASE_URI PORT
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from flask import has_request_context, request
from flask_sqlalchemy.session import Session
from sqlalchemy import event
from werkzeug.serving import make_server

from diaspora_platform import create_app


def _pause_in_pledges(moment: str, mark: Path):
    def pause(session, *args):
        if has_request_context() and request.method == "POST" and \
                request.path.endswith("/pledge"):
            mark.write_text(moment)
            time.sleep(30)  # the test kills the process long before this ends

    event.listen(Session, "before_commit" if moment == "before" else "after_commit", pause)


def main() -> None:
    uri, port = sys.argv[1], int(sys.argv[2])
    app = create_app({"SQLALCHEMY_DATABASE_URI": uri, "TESTING": True,
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                      "MAIL_DIR": os.environ["MAIL_DIR"],
                      "INSTANCE_PATH": os.environ["INSTANCE_PATH"],
                      "SEARCH_INDEX_DIR": os.path.join(os.environ["INSTANCE_PATH"], "index"),
                      "SEARCH_BACKEND": os.environ.get("SEARCH_BACKEND", "whoosh")})
    moment = os.environ.get("FUND_PAUSE")
    if moment:
        _pause_in_pledges(moment, Path(os.environ["FUND_PAUSE_MARK"]))
    server = make_server("127.0.0.1", port, app, threaded=True)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
