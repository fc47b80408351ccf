"""Fund campaigns declare themselves to search (search has no fund code). A campaign is
found once it leaves the draft, as its page is shown to everyone; the document holds
what that page shows everybody and never a pledger's name or the amount of a pledge."""

from __future__ import annotations

import sqlalchemy as sa

from diaspora_platform import page_cache
from diaspora_platform.extensions import db
from diaspora_platform.fund.models import Campaign, Disbursement, FundSettings, LedgerEntry, Pledge
from diaspora_platform.i18n import _l
from diaspora_platform.projects.models import Project
from diaspora_platform.search import registry as search_registry
from diaspora_platform.search.registry import Audience, Document, SearchType
from diaspora_platform.text import markdown_text
from diaspora_platform.translations import registry as translation_registry
from diaspora_platform.translations.registry import TranslatableType


def _search_document(campaign: Campaign) -> Document | None:
    """Public (not draft) campaigns for everybody; drafts for nobody."""
    if not campaign.is_public:
        return None
    project = campaign.project
    project_title = project.title if project is not None and project.status == "approved" \
        else ""
    versions = campaign.text_languages
    return Document(
        title={lang: campaign.title_in(lang) for lang in versions},
        body={lang: markdown_text(campaign.description_in(lang)) for lang in versions},
        url=f"/fund/{campaign.id}", audience=Audience.PUBLIC, languages=tuple(versions),
        keywords=" ".join(filter(None, [project_title, campaign.currency])))


search_registry.register(SearchType(key="campaign", model=Campaign, title=_l("Fund campaign"),
                                    document=_search_document))


def _campaigns_of(project: Project) -> list[int]:
    return list(db.session.scalars(sa.select(Campaign.id).where(
        Campaign.project_id == project.id)))


search_registry.register_dependents(Project, "campaign", _campaigns_of)

# Fund pages show totals from pledges and the ledger, which search does not index.
page_cache.watch(Pledge, LedgerEntry, Disbursement, FundSettings)


translation_registry.register(TranslatableType(
    key="campaign", model=Campaign, title=_l("Fund campaign"),
    url=lambda campaign: f"/fund/{campaign.id}",
    can_decide=lambda user, campaign: bool(getattr(user, "acts_as_staff", False)),
    is_public=lambda campaign: campaign.is_public,
    public_filter=lambda: Campaign.status != "draft"))


translation_registry.register(TranslatableType(
    key="bank-details", model=FundSettings, title=_l("Bank details"),
    url=lambda row: "/fund/",
    can_decide=lambda user, row: bool(getattr(user, "acts_as_staff", False)),
    is_public=lambda row: bool(row.bank_details), public_filter=lambda: FundSettings.id == 1,
    after_change=lambda row: None))
