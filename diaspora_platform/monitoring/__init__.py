"""The half-yearly monitoring report of the Action Plan 2021–2025 for Council staff.

Read-only: it owns no tables. For each measure of the Plan (plan.json) it counts what the
platform holds for the period and the one before (organisations, members, places and help
to open them, competitions, projects and experts, the fund's ledger, events, news,
resources, moderation), shown as a page with SVG charts, and as CSV and XLSX."""


def init_app(app) -> None:
    """Attach this domain's routes; register its blueprint."""
    from diaspora_platform.monitoring.views import bp
    from diaspora_platform.wiring import load

    load(__name__, "views")
    app.register_blueprint(bp)
