"""Help requests' fixed vocabularies: categories (the finder's situations), statuses,
reasons for not helping, who filed, and the answer time promised per category."""

from __future__ import annotations

from datetime import timedelta

from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.i18n import _l
from diaspora_platform.official.vocabulary import SITUATION_TITLES, Situation

# A request's category is the finder's situation: one list for the finder and the form.
Category = Situation
CATEGORY_TITLES = SITUATION_TITLES

# How soon a first answer is promised; urgent situations first.
TARGET = {
    Situation.DETENTION: timedelta(days=1),
    Situation.DEATH: timedelta(days=1),
    Situation.ACCIDENT: timedelta(days=1),
    Situation.DOCUMENTS: timedelta(days=3),
    Situation.UNPAID_WAGES: timedelta(days=5),
    Situation.ENTRY_BAN: timedelta(days=5),
    Situation.RECRUITER_FRAUD: timedelta(days=5),
    Situation.OTHER: timedelta(days=7),
}


class Status(TitledEnum):
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"
    RESOLVED = "resolved"
    CANNOT_HELP = "cannot_help"


STATUS_TITLES = titles(Status, {
    Status.RECEIVED: _l("Received"),
    Status.IN_PROGRESS: _l("In progress"),
    Status.WAITING: _l("Waiting for your answer"),
    Status.RESOLVED: _l("Resolved"),
    Status.CANNOT_HELP: _l("We cannot help"),
})
CLOSED = frozenset({Status.RESOLVED, Status.CANNOT_HELP})
# Where each status may go next (staff moves).
NEXT = {
    Status.RECEIVED: (Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED, Status.CANNOT_HELP),
    Status.IN_PROGRESS: (Status.WAITING, Status.RESOLVED, Status.CANNOT_HELP),
    Status.WAITING: (Status.IN_PROGRESS, Status.RESOLVED, Status.CANNOT_HELP),
    Status.RESOLVED: (Status.IN_PROGRESS,),
    Status.CANNOT_HELP: (Status.IN_PROGRESS,),
}


class Reason(TitledEnum):
    OUT_OF_SCOPE = "out_of_scope"
    NO_ANSWER = "no_answer"
    DUPLICATE = "duplicate"
    PRIVATE_MATTER = "private_matter"
    OTHER = "other"


REASON_TITLES = titles(Reason, {
    Reason.OUT_OF_SCOPE: _l("This is outside what the office and the Council can do"),
    Reason.NO_ANSWER: _l("We could not reach you"),
    Reason.DUPLICATE: _l("The same request was filed again"),
    Reason.PRIVATE_MATTER: _l("A court or a lawyer must decide this"),
    Reason.OTHER: _l("Another reason (see the message)"),
})


class FiledAs(TitledEnum):
    SELF = "self"
    RELATIVE = "relative"
    ORGANISATION = "organisation"


FILED_AS_TITLES = titles(FiledAs, {
    FiledAs.SELF: _l("I ask for myself"),
    FiledAs.RELATIVE: _l("I ask for a relative"),
    FiledAs.ORGANISATION: _l("Our organisation asks on someone's behalf"),
})
