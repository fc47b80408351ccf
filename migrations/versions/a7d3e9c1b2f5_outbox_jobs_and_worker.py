"""One durable outbox for what leaves the transaction, scheduled jobs and the worker's
heartbeat.

- outbox_messages: mail (and any other kind a sender is registered for) written in the
  same transaction as the change, delivered by the worker, parked when it keeps failing;
- outbox_sent: the idempotency keys of delivered messages (never delivered twice);
- scheduled_jobs: each job's next run, lease and last error;
- worker_heartbeats: when each worker last made a turn (/healthz).

Revision ID: a7d3e9c1b2f5
Revises: a9d3e1f7c2b4
"""
import sqlalchemy as sa
from alembic import op

import diaspora_platform.database

revision = 'a7d3e9c1b2f5'
down_revision = "a9d3e1f7c2b4"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, diaspora_platform.database.UTCDateTime(timezone=True),
                     nullable=nullable)


def upgrade():
    op.create_table(
        'outbox_messages',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('summary', sa.String(length=300), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        _when('available_at', False),
        _when('lease_until'),
        sa.Column('lease_owner', sa.String(length=100), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=True),
        _when('parked_at'),
        _when('created_at', False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('key'),
    )
    op.create_index('ix_outbox_messages_due', 'outbox_messages', ['parked_at', 'available_at'])
    op.create_index(op.f('ix_outbox_messages_parked_at'), 'outbox_messages', ['parked_at'])
    op.create_table(
        'outbox_sent',
        sa.Column('key', sa.String(length=64), nullable=False),
        _when('sent_at', False),
        sa.PrimaryKeyConstraint('key'),
    )
    op.create_index(op.f('ix_outbox_sent_sent_at'), 'outbox_sent', ['sent_at'])
    op.create_table(
        'scheduled_jobs',
        sa.Column('name', sa.String(length=64), nullable=False),
        _when('next_run_at', False),
        _when('lease_until'),
        sa.Column('lease_owner', sa.String(length=100), nullable=True),
        sa.Column('runs', sa.Integer(), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        _when('last_started_at'),
        _when('last_finished_at'),
        sa.Column('last_error', sa.Text(), nullable=True),
        _when('parked_at'),
        sa.PrimaryKeyConstraint('name'),
    )
    op.create_table(
        'worker_heartbeats',
        sa.Column('name', sa.String(length=100), nullable=False),
        _when('started_at', False),
        _when('beat_at', False),
        sa.PrimaryKeyConstraint('name'),
    )
    op.create_index(op.f('ix_worker_heartbeats_beat_at'), 'worker_heartbeats', ['beat_at'])


def downgrade():
    op.drop_index(op.f('ix_worker_heartbeats_beat_at'), table_name='worker_heartbeats')
    op.drop_table('worker_heartbeats')
    op.drop_table('scheduled_jobs')
    op.drop_index(op.f('ix_outbox_sent_sent_at'), table_name='outbox_sent')
    op.drop_table('outbox_sent')
    op.drop_index(op.f('ix_outbox_messages_parked_at'), table_name='outbox_messages')
    op.drop_index('ix_outbox_messages_due', table_name='outbox_messages')
    op.drop_table('outbox_messages')
