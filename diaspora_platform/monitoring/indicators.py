"""The indicators of the monitoring report: what each counts, how its groups are named and
which list shows what it counts. plan.json says which measure of the Plan each serves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for

from diaspora_platform.accounts.models import User
from diaspora_platform.assistance.models import STATUS_TITLES, AssistanceRequest, Status
from diaspora_platform.community.events.models import (
    EVENT_KIND_TITLES,
    Event,
    Registration,
    RegistrationStatus,
)
from diaspora_platform.community.news.models import CATEGORY_TITLES, NewsItem
from diaspora_platform.community.resources.models import KIND_TITLES, Resource
from diaspora_platform.competitions.models import Edition, Entry, Judge
from diaspora_platform.database import ModerationStatus
from diaspora_platform.directory.models import Place
from diaspora_platform.directory.vocabulary import PLACE_KIND_TITLES
from diaspora_platform.fund.models import Campaign, CampaignStatus, EntryKind, LedgerEntry
from diaspora_platform.i18n import _l, country_name
from diaspora_platform.moderation.models import ModerationDecision
from diaspora_platform.monitoring import names
from diaspora_platform.monitoring.counting import (
    Count,
    Durations,
    seconds_between,
    stored_seconds,
)
from diaspora_platform.organisations.models import Organisation
from diaspora_platform.projects.models import Offer, OfferStatus, Project
from diaspora_platform.projects.vocabulary import sector_label
from diaspora_platform.statistics.queries import counted_member, public_country

COUNT, MONEY, DURATION, HOURS = "count", "money", "duration", "hours"


@dataclass(frozen=True)
class Indicator:
    key: str
    title: object  # lazy translated string
    source: Count | Durations
    breakdown: object = None  # what the groups are (lazy string); None: one total
    label: Callable[[tuple], str] = lambda key: ""
    link: Callable[[tuple], str | None] = lambda key: None
    unit: str = COUNT
    personal: bool = False  # counts of people: small ones are suppressed


def _titled(titles) -> Callable[[tuple], str]:
    return lambda key: str(titles.get(key[0], key[0]))


def _country(key: tuple) -> str:
    return country_name(key[0]) if key[0] else ""


def _link(endpoint: str, arg: str | None = None) -> Callable[[tuple], str]:
    return lambda key: url_for(endpoint, **({arg: key[0]} if arg and key[0] else {}))


def _approved(model):
    return model.status == ModerationStatus.APPROVED


def _ledger(kind: EntryKind) -> Count:
    return Count(LedgerEntry, LedgerEntry.created_at,
                 (LedgerEntry.campaign_id, LedgerEntry.currency),
                 (LedgerEntry.kind == kind.value,), total=LedgerEntry.amount_minor)


def _ledger_link(key: tuple) -> str:
    return url_for("fund.ledger", campaign=key[0], currency=key[1])


_BY_COUNTRY, _BY_KIND, _BY_COMPETITION = _l("Country"), _l("Kind"), _l("Competition")
_BY_SECTOR, _BY_CAMPAIGN = _l("Sector"), _l("Campaign and currency")
_BY_CONTENT = _l("Content type")
_competition = {"label": names.competition, "link": names.competition_link,
                "breakdown": _BY_COMPETITION}
_sector = {"label": lambda key: sector_label(key[0]), "breakdown": _BY_SECTOR,
           "link": _link("projects.index", "sector")}
_fund = {"label": names.campaign, "link": _ledger_link, "breakdown": _BY_CAMPAIGN,
         "unit": MONEY}
_moderation = {"label": names.content_type, "breakdown": _BY_CONTENT,
               "link": _link("moderation.public_log"), "unit": DURATION}
_edition = ((Edition, Entry.edition_id == Edition.id),)
_offer_project = ((Project, Offer.project_id == Project.id),)
_accepted = (Offer.status == OfferStatus.ACCEPTED.value,)

INDICATORS = (
    Indicator("campaigns_opened", _l("Fund campaigns opened"),
              Count(Campaign, Campaign.starts_on,
                    where=(Campaign.status != CampaignStatus.DRAFT.value,)),
              link=_link("fund.index")),
    Indicator("fund_pledged", _l("Pledged to the Fund"), _ledger(EntryKind.PLEDGE_RECORDED),
              **_fund),
    Indicator("fund_received", _l("Received by the Fund"),
              _ledger(EntryKind.PLEDGE_RECEIVED), **_fund),
    Indicator("fund_matched", _l("Matched by sponsors"), _ledger(EntryKind.MATCH_CREDITED),
              **_fund),
    Indicator("fund_disbursed", _l("Disbursed by the Fund"), _ledger(EntryKind.DISBURSEMENT),
              **_fund),
    Indicator("organisations_registered", _l("Organisations registered"),
              Count(Organisation, Organisation.created_at, (Organisation.country,)),
              _BY_COUNTRY, _country, _link("organisations.directory", "country")),
    Indicator("organisations_verified", _l("Organisations verified"),
              Count(Organisation, Organisation.reviewed_at, (Organisation.country,),
                    (_approved(Organisation),)),
              _BY_COUNTRY, _country, _link("organisations.directory", "country")),
    Indicator("members_joined", _l("Members who joined (by the country they made public)"),
              Count(User, User.created_at, (User.country,),
                    (counted_member(), public_country())),
              _BY_COUNTRY, _country, lambda key: url_for("statistics.world_map",
                                                         measure="members"),
              personal=True),
    Indicator("news_published", _l("News published"),
              Count(NewsItem, NewsItem.published_at, (NewsItem.category,),
                    (_approved(NewsItem),)),
              _l("Category"), _titled(CATEGORY_TITLES), _link("news.index", "category")),
    Indicator("moderation_decisions", _l("Moderation decisions"),
              Count(ModerationDecision, ModerationDecision.created_at,
                    (ModerationDecision.content_type,)),
              **{**_moderation, "unit": COUNT}),
    Indicator("moderation_wait_median", _l("Median wait for a moderation decision"),
              Durations(ModerationDecision, ModerationDecision.created_at, stored_seconds,
                        (ModerationDecision.waited_seconds,),
                        (ModerationDecision.content_type,)), **_moderation),
    Indicator("moderation_wait_longest", _l("Longest wait for a moderation decision"),
              Durations(ModerationDecision, ModerationDecision.created_at, stored_seconds,
                        (ModerationDecision.waited_seconds,),
                        (ModerationDecision.content_type,), reduce=max), **_moderation),
    Indicator("events_held", _l("Events held"),
              Count(Event, Event.starts_at, (Event.kind,),
                    (_approved(Event), Event.cancelled_at.is_(None))),
              _BY_KIND, _titled(EVENT_KIND_TITLES), _link("events.index", "kind")),
    Indicator("event_attendance", _l("Confirmed attendance at events held"),
              Count(Registration, Event.starts_at, (Event.kind,),
                    (Registration.status == RegistrationStatus.CONFIRMED.value,
                     _approved(Event), Event.cancelled_at.is_(None)),
                    ((Event, Registration.event_id == Event.id),)),
              _BY_KIND, _titled(EVENT_KIND_TITLES), _link("events.index", "kind"),
              personal=True),
    Indicator("editions_opened", _l("Competition editions opened"),
              Count(Edition, Edition.opens_at, (Edition.competition_id,)), **_competition),
    Indicator("entries_submitted", _l("Competition entries submitted"),
              Count(Entry, Entry.submitted_at, (Edition.competition_id,),
                    (Entry.withdrawn_at.is_(None),), _edition),
              personal=True, **_competition),
    Indicator("jurors_appointed", _l("Judges appointed"),
              Count(Judge, Judge.added_at, (Edition.competition_id,),
                    joins=((Edition, Judge.edition_id == Edition.id),)),
              personal=True, **_competition),
    Indicator("winners_announced", _l("Winners and commended entries announced"),
              Count(Entry, Edition.published_at, (Edition.competition_id,),
                    (sa.or_(Entry.award.is_not(None), Entry.commended.is_(True)),), _edition),
              **_competition),
    Indicator("places_listed", _l("Centres, schools, courses and libraries listed"),
              Count(Place, Place.reviewed_at, (Place.kind,), (_approved(Place),)),
              _BY_KIND, _titled(PLACE_KIND_TITLES), _link("directory.browse", "kind")),
    Indicator("help_requests", _l("Requests for help to open a place (by status today)"),
              Count(AssistanceRequest, AssistanceRequest.created_at,
                    (AssistanceRequest.status,)),
              _l("Status"), _titled(STATUS_TITLES),
              _link("assistance.staff_dashboard", "status")),
    Indicator("help_fulfilment_days", _l("Median time from request to opening"),
              Durations(AssistanceRequest, AssistanceRequest.status_changed_at,
                        seconds_between,
                        (AssistanceRequest.created_at, AssistanceRequest.status_changed_at),
                        (AssistanceRequest.kind,),
                        (AssistanceRequest.status == Status.FULFILLED.value,)),
              _BY_KIND, _titled(PLACE_KIND_TITLES),
              lambda key: url_for("assistance.staff_dashboard", status="fulfilled"),
              unit=DURATION),
    Indicator("projects_published", _l("Investment projects published"),
              Count(Project, Project.reviewed_at, (Project.sector,), (_approved(Project),)),
              **_sector),
    Indicator("offers_made", _l("Expert offers made"),
              Count(Offer, Offer.created_at, (Project.sector,), joins=_offer_project),
              personal=True, **_sector),
    Indicator("offers_accepted", _l("Expert offers accepted"),
              Count(Offer, Offer.decided_at, (Project.sector,), _accepted, _offer_project),
              personal=True, **_sector),
    Indicator("hours_pledged", _l("Expert hours a month pledged in accepted offers"),
              Count(Offer, Offer.decided_at, (Project.sector,), _accepted, _offer_project,
                    total=Offer.hours_per_month),
              unit=HOURS, **_sector),
    Indicator("resources_published", _l("Educational resources published"),
              Count(Resource, Resource.reviewed_at, (Resource.kind,), (_approved(Resource),)),
              _BY_KIND, _titled(KIND_TITLES), _link("resources.index", "kind")),
)
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
