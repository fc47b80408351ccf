"""projects and experts: projects, their skills, documents, updates, followers, offers
(with their skills and events), and expert profiles with their skills.

Revision ID: b8d4f6a2e3c5
Revises: a7c3e5f1d2b4
Create Date: 2026-11-30 13:40:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

import diaspora_platform.database  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'b8d4f6a2e3c5'
down_revision = 'a7c3e5f1d2b4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('expert_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('headline', sa.String(length=160), nullable=False),
    sa.Column('keywords', sa.String(length=300), nullable=False),
    sa.Column('sectors', sa.String(length=200), nullable=False),
    sa.Column('years_experience', sa.Integer(), nullable=False),
    sa.Column('languages', sa.String(length=100), nullable=False),
    sa.Column('hours_per_month', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=8), nullable=False),
    sa.Column('travel_countries', sa.String(length=200), nullable=False),
    sa.Column('cv', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=True),
    sa.Column('visibility', sa.String(length=16), nullable=False),
    sa.Column('weekly_email', sa.Boolean(), nullable=False),
    sa.Column('weekly_sent_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_expert_profiles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert_profiles')),
    sa.UniqueConstraint('user_id', name=op.f('uq_expert_profiles_user_id'))
    )
    with op.batch_alter_table('expert_profiles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expert_profiles_visibility'), ['visibility'], unique=False)

    op.create_table('expert_skills',
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('skill', sa.String(length=40), nullable=False),
    sa.Column('position', sa.SmallInteger(), nullable=False),
    sa.ForeignKeyConstraint(['expert_id'], ['expert_profiles.id'], name=op.f('fk_expert_skills_expert_id_expert_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('expert_id', 'skill', name=op.f('pk_expert_skills'))
    )
    with op.batch_alter_table('expert_skills', schema=None) as batch_op:
        batch_op.create_index('ix_expert_skills_skill', ['skill', 'expert_id'], unique=False)

    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('sector', sa.String(length=32), nullable=False),
    sa.Column('region', sa.String(length=16), nullable=False),
    sa.Column('town', sa.String(length=100), nullable=False),
    sa.Column('town_key', sa.String(length=100), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('budget_minor', sa.BigInteger(), nullable=True),
    sa.Column('budget_currency', sa.String(length=3), nullable=True),
    sa.Column('offers_until', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('contact_name', sa.String(length=120), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=False),
    sa.Column('contact_phone', sa.String(length=40), nullable=True),
    sa.Column('closed_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
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
    sa.CheckConstraint('(budget_minor IS NULL) = (budget_currency IS NULL)', name=op.f('ck_projects_budget_currency')),
    sa.CheckConstraint('budget_minor IS NULL OR budget_minor > 0', name=op.f('ck_projects_budget_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_projects_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_projects_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_projects_public', ['status', 'sector', 'region', 'stage'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_status'), ['status'], unique=False)
        batch_op.create_index('ix_projects_status_reviewed', ['status', 'reviewed_at'], unique=False)

    op.create_table('offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('hours_per_month', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=8), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decline_reason', sa.Text(), nullable=True),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('hours_per_month BETWEEN 1 AND 200', name=op.f('ck_offers_hours')),
    sa.ForeignKeyConstraint(['expert_id'], ['users.id'], name=op.f('fk_offers_expert_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_offers_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offers'))
    )
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.create_index('ix_offers_expert_status', ['expert_id', 'status'], unique=False)
        batch_op.create_index('ix_offers_expiry', ['status', 'expires_at'], unique=False)
        batch_op.create_index('ix_offers_project_status', ['project_id', 'status'], unique=False)
        batch_op.create_index('uq_offers_one_active', ['project_id', 'expert_id'], unique=True, sqlite_where=sa.text("status IN ('pending', 'accepted')"), postgresql_where=sa.text("status IN ('pending', 'accepted')"))

    op.create_table('project_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('stored_name', sa.String(length=64), nullable=False),
    sa.Column('original_name', sa.String(length=200), nullable=False),
    sa.Column('media_type', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_documents_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_documents'))
    )
    with op.batch_alter_table('project_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_documents_project_id'), ['project_id'], unique=False)

    op.create_table('project_followers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_followers_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_project_followers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_followers')),
    sa.UniqueConstraint('project_id', 'user_id', name='uq_project_followers_person')
    )
    with op.batch_alter_table('project_followers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_followers_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_followers_user_id'), ['user_id'], unique=False)

    op.create_table('project_skills',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('skill', sa.String(length=64), nullable=False),
    sa.Column('experts_needed', sa.Integer(), nullable=False),
    sa.Column('hours', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('accepted', sa.Integer(), nullable=False),
    sa.CheckConstraint('accepted >= 0 AND accepted <= experts_needed', name=op.f('ck_project_skills_accepted')),
    sa.CheckConstraint('experts_needed BETWEEN 1 AND 50', name=op.f('ck_project_skills_needed')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_skills_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_skills')),
    sa.UniqueConstraint('project_id', 'skill', name='uq_project_skills_skill')
    )
    with op.batch_alter_table('project_skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_skills_project_id'), ['project_id'], unique=False)
        batch_op.create_index('ix_project_skills_skill', ['skill'], unique=False)

    op.create_table('project_updates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('is_milestone', sa.Boolean(), nullable=False),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_project_updates_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_updates_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_updates'))
    )
    with op.batch_alter_table('project_updates', schema=None) as batch_op:
        batch_op.create_index('ix_project_updates_timeline', ['project_id', 'created_at'], unique=False)

    op.create_table('offer_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_offer_events_offer_id_offers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offer_events'))
    )
    with op.batch_alter_table('offer_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_events_offer_id'), ['offer_id'], unique=False)

    op.create_table('offer_skills',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('counted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_offer_skills_offer_id_offers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['skill_id'], ['project_skills.id'], name=op.f('fk_offer_skills_skill_id_project_skills'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offer_skills')),
    sa.UniqueConstraint('offer_id', 'skill_id', name='uq_offer_skills')
    )
    with op.batch_alter_table('offer_skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_skills_offer_id'), ['offer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offer_skills_skill_id'), ['skill_id'], unique=False)



def downgrade():
    with op.batch_alter_table('offer_skills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offer_skills_skill_id'))
        batch_op.drop_index(batch_op.f('ix_offer_skills_offer_id'))

    op.drop_table('offer_skills')
    with op.batch_alter_table('offer_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offer_events_offer_id'))

    op.drop_table('offer_events')
    with op.batch_alter_table('project_updates', schema=None) as batch_op:
        batch_op.drop_index('ix_project_updates_timeline')

    op.drop_table('project_updates')
    with op.batch_alter_table('project_skills', schema=None) as batch_op:
        batch_op.drop_index('ix_project_skills_skill')
        batch_op.drop_index(batch_op.f('ix_project_skills_project_id'))

    op.drop_table('project_skills')
    with op.batch_alter_table('project_followers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_followers_user_id'))
        batch_op.drop_index(batch_op.f('ix_project_followers_project_id'))

    op.drop_table('project_followers')
    with op.batch_alter_table('project_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_documents_project_id'))

    op.drop_table('project_documents')
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.drop_index('uq_offers_one_active', sqlite_where=sa.text("status IN ('pending', 'accepted')"), postgresql_where=sa.text("status IN ('pending', 'accepted')"))
        batch_op.drop_index('ix_offers_project_status')
        batch_op.drop_index('ix_offers_expiry')
        batch_op.drop_index('ix_offers_expert_status')

    op.drop_table('offers')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index('ix_projects_status_reviewed')
        batch_op.drop_index(batch_op.f('ix_projects_status'))
        batch_op.drop_index('ix_projects_public')
        batch_op.drop_index(batch_op.f('ix_projects_organisation_id'))

    op.drop_table('projects')
    with op.batch_alter_table('expert_skills', schema=None) as batch_op:
        batch_op.drop_index('ix_expert_skills_skill')

    op.drop_table('expert_skills')
    with op.batch_alter_table('expert_profiles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expert_profiles_visibility'))

    op.drop_table('expert_profiles')
