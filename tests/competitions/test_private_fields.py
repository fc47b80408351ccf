"""A person's entry is public content: it carries their country only while their profile
shows the country to everyone."""

from __future__ import annotations

from diaspora_platform.accounts.vocabulary import Visibility
from diaspora_platform.competitions import entries
from diaspora_platform.competitions.models import EditionState
from diaspora_platform.extensions import db
from diaspora_platform.search import registry as search_registry


def _person_entry(make_user, make_edition, visibility):
    edition = make_edition(key="best-scientist", questions="")
    scientist = make_user(country="FR", visibility_json="{}")
    scientist.visibility = {"country": visibility}
    db.session.commit()
    entrant = entries.entrants_for(scientist, edition)[0]
    entry = entries.create_entry(scientist, edition, entrant.key, {
        "title": "Glaciers of the Pamirs", "statement": "", "answers": []})
    return scientist, entry


def _published_document(entry):
    entry.edition.state = EditionState.PUBLISHED
    entry.rank = 1
    db.session.commit()
    return search_registry.get("competition-entry").document(entry)


def test_an_only_me_country_is_not_copied_into_the_entry_or_its_search_document(
        make_user, make_edition):
    _scientist, entry = _person_entry(make_user, make_edition, Visibility.PRIVATE)
    assert entry.country == ""
    assert _published_document(entry).country == ""


def test_a_public_country_goes_with_the_entry(make_user, make_edition):
    _scientist, entry = _person_entry(make_user, make_edition, Visibility.PUBLIC)
    assert entry.country == "FR"
    assert _published_document(entry).country == "FR"


def test_hiding_the_country_later_takes_it_off_the_search_document(make_user, make_edition):
    scientist, entry = _person_entry(make_user, make_edition, Visibility.PUBLIC)
    scientist.visibility = {"country": Visibility.MEMBERS}
    db.session.commit()
    assert _published_document(entry).country == ""
