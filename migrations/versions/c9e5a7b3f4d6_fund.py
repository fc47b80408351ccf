"""fund

Revision ID: c9e5a7b3f4d6
Revises: b8d4f6a2e3c5
Create Date: 2026-11-30 13:40:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

import diaspora_platform.database  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'c9e5a7b3f4d6'
down_revision = 'b8d4f6a2e3c5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('fund_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bank_details', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_fund_settings_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund_settings'))
    )
    op.create_table('fund_campaigns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title_tg', sa.String(length=200), nullable=False),
    sa.Column('title_ru', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('description_tg', sa.Text(), nullable=False),
    sa.Column('description_ru', sa.Text(), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('currencies', sa.String(length=64), nullable=False),
    sa.Column('target_minor', sa.BigInteger(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('match_sponsor', sa.String(length=200), nullable=True),
    sa.Column('match_ratio', sa.Integer(), nullable=True),
    sa.Column('match_cap_minor', sa.BigInteger(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_fund_campaigns_dates')),
    sa.CheckConstraint('target_minor > 0', name=op.f('ck_fund_campaigns_target')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_fund_campaigns_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_fund_campaigns_project_id_projects'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund_campaigns'))
    )
    with op.batch_alter_table('fund_campaigns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fund_campaigns_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fund_campaigns_status'), ['status'], unique=False)
    op.create_table('fund_disbursements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.String(length=500), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('evidence_url', sa.String(length=500), nullable=True),
    sa.Column('evidence_file', sa.String(length=64), nullable=True),
    sa.Column('evidence_media_type', sa.String(length=40), nullable=True),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('amount_minor > 0', name=op.f('ck_fund_disbursements_amount')),
    sa.ForeignKeyConstraint(['campaign_id'], ['fund_campaigns.id'], name=op.f('fk_fund_disbursements_campaign_id_fund_campaigns')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_fund_disbursements_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund_disbursements')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_fund_disbursements_idempotency_key'))
    )
    with op.batch_alter_table('fund_disbursements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fund_disbursements_campaign_id'), ['campaign_id'], unique=False)
    op.create_table('fund_pledges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('show_as', sa.String(length=16), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('message', sa.String(length=500), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reference', sa.String(length=16), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('payment_reference', sa.String(length=120), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('confirmed_by_id', sa.Integer(), nullable=True),
    sa.Column('confirmed_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancelled_by_id', sa.Integer(), nullable=True),
    sa.Column('cancelled_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancel_reason', sa.String(length=500), nullable=True),
    sa.CheckConstraint('amount_minor > 0', name=op.f('ck_fund_pledges_amount')),
    sa.ForeignKeyConstraint(['campaign_id'], ['fund_campaigns.id'], name=op.f('fk_fund_pledges_campaign_id_fund_campaigns')),
    sa.ForeignKeyConstraint(['cancelled_by_id'], ['users.id'], name=op.f('fk_fund_pledges_cancelled_by_id_users')),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['users.id'], name=op.f('fk_fund_pledges_confirmed_by_id_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_fund_pledges_organisation_id_organisations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_fund_pledges_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund_pledges')),
    sa.UniqueConstraint('reference', name=op.f('uq_fund_pledges_reference')),
    sa.UniqueConstraint('user_id', 'idempotency_key', name='uq_fund_pledges_idempotency')
    )
    with op.batch_alter_table('fund_pledges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fund_pledges_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fund_pledges_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_fund_pledges_user_id'), ['user_id'], unique=False)
    op.create_table('fund_ledger',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('pledge_id', sa.Integer(), nullable=True),
    sa.Column('disbursement_id', sa.Integer(), nullable=True),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('balance_minor', sa.BigInteger(), nullable=False),
    sa.Column('pending_minor', sa.BigInteger(), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['fund_campaigns.id'], name=op.f('fk_fund_ledger_campaign_id_fund_campaigns')),
    sa.ForeignKeyConstraint(['disbursement_id'], ['fund_disbursements.id'], name=op.f('fk_fund_ledger_disbursement_id_fund_disbursements')),
    sa.ForeignKeyConstraint(['pledge_id'], ['fund_pledges.id'], name=op.f('fk_fund_ledger_pledge_id_fund_pledges')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund_ledger')),
    sa.UniqueConstraint('hash', name=op.f('uq_fund_ledger_hash'))
    )
    with op.batch_alter_table('fund_ledger', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fund_ledger_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fund_ledger_pledge_id'), ['pledge_id'], unique=False)
        batch_op.create_index('ix_fund_ledger_stream', ['campaign_id', 'currency', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('fund_ledger', schema=None) as batch_op:
        batch_op.drop_index('ix_fund_ledger_stream')
        batch_op.drop_index(batch_op.f('ix_fund_ledger_pledge_id'))
        batch_op.drop_index(batch_op.f('ix_fund_ledger_campaign_id'))
    op.drop_table('fund_ledger')
    with op.batch_alter_table('fund_pledges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fund_pledges_user_id'))
        batch_op.drop_index(batch_op.f('ix_fund_pledges_status'))
        batch_op.drop_index(batch_op.f('ix_fund_pledges_campaign_id'))
    op.drop_table('fund_pledges')
    with op.batch_alter_table('fund_disbursements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fund_disbursements_campaign_id'))
    op.drop_table('fund_disbursements')
    with op.batch_alter_table('fund_campaigns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fund_campaigns_status'))
        batch_op.drop_index(batch_op.f('ix_fund_campaigns_project_id'))
    op.drop_table('fund_campaigns')
    op.drop_table('fund_settings')
