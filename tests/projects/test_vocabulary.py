"""The controlled vocabulary of sectors and skills."""

from flask_babel import force_locale

from diaspora_platform.projects import vocabulary

SECTORS = ("engineering", "it", "medicine", "agriculture", "energy", "finance", "law",
           "education", "tourism", "construction", "manufacturing", "research")


def test_the_twelve_sectors_in_order():
    assert tuple(vocabulary.SECTORS) == SECTORS


def test_every_sector_has_five_to_eight_skills():
    for sector in SECTORS:
        assert 5 <= len(vocabulary.skills_of_sector(sector)) <= 8, sector


def test_skill_keys_are_stable_identifiers():
    for key in vocabulary.SKILLS:
        assert key.isascii() and key == key.lower() and " " not in key and len(key) <= 40


def test_helpers(app):
    assert vocabulary.is_skill("hydrology") and not vocabulary.is_skill("Hydrology")
    assert not vocabulary.is_skill(None)
    assert vocabulary.skill_sector("hydropower") == "energy"
    assert vocabulary.unknown_skills(["gis", "magic", "surgery", "x"]) == ["magic", "x"]
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert vocabulary.skill_label("project_finance") == "Project finance"
        assert vocabulary.sector_label("it") == "Information technology"
        assert vocabulary.skill_label("retired_key") == "retired_key"  # never breaks a page


def test_skill_choices_are_grouped_by_sector_for_optgroups(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        groups = vocabulary.skill_choices()
    assert [label for label, _options in groups][:2] == ["Engineering",
                                                         "Information technology"]
    flat = [key for _label, options in groups for key, _name in options]
    assert flat == list(vocabulary.SKILLS)


def test_labels_are_translated(app):
    labels = {}
    for lang in ("ru", "tg", "en"):
        with app.test_request_context(), force_locale(lang):
            labels[lang] = vocabulary.sector_label("agriculture")
    assert labels == {"ru": "Сельское хозяйство", "tg": "Кишоварзӣ", "en": "Agriculture"}
