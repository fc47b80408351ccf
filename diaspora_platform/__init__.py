"""The Tajik diaspora engagement platform."""

from __future__ import annotations

import functools
import gc

from flask import Flask

from diaspora_platform.config import ROOT, load_config


def _built_without_collecting(build):
    """Building an app makes some 250,000 objects that live as long as it does; the cyclic
    garbage collector, left on, walks them again and again while they are made (a fifth of a
    worker's start). It is paused during the build, and after a process's first build what
    exists is frozen: later collections (and the one at exit) skip it; the little cyclic
    garbage the imports left stays, once, at no measurable memory. Whether the freeze was
    done is kept in a flag: `gc.get_freeze_count()` walks every frozen object (about 100 ms
    in a process that has built many apps, as the test suite's do)."""
    frozen = []

    @functools.wraps(build)
    def create(*args, **kwargs):
        collecting = gc.isenabled()
        gc.disable()
        try:
            app = build(*args, **kwargs)
            if not frozen:
                gc.freeze()
                frozen.append(True)
        finally:
            if collecting:
                gc.enable()
        return app

    return create


@_built_without_collecting
def create_app(config: object | dict | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, hooks, commands."""
    from diaspora_platform.language_urls import LanguageFlask

    cfg = load_config(config)
    app = LanguageFlask(
        __name__,
        instance_path=cfg.INSTANCE_PATH,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(cfg)
    register_routing(app)
    register_proxy(app)
    register_extensions(app)
    register_inputs(app)
    register_domains(app)
    register_template_helpers(app)
    register_hooks(app)
    register_commands(app)
    return app


def register_routing(app: Flask) -> None:
    from diaspora_platform import language_urls, page_cache, static_files
    from diaspora_platform.routing import LazyBuildRule

    app.url_rule_class = LazyBuildRule
    static_files.init_app(app)
    page_cache.wrap(app)  # the innermost middleware: answers cached pages before Flask
    language_urls.init_app(app)  # inside ProxyFix, around the page cache's hit server


def register_proxy(app: Flask) -> None:
    hops = app.config.get("PROXY_FIX", 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def register_extensions(app: Flask) -> None:
    from diaspora_platform import database_setup
    from diaspora_platform.extensions import babel, csrf, db, limiter, login_manager, migrate
    from diaspora_platform.i18n import N_, select_locale, select_timezone

    db.init_app(app)
    database_setup.configure_engine(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True,
                     compare_type=True)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = N_("Please sign in to open this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    from flask_babel import gettext

    login_manager.localize_callback = gettext


def register_inputs(app: Flask) -> None:
    from diaspora_platform import inputs, uploads

    inputs.init_app(app)
    uploads.init_app(app)


# Every domain package, in the order their blueprints are registered; each has init_app(app).
DOMAINS = ("main", "accounts", "admin", "organisations", "moderation", "notifications", "search",
           "directory", "assistance", "statistics", "competitions", "projects", "experts", "fund",
           "community.events", "community.news", "community.resources", "community.follows",
           "official", "helpdesk", "nominations", "guides", "monitoring", "translations", "api")


def register_domains(app: Flask) -> None:
    import importlib

    from diaspora_platform import mail, worker

    mail.init_app(app)
    worker.init_app(app)

    for name in DOMAINS:
        importlib.import_module(f"diaspora_platform.{name}").init_app(app)


def register_template_helpers(app: Flask) -> None:
    from diaspora_platform import templating

    templating.init_app(app)


def register_hooks(app: Flask) -> None:
    from diaspora_platform import (
        member_pages,
        metrics,
        outage,
        page_cache,
        request_log,
        table_cache,
        unit_of_work,
    )
    from diaspora_platform.errors import register_error_handlers
    from diaspora_platform.permissions import register_session_rules
    from diaspora_platform.search import indexing
    from diaspora_platform.security import register_security

    request_log.init_app(app)  # first: every other hook runs under the request's id
    metrics.init_app(app)
    register_security(app)
    page_cache.init_app(app)
    table_cache.init_app(app)
    register_session_rules(app)
    member_pages.init_app(app)  # after the session rules: an idle session ends first
    register_error_handlers(app)
    unit_of_work.init_app(app)
    outage.init_app(app)
    indexing.init_app(app)


def register_commands(app: Flask) -> None:
    from diaspora_platform.cli import register_cli

    register_cli(app)
