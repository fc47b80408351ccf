"""news resources follows

Revision ID: e3b7d9f5a6c8
Revises: d2a6c8e4f5b7
Create Date: 2026-11-30 13:40:00

"""
from alembic import op
import sqlalchemy as sa

import diaspora_platform.database  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'e3b7d9f5a6c8'
down_revision = 'd2a6c8e4f5b7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('digest_sends',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('items', sa.Integer(), nullable=False),
    sa.Column('sent_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_digest_sends_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_sends')),
    sa.UniqueConstraint('user_id', 'period', name='uq_digest_sends_period')
    )

    with op.batch_alter_table('digest_sends', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_digest_sends_user_id'), ['user_id'], unique=False)

    op.create_table('email_preferences',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('decisions', sa.Boolean(), nullable=False),
    sa.Column('registrations', sa.Boolean(), nullable=False),
    sa.Column('events', sa.Boolean(), nullable=False),
    sa.Column('news', sa.Boolean(), nullable=False),
    sa.Column('digest', sa.Boolean(), nullable=False),
    sa.Column('updated_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_email_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_email_preferences'))
    )

    op.create_table('follows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(organisation_id IS NULL) <> (country IS NULL)', name=op.f('ck_follows_one_target')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_follows_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_follows_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follows')),
    sa.UniqueConstraint('user_id', 'country', name='uq_follows_country'),
    sa.UniqueConstraint('user_id', 'organisation_id', name='uq_follows_organisation')
    )

    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.create_index('ix_follows_country', ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_follows_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follows_user_id'), ['user_id'], unique=False)

    op.create_table('news_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=24), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('title_tg', sa.String(length=200), nullable=False),
    sa.Column('title_ru', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('body_tg', sa.Text(), nullable=False),
    sa.Column('body_ru', sa.Text(), nullable=False),
    sa.Column('body_en', sa.Text(), nullable=False),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=True),
    sa.Column('published_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('submitted_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('moderation_reason', sa.String(length=32), nullable=True),
    sa.Column('moderation_note', sa.Text(), nullable=True),
    sa.Column('assigned_to_id', sa.Integer(), nullable=True),
    sa.Column('assigned_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_news_items_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_news_items_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_items'))
    )

    with op.batch_alter_table('news_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_news_items_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_news_items_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_news_items_status'), ['status'], unique=False)
        batch_op.create_index('ix_news_public', ['status', 'category', 'published_at'], unique=False)

    op.create_table('resources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('audience', sa.String(length=16), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=True),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('stored_name', sa.String(length=64), nullable=True),
    sa.Column('original_name', sa.String(length=200), nullable=True),
    sa.Column('media_type', sa.String(length=64), nullable=True),
    sa.Column('size', sa.Integer(), nullable=True),
    sa.Column('download_count', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('submitted_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('moderation_reason', sa.String(length=32), nullable=True),
    sa.Column('moderation_note', sa.Text(), nullable=True),
    sa.Column('assigned_to_id', sa.Integer(), nullable=True),
    sa.Column('assigned_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('url IS NOT NULL OR stored_name IS NOT NULL', name=op.f('ck_resources_file_or_link')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_resources_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_resources_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resources'))
    )

    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resources_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_resources_public', ['status', 'kind', 'language'], unique=False)
        batch_op.create_index(batch_op.f('ix_resources_status'), ['status'], unique=False)



def downgrade():
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resources_status'))
        batch_op.drop_index('ix_resources_public')
        batch_op.drop_index(batch_op.f('ix_resources_organisation_id'))

    op.drop_table('resources')

    with op.batch_alter_table('news_items', schema=None) as batch_op:
        batch_op.drop_index('ix_news_public')
        batch_op.drop_index(batch_op.f('ix_news_items_status'))
        batch_op.drop_index(batch_op.f('ix_news_items_published_at'))
        batch_op.drop_index(batch_op.f('ix_news_items_organisation_id'))

    op.drop_table('news_items')

    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follows_user_id'))
        batch_op.drop_index(batch_op.f('ix_follows_organisation_id'))
        batch_op.drop_index('ix_follows_country')

    op.drop_table('follows')

    op.drop_table('email_preferences')

    with op.batch_alter_table('digest_sends', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_digest_sends_user_id'))

    op.drop_table('digest_sends')
