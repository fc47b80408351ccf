"""PostgreSQL search: an index of each document's title words, and the index of all terms
with the type and the country beside them.

- ix_search_documents_titles, gin (ts_filter(terms, '{a}')): the terms of weight A, the
  titles'. The backend finds "every word in a title" from it alone. Before, it tested
  weighted terms ('x':A) against the index of all terms, which holds no weights: every
  row holding the words anywhere was fetched and tested, and a word common in
  descriptions but rare in names (the fallback of a query that found nothing) read the
  whole table (1.5 s at 100,000 documents).
- ix_search_documents_match, gin (terms, type, country) (btree_gin), in place of
  ix_search_documents_terms, gin (terms): a search filtered by type or country reads the
  matches of its filter only, instead of fetching every match to test its row.

The tables are the backend's (derived data, created on its first use), so the indexes are
changed only where they exist already, without blocking searches or writes
(CONCURRENTLY); a database without them gets them with them. Nothing to do on SQLite.

Revision ID: 8d931a5eb2ae
Revises: d9e3b7c5a1f2
"""
import sqlalchemy as sa
from alembic import op

revision = "8d931a5eb2ae"
down_revision = "d9e3b7c5a1f2"
branch_labels = None
depends_on = None


def _search_tables() -> bool:
    bind = op.get_bind()
    return bind.dialect.name == "postgresql" and bool(
        bind.scalar(sa.text("SELECT to_regclass('search_documents')")))


def upgrade():
    if not _search_tables():
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    with op.get_context().autocommit_block():
        op.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_search_documents_match "
                   "ON search_documents USING gin (terms, type, country) "
                   "WITH (fastupdate = off)")
        op.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_search_documents_titles "
                   "ON search_documents USING gin (ts_filter(terms, '{a}')) "
                   "WITH (fastupdate = off)")
        op.execute("DROP INDEX CONCURRENTLY IF EXISTS ix_search_documents_terms")
        op.execute("ANALYZE search_documents")  # the planner's figures for the title words


def downgrade():
    if not _search_tables():
        return
    with op.get_context().autocommit_block():
        op.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_search_documents_terms "
                   "ON search_documents USING gin (terms) WITH (fastupdate = off)")
        op.execute("DROP INDEX CONCURRENTLY IF EXISTS ix_search_documents_titles")
        op.execute("DROP INDEX CONCURRENTLY IF EXISTS ix_search_documents_match")
