"""The Tajik diaspora engagement platform."""

from __future__ import annotations

from flask import Flask

from diaspora_platform.config import ROOT, load_config


def create_app(config: object | dict | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, hooks, commands."""
    cfg = load_config(config)
    app = Flask(
        __name__,
        instance_path=cfg.INSTANCE_PATH,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(cfg)
    register_proxy(app)
    register_extensions(app)
    register_blueprints(app)
    register_template_helpers(app)
    register_hooks(app)
    register_commands(app)
    return app


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


def register_blueprints(app: Flask) -> None:
    from diaspora_platform.accounts.views import bp as accounts_bp
    from diaspora_platform.admin.views import bp as admin_bp
    from diaspora_platform.assistance.views import bp as assistance_bp
    from diaspora_platform.community.events.views import bp as events_bp
    from diaspora_platform.community.follows.views import bp as follows_bp
    from diaspora_platform.community.news.views import bp as news_bp
    from diaspora_platform.community.resources.views import bp as resources_bp
    from diaspora_platform.competitions.views import bp as competitions_bp
    from diaspora_platform.directory.views import bp as directory_bp
    from diaspora_platform.fund.views import bp as fund_bp
    from diaspora_platform.main.views import bp as main_bp
    from diaspora_platform.moderation.views import bp as moderation_bp
    from diaspora_platform.notifications.views import bp as notifications_bp
    from diaspora_platform.official.views import bp as official_bp
    from diaspora_platform.organisations.views import bp as organisations_bp
    from diaspora_platform.projects.expert_views import bp as experts_bp
    from diaspora_platform.projects.views import bp as projects_bp
    from diaspora_platform.search.views import bp as search_bp
    from diaspora_platform.statistics.views import bp as statistics_bp

    for bp in (main_bp, accounts_bp, admin_bp, organisations_bp, moderation_bp,
               notifications_bp, search_bp, directory_bp, assistance_bp, statistics_bp,
               competitions_bp, projects_bp, experts_bp, fund_bp, events_bp, news_bp,
               resources_bp, follows_bp, official_bp):
        app.register_blueprint(bp)


def register_template_helpers(app: Flask) -> None:
    from diaspora_platform import templating

    templating.init_app(app)


def register_hooks(app: Flask) -> None:
    from diaspora_platform.errors import register_error_handlers
    from diaspora_platform.permissions import register_session_rules
    from diaspora_platform.search import indexing
    from diaspora_platform.security import register_security

    register_security(app)
    register_session_rules(app)
    register_error_handlers(app)
    indexing.init_app(app)


def register_commands(app: Flask) -> None:
    from diaspora_platform.cli import register_cli

    register_cli(app)
