"""Competition editions (eligibility, rubric, questions, required attachments, results
notes) and projects with their updates get versions in three languages, in the same shape
as the other content: the author's text in the field's own column, the authoring language
in `language`, the other languages in one JSON column per field. Lists (questions,
required attachments) keep one list per language ({"ru": [...], "en": [...]}).

The language of existing rows is read from their text's letters (Tajik letters: tg, other
Cyrillic: ru, else en); a rubric's criteria take their edition's language.

Revision ID: d9e3b7c5a1f2
Revises: b3d9f2a6c8e1
"""
import re

import sqlalchemy as sa
from alembic import op

revision = 'd9e3b7c5a1f2'
down_revision = "b3d9f2a6c8e1"
branch_labels = None
depends_on = None

ADDED = {
    "competition_editions": ("eligibility", "results_notes", "questions",
                             "required_attachments"),
    "competition_criteria": ("name", "description"),
    "projects": ("title", "description"),
    "project_updates": ("title", "body"),
}
GUESSED_FROM = {"competition_editions": ("eligibility", "questions_json"),
                "projects": ("title", "description"), "project_updates": ("title", "body")}


def _guess(text: str) -> str:
    if re.search("[ғӣқӯҳҷҒӢҚӮҲҶ]", text or ""):
        return "tg"
    return "ru" if re.search("[а-яёА-ЯЁ]", text or "") else "en"


def _guess_languages(table: str, fields) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT id, {', '.join(fields)} FROM {table}")).mappings()
    for row in list(rows):
        language = _guess(" ".join(row[field] or "" for field in fields))
        if language != "tg":
            bind.execute(sa.text(f"UPDATE {table} SET language = :language WHERE id = :id"),
                         {"id": row["id"], "language": language})


# Columns are added and dropped in place (SQLite 3.35+ does both): rebuilding these
# tables, as a batch operation would, fails on the foreign keys that point at them.
def upgrade():
    op.add_column('competition_editions', sa.Column('results_notes', sa.Text(),
                                                    server_default='', nullable=False))
    for table, fields in ADDED.items():
        op.add_column(table, sa.Column('language', sa.String(length=2), server_default='tg',
                                       nullable=False))
        for field in fields:
            op.add_column(table, sa.Column(f'{field}_translations', sa.JSON(),
                                           server_default='{}', nullable=False))
    for table, fields in GUESSED_FROM.items():
        _guess_languages(table, fields)
    op.get_bind().execute(sa.text(
        "UPDATE competition_criteria SET language = (SELECT e.language FROM "
        "competition_editions e WHERE e.id = competition_criteria.edition_id)"))


def downgrade():
    for table, fields in ADDED.items():
        for field in fields:
            op.drop_column(table, f'{field}_translations')
        op.drop_column(table, 'language')
    op.drop_column('competition_editions', 'results_notes')
