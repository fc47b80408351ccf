"""Moderation: one mechanism for everything that becomes public.

A content type takes part by declaring itself; moderation's own code never imports a
domain. To make a new type moderatable:

1. Give its model ``ModerationMixin`` (``database.py``): a ``status`` of draft, pending,
   approved, rejected or hidden, plus review and assignment columns. Only ``approved``
   items are public; list queries filter on it.
2. Register it once, in the domain's ``content.py``::

       register(ContentType(
           key="place", model=Place, title=_l("Place"),
           label=lambda place: place.name,          # shown to staff and in notices
           url=lambda place: f"/directory/{place.id}",
           author=lambda place: place.creator,      # told of each decision
           country="country",                       # column for the queue's filter
           notes=..., on_decision=..., notices=...  # optional, see registry.ContentType
       ))

   The model's ``can_view(user)`` (or a ``visible=(item, user)`` rule) says who may see an
   item; registration refuses a type with neither, and the report form opens only for an
   item its visitor may see.

3. When the author submits or corrects an item, call ``services.submit(item)`` inside the
   domain's own transaction; it (re)enters the queue.

Then, with no further code: the staff queue with filters, counts in the navigation,
claims (so two staff do not review the same item), approve/reject with a standard or
written reason, bulk decisions, conditional updates so a second decision on a decided
item is refused with a message, reports by members (once each; at ``REPORT_THRESHOLD``
open reports the item is hidden until staff dismiss or uphold them), notifications to
the author in their language by email and on the site, the public moderation log
(``/moderation/log``, without private data), the waiting-time figures on the Council
dashboard, and an audit-log row for every staff action.

Organisations (``organisations/content.py``), places (``directory/content.py``) and
competition entries (``competitions/content.py``, whose approval means "eligible") are
declared this way.
"""


def init_app(app) -> None:
    """Attach this domain's routes, registrations and commands; register its blueprint."""
    from diaspora_platform.authz import register_actions
    from diaspora_platform.moderation.authz import ACTIONS
    from diaspora_platform.moderation.views import bp
    from diaspora_platform.wiring import load

    load(__name__, "views", "notices")
    register_actions(app, ACTIONS)
    app.register_blueprint(bp)
    _template_helpers(app)


def _template_helpers(app) -> None:
    from diaspora_platform.moderation.vocabulary import Decision, Reason, ReportReason

    app.jinja_env.globals.update(
        decision_title=lambda value: Decision(value).title,
        report_reason=lambda value: ReportReason(value).title,
        reason_title=lambda value: (Reason(value).title
                                    if value in Reason.__members__.values() else ""))
    app.context_processor(_waiting_in_queue)


def _waiting_in_queue() -> dict:
    """The moderation queue's length, shown in the menu to staff."""
    from flask_login import current_user

    if not (current_user and current_user.is_authenticated and current_user.acts_as_staff):
        return {}
    from diaspora_platform.moderation.queue import pending_count

    return {"moderation_pending": pending_count()}
