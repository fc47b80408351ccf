"""Guides for working legally abroad and for returning home: a guide (title and summary
in three languages, published or not) and its sections (title and text in three
languages, a source and the day it was last checked).

Revision ID: b3d9f2a6c8e1
Revises: a4d8e2f6b9c1
"""
import sqlalchemy as sa
from alembic import op

import diaspora_platform.database

revision = 'b3d9f2a6c8e1'
down_revision = "a4d8e2f6b9c1"
branch_labels = None
depends_on = None


def _stamps():
    return [sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True),
                      nullable=False),
            sa.Column('updated_at', diaspora_platform.database.UTCDateTime(timezone=True),
                      nullable=False)]


def _versions(field: str, column_type) -> list:
    return [sa.Column(field, column_type, server_default='', nullable=False),
            sa.Column(f'{field}_translations', sa.JSON(), server_default='{}', nullable=False)]


def upgrade():
    op.create_table(
        'guides',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('country', sa.String(length=2), nullable=True),
        sa.Column('language', sa.String(length=2), server_default='tg', nullable=False),
        *_versions('title', sa.String(length=200)),
        *_versions('summary', sa.Text()),
        sa.Column('published_at', diaspora_platform.database.UTCDateTime(timezone=True),
                  nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_guides_created_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'],
                                name=op.f('fk_guides_updated_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_guides')),
    )
    op.create_index('ix_guides_published', 'guides', ['published_at', 'kind'])
    op.create_table(
        'guide_sections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('guide_id', sa.Integer(), nullable=False),
        sa.Column('topic', sa.String(length=16), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=2), server_default='tg', nullable=False),
        *_versions('title', sa.String(length=200)),
        *_versions('body', sa.Text()),
        sa.Column('source_title', sa.String(length=300), nullable=False),
        sa.Column('source_url', sa.String(length=500), nullable=False),
        sa.Column('checked_on', sa.Date(), nullable=True),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(['guide_id'], ['guides.id'],
                                name=op.f('fk_guide_sections_guide_id_guides'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'],
                                name=op.f('fk_guide_sections_updated_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_guide_sections')),
    )
    op.create_index(op.f('ix_guide_sections_guide_id'), 'guide_sections', ['guide_id'])


def downgrade():
    op.drop_index(op.f('ix_guide_sections_guide_id'), table_name='guide_sections')
    op.drop_table('guide_sections')
    op.drop_index('ix_guides_published', table_name='guides')
    op.drop_table('guides')
