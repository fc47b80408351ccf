"""report network

Revision ID: a7c3e5f9b1d2
Revises: e3b7d9f5a6c8
Create Date: 2026-12-07 11:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e5f9b1d2'
down_revision = 'e3b7d9f5a6c8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('moderation_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('network', sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table('moderation_reports', schema=None) as batch_op:
        batch_op.drop_column('network')
