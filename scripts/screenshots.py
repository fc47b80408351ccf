"""Full-page screenshots of the main pages in every language, on a desktop and a phone.

    .venv/bin/python scripts/screenshots.py [--out screenshots] [--lang en] [--viewport phone]

Builds the app on a throw-away SQLite database with the demo accounts, organisations,
a join request, reports and moderation decisions, serves it on
127.0.0.1 and drives Debian's Chromium (/usr/bin/chromium); nothing else is contacted.
Files are named <language>-<viewport>-<page>.png, e.g. screenshots/en-phone-home.png;
on the phone, *-menu.png show the opened navigation menu; *-errors.png a form sent with
mistakes; *-empty.png pages with nothing to show yet.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyotp  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402
from werkzeug.serving import WSGIRequestHandler, make_server  # noqa: E402

from diaspora_platform import create_app  # noqa: E402
from diaspora_platform.accounts.models import User  # noqa: E402
from diaspora_platform.database import utcnow  # noqa: E402
from diaspora_platform.extensions import db  # noqa: E402
from diaspora_platform.i18n import LANGUAGES  # noqa: E402
from diaspora_platform.main.demo import (  # noqa: E402
    DEMO_PASSWORD,
    seed_organisations,
    seed_users,
)
from diaspora_platform.moderation import services as moderation  # noqa: E402
from diaspora_platform.organisations import membership  # noqa: E402
from diaspora_platform.organisations import services as organisations  # noqa: E402
from diaspora_platform.organisations.models import Organisation  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
MEMBER = "zarina@example.org"  # owns the Moscow centre; someone asks to join it
NEWCOMER = "sarah@example.org"  # a member of nothing, with no notifications: empty states
ADMIN = "admin@example.org"


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


def build_app(workdir: Path):
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'screens.sqlite'}",
        "INSTANCE_PATH": str(workdir / "instance"),
        "MAIL_DIR": str(workdir / "mail"),
        "SEARCH_INDEX_DIR": str(workdir / "index"),
        "UPLOAD_DIR": str(workdir / "uploads"),
        "RATELIMIT_ENABLED": False,
        "WTF_CSRF_ENABLED": True,
    })
    with app.app_context():  # no request: seeding acts as the operator (staff powers)
        db.create_all()
        users = seed_users()
        db.session.commit()
        admin = users[0]
        # The demo admin enrols two-factor at first sign-in; enrol it here instead.
        admin.totp_secret = pyotp.random_base32()
        admin.totp_enabled_at = utcnow()
        db.session.commit()
        seed_organisations(users)
        seed_activity(users)
    return app


def seed_activity(users: list[User]) -> None:
    """A join request, reports, a decision and notifications, so no page is shot empty."""
    orgs = {org.name: org for org in db.session.scalars(sa.select(Organisation))}
    staff, zarina, jamshed = users[1], users[2], users[3]
    moscow = orgs["Маркази фарҳангии тоҷикон дар Маскав"]
    membership.request_to_join(jamshed, moscow, "I teach Tajik to children in London and "
                               "would like to help with the weekend courses.")
    courses = organisations.register_organisation(zarina, {
        "name": "Курсҳои забони тоҷикӣ «Модар»", "name_ru": "Курсы таджикского языка «Модар»",
        "kind": "school", "country": "RU", "city": "Москва", "languages": ["tg", "ru"],
        "description": "Weekend Tajik lessons for children."})
    moderation.decide(staff, courses, "approve")
    for reporter in users[8:11]:  # three reports hide an organisation
        moderation.report(reporter, orgs["Deutsch-Tadschikische Gesellschaft"], "inaccurate",
                          "The address and phone number are out of date.")
    moderation.report(users[9], orgs["Ravzana"], "spam")
    moderation.decide(staff, orgs["Равзана"], "reject", "duplicate",
                      "Ravzana in Paris is already listed; ask its owner to add you.")


def user_fields(app, email: str, *names: str):
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == email))
        return tuple(getattr(user, name) for name in names)


def allow_totp_again(app, email: str) -> None:
    """A TOTP step is accepted once; the script signs the admin in once per viewport."""
    with app.app_context():
        db.session.execute(sa.update(User).where(User.email == email)
                           .values(totp_last_step=None))
        db.session.commit()


class Shooter:
    def __init__(self, browser, base: str, out: Path, languages=LANGUAGES):
        self.browser, self.base, self.out = browser, base, out
        self.languages = tuple(languages)
        self.files: list[Path] = []
        self.blocked: list[str] = []
        self.console: list[str] = []
        self.overflow: list[str] = []  # pages wider than the screen: sideways scrolling

    def context(self, viewport: str, lang: str | None = None):
        ctx = self.browser.new_context(viewport=VIEWPORTS[viewport], base_url=self.base,
                                       locale="tg-TJ", timezone_id="Asia/Dushanbe")
        ctx.set_default_timeout(20_000)

        def route(r):
            if r.request.url.startswith(self.base + "/"):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        ctx.route("**/*", route)
        if lang:
            ctx.add_cookies([{"name": "lang", "value": lang, "url": self.base}])
        page = ctx.new_page()
        page.on("console", lambda m: m.type == "error" and self.console.append(
            f"{page.url}: {m.text}"))
        return ctx, page

    def shot(self, page, lang: str, viewport: str, name: str) -> None:
        actual = page.locator("html").get_attribute("lang")
        if actual != lang:
            raise RuntimeError(f"{name}: expected <html lang={lang}>, got {actual} ({page.url})")
        page.evaluate("document.fonts.ready")
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            self.overflow.append(f"{lang}-{viewport}-{name} ({page.url})")
        path = self.out / f"{lang}-{viewport}-{name}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        self.files.append(path)

    @staticmethod
    def open_menu(page, account: bool = False) -> bool:
        """Open the collapsed phone menu (and the account menu); False on wide screens."""
        toggler = page.locator(".navbar-toggler")
        if not toggler.is_visible():
            return False
        toggler.click()
        page.locator("#nav.show").wait_for()
        menu = page.locator("#account-menu")
        if account and menu.count():
            menu.click()
            page.locator("#account-menu + .dropdown-menu.show").wait_for()
        return True

    @staticmethod
    def switch_language(page, lang: str) -> None:
        """Use the header switcher (opening the phone menu first when it is collapsed)."""
        if page.locator("html").get_attribute("lang") == lang:
            return
        button = page.locator(f".lang-switch button[value='{lang}']")
        toggler = page.locator(".navbar-toggler")
        if not button.is_visible() and toggler.is_visible():
            toggler.click()
        button.click()
        expect(page.locator("html")).to_have_attribute("lang", lang)

    @staticmethod
    def sign_in(page, email: str, code_secret: str | None = None) -> None:
        page.goto("/account/login")
        page.fill("#email", email)
        page.fill("#password", DEMO_PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        if code_secret:
            page.wait_for_url("**/account/login/code**")
            page.fill("#code", pyotp.TOTP(code_secret).now())
            page.locator("main form button[type=submit]").click()
        page.wait_for_url(lambda url: "/account/login" not in url)

    def visitor_pages(self, viewport: str) -> None:
        for lang in self.languages:
            ctx, page = self.context(viewport, lang)
            self.pages(page, lang, viewport, (
                ("home", "/"), ("register", "/account/register"), ("login", "/account/login"),
                ("org-directory-visitor", "/organisations/"),
                ("moderation-log", "/moderation/log"),
            ))
            page.goto("/")
            if self.open_menu(page):
                self.shot(page, lang, viewport, "home-menu")
            page.goto("/account/register")
            page.locator("main form button[type=submit]").click()
            page.wait_for_selector(".invalid-feedback")
            self.shot(page, lang, viewport, "register-errors")
            ctx.close()

    def pages(self, page, lang: str, viewport: str, pages) -> None:
        for name, path in pages:
            page.goto(path)
            self.shot(page, lang, viewport, name)

    def submit_with_errors(self, page, lang: str, viewport: str, path: str, name: str,
                           fill: dict | None = None) -> None:
        page.goto(path)
        for selector, value in (fill or {}).items():
            page.fill(selector, value)
        page.locator("main form[method=post] button[type=submit]").last.click()
        page.wait_for_selector(".invalid-feedback")
        self.shot(page, lang, viewport, name)

    def member_pages(self, viewport: str, member_id: int, ids: dict) -> None:
        ctx, page = self.context(viewport)
        self.sign_in(page, MEMBER)
        own, other = ids["Маркази фарҳангии тоҷикон дар Маскав"], ids["Ravzana"]
        for lang in self.languages:
            page.goto("/account/")
            self.switch_language(page, lang)
            self.shot(page, lang, viewport, "settings")
            if self.open_menu(page, account=True):
                self.shot(page, lang, viewport, "settings-menu")
            self.submit_with_errors(page, lang, viewport, "/account/", "settings-errors",
                                    {"#display_name": "Z"})
            self.pages(page, lang, viewport, (
                ("profile", f"/members/{member_id}"),
                ("org-directory", "/organisations/"),
                ("org-detail-own", f"/organisations/{own}"),
                ("org-detail-other", f"/organisations/{other}"),
                ("org-members", f"/organisations/{own}/members"),
                ("org-mine", "/organisations/mine"),
                ("org-form", "/organisations/new"),
                ("org-edit", f"/organisations/{own}/edit"),
                ("org-report", f"/moderation/organisation/{other}/report"),
                ("notifications", "/notifications/"),
            ))
            self.submit_with_errors(page, lang, viewport, "/organisations/new",
                                    "org-form-errors")
        ctx.close()

    def newcomer_pages(self, viewport: str) -> None:
        ctx, page = self.context(viewport)
        self.sign_in(page, NEWCOMER)
        for lang in self.languages:
            page.goto("/organisations/mine")
            self.switch_language(page, lang)
            self.shot(page, lang, viewport, "org-mine-empty")
            self.pages(page, lang, viewport, (
                ("notifications-empty", "/notifications/"),
                ("org-directory-empty", "/organisations/?city=Nowhere"),
            ))
        ctx.close()

    def admin_pages(self, viewport: str, secret: str, app) -> None:
        allow_totp_again(app, ADMIN)
        ctx, page = self.context(viewport)
        self.sign_in(page, ADMIN, code_secret=secret)
        for lang in self.languages:
            page.goto("/admin/users")
            self.switch_language(page, lang)
            self.shot(page, lang, viewport, "admin-users")
            self.pages(page, lang, viewport, (
                ("moderation-queue", "/moderation/"), ("moderation-reports", "/moderation/reports"),
            ))
        ctx.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="screenshots", help="folder for the PNG files")
    parser.add_argument("--lang", choices=LANGUAGES, action="append",
                        help="only these languages (repeatable; default: all)")
    parser.add_argument("--viewport", choices=VIEWPORTS, action="append",
                        help="only these viewports (repeatable; default: all)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        app = build_app(Path(tmp))
        (member_id,) = user_fields(app, MEMBER, "id")
        (secret,) = user_fields(app, ADMIN, "totp_secret")
        with app.app_context():
            ids = dict(db.session.execute(sa.select(Organisation.name, Organisation.id)).all())
        server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.server_port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                     args=CHROMIUM_ARGS)
                shooter = Shooter(browser, base, out, args.lang or LANGUAGES)
                for viewport in args.viewport or VIEWPORTS:
                    shooter.visitor_pages(viewport)
                    shooter.member_pages(viewport, member_id, ids)
                    shooter.newcomer_pages(viewport)
                    shooter.admin_pages(viewport, secret, app)
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
            with app.app_context():
                db.engine.dispose()

    for path in sorted(shooter.files):
        print(path)
    print(f"{len(shooter.files)} screenshots in {out}/", file=sys.stderr)
    for url in shooter.blocked:
        print(f"warning: blocked a request to another host: {url}", file=sys.stderr)
    for name in shooter.overflow:
        print(f"warning: the page is wider than the screen: {name}", file=sys.stderr)
    for message in shooter.console:
        print(f"warning: console error: {message}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
