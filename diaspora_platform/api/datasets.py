"""The datasets the API publishes. Each names its domain's public query (what an anonymous
visitor may see: decided there, never here), the filters its web page offers, the function
that serialises a row and the schema of the result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from diaspora_platform.api import args, schemas, serialise
from diaspora_platform.database import utcnow
from diaspora_platform.i18n import LANGUAGES, _l


@dataclass(frozen=True)
class Filter:
    """One query argument: its field (type and checks) and how it narrows the query."""

    field: object
    apply: Callable


@dataclass(frozen=True)
class Dataset:
    name: str
    title: object
    description: object
    schema: type
    serialise: Callable
    public: Callable[[], sa.Select]
    model: type
    web_endpoint: str
    since: Callable | None = None  # the column `updated_since` compares
    filters: dict[str, Filter] = field(default_factory=dict)
    prepare: Callable | None = None  # turns a page of rows into what `serialise` takes
    frequency: str = "daily"
    append_only: bool = False  # rows never change: the newest row dates the whole list
    dated: bool = True  # False: figures change without a date (no Last-Modified)
    exports: tuple[str, ...] = ()  # older downloads of the same data (endpoint names)
    load: Callable | None = None  # loader options for what `serialise` reads of each row

    @property
    def id_column(self):
        return self.model.id

    def rows(self, items: list) -> list:
        return self.prepare(items) if self.prepare else items


def equals(column) -> Callable:
    return lambda stmt, value: stmt.where(column == value)


def listed(column) -> Callable:
    """A comma-separated list column contains the value."""
    return lambda stmt, value: stmt.where(sa.or_(
        column == value, column.like(f"{value},%"), column.like(f"%,{value}"),
        column.like(f"%,{value},%")))


def has_row(link, parent_id, column) -> Callable:
    """A row of a child table links to the item and holds the value (a needed skill)."""
    return lambda stmt, value: stmt.where(sa.exists().where(link == parent_id,
                                                            column == value))


def located(model, kinds) -> dict[str, Filter]:
    """The filters of a list of things somewhere: country, kind and language."""
    return {"country": Filter(args.country(), equals(model.country)),
            "kind": Filter(args.choice(_values(kinds)), equals(model.kind)),
            "language": Filter(args.code("Language code"), listed(model.languages))}


def _values(enum_cls) -> list[str]:
    return [member.value for member in enum_cls]


def _organisations() -> Dataset:
    from diaspora_platform.organisations import queries
    from diaspora_platform.organisations.models import Kind, Organisation

    return Dataset(
        "organisations", _l("Organisations"),
        _l("Approved diaspora organisations with their public contacts."),
        schemas.Organisation, serialise.organisation, queries.public, Organisation,
        "organisations.directory", since=Organisation.updated_at, filters={
            **located(Organisation, Kind),
        }, exports=("organisations.open_data_json", "organisations.open_data_csv"))


def _places() -> Dataset:
    from diaspora_platform.directory import queries
    from diaspora_platform.directory.models import Place
    from diaspora_platform.directory.vocabulary import Audience, PlaceKind

    return Dataset(
        "places", _l("Centres, schools, courses and libraries"),
        _l("Cultural and educational places abroad listed by approved organisations."),
        schemas.Place, serialise.place, queries.public, Place, "directory.browse",
        since=Place.updated_at, filters={
            **located(Place, PlaceKind),
            "audience": Filter(args.choice(_values(Audience)), listed(Place.audiences)),
        }, exports=("directory.open_data_json", "directory.open_data_csv"))


def _starting(after: bool) -> Callable:
    from diaspora_platform.community.events.models import Event

    def apply(stmt, value):
        edge = datetime.combine(value, time(), UTC)
        return stmt.where(Event.starts_at >= edge if after else Event.starts_at < edge)
    return apply


def _when(stmt, value):
    from diaspora_platform.community.events.models import Event

    now = utcnow()
    return stmt.where(Event.ends_at >= now if value == "upcoming" else Event.ends_at < now)


def _events() -> Dataset:
    from diaspora_platform.community.events import queries
    from diaspora_platform.community.events.models import Event, EventKind

    return Dataset(
        "events", _l("Events"),
        _l("Approved events of the Council and of approved organisations."),
        schemas.Event, serialise.event, queries.public, Event, "events.index",
        since=Event.updated_at, filters={
            **located(Event, EventKind),
            "online": Filter(args.flag("Only online events"), equals(Event.is_online)),
            "when": Filter(args.choice(("upcoming", "past")), _when),
            "starts_from": Filter(args.day("Starting on or after this date (UTC)"),
                                  _starting(True)),
            "starts_before": Filter(args.day("Starting before this date (UTC)"),
                                    _starting(False)),
        }, exports=("events.open_data_json", "events.open_data_csv"))


def _has_language(stmt, value):
    from diaspora_platform.community.news.models import NewsItem

    column = getattr(NewsItem, f"title_{value}")
    return stmt.where(column != "")


def _news() -> Dataset:
    from diaspora_platform.community.news import queries
    from diaspora_platform.community.news.models import NewsCategory, NewsItem

    return Dataset(
        "news", _l("News"), _l("Published news of the Council and of organisations."),
        schemas.News, serialise.news, queries.public, NewsItem, "news.index",
        since=NewsItem.updated_at, filters={
            "category": Filter(args.choice(_values(NewsCategory)),
                               equals(NewsItem.category)),
            "country": Filter(args.country(), equals(NewsItem.country)),
            "language": Filter(args.choice(LANGUAGES, "Written in this language"),
                               _has_language),
        })


def _resources() -> Dataset:
    from diaspora_platform.community.resources import queries
    from diaspora_platform.community.resources.models import (
        Level,
        Resource,
        ResourceAudience,
        ResourceKind,
    )

    return Dataset(
        "resources", _l("Educational resources"),
        _l("Approved educational materials and links."),
        schemas.Resource, serialise.resource, queries.public, Resource, "resources.index",
        since=Resource.updated_at, filters={
            "kind": Filter(args.choice(_values(ResourceKind)), equals(Resource.kind)),
            "language": Filter(args.code("Language code"), equals(Resource.material_language)),
            "audience": Filter(args.choice(_values(ResourceAudience)),
                               equals(Resource.audience)),
            "level": Filter(args.choice(_values(Level)), equals(Resource.level)),
        })


def _of_competition(stmt, value):
    from diaspora_platform.competitions.models import Competition, Edition

    return stmt.where(Edition.competition_id.in_(
        sa.select(Competition.id).where(Competition.key == value)))


def _competitions() -> Dataset:
    from diaspora_platform.competitions import queries
    from diaspora_platform.competitions.models import Edition

    return Dataset(
        "competitions", _l("Competitions"),
        _l("Editions of the Concept's competitions, with their results once published."),
        schemas.Edition, serialise.edition, queries.public_editions, Edition,
        "competitions.index", since=Edition.updated_at, filters={
            "competition": Filter(args.code("Competition key, e.g. best-school"),
                                  _of_competition),
            "year": Filter(args.year(), equals(Edition.year)),
        })


def _projects() -> Dataset:
    from diaspora_platform.accounts.vocabulary import Region
    from diaspora_platform.projects import queries, vocabulary
    from diaspora_platform.projects.models import Project, ProjectSkill, Stage

    return Dataset(
        "projects", _l("Investment projects"),
        _l("Approved projects with the skills they need and their public updates."),
        schemas.Project, serialise.project, queries.public, Project, "projects.index",
        since=Project.updated_at, load=lambda: (selectinload(Project.skills),), filters={
            "sector": Filter(args.choice(list(vocabulary.SECTORS)), equals(Project.sector)),
            "region": Filter(args.choice(_values(Region)), equals(Project.region)),
            "stage": Filter(args.choice(_values(Stage)), equals(Project.stage)),
            "skill": Filter(args.choice(list(vocabulary.SKILLS)),
                            has_row(ProjectSkill.project_id, Project.id, ProjectSkill.skill)),
        })


def _public_experts():
    from diaspora_platform.experts import services as experts
    from diaspora_platform.experts.models import ExpertProfile

    return sa.select(ExpertProfile).where(experts.visible_clause(None))


def _experts() -> Dataset:
    from diaspora_platform.experts.models import ExpertProfile, ExpertSkill
    from diaspora_platform.projects import vocabulary

    return Dataset(
        "experts", _l("Diaspora experts"),
        _l("Expert profiles their owners made public, with only the fields they made "
           "public."),
        schemas.Expert, serialise.expert, _public_experts, ExpertProfile, "experts.index",
        since=ExpertProfile.updated_at, load=lambda: (joinedload(ExpertProfile.user),),
        filters={
            "skill": Filter(args.choice(list(vocabulary.SKILLS)),
                            has_row(ExpertSkill.expert_id, ExpertProfile.id, ExpertSkill.skill)),
            "sector": Filter(args.choice(list(vocabulary.SECTORS)),
                             listed(ExpertProfile.sectors_csv)),
            "language": Filter(args.code("Language code"),
                               listed(ExpertProfile.languages_csv)),
        })


def _campaigns() -> Dataset:
    from diaspora_platform.fund import queries
    from diaspora_platform.fund.models import Campaign, CampaignStatus

    return Dataset(
        "campaigns", _l("Fund campaigns"),
        _l("Campaigns of the National Diaspora Development Fund with their totals."),
        schemas.Campaign, serialise.campaign, queries.public_campaign_select, Campaign,
        "fund.index", since=Campaign.updated_at, prepare=queries.figures, dated=False,
        filters={
            "status": Filter(args.choice([s for s in _values(CampaignStatus)
                                          if s != CampaignStatus.DRAFT]),
                             equals(Campaign.status)),
            "project": Filter(args.identifier("Project id"), equals(Campaign.project_id)),
        }, frequency="continuous")


def _ledger_rows(entries: list) -> list:
    from diaspora_platform.fund import queries

    return [queries.ledger_row(entry) for entry in entries]


def _ledger() -> Dataset:
    from diaspora_platform.fund import queries
    from diaspora_platform.fund.models import EntryKind, LedgerEntry

    return Dataset(
        "ledger", _l("The fund's public ledger"),
        _l("Every money event of the fund, hash-chained so that anyone can verify it."),
        schemas.LedgerEntry, serialise.ledger_entry, queries.public_ledger, LedgerEntry,
        "fund.ledger", since=LedgerEntry.created_at, prepare=_ledger_rows, filters={
            "campaign": Filter(args.identifier("Campaign id"),
                               equals(LedgerEntry.campaign_id)),
            "currency": Filter(args.currency(),
                               equals(LedgerEntry.currency)),
            "kind": Filter(args.choice(_values(EntryKind)), equals(LedgerEntry.kind)),
        }, frequency="continuous", append_only=True,
        exports=("fund.ledger_json", "fund.ledger_csv"))


def _decision_rows(items: list) -> list:
    from diaspora_platform.moderation import registry
    from diaspora_platform.moderation.vocabulary import REASON_TITLES

    titles = {ct.key: ct.title for ct in registry.all_types()}
    return [(item, titles, REASON_TITLES) for item in items]


def _moderation_log() -> Dataset:
    from diaspora_platform.moderation import queue
    from diaspora_platform.moderation.models import ModerationDecision

    return Dataset(
        "moderation-log", _l("Moderation log"),
        _l("Rejections, hidings and restorations, without names or content."),
        schemas.Decision, lambda row, lang: serialise.decision(row[0], lang, *row[1:]),
        queue.public_log_select, ModerationDecision, "moderation.public_log",
        since=ModerationDecision.created_at, prepare=_decision_rows, filters={
            "content_type": Filter(args.code("Content type key"),
                                   equals(ModerationDecision.content_type)),
        }, frequency="continuous", append_only=True)


BUILDERS = (_organisations, _places, _events, _news, _resources, _competitions, _projects,
            _experts, _campaigns, _ledger, _moderation_log)


def build() -> dict[str, Dataset]:
    """Every dataset, by name."""
    return {dataset.name: dataset for dataset in (make() for make in BUILDERS)}


DATASETS = build()
