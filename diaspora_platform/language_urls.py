"""The language in the link: public pages live under /tg/…, /ru/…, /en/….

A small WSGI middleware moves a known language prefix from PATH_INFO to SCRIPT_NAME, so
every route matches as before and url_for builds links that keep the reader's language,
with no change to any route or template. What is not a page for reading (static files,
feeds, calendar files, JSON/CSV exports, downloads, the health check, /api) stays
unprefixed: its links are built without the prefix and a prefix on it redirects away.

A GET of a page without a prefix (an old link, a bookmark, a typed address) redirects to
the reader's language (saved choice > cookie > Accept-Language > Tajik). The redirect is
a 302 with `Vary`, not a 301: its target depends on the reader, and a permanent redirect
would be cached by browsers and proxies for every later reader of that address. A POST to
an unprefixed address is answered as before.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, current_app, g, has_request_context, redirect, request
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Rule

from diaspora_platform.i18n import LANGUAGE_PREFIX_KEY, LANGUAGES, current_language, select_locale
from diaspora_platform.links import absolute

# Paths that are data or files, not pages: matched against the rule, so a new export or
# feed is unprefixed without being listed anywhere.
_NEUTRAL_PATH = re.compile(r"^/(static|api|healthz|metrics)(/|$)"
                           r"|\.(json|csv|xlsx|ics|atom|rss|xml|txt)$")
_READ_METHODS = frozenset({"GET", "HEAD"})


class LanguagePrefix:
    """WSGI middleware: /ru/events → SCRIPT_NAME …/ru, PATH_INFO /events, language "ru"."""

    def __init__(self, wsgi_app, languages=LANGUAGES):
        self.wsgi_app, self.languages = wsgi_app, frozenset(languages)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO") or ""
        first, slash, rest = path[1:].partition("/")
        if first in self.languages:
            environ["SCRIPT_NAME"] = f"{environ.get('SCRIPT_NAME', '').rstrip('/')}/{first}"
            environ["PATH_INFO"] = "/" + rest
            environ[LANGUAGE_PREFIX_KEY] = first
        return self.wsgi_app(environ, start_response)


def link_language() -> str | None:
    """The language named by this request's address, if any."""
    return request.environ.get(LANGUAGE_PREFIX_KEY) if has_request_context() else None


def _is_neutral_rule(rule: Rule) -> bool:
    return (rule.endpoint in current_app.config["LANGUAGE_NEUTRAL_ENDPOINTS"]
            or bool(_NEUTRAL_PATH.search(rule.rule)))


def is_neutral(endpoint: str) -> bool:
    """Whether this endpoint's address carries no language (data, files, checks)."""
    neutral = current_app.extensions.get("language_neutral")
    if neutral is None:
        neutral = frozenset(rule.endpoint for rule in current_app.url_map.iter_rules()
                            if _is_neutral_rule(rule))
        current_app.extensions["language_neutral"] = neutral
    return endpoint in neutral


def _root() -> str:
    """The application's own mount point, without the language prefix."""
    if not has_request_context():
        return (current_app.config.get("APPLICATION_ROOT") or "/").rstrip("/")
    root, lang = request.script_root, link_language()
    return root[: -len(lang) - 1] if lang else root


def with_language(url: str, lang: str | None) -> str:
    """`url` (a site path or an absolute link to this site) under `lang`'s prefix, or
    under none: any language prefix it has is replaced."""
    parts = urlsplit(url)
    root = _root()
    path = parts.path[len(root):] if parts.path.startswith(root) else parts.path
    first, slash, rest = path[1:].partition("/")
    if first in LANGUAGES:
        path = "/" + rest
    if lang:
        path = f"/{lang}{path}"
    return urlunsplit(parts._replace(path=root + path))


def in_language(path: str, lang: str | None = None) -> str:
    """A site path kept without a language (a notice's link, a search hit's) as a link in
    `lang` (the reader's by default): prefixed if it is a page, as it is if it is data."""
    if not path.startswith("/") or path.startswith("//"):
        return path
    key = (path, lang or current_language(), _root())
    known = current_app.extensions.setdefault("paths_in_language", {})
    found = known.get(key)
    if found is None:  # a results page links the same paths again and again
        if len(known) > 10_000:
            known.clear()
        bare = with_language(path, None)
        neutral = _neutral_path(urlsplit(bare).path[len(key[2]):])
        found = known[key] = bare if neutral else with_language(bare, key[1])
    return found


def _neutral_path(site_path: str) -> bool:
    try:
        endpoint, _ = current_app.url_map.bind("").match(site_path)
    except NotFound:
        return True  # no page of the site: left as it is
    except HTTPException:  # a page that redirects (trailing slash) or is only posted to
        return False
    return is_neutral(endpoint)


class LanguageFlask(Flask):
    """Flask whose url_for keeps the page's language in page links and leaves it out of
    data and file links; `_language="ru"` builds a page link in another language."""

    def url_for(self, endpoint: str, /, *, _language: str | None = None, **values) -> str:
        url = super().url_for(endpoint, **values)
        if endpoint.startswith(".") and has_request_context() and request.blueprint:
            endpoint = request.blueprint + endpoint
        current = link_language()
        target = None if is_neutral(endpoint) else (_language or current)
        return url if target == current else with_language(url, target)


def current_path() -> str:
    """This page's address (path and query) as a `next` or `back` value: with its prefix,
    so the reader comes back in the language they were reading."""
    return request.script_root + request.full_path.rstrip("?")


def language_url(lang: str, external: bool = False) -> str:
    """This page in another language (the language switch, the hreflang alternates)."""
    url = with_language(current_path(), lang)
    return absolute(url) if external else url


def canonical_url() -> str:
    """This page's one address on the canonical host, in the language it is shown in."""
    return language_url(current_language(), external=True)


def page_has_language_links() -> bool:
    """Pages (not error pages, not data) declare their canonical link and alternates."""
    rule = request.url_rule
    return rule is not None and not is_neutral(rule.endpoint) and not g.get("error_page")


def route_by_language():
    """Before each request: send a page read without a prefix to the reader's language,
    and data read under a prefix to its one unprefixed address."""
    rule = request.url_rule
    if rule is None or request.method not in _READ_METHODS:
        return None
    lang = link_language()
    if lang and is_neutral(rule.endpoint):
        return redirect(with_language(current_path(), None), 301)
    if not lang and not is_neutral(rule.endpoint):
        response = redirect(with_language(current_path(), select_locale()), 302)
        response.headers["Vary"] = "Cookie, Accept-Language"
        response.headers["Cache-Control"] = "private, no-cache"
        return response
    return None


def init_app(app: Flask) -> None:
    app.wsgi_app = LanguagePrefix(app.wsgi_app, app.config.get("LANGUAGES", LANGUAGES))
    app.before_request(route_by_language)
    app.jinja_env.filters["in_language"] = in_language
    app.jinja_env.globals.update(current_path=current_path, language_url=language_url,
                                 canonical_url=canonical_url,
                                 page_has_language_links=page_has_language_links)
