"""Print the Action Plan monitoring report of the demo content to PDF (A4) from Chromium in
every language, and take screenshots of it, of the public record of decisions, of the
moderation log and of the audit page on a desktop and a phone.

    .venv/bin/python scripts/print_monitoring.py [--out monitoring-print]

Builds the app on a throw-away SQLite database filled by `flask seed-demo`, signs the demo
admin in (with a second factor enrolled here), serves it on 127.0.0.1 and drives Debian's
Chromium; nothing else is contacted. Writes <lang>-report.pdf and <lang>-<viewport>-<page>.png;
render the PDF pages with `pdftoppm -png -r 60 tg-report.pdf tg-page` to look at them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import pyotp  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from screenshots import (  # noqa: E402
    ADMIN,
    CHROMIUM,
    CHROMIUM_ARGS,
    VIEWPORTS,
    QuietHandler,
    Shooter,
)
from werkzeug.serving import make_server  # noqa: E402

from diaspora_platform import create_app  # noqa: E402
from diaspora_platform.accounts.models import User  # noqa: E402
from diaspora_platform.database import utcnow  # noqa: E402
from diaspora_platform.extensions import db  # noqa: E402
from diaspora_platform.i18n import LANGUAGES  # noqa: E402

REPORT = "/admin/monitoring/"
PAGES = {"report": REPORT, "decisions": "/decisions/", "moderation-log": "/moderation/log",
         "audit": "/admin/audit"}


def build_app(workdir: Path):
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'print.sqlite'}",
        "INSTANCE_PATH": str(workdir / "instance"), "MAIL_DIR": str(workdir / "mail"),
        "SEARCH_INDEX_DIR": str(workdir / "index"), "UPLOAD_DIR": str(workdir / "uploads"),
        "RATELIMIT_ENABLED": False,
    })
    with app.app_context():
        db.create_all()
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    if result.exit_code:
        raise RuntimeError(result.output)
    with app.app_context():
        admin = db.session.scalar(sa.select(User).where(User.email == ADMIN))
        admin.totp_secret, admin.totp_enabled_at = pyotp.random_base32(), utcnow()
        db.session.commit()
        return app, admin.totp_secret


def record(browser, base: str, out: Path, secret: str) -> list[Path]:
    shooter = Shooter(browser, base, out)
    ctx, page = shooter.context("desktop")
    shooter.sign_in(page, ADMIN, secret)
    files = []
    for lang in LANGUAGES:
        page.goto("/")
        shooter.switch_language(page, lang)
        for viewport, size in VIEWPORTS.items():
            page.set_viewport_size(size)
            for name, url in PAGES.items():
                page.goto(url)
                path = out / f"{lang}-{viewport}-{name}.png"
                page.screenshot(path=str(path), full_page=True)
                files.append(path)
        page.set_viewport_size(VIEWPORTS["desktop"])
        page.goto(REPORT)
        page.emulate_media(media="print")
        path = out / f"{lang}-report.pdf"
        page.pdf(path=str(path), format="A4", prefer_css_page_size=True, print_background=True)
        page.emulate_media(media="screen")
        files.append(path)
    ctx.close()
    if shooter.blocked or shooter.console:
        print("warning:", shooter.blocked, shooter.console, file=sys.stderr)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default="monitoring-print")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="monitoring-") as tmp:
        app, secret = build_app(Path(tmp))
        server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                     args=CHROMIUM_ARGS)
                files = record(browser, f"http://127.0.0.1:{server.server_port}", out, secret)
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    for path in files:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
