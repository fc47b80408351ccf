"""Community translation: a member proposes a missing language version of a public text;
its owner (Council staff for Council content) accepts, edits or declines it."""

URL_PREFIX = "/translations"


def init_app(app) -> None:
    """Attach this domain's routes and template helpers; register its blueprint."""
    from diaspora_platform.authz import register_actions
    from diaspora_platform.translations.authz import ACTIONS
    from diaspora_platform.translations.blueprint import bp
    from diaspora_platform.wiring import load

    load(__name__, "views", "helpers")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
