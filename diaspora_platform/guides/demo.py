"""Demo guides: working legally in Russia, and returning home, each in three languages,
published, written through the staff's own services."""

from __future__ import annotations

from datetime import timedelta

from diaspora_platform.database import utcnow
from diaspora_platform.guides import services
from diaspora_platform.guides.demo_return import RETURN, RETURN_SECTIONS
from diaspora_platform.guides.demo_texts import RUSSIA, RUSSIA_SECTIONS
from diaspora_platform.i18n import LANGUAGES


def _flat(texts: dict) -> dict:
    """{"title": {"tg": …}} → {"title_tg": …} as the staff form sends it."""
    return {f"{field}_{lang}": by_lang.get(lang, "") for field, by_lang in texts.items()
            for lang in LANGUAGES}


def _write(staff, head: dict, sections: list, **place) -> None:
    guide = services.save_guide(staff, {**place, **_flat(head), "language": "tg"})
    for age, (topic, (source_title, source_url), texts) in enumerate(sections):
        services.save_section(staff, guide, {
            "topic": topic, "source_title": source_title, "source_url": source_url,
            "checked_on": utcnow().date() - timedelta(days=3 * age),
            "language": "tg", **_flat(texts)})
    services.set_published(staff, guide, True)


def seed(users: list, orgs: list) -> None:
    """Add the guide for Russia and the return guide, published."""
    staff = users[1]
    _write(staff, RUSSIA, RUSSIA_SECTIONS, kind="country", country="RU")
    _write(staff, RETURN, RETURN_SECTIONS, kind="return")
