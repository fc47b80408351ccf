"""Organisations, resources and expert profiles on the one content-in-three-languages shape
(author's version in the field's column, `language`, `<field>_translations` JSON).

- organisations, organisation_changes: the optional name_tg/name_ru/name_en columns are
  folded into `name_translations`; the author's language is read from the name's letters
  (Tajik letters: tg, other Cyrillic: ru, else en), or, when that language's column holds
  another name, the first language whose column is empty or holds the name itself.
- resources: the language the material is in moves to `material_language` (the column
  `language` now says which language the title and description are written in).
- expert_profiles: headline and CV gain their translations.

Revision ID: a4d8e2f6b9c1
Revises: a7d3e9c1b2f5
"""
import re

import sqlalchemy as sa
from alembic import op

revision = 'a4d8e2f6b9c1'
down_revision = "a7d3e9c1b2f5"
branch_labels = None
depends_on = None

LANGUAGES = ("tg", "ru", "en")
NAMED = ("organisations", "organisation_changes")
ADDED = {"resources": ("title", "description"), "expert_profiles": ("headline", "cv"),
         "organisations": ("description",)}


def _language_column() -> sa.Column:
    return sa.Column('language', sa.String(length=2), server_default='tg', nullable=False)


def _translations_column(field: str) -> sa.Column:
    return sa.Column(f'{field}_translations', sa.JSON(), server_default='{}', nullable=False)


def _guess(text: str) -> str:
    if re.search("[ғӣқӯҳҷҒӢҚӮҲҶ]", text or ""):
        return "tg"
    return "ru" if re.search("[а-яёА-ЯЁ]", text or "") else "en"


def _update(table: str, values: dict) -> None:
    """UPDATE one row by id, JSON values bound as JSON on every backend."""
    columns = [sa.column(key, sa.JSON() if key.endswith("_translations") else None)
               for key in values]
    target = sa.table(table, *columns)
    op.get_bind().execute(sa.update(target).where(target.c.id == values["id"]).values(
        {key: value for key, value in values.items() if key != "id"}))


def _author_language(name: str, versions: dict) -> str:
    guess = _guess(name)
    for lang in (guess, *LANGUAGES):
        if versions.get(lang) in (None, "", name):
            return lang
    return guess


def _fold_names(table: str) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT id, name, name_tg, name_ru, name_en FROM {table}"))
    for row in list(rows.mappings()):
        versions = {lang: row[f"name_{lang}"] for lang in LANGUAGES}
        language = _author_language(row["name"], versions)
        _update(table, {"id": row["id"], "language": language, "name_translations": {
            lang: text for lang, text in versions.items()
            if lang != language and text and text != row["name"]}})


def _unfold_names(table: str) -> None:
    source = sa.table(table, sa.column("id"), sa.column("language"),
                      sa.column("name_translations", sa.JSON()))
    for row in list(op.get_bind().execute(sa.select(*source.c)).mappings()):
        versions = row["name_translations"] or {}
        _update(table, {"id": row["id"], **{f"name_{lang}": versions.get(lang)
                                            for lang in LANGUAGES}})


def _guess_languages(table: str, fields) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT id, {', '.join(fields)} FROM {table}")).mappings()
    for row in list(rows):
        language = _guess(" ".join(row[field] or "" for field in fields))
        bind.execute(sa.text(f"UPDATE {table} SET language = :language WHERE id = :id"),
                     {"id": row["id"], "language": language})


# Columns are added, renamed and dropped in place (SQLite 3.35+ does all three): rebuilding
# these tables, as a batch operation would, fails on the foreign keys that point at them.
def upgrade():
    op.execute("ALTER TABLE resources RENAME COLUMN language TO material_language")
    for table in NAMED:
        op.add_column(table, _language_column())
        op.add_column(table, _translations_column("name"))
        _fold_names(table)
        for lang in LANGUAGES:
            op.drop_column(table, f'name_{lang}')
    for table, fields in ADDED.items():
        if table not in NAMED:
            op.add_column(table, _language_column())
        for field in fields:
            op.add_column(table, _translations_column(field))
        if table not in NAMED:
            _guess_languages(table, fields)


def downgrade():
    for table, fields in ADDED.items():
        for field in fields:
            op.drop_column(table, f'{field}_translations')
        if table not in NAMED:
            op.drop_column(table, 'language')
    for table in NAMED:
        for lang in LANGUAGES:
            op.add_column(table, sa.Column(f'name_{lang}', sa.String(length=200),
                                           nullable=True))
        _unfold_names(table)
        op.drop_column(table, 'name_translations')
        op.drop_column(table, 'language')
    op.execute("ALTER TABLE resources RENAME COLUMN material_language TO language")
