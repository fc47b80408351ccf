"""Browser tests: the real app served on 127.0.0.1 and driven by Debian's Chromium.

Nothing leaves the machine: every request to another host is aborted (and fails the test,
since the site vendors all its assets). The site's CSP stays on; axe-core is evaluated
through the DevTools protocol, which the page's CSP does not govern (an injected
<script> tag would be refused, as it should be). Console errors, uncaught exceptions and
CSP violations fail the test that caused them.
"""

from __future__ import annotations

import hashlib
import re
import threading
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext, pgettext
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.conftest import CI

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
# How long an action or an assertion may wait for the page. Generous on purpose: a passing
# test never waits this long, and on a machine busy with other work (CI shares its two
# cores) a page with a dozen images can take well over 15 s to fire "load".
TIMEOUT_MS = 60_000


def _unavailable(reason: str):
    """Skip locally; in CI a browser test that cannot run is a failure."""
    if CI:
        pytest.fail(f"{reason} (CI requires the browser tests to run)", pytrace=False)
    pytest.skip(reason)


class LiveServerURL(str):
    """The base URL (http://127.0.0.1:PORT), carrying the served app."""

    app = None

    def __new__(cls, url: str, app):
        obj = super().__new__(cls, url)
        obj.app = app
        return obj

    def t(self, lang: str, message: str, context: str | None = None, **variables) -> str:
        """`message` (in `context`, if given) as the site shows it in `lang`."""
        with self.app.test_request_context(), force_locale(lang):
            if context:
                return pgettext(context, message, **variables)
            return gettext(message, **variables)


class QuietStaticHandler(WSGIRequestHandler):
    """Log page requests, not the dozen static files each page pulls in."""

    def log_request(self, code="-", size="-"):
        if not self.path.startswith("/static/"):
            super().log_request(code, size)


@pytest.fixture
def live_server(app_factory):
    # CSRF on, as in production: the browser submits the real forms with their tokens.
    app = app_factory(RATELIMIT_ENABLED=False, WTF_CSRF_ENABLED=True)
    server = make_server("127.0.0.1", 0, app, threaded=True,
                         request_handler=QuietStaticHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServerURL(f"http://127.0.0.1:{server.server_port}", app)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    if not AXE.exists():
        _unavailable(f"axe-core not found at {AXE.relative_to(ROOT)} (run `npm ci`)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed")
    # Assertions (`expect(...)`) wait 5 s by default, actions TIMEOUT_MS: one budget for both.
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """What went wrong in the page while the test ran."""

    def __init__(self):
        self.console_errors: list[str] = []
        self.csp_violations: list[str] = []
        self.page_errors: list[str] = []
        self.blocked_requests: list[str] = []

    def on_console(self, message) -> None:
        text = message.text
        if "Refused to" in text or "Content Security Policy" in text:
            self.csp_violations.append(text)
        elif message.type == "error":
            self.console_errors.append(text)

    def report(self) -> str:
        parts = []
        for title, items in (("CSP violations", self.csp_violations),
                             ("console errors", self.console_errors),
                             ("uncaught page errors", self.page_errors),
                             ("blocked requests to other hosts", self.blocked_requests)):
            if items:
                parts.append(f"{title}:\n" + "\n".join(f"  - {item}" for item in items))
        return "\n".join(parts)


def block_other_hosts(context, base_url: str, blocked: list[str] | None = None) -> None:
    """Let through only requests to the live server; abort (and note) everything else."""
    prefix = base_url.rstrip("/") + "/"

    def handle(route):
        url = route.request.url
        if url == base_url or url.startswith(prefix):
            route.continue_()
        else:
            if blocked is not None:
                blocked.append(url)
            route.abort()

    context.route("**/*", handle)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def page(browser, live_server, request, tmp_path):
    context = browser.new_context(
        viewport=VIEWPORT, locale="tg-TJ", timezone_id="Asia/Dushanbe", base_url=live_server,
    )
    context.set_default_timeout(TIMEOUT_MS)
    problems = PageProblems()
    block_other_hosts(context, live_server, problems.blocked_requests)
    page = context.new_page()
    page.on("console", problems.on_console)
    page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    page.problems = problems
    yield page
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        shot = tmp_path / "failure.png"
        try:
            page.screenshot(path=str(shot), full_page=True)
            print(f"Screenshot of the failing page ({page.url}): {shot}")
        except Exception as exc:  # the page may be gone; the test's own error matters more
            print(f"No screenshot of the failing page: {exc}")
    context.close()
    found = problems.report()
    if failed:
        if found:
            print(found)
    elif found:
        pytest.fail(f"The browser reported problems during the test:\n{found}", pytrace=False)


# ---------------------------------------------------------------- accessibility (axe-core)

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}
BLOCKING_IMPACTS = {"serious", "critical"}


def _format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    at {target}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


# Markup already checked in this test process, with what axe-core found in it. A page is
# checked again only when its markup differs (tokens and nonces aside): the browser tests
# run on both databases, and the second run shows the same pages in the same states.
_AXE_CHECKED: dict[str, dict] = {}
_VOLATILE = re.compile(r'(nonce|value|content)="[A-Za-z0-9_\-.=+/:]{24,}"')


def axe_check(page) -> list[dict]:
    """Run axe-core (WCAG 2 A and AA rules) on the current page; fail on serious or
    critical violations. Returns the minor and moderate ones for the caller to look at."""
    # After a redirect the DOM can be queried before the stylesheets have applied; colour
    # contrast measured then is measured against the browser's default white.
    settled(page)
    markup = _VOLATILE.sub(r'\1=""', page.content())
    key = hashlib.sha256(markup.encode()).hexdigest()
    result = _AXE_CHECKED.get(key)
    if result is None:
        if not page.evaluate("typeof window.axe === 'object'"):
            # Evaluated over DevTools, so the page's CSP (rightly) does not get in the way.
            page.evaluate(AXE.read_text(encoding="utf-8"))
        result = _AXE_CHECKED[key] = page.evaluate("options => axe.run(document, options)",
                                                   AXE_OPTIONS)
    violations = result["violations"]
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        pytest.fail(
            f"axe-core found {len(blocking)} serious/critical accessibility problem(s) on "
            f"{page.url} (<html lang={page.evaluate('document.documentElement.lang')!r}>):\n"
            + _format_violations(blocking), pytrace=False)
    return [v for v in violations if v not in blocking]



def settled(page) -> None:
    """Wait until the page has loaded and its web fonts are in place. Noto Sans arrives after
    the first paint (`font-display: swap`) and moves the header's links as it does: a click
    aimed before that can land beside its link, and on a busy machine one did (the click
    went nowhere and the test waited out its timeout for a page that was never asked for)."""
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")


def follow(locator) -> None:
    """Click a link (or a submit button) and wait until the page it leads to has loaded.

    A bare click returns as soon as the click is dispatched: an assertion that something is
    *absent* would then pass against the page being left, and a locator could match a
    responsive twin (`d-lg-none`) before the new page's stylesheet has hidden it."""
    settled(locator.page)
    with locator.page.expect_navigation(wait_until="load"):
        locator.click()


LANGUAGE_BUTTONS = {"tg": "Тоҷикӣ", "ru": "Русский", "en": "English"}


def switch_language(page, t, lang: str) -> None:
    """Choose `lang` in the header: links for visitors, a form for signed-in members."""
    from playwright.sync_api import expect

    before = page.locator("html").get_attribute("lang")
    if before == lang:
        return
    label = t(before, "Language")
    switcher = page.get_by_role("navigation", name=label).or_(
        page.get_by_role("form", name=label))
    name = LANGUAGE_BUTTONS[lang]
    switcher.get_by_role("link", name=name, exact=True).or_(
        switcher.get_by_role("button", name=name, exact=True)).click()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    settled(page)
