"""official network

Revision ID: 5598b63e1608
Revises: a7c3e5f9b1d2
Create Date: 2026-12-07 10:57:10.333613

"""
import sqlalchemy as sa
from alembic import op

import diaspora_platform.database

# revision identifiers, used by Alembic.
revision = '5598b63e1608'
down_revision = 'a7c3e5f9b1d2'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('official_bodies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('name_tg', sa.String(length=200), nullable=False),
    sa.Column('name_ru', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('hours_tg', sa.String(length=500), nullable=False),
    sa.Column('hours_ru', sa.String(length=500), nullable=False),
    sa.Column('hours_en', sa.String(length=500), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('city_key', sa.String(length=100), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('phones', sa.String(length=300), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('languages', sa.String(length=200), nullable=False),
    sa.Column('services', sa.String(length=400), nullable=False),
    sa.Column('covers_countries', sa.String(length=400), nullable=False),
    sa.Column('covers_cities', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=True),
    sa.Column('checked_by_id', sa.Integer(), nullable=True),
    sa.Column('archived_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['checked_by_id'], ['users.id'], name=op.f('fk_official_bodies_checked_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_official_bodies_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_official_bodies'))
    )
    with op.batch_alter_table('official_bodies', schema=None) as batch_op:
        batch_op.create_index('ix_official_bodies_public', ['archived_at', 'country', 'kind'], unique=False)

    op.create_table('organisation_help',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('declared_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('declared_by_id', sa.Integer(), nullable=True),
    sa.Column('verified_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('verified_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['declared_by_id'], ['users.id'], name=op.f('fk_organisation_help_declared_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_organisation_help_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['verified_by_id'], ['users.id'], name=op.f('fk_organisation_help_verified_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation_help')),
    sa.UniqueConstraint('organisation_id', 'kind', name='uq_organisation_help_kind')
    )
    with op.batch_alter_table('organisation_help', schema=None) as batch_op:
        batch_op.create_index('ix_organisation_help_verified', ['verified_at', 'kind'], unique=False)




def downgrade():

    with op.batch_alter_table('organisation_help', schema=None) as batch_op:
        batch_op.drop_index('ix_organisation_help_verified')

    op.drop_table('organisation_help')
    with op.batch_alter_table('official_bodies', schema=None) as batch_op:
        batch_op.drop_index('ix_official_bodies_public')

    op.drop_table('official_bodies')

