"""The public record of staff decisions, and the staff member's choice to be named on it.

- public_decisions: a hash chain of its own holding the public part of the audit log's
  decisions about public content and the fund (see diaspora_platform/decisions.py);
  filled from the next decision on.
- users.named_in_public_log: a staff member shown by name there (default: "Council staff").

Revision ID: c7e2a9d4f1b8
Revises: 45b76fb134a2
"""
import sqlalchemy as sa
from alembic import op

revision = 'c7e2a9d4f1b8'
down_revision = '45b76fb134a2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('public_decisions',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('object_type', sa.String(length=32), nullable=False),
    sa.Column('object_id', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('actor_name', sa.String(length=80), nullable=False),
    sa.Column('audit_id', sa.Integer(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_public_decisions')),
    sa.UniqueConstraint('hash', name=op.f('uq_public_decisions_hash'))
    )
    with op.batch_alter_table('public_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_public_decisions_action'), ['action'], unique=False)
    # Plain ALTER TABLE, not batch mode: on SQLite, batch mode would copy the users table,
    # and dropping the old one fails while other tables' foreign keys point to its rows.
    op.add_column('users', sa.Column('named_in_public_log', sa.Boolean(), nullable=False,
                                     server_default=sa.false()))


def downgrade():
    # A plain DROP COLUMN (SQLite 3.35+, PostgreSQL), for the same reason.
    op.execute('ALTER TABLE users DROP COLUMN named_in_public_log')
    with op.batch_alter_table('public_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_public_decisions_action'))
    op.drop_table('public_decisions')
