"""events

Revision ID: d2a6c8e4f5b7
Revises: c9e5a7b3f4d6
Create Date: 2026-11-30 13:40:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

import diaspora_platform.database  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'd2a6c8e4f5b7'
down_revision = 'c9e5a7b3f4d6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('starts_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('is_online', sa.Boolean(), nullable=False),
    sa.Column('online_url', sa.String(length=500), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('languages', sa.String(length=200), nullable=False),
    sa.Column('audience', sa.String(length=24), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('registration_deadline', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('confirmed_count', sa.Integer(), nullable=False),
    sa.Column('cancelled_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancel_reason', sa.String(length=500), nullable=True),
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
    sa.CheckConstraint('confirmed_count >= 0', name=op.f('ck_events_seats_not_negative')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_events_ends_after_start')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_events_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_events_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_events_place_id_places'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_country_start', ['country', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_events_public', ['status', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_status'), ['status'], unique=False)
    op.create_table('event_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('recipients', sa.Integer(), nullable=False),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_event_messages_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_messages_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_messages'))
    )
    with op.batch_alter_table('event_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_messages_event_id'), ['event_id'], unique=False)
    op.create_table('event_registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('queued_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('confirmed_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reminded_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_registrations_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_event_registrations_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_registrations')),
    sa.UniqueConstraint('event_id', 'user_id', name='uq_event_registrations_member')
    )
    with op.batch_alter_table('event_registrations', schema=None) as batch_op:
        batch_op.create_index('ix_event_registrations_queue', ['event_id', 'status', 'queued_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_registrations_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('event_registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_registrations_user_id'))
        batch_op.drop_index('ix_event_registrations_queue')
    op.drop_table('event_registrations')
    with op.batch_alter_table('event_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_messages_event_id'))
    op.drop_table('event_messages')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_status'))
        batch_op.drop_index('ix_events_public')
        batch_op.drop_index(batch_op.f('ix_events_organisation_id'))
        batch_op.drop_index('ix_events_country_start')
    op.drop_table('events')
