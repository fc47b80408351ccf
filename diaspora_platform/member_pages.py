"""Public list pages for signed-in members, assembled from the anonymous reader's page.

Most of a public page is the same for everyone; what differs for a member (the language
switch with its CSRF token, the account menu and its counts, flashed messages, a member's
buttons such as "My pledges") is written in the templates as `personal("name")`: the
template `personal/<name>.html` rendered in place between two markers,
`<!--personal:name-->` and `<!--/personal-->`.

A member's GET of a page in `MEMBER_PAGE_ENDPOINTS` is served from the page `page_cache`
keeps for anonymous readers under the same key (generation, language, time zone, path,
query): each marked region is replaced by its template rendered for this member. On a miss
the page is first rendered by an internal request without the session and remember
cookies, so the shared part is exactly what an anonymous reader gets and never holds
anything of a member; it is cleared by the same generation bump as every cached page.
Personal templates read only what every template gets (the user, the context processors,
globals), never a view's variables: the view does not run on a hit.
"""

from __future__ import annotations

import re

from flask import Flask, Response, current_app, request
from jinja2 import pass_context
from markupsafe import Markup

from diaspora_platform import page_cache

_REGION = re.compile(r"<!--personal:([a-z0-9_]+)-->.*?<!--/personal-->", re.S)


@pass_context
def personal(context, name: str) -> Markup:
    """The member-dependent region `name`, rendered with this page's context."""
    template = current_app.jinja_env.get_template(f"personal/{name}.html")
    return Markup(f"<!--personal:{name}-->{template.render(context.get_all())}"
                  "<!--/personal-->")


def _member_request() -> bool:
    from flask_login import current_user

    return (request.method == "GET"
            and request.endpoint in current_app.config["MEMBER_PAGE_ENDPOINTS"]
            and current_user.is_authenticated)


def _anonymous_environ() -> dict:
    """This request's environment as a visitor without the session would send it."""
    environ = {k: v for k, v in request.environ.items() if not k.startswith("werkzeug.")}
    private = {current_app.config["SESSION_COOKIE_NAME"],
               current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")}
    environ["HTTP_COOKIE"] = "; ".join(f"{name}={value}" for name, value
                                       in request.cookies.items() if name not in private)
    return environ


def _render_shared(store, key: str):
    """Render the page as an anonymous reader (page_cache keeps it) and return the entry."""
    app = current_app._get_current_object()
    with app.app_context(), app.request_context(_anonymous_environ()):
        app.full_dispatch_request().close()
    return store.get(key)


def _fill(body: str) -> str:
    """Each personal region of `body` rendered for this reader; the context (globals and
    context processors) is built once for all of them."""
    app = current_app._get_current_object()
    env = app.jinja_env
    context = dict(env.globals)
    app.update_template_context(context)

    def region(match: re.Match) -> str:
        template = env.get_template(f"personal/{match[1]}.html")
        html = "".join(template.root_render_func(template.new_context(context, shared=True)))
        return f"<!--personal:{match[1]}-->{html}<!--/personal-->"

    return _REGION.sub(region, body)


def serve_member_page():
    """Answer a member's GET of a shared public page from the anonymous page."""
    store = page_cache._store()
    if store is None or not _member_request():
        return None
    from diaspora_platform.i18n import current_language, select_timezone

    try:
        key = page_cache._key(request.environ, store.generation(), current_language(),
                              select_timezone())
        hit = store.get(key) or _render_shared(store, key)
    except Exception:  # an unreachable cache must not take the site down
        current_app.logger.exception("Page cache unavailable")
        return None
    if hit is None:  # the anonymous page could not be kept (it set a cookie, …)
        return None
    from diaspora_platform.security import csp_nonce

    parts, content_type, _endpoint = hit
    body = csp_nonce().encode().join(parts).decode("utf-8")
    return Response(_fill(body), content_type=content_type)


def init_app(app: Flask) -> None:
    """The `personal` template global always; serving only where the page cache runs.
    Registered after the session rules, so an idle staff session ends before any page."""
    app.jinja_env.globals["personal"] = personal
    if "page_cache" in app.extensions:
        app.before_request(serve_member_page)
