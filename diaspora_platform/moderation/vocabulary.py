"""Fixed, translated vocabularies of moderation: reasons, report reasons, decisions."""

from __future__ import annotations

from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.i18n import _l


class Reason(TitledEnum):
    """Standard reasons for rejecting or hiding, shown publicly in the moderation log."""

    INCOMPLETE = "incomplete"
    INACCURATE = "inaccurate"
    DUPLICATE = "duplicate"
    NOT_DIASPORA = "not_diaspora"
    SPAM = "spam"
    OFFENSIVE = "offensive"
    REPORTED = "reported"
    OTHER = "other"


REASON_TITLES = titles(Reason, {
    Reason.INCOMPLETE: _l("Information is missing or unclear"),
    Reason.INACCURATE: _l("Information is inaccurate"),
    Reason.DUPLICATE: _l("Already listed on the platform"),
    Reason.NOT_DIASPORA: _l("Does not belong on the platform"),
    Reason.SPAM: _l("Spam or advertising"),
    Reason.OFFENSIVE: _l("Offensive or unlawful content"),
    Reason.REPORTED: _l("Hidden after reports, waiting for review"),
    Reason.OTHER: _l("Other reason"),
})
STAFF_REASONS = [r for r in Reason if r != Reason.REPORTED]


class ReportReason(TitledEnum):
    SPAM = "spam"
    OFFENSIVE = "offensive"
    INACCURATE = "inaccurate"
    DOES_NOT_BELONG = "does_not_belong"
    OTHER = "other"


REPORT_REASON_TITLES = titles(ReportReason, {
    ReportReason.SPAM: _l("Spam or advertising"),
    ReportReason.OFFENSIVE: _l("Offensive or abusive"),
    ReportReason.INACCURATE: _l("Inaccurate or misleading"),
    ReportReason.DOES_NOT_BELONG: _l("Does not belong on the platform"),
    ReportReason.OTHER: _l("Something else"),
})


class Decision(TitledEnum):
    APPROVE = "approve"
    REJECT = "reject"
    HIDE = "hide"
    RESTORE = "restore"


DECISION_TITLES = titles(Decision, {
    Decision.APPROVE: _l("Approved"),
    Decision.REJECT: _l("Not approved"),
    Decision.HIDE: _l("Hidden"),
    Decision.RESTORE: _l("Restored"),
})
