"""Site search: text analysis, indexing, backends and the search page."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform import page_cache
    from diaspora_platform.search import health, outbox
    from diaspora_platform.search.cli import search_cli
    from diaspora_platform.search.views import bp
    from diaspora_platform.wiring import load

    load(__name__, "views")
    app.register_blueprint(bp)
    app.cli.add_command(search_cli)
    health.register_metrics()
    # A change that search hears of can change a cached page: the same events clear them.
    outbox.on_committed(page_cache.bump_all)
