"""The guides' fixed vocabularies: kinds of guide, the topics of their sections, and which
topic answers each help-request category."""

from __future__ import annotations

from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.i18n import _l
from diaspora_platform.official.vocabulary import Situation


class GuideKind(TitledEnum):
    COUNTRY = "country"  # working legally in one country
    RETURN = "return"  # coming home: one guide for everyone


GUIDE_KIND_TITLES = titles(GuideKind, {
    GuideKind.COUNTRY: _l("Working legally abroad"),
    GuideKind.RETURN: _l("Returning home"),
})


class Topic(TitledEnum):
    DOCUMENTS = "documents"
    PERMITS = "permits"
    RECRUITERS = "recruiters"
    AGREEMENTS = "agreements"
    RIGHTS = "rights"
    CONTACTS = "contacts"
    SKILLS = "skills"
    JOBS = "jobs"
    EXPERTS = "experts"
    BUSINESS = "business"


TOPIC_TITLES = titles(Topic, {
    Topic.DOCUMENTS: _l("Documents"),
    Topic.PERMITS: _l("Permits and their costs"),
    Topic.RECRUITERS: _l("Licensed recruitment organisations"),
    Topic.AGREEMENTS: _l("Agreements between countries and quotas"),
    Topic.RIGHTS: _l("Your rights at work"),
    Topic.CONTACTS: _l("Whom to call"),
    Topic.SKILLS: _l("Recognition of skills"),
    Topic.JOBS: _l("Jobs and projects on the platform"),
    Topic.EXPERTS: _l("The expert roster"),
    Topic.BUSINESS: _l("Starting a business"),
})

# The sections each kind of guide has, in reading order.
TOPICS: dict[GuideKind, tuple[Topic, ...]] = {
    GuideKind.COUNTRY: (Topic.DOCUMENTS, Topic.PERMITS, Topic.RECRUITERS, Topic.AGREEMENTS,
                        Topic.RIGHTS, Topic.CONTACTS),
    GuideKind.RETURN: (Topic.DOCUMENTS, Topic.SKILLS, Topic.JOBS, Topic.EXPERTS,
                       Topic.BUSINESS),
}

# The section of a country guide that answers a help request's category.
SITUATION_TOPIC: dict[Situation, Topic] = {
    Situation.UNPAID_WAGES: Topic.RIGHTS,
    Situation.DOCUMENTS: Topic.DOCUMENTS,
    Situation.DETENTION: Topic.CONTACTS,
    Situation.ENTRY_BAN: Topic.DOCUMENTS,
    Situation.ACCIDENT: Topic.RIGHTS,
    Situation.DEATH: Topic.CONTACTS,
    Situation.RECRUITER_FRAUD: Topic.RECRUITERS,
    Situation.OTHER: Topic.CONTACTS,
}
