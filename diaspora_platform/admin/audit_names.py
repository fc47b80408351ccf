"""Names of the audit log's actions and objects in the reader's language, and links to the
objects, for the staff audit page."""

from __future__ import annotations

from flask import url_for

from diaspora_platform.i18n import _l

ACTIONS = {
    "2fa.enabled": _l("Two-factor sign-in turned on"),
    "2fa.disabled": _l("Two-factor sign-in turned off"),
    "2fa.recovery_code_used": _l("Recovery code used"),
    "2fa.recovery_codes_regenerated": _l("Recovery codes renewed"),
    "account.deleted": _l("Account deleted"),
    "account.suspended": _l("Account suspended"),
    "assistance.submitted": _l("Request for help sent"),
    "assistance.message_added": _l("Message on a request for help"),
    "assistance.status_changed": _l("Request for help moved on"),
    "assistance.assigned": _l("Request for help assigned"),
    "assistance.place_linked": _l("Opened place linked to a request"),
    "competition.edition_created": _l("Competition edition created"),
    "competition.edition_changed": _l("Competition edition changed"),
    "competition.edition_open": _l("Competition edition opened"),
    "competition.edition_closed": _l("Competition edition closed"),
    "competition.edition_judging": _l("Judging started"),
    "competition.edition_published": _l("Competition results published"),
    "competition.entry_created": _l("Competition entry started"),
    "competition.entry_submitted": _l("Competition entry submitted"),
    "competition.entry_withdrawn": _l("Competition entry withdrawn"),
    "competition.judge_added": _l("Judge added"),
    "competition.judge_removed": _l("Judge removed"),
    "competition.assigned": _l("Entries assigned to judges"),
    "competition.judges_reminded": _l("Judges reminded"),
    "competition.no_conflict_declared": _l("Judge declared no conflict of interest"),
    "competition.recused": _l("Judge stepped aside"),
    "competition.scores_submitted": _l("Scores submitted"),
    "competition.commendations": _l("Commendations chosen"),
    "event.created": _l("Event created"),
    "event.updated": _l("Event changed"),
    "event.cancelled": _l("Event cancelled"),
    "event.message_sent": _l("Message sent to attendees"),
    "event.attendees_exported": _l("Attendee list downloaded"),
    "expert.profile_created": _l("Expert profile created"),
    "expert.profile_deleted": _l("Expert profile deleted"),
    "fund.campaign_saved": _l("Fund campaign saved"),
    "fund.campaign_status": _l("Fund campaign status changed"),
    "fund.bank_details_changed": _l("Fund's bank details changed"),
    "fund.disbursement_recorded": _l("Disbursement recorded"),
    "fund.pledge_confirmed": _l("Pledge payment confirmed"),
    "fund.pledge_cancelled": _l("Pledge cancelled"),
    "moderation.approve": _l("Approved"),
    "moderation.reject": _l("Not approved"),
    "moderation.hide": _l("Hidden"),
    "moderation.restore": _l("Restored"),
    "moderation.reports_dismissed": _l("Reports dismissed"),
    "news.published": _l("News published"),
    "news.submitted": _l("News sent for review"),
    "news.updated": _l("News changed"),
    "news.pinned": _l("News pinned"),
    "news.unpinned": _l("News unpinned"),
    "news.withdrawn": _l("News withdrawn"),
    "offer.accepted": _l("Expert offer accepted"),
    "offer.declined": _l("Expert offer declined"),
    "offer.withdrawn": _l("Expert offer withdrawn"),
    "offer.expired": _l("Expert offer expired"),
    "official.created": _l("Official office added"),
    "official.updated": _l("Official office changed"),
    "official.archived": _l("Official office archived"),
    "official.restored": _l("Official office restored"),
    "official.checked": _l("Official office checked"),
    "official.help_declared": _l("Help for migrants declared"),
    "official.help_verified": _l("Help for migrants verified"),
    "organisation.registered": _l("Organisation registered"),
    "organisation.updated": _l("Organisation changed"),
    "organisation.logo_removed": _l("Organisation logo removed"),
    "organisation.member_accepted": _l("Member accepted"),
    "organisation.member_declined": _l("Request to join declined"),
    "organisation.role_changed": _l("Member's role changed"),
    "organisation.member_removed": _l("Member removed"),
    "organisation.member_left": _l("Member left"),
    "organisation.ownership_transferred": _l("Ownership handed over"),
    "organisation.member_invited": _l("Member invited"),
    "organisation.invitation_accepted": _l("Invitation accepted"),
    "outbox.message_retried": _l("Parked message sent again"),
    "outbox.message_discarded": _l("Parked message discarded"),
    "outbox.job_retried": _l("Parked job started again"),
    "place.listed": _l("Place listed"),
    "place.updated": _l("Place changed"),
    "place.operating": _l("Place's opening status changed"),
    "place.deleted": _l("Place deleted"),
    "place.photos_added": _l("Photos added"),
    "place.photo_removed": _l("Photo removed"),
    "project.published": _l("Project published"),
    "project.updated": _l("Project changed"),
    "project.closed": _l("Project closed"),
    "project.reopened": _l("Project reopened"),
    "project.document_added": _l("Project document added"),
    "project.document_removed": _l("Project document removed"),
    "project.update_posted": _l("Project update posted"),
    "project.update_deleted": _l("Project update deleted"),
    "resource.published": _l("Resource published"),
    "resource.submitted": _l("Resource sent for review"),
    "resource.updated": _l("Resource changed"),
    "resource.withdrawn": _l("Resource withdrawn"),
    "role.admin_created": _l("Administrator account created"),
    "role.staff_granted": _l("Council staff role granted"),
    "role.staff_revoked": _l("Council staff role withdrawn"),
    "staff.public_name": _l("Name on the public record changed"),
}
AREAS = {
    "2fa": _l("Two-factor sign-in"), "account": _l("Accounts"),
    "assistance": _l("Requests for help"), "competition": _l("Competitions"),
    "event": _l("Events"), "expert": _l("Experts"), "fund": _l("Fund"),
    "moderation": _l("Moderation"), "news": _l("News"), "offer": _l("Expert offers"),
    "official": _l("Official network"), "organisation": _l("Organisations"),
    "outbox": _l("Outgoing mail and jobs"),
    "place": _l("Centres and schools"), "project": _l("Projects"), "resource": _l("Resources"),
    "role": _l("Roles"), "staff": _l("Council staff"),
}
# object type (the model's class name, lower case) -> (title, endpoint, its id argument)
OBJECTS = {
    "organisation": (_l("Organisation"), "organisations.detail", "org_id"),
    "place": (_l("Place"), "directory.detail", "place_id"),
    "event": (_l("Event"), "events.detail", "event_id"),
    "newsitem": (_l("News"), "news.detail", "item_id"),
    "resource": (_l("Resource"), "resources.detail", "item_id"),
    "project": (_l("Project"), "projects.detail", "project_id"),
    "campaign": (_l("Fund campaign"), "fund.campaign", "campaign_id"),
    "assistancerequest": (_l("Request for help"), "assistance.staff_request", "request_id"),
    "user": (_l("Account"), None, None),
    "edition": (_l("Competition edition"), None, None),
    "entry": (_l("Competition entry"), "competitions.entry", "entry_id"),
    "pledge": (_l("Pledge"), None, None),
    "disbursement": (_l("Disbursement"), None, None),
    "offer": (_l("Expert offer"), None, None),
    "expertprofile": (_l("Expert profile"), None, None),
    "officialbody": (_l("Official office"), None, None),
    "fundsettings": (_l("Fund settings"), None, None),
    "outboxmessage": (_l("Outgoing message"), None, None),
    "scheduledjob": (_l("Scheduled job"), None, None),
}


def action_title(action: str) -> str:
    return str(ACTIONS.get(action, action))


def object_title(target_type: str) -> str:
    entry = OBJECTS.get(target_type)
    return str(entry[0]) if entry else target_type


def object_link(target_type: str, target_id: str) -> str | None:
    """The object's page (which checks who may see it), when it has one."""
    entry = OBJECTS.get(target_type)
    if not entry or not entry[1] or not target_id.isdigit():
        return None
    return url_for(entry[1], **{entry[2]: int(target_id)})
