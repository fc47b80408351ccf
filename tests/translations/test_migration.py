"""The migration folds news written in per-language columns into the author's version plus
translations, keeping every version, and the downgrade gives the columns back."""

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from diaspora_platform.community.news.models import NewsItem
from diaspora_platform.extensions import db
from tests.core.test_migrations import _fresh_url

BEFORE = "b4d2f8a6c1e3"
NOW = "2026-12-01 10:00:00+00:00"
ROWS = [  # id, title_tg, title_ru, title_en, body_tg, body_ru, body_en
    (1, "", "Только по-русски", "", "", "Текст.", ""),
    (2, "Наврӯз", "Навруз", "Navruz", "Ҷашн.", "Праздник.", "A feast."),
    (3, "", "", "English only", "", "", "Body."),
]


def _insert_old_rows() -> None:
    columns = ("id", "title_tg", "title_ru", "title_en", "body_tg", "body_ru", "body_en")
    for row in ROWS:
        values = dict(zip(columns, row, strict=True))
        db.session.execute(sa.text(
            "INSERT INTO news_items (id, category, title_tg, title_ru, title_en, body_tg, "
            "body_ru, body_en, pinned, status, submitted_at, created_at, updated_at) VALUES "
            "(:id, 'announcements', :title_tg, :title_ru, :title_en, :body_tg, :body_ru, "
            ":body_en, false, 'approved', :now, :now, :now)"), {**values, "now": NOW})
    db.session.commit()


def test_news_versions_survive_the_migration_both_ways(app_factory, database_url, tmp_path):
    app = app_factory(SQLALCHEMY_DATABASE_URI=_fresh_url(database_url, tmp_path))
    with app.app_context():
        db.drop_all()
        upgrade(revision=BEFORE)
        _insert_old_rows()
        upgrade()
        russian, three, english = (db.session.get(NewsItem, n) for n in (1, 2, 3))
        assert (russian.language, russian.title, russian.title_translations) == (
            "ru", "Только по-русски", {})
        assert three.language == "tg" and three.versions("body") == {
            "tg": "Ҷашн.", "ru": "Праздник.", "en": "A feast."}
        assert english.text_languages == ["en"] and english.body_in("tg") == "Body."
        db.session.remove()
        downgrade(revision=BEFORE)
        with db.engine.connect() as conn:
            back = conn.execute(sa.text(
                "SELECT id, title_tg, title_ru, title_en, body_tg, body_ru, body_en "
                "FROM news_items ORDER BY id")).all()
        assert [tuple(row) for row in back] == ROWS
        downgrade(revision="base")
        db.engine.dispose()
