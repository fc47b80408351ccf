"""Fixed, translated vocabularies: kinds of office, services, help kinds and situations."""

from __future__ import annotations

from diaspora_platform.enums import TitledEnum, titles
from diaspora_platform.i18n import _l


class OfficeKind(TitledEnum):
    EMBASSY = "embassy"
    CONSULATE = "consulate"
    REPRESENTATION = "representation"
    MIGRATION_CENTRE = "migration_centre"
    HOTLINE = "hotline"


OFFICE_KIND_TITLES = titles(OfficeKind, {
    OfficeKind.EMBASSY: _l("Embassy"),
    OfficeKind.CONSULATE: _l("Consulate"),
    OfficeKind.REPRESENTATION: _l("Representation of the Ministry of Labour"),
    OfficeKind.MIGRATION_CENTRE: _l("Migration Service centre"),
    OfficeKind.HOTLINE: _l("Hotline"),
})


class Service(TitledEnum):
    PASSPORT = "passport"
    RETURN_CERTIFICATE = "return_certificate"
    CHILDREN_DOCUMENTS = "children_documents"
    LEGAL_ADVICE = "legal_advice"
    PRE_DEPARTURE = "pre_departure"
    CONSULAR_REGISTRATION = "consular_registration"
    NOTARIAL = "notarial"
    EMPLOYMENT = "employment"
    RETURNEES = "returnees"
    REPATRIATION = "repatriation"


SERVICE_TITLES = titles(Service, {
    Service.PASSPORT: _l("Passports"),
    Service.RETURN_CERTIFICATE: _l("Certificate of return"),
    Service.CHILDREN_DOCUMENTS: _l("Documents for children"),
    Service.LEGAL_ADVICE: _l("Legal advice"),
    Service.PRE_DEPARTURE: _l("Pre-departure training"),
    Service.CONSULAR_REGISTRATION: _l("Consular registration"),
    Service.NOTARIAL: _l("Notarial acts"),
    Service.EMPLOYMENT: _l("Employment and recruitment information"),
    Service.RETURNEES: _l("Help for returning migrants"),
    Service.REPATRIATION: _l("Repatriation of the deceased"),
})


class HelpKind(TitledEnum):
    LEGAL = "legal"
    LANGUAGE = "language"
    HOUSING_WORK = "housing_work"
    PSYCHOLOGICAL = "psychological"
    TRANSLATION = "translation"
    FAMILIES = "families"


HELP_KIND_TITLES = titles(HelpKind, {
    HelpKind.LEGAL: _l("Legal advice"),
    HelpKind.LANGUAGE: _l("Language courses"),
    HelpKind.HOUSING_WORK: _l("Housing and employment information"),
    HelpKind.PSYCHOLOGICAL: _l("Psychological support"),
    HelpKind.TRANSLATION: _l("Translation of documents"),
    HelpKind.FAMILIES: _l("Help for families"),
})


class Situation(TitledEnum):
    UNPAID_WAGES = "unpaid_wages"
    DOCUMENTS = "documents"
    DETENTION = "detention"
    ENTRY_BAN = "entry_ban"
    ACCIDENT = "accident"
    DEATH = "death"
    RECRUITER_FRAUD = "recruiter_fraud"
    OTHER = "other"


SITUATION_TITLES = titles(Situation, {
    Situation.UNPAID_WAGES: _l("My wages were not paid"),
    Situation.DOCUMENTS: _l("My documents were lost or taken from me"),
    Situation.DETENTION: _l("Detention or deportation"),
    Situation.ENTRY_BAN: _l("Entry ban"),
    Situation.ACCIDENT: _l("Accident or illness"),
    Situation.DEATH: _l("Death and repatriation"),
    Situation.RECRUITER_FRAUD: _l("A recruiter deceived me"),
    Situation.OTHER: _l("Something else"),
})

# Which official services and which organisations' help answer each situation: an office
# is shown for a situation when it gives one of these services.
SITUATION_SERVICES: dict[Situation, tuple[Service, ...]] = {
    Situation.UNPAID_WAGES: (Service.LEGAL_ADVICE, Service.EMPLOYMENT),
    Situation.DOCUMENTS: (Service.PASSPORT, Service.RETURN_CERTIFICATE,
                          Service.CHILDREN_DOCUMENTS),
    Situation.DETENTION: (Service.LEGAL_ADVICE, Service.RETURN_CERTIFICATE,
                          Service.CONSULAR_REGISTRATION),
    Situation.ENTRY_BAN: (Service.LEGAL_ADVICE, Service.RETURNEES),
    Situation.ACCIDENT: (Service.LEGAL_ADVICE, Service.CONSULAR_REGISTRATION),
    Situation.DEATH: (Service.REPATRIATION, Service.NOTARIAL),
    Situation.RECRUITER_FRAUD: (Service.LEGAL_ADVICE, Service.EMPLOYMENT,
                                Service.PRE_DEPARTURE),
    Situation.OTHER: tuple(Service),
}
SITUATION_HELP: dict[Situation, tuple[HelpKind, ...]] = {
    Situation.UNPAID_WAGES: (HelpKind.LEGAL, HelpKind.TRANSLATION),
    Situation.DOCUMENTS: (HelpKind.LEGAL, HelpKind.TRANSLATION),
    Situation.DETENTION: (HelpKind.LEGAL, HelpKind.FAMILIES),
    Situation.ENTRY_BAN: (HelpKind.LEGAL,),
    Situation.ACCIDENT: (HelpKind.LEGAL, HelpKind.PSYCHOLOGICAL, HelpKind.FAMILIES),
    Situation.DEATH: (HelpKind.FAMILIES, HelpKind.PSYCHOLOGICAL, HelpKind.TRANSLATION),
    Situation.RECRUITER_FRAUD: (HelpKind.LEGAL, HelpKind.HOUSING_WORK),
    Situation.OTHER: tuple(HelpKind),
}
