"""A nomination can be withdrawn by whoever made it while it is undecided: the moment it
was withdrawn, and who did it.

Revision ID: c4e8a2f6d1b9
Revises: 8d931a5eb2ae
"""
import sqlalchemy as sa
from alembic import op

import diaspora_platform.database

revision = 'c4e8a2f6d1b9'
down_revision = '8d931a5eb2ae'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('competition_nominations') as batch:
        batch.add_column(sa.Column('withdrawn_at', diaspora_platform.database.UTCDateTime(
            timezone=True), nullable=True))
        batch.add_column(sa.Column('withdrawn_by_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_competition_nominations_withdrawn_by_id_users', 'users', ['withdrawn_by_id'],
                                 ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('competition_nominations') as batch:
        batch.drop_constraint('fk_competition_nominations_withdrawn_by_id_users', type_='foreignkey')
        batch.drop_column('withdrawn_by_id')
        batch.drop_column('withdrawn_at')
