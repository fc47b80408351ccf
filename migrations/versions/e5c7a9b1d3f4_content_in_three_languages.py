"""Content in three languages, one mechanism: each translatable row keeps its author's
version in the field's own column, the authoring language in `language`, and the other
languages' versions in one JSON column per field (`<field>_translations`).

- news_items, fund_campaigns: their title/body (description) per-language columns are
  folded into that shape; the author's language is the first of tg, ru, en that has a
  title (every version kept).
- events, places, fund_settings (the bank details): gain the columns; the language of existing rows is read from their
  text's letters (Tajik letters: tg, other Cyrillic: ru, else en).
- translation_proposals: members' proposed versions of public texts.

Revision ID: e5c7a9b1d3f4
Revises: c7e2a9d4f1b8
"""
import re

import sqlalchemy as sa
from alembic import op

import diaspora_platform.database

revision = 'e5c7a9b1d3f4'
down_revision = 'c7e2a9d4f1b8'
branch_labels = None
depends_on = None

LANGUAGES = ("tg", "ru", "en")
FOLDED = {"news_items": ("title", "body"), "fund_campaigns": ("title", "description")}
ADDED = {"events": ("title", "description"), "places": ("name", "description"),
         "fund_settings": ("bank_details",)}


def _language_column() -> sa.Column:
    return sa.Column('language', sa.String(length=2), server_default='tg', nullable=False)


def _translations_column(field: str) -> sa.Column:
    return sa.Column(f'{field}_translations', sa.JSON(), server_default='{}', nullable=False)


def _guess(text: str) -> str:
    if re.search("[ғӣқӯҳҷҒӢҚӮҲҶ]", text or ""):
        return "tg"
    return "ru" if re.search("[а-яёА-ЯЁ]", text or "") else "en"


def _fold_rows(table: str, fields) -> None:
    """Per-language columns → author's version + language + translations."""
    bind = op.get_bind()
    old = [f"{field}_{lang}" for field in fields for lang in LANGUAGES]
    rows = bind.execute(sa.text(f"SELECT id, {', '.join(old)} FROM {table}")).mappings()
    for row in list(rows):
        first = next((lang for lang in LANGUAGES if row[f"{fields[0]}_{lang}"]), "tg")
        values = {"id": row["id"], "language": first}
        for field in fields:
            values[field] = row[f"{field}_{first}"] or ""
            values[f"{field}_translations"] = {
                lang: row[f"{field}_{lang}"] for lang in LANGUAGES
                if lang != first and row[f"{field}_{lang}"]}
        _update(table, values)


def _update(table: str, values: dict) -> None:
    """UPDATE one row by id, JSON values bound as JSON on every backend."""
    columns = [sa.column(key, sa.JSON() if key.endswith("_translations") else None)
               for key in values]
    target = sa.table(table, *columns)
    op.get_bind().execute(sa.update(target).where(target.c.id == values["id"]).values(
        {key: value for key, value in values.items() if key != "id"}))


def _unfold_rows(table: str, fields) -> None:
    bind = op.get_bind()
    columns = [sa.column(name) for name in ("id", "language", *fields)] + [
        sa.column(f"{field}_translations", sa.JSON()) for field in fields]
    source = sa.table(table, *columns)
    for row in list(bind.execute(sa.select(*source.c)).mappings()):
        values = {"id": row["id"]}
        for field in fields:
            versions = dict(row[f"{field}_translations"] or {})
            versions[row["language"]] = row[field]
            for lang in LANGUAGES:
                values[f"{field}_{lang}"] = versions.get(lang, "")
        _update(table, values)


def _guess_languages(table: str, fields) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT id, {', '.join(fields)} FROM {table}")).mappings()
    for row in list(rows):
        language = _guess(" ".join(row[field] or "" for field in fields))
        bind.execute(sa.text(f"UPDATE {table} SET language = :language WHERE id = :id"),
                     {"id": row["id"], "language": language})


# Columns are added and dropped in place (SQLite 3.35+ does both): rebuilding these
# tables, as a batch operation would, fails on the foreign keys that point at them.
def upgrade():
    for table, (first, second) in FOLDED.items():
        op.add_column(table, _language_column())
        op.add_column(table, sa.Column(first, sa.String(length=200), server_default='',
                                       nullable=False))
        op.add_column(table, sa.Column(second, sa.Text(), server_default='', nullable=False))
        op.add_column(table, _translations_column(first))
        op.add_column(table, _translations_column(second))
        _fold_rows(table, (first, second))
        for lang in LANGUAGES:
            op.drop_column(table, f'{first}_{lang}')
            op.drop_column(table, f'{second}_{lang}')
    for table, fields in ADDED.items():
        op.add_column(table, _language_column())
        for field in fields:
            op.add_column(table, _translations_column(field))
        _guess_languages(table, fields)
    users = sa.ForeignKey('users.id', ondelete='SET NULL')
    op.create_table(
        'translation_proposals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('content_type', sa.String(length=32), nullable=False),
        sa.Column('object_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=2), nullable=False),
        sa.Column('texts', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('proposer_id', sa.Integer(), users, nullable=True),
        sa.Column('decided_by_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='SET NULL'),
                  nullable=True),
        sa.Column('created_at', diaspora_platform.database.UTCDateTime(timezone=True),
                  nullable=False),
        sa.Column('decided_at', diaspora_platform.database.UTCDateTime(timezone=True),
                  nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_translation_proposals')))
    op.create_index(op.f('ix_translation_proposals_proposer_id'), 'translation_proposals',
                    ['proposer_id'])
    op.create_index('ix_translation_proposals_status', 'translation_proposals',
                    ['status', 'id'])
    op.create_index('ix_translation_proposals_target', 'translation_proposals',
                    ['content_type', 'object_id', 'status'])


def downgrade():
    op.drop_table('translation_proposals')
    for table, fields in ADDED.items():
        for field in fields:
            op.drop_column(table, f'{field}_translations')
        op.drop_column(table, 'language')
    for table, (first, second) in FOLDED.items():
        for lang in LANGUAGES:
            op.add_column(table, sa.Column(f'{first}_{lang}', sa.String(length=200),
                                           server_default='', nullable=False))
            op.add_column(table, sa.Column(f'{second}_{lang}', sa.Text(), server_default='',
                                           nullable=False))
        _unfold_rows(table, (first, second))
        for column in (f'{first}_translations', f'{second}_translations', first, second,
                       'language'):
            op.drop_column(table, column)
