"""Nominations: an organisation's managers or an official body's staff propose a person
for a competition about people; the person consents through a private link; the embassy
or consulate of their country endorses with a note; then the nomination is an entry of
the edition and its judges see the endorsement beside it."""


def init_app(app) -> None:
    """Attach this domain's routes and notices; register its blueprint."""
    from diaspora_platform.authz import register_actions
    from diaspora_platform.nominations.authz import ACTIONS
    from diaspora_platform.nominations.blueprint import bp
    from diaspora_platform.wiring import load

    load(__name__, "views", "office_views", "notices", "personal")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
