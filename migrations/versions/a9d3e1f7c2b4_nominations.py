"""Nominations through embassies: an edition says whether it takes nominations, whether
people may still enter themselves and whether an embassy or consulate must endorse; the
nominations table keeps who proposed whom, the person's consent and the endorsement.

Revision ID: a9d3e1f7c2b4
Revises: e5c7a9b1d3f4
"""
import sqlalchemy as sa
from alembic import op

import diaspora_platform.database

revision = 'a9d3e1f7c2b4'
down_revision = 'e5c7a9b1d3f4'
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, diaspora_platform.database.UTCDateTime(), nullable=nullable)


def upgrade():
    with op.batch_alter_table('competition_editions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('by_nomination', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('self_entry', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
        batch_op.add_column(sa.Column('endorsement_required', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
    op.create_table(
        'competition_nominations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('edition_id', sa.Integer(), nullable=False),
        sa.Column('nominee_name', sa.String(length=200), nullable=False),
        sa.Column('nominee_email', sa.String(length=254), nullable=False),
        sa.Column('nominee_user_id', sa.Integer(), nullable=True),
        sa.Column('country', sa.String(length=2), nullable=False),
        sa.Column('language', sa.String(length=2), nullable=False),
        sa.Column('statement', sa.Text(), nullable=False),
        sa.Column('nominator_id', sa.Integer(), nullable=True),
        sa.Column('organisation_id', sa.Integer(), nullable=True),
        sa.Column('nominating_office_id', sa.Integer(), nullable=True),
        sa.Column('office_id', sa.Integer(), nullable=True),
        sa.Column('client_token', sa.String(length=64), nullable=False),
        sa.Column('consent_hash', sa.String(length=64), nullable=True),
        _when('consent_expires_at'),
        sa.Column('consent', sa.String(length=12), nullable=False),
        _when('consent_at'),
        sa.Column('endorsement', sa.String(length=12), nullable=False),
        sa.Column('endorsement_note', sa.Text(), nullable=False),
        _when('endorsed_at'),
        sa.Column('endorsed_by_id', sa.Integer(), nullable=True),
        sa.Column('entry_id', sa.Integer(), nullable=True),
        _when('created_at', nullable=False),
        _when('updated_at', nullable=False),
        sa.ForeignKeyConstraint(['edition_id'], ['competition_editions.id'],
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['nominee_user_id'], ['users.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['nominator_id'], ['users.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['endorsed_by_id'], ['users.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'],
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['nominating_office_id'], ['official_bodies.id'],
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['office_id'], ['official_bodies.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['entry_id'], ['competition_entries.id'],
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('client_token'),
        sa.UniqueConstraint('consent_hash'),
        sa.UniqueConstraint('edition_id', 'nominee_email', name='uq_nominations_person'),
    )
    op.create_index('ix_competition_nominations_edition_id', 'competition_nominations',
                    ['edition_id'])
    op.create_index('ix_competition_nominations_nominator_id', 'competition_nominations',
                    ['nominator_id'])
    op.create_index('ix_competition_nominations_organisation_id', 'competition_nominations',
                    ['organisation_id'])
    op.create_index('ix_competition_nominations_entry_id', 'competition_nominations',
                    ['entry_id'])
    op.create_index('ix_nominations_office', 'competition_nominations',
                    ['office_id', 'endorsement'])


def downgrade():
    op.drop_table('competition_nominations')
    with op.batch_alter_table('competition_editions', schema=None) as batch_op:
        batch_op.drop_column('endorsement_required')
        batch_op.drop_column('self_entry')
        batch_op.drop_column('by_nomination')
