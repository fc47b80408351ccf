"""The migration folds an organisation's optional names in other languages into the one
content shape without losing a name, keeps a resource's material language apart from
the language its title is written in, and the downgrade gives the columns back."""

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from diaspora_platform.community.resources.models import Resource
from diaspora_platform.extensions import db
from diaspora_platform.organisations.models import Organisation
from tests.core.test_migrations import _fresh_url

BEFORE = "e5c7a9b1d3f4"
NOW = "2026-12-01 10:00:00+00:00"
ORGS = [  # id, name, name_tg, name_ru, name_en
    (1, "Ravzana", "Равзана", "Равзана", None),
    (2, "Маркази фарҳангии тоҷикон", None, "Таджикский культурный центр", "Tajik Centre"),
    (3, "Deutsch-Tadschikische Gesellschaft", "Ҷамъияти Олмону Тоҷик", None,
     "German-Tajik Society"),
]


def _insert_old_rows() -> None:
    for org_id, name, tg, ru, en in ORGS:
        db.session.execute(sa.text(
            "INSERT INTO organisations (id, name, name_tg, name_ru, name_en, name_key, kind, "
            "country, city, city_key, description, languages, social_links, "
            "possible_duplicates, status, submitted_at, created_at, updated_at) VALUES "
            "(:id, :name, :tg, :ru, :en, 'k', 'association', 'FR', 'Paris', 'p', '', '', '', "
            "'[]', 'approved', :now, :now, :now)"),
            {"id": org_id, "name": name, "tg": tg, "ru": ru, "en": en, "now": NOW})
    db.session.execute(sa.text(
        "INSERT INTO resources (id, kind, title, description, language, audience, url, "
        "download_count, status, submitted_at, created_at, updated_at) VALUES "
        "(1, 'textbook', 'Учебник таджикского', '', 'uz', 'children', "
        "'https://example.org', 0, 'approved', :now, :now, :now)"), {"now": NOW})
    db.session.commit()


def test_organisation_names_and_resource_languages_survive_the_migration(
        app_factory, database_url, tmp_path):
    app = app_factory(SQLALCHEMY_DATABASE_URI=_fresh_url(database_url, tmp_path))
    with app.app_context():
        db.drop_all()
        upgrade(revision=BEFORE)
        _insert_old_rows()
        upgrade()
        ravzana, centre, society = (db.session.get(Organisation, n) for n in (1, 2, 3))
        assert ravzana.versions("name") == {"en": "Ravzana", "tg": "Равзана", "ru": "Равзана"}
        assert centre.language == "tg" and centre.versions("name") == {
            "tg": "Маркази фарҳангии тоҷикон", "ru": "Таджикский культурный центр",
            "en": "Tajik Centre"}
        # Latin letters but an English name of its own: the legal name takes a free slot.
        assert society.name == "Deutsch-Tadschikische Gesellschaft"
        assert society.versions("name")["en"] == "German-Tajik Society"
        resource = db.session.get(Resource, 1)
        assert (resource.material_language, resource.language) == ("uz", "ru")
        db.session.remove()
        downgrade(revision=BEFORE)
        with db.engine.connect() as conn:
            back = conn.execute(sa.text("SELECT id, name, name_tg, name_ru, name_en "
                                        "FROM organisations ORDER BY id")).all()
            language = conn.execute(sa.text("SELECT language FROM resources")).scalar()
        assert [row[:2] for row in back] == [row[:2] for row in ORGS]
        assert back[1][3:] == ("Таджикский культурный центр", "Tajik Centre")
        assert language == "uz"
        downgrade(revision="base")
        db.engine.dispose()
