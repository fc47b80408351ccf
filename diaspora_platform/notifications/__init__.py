"""Notifications in the site and by mail, worded by the domain that raises them
(each registers its kinds), in the recipient's language."""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.authz import register_actions
    from diaspora_platform.notifications.authz import ACTIONS
    from diaspora_platform.notifications.views import bp
    from diaspora_platform.wiring import load

    load(__name__, "views")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
    app.context_processor(_unread)


def _unread() -> dict:
    """The reader's unread notifications, shown in the menu."""
    from flask_login import current_user

    if not (current_user and current_user.is_authenticated):
        return {}
    from diaspora_platform.notifications.services import unread_count

    return {"unread_notifications": unread_count(current_user)}
