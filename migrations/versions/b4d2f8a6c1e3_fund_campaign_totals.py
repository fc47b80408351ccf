"""Campaign totals stored beside the fund ledger, filled from it.

- fund_campaign_totals: per campaign and currency, the sums of the ledger's entries by kind
  (pledged, received, cancelled, matched, spent); the fund's pages read these instead of
  summing the ledger on every request.
- fund_campaign_contributors: per campaign, each member with pledges that are not
  cancelled (and how many), so the number of contributors is a count of a few rows.

Both are filled here from the existing ledger and pledges; from then on the ledger's
append keeps them, and `flask fund verify` checks them.

Revision ID: b4d2f8a6c1e3
Revises: a7c1e5d9b3f2
"""
import sqlalchemy as sa
from alembic import op

revision = 'b4d2f8a6c1e3'
down_revision = 'a7c1e5d9b3f2'
branch_labels = None
depends_on = None

KINDS = (("pledged", "pledge_recorded"), ("received", "pledge_received"),
         ("cancelled", "pledge_cancelled"), ("matched", "match_credited"),
         ("spent", "disbursement"))


def _amount(name: str) -> sa.Column:
    return sa.Column(name, sa.BigInteger(), nullable=False)


def upgrade():
    op.create_table('fund_campaign_totals',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    *(_amount(name) for name, _kind in KINDS),
    sa.ForeignKeyConstraint(['campaign_id'], ['fund_campaigns.id'], name=op.f('fk_fund_campaign_totals_campaign_id_fund_campaigns')),
    sa.PrimaryKeyConstraint('campaign_id', 'currency', name=op.f('pk_fund_campaign_totals'))
    )
    op.create_table('fund_campaign_contributors',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('pledges', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['fund_campaigns.id'], name=op.f('fk_fund_campaign_contributors_campaign_id_fund_campaigns')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_fund_campaign_contributors_user_id_users')),
    sa.PrimaryKeyConstraint('campaign_id', 'user_id', name=op.f('pk_fund_campaign_contributors'))
    )
    sums = ", ".join(f"SUM(CASE WHEN kind = '{kind}' THEN amount_minor ELSE 0 END)"
                     for _name, kind in KINDS)
    names = ", ".join(name for name, _kind in KINDS)
    op.execute(f"INSERT INTO fund_campaign_totals (campaign_id, currency, {names}) "
               f"SELECT campaign_id, currency, {sums} FROM fund_ledger "
               f"GROUP BY campaign_id, currency")
    op.execute("INSERT INTO fund_campaign_contributors (campaign_id, user_id, pledges) "
               "SELECT campaign_id, user_id, COUNT(id) FROM fund_pledges "
               "WHERE status != 'cancelled' GROUP BY campaign_id, user_id")


def downgrade():
    op.drop_table('fund_campaign_contributors')
    op.drop_table('fund_campaign_totals')
