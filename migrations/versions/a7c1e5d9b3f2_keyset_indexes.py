"""Indexes that serve the list pages' keyset seeks (sort key, then id).

- ix_fund_ledger_campaign_seek (campaign_id, id): the public ledger filtered by campaign,
  newest first (the primary key serves the unfiltered ledger; ix_fund_ledger_stream serves
  campaign + currency).
- ix_fund_ledger_currency_seek (currency, id): the ledger filtered by currency only.
- ix_organisations_by_name (status, name_key, id): /organisations/ by name without a country
  (ix_organisations_public serves it with one).
- ix_memberships_counted (organisation_id, status): the member counts of one page of
  organisations.
- ix_news_listing (status, pinned, published_at, id): /news/, pinned first then newest.
- ix_users_updated_at, ix_organisations_updated_at: the last change to a public name, which
  dates the ledger and organisation exports (their ETag) without reading either table.
- ix_organisations_name_key_by_country (country, name_key): registration's check for
  organisations with alike names reads one key range, not the whole country.

Revision ID: a7c1e5d9b3f2
Revises: 5598b63e1608
"""
from alembic import op

revision = 'a7c1e5d9b3f2'
down_revision = '5598b63e1608'
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_fund_ledger_campaign_seek", "fund_ledger", ["campaign_id", "id"]),
    ("ix_fund_ledger_currency_seek", "fund_ledger", ["currency", "id"]),
    ("ix_organisations_by_name", "organisations", ["status", "name_key", "id"]),
    ("ix_memberships_counted", "memberships", ["organisation_id", "status"]),
    ("ix_news_listing", "news_items", ["status", "pinned", "published_at", "id"]),
    ("ix_users_updated_at", "users", ["updated_at"]),
    ("ix_organisations_updated_at", "organisations", ["updated_at"]),
    ("ix_organisations_name_key_by_country", "organisations", ["country", "name_key"]),
)


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
