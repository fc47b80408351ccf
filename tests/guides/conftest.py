"""Helpers for guides: form data as staff post it, and a factory of written guides."""

from datetime import date

import pytest

from diaspora_platform.guides import services


def guide_form(**overrides) -> dict:
    data = {"kind": "country", "country": "RU",
            "title_tg": "Кори қонунӣ дар Россия", "title_ru": "Легальная работа в России",
            "title_en": "Working legally in Russia",
            "summary_tg": "Пеш аз сафар ҳуҷҷатҳоро санҷед.",
            "summary_ru": "До отъезда проверьте документы.",
            "summary_en": "Check your documents before you leave."}
    data.update(overrides)
    return data


def section_form(**overrides) -> dict:
    data = {"topic": "recruiters", "source_title": "Licensed organisations, 2025",
            "source_url": "https://example.org/licences", "checked_on": "2026-11-30",
            "title_tg": "Ташкилотҳои иҷозатномадор", "title_ru": "Лицензированные организации",
            "title_en": "Licensed recruitment organisations",
            "body_tg": "29 ташкилоти иҷозатномадор.", "body_ru": "29 лицензированных организаций.",
            "body_en": "29 licensed organisations."}
    data.update(overrides)
    return data


def as_service(form: dict) -> dict:
    """What the form hands the service (the date parsed)."""
    data = dict(form)
    if isinstance(data.get("checked_on"), str):
        data["checked_on"] = date.fromisoformat(data["checked_on"])
    return data


@pytest.fixture
def staff(make_user):
    from diaspora_platform.accounts.vocabulary import Role

    return make_user(email="staff@example.org", role=Role.STAFF)


@pytest.fixture
def make_guide(staff):
    def make(published=True, sections=("recruiters",), **overrides):
        guide = services.save_guide(staff, guide_form(**overrides))
        for topic in sections:
            services.save_section(staff, guide, as_service(section_form(topic=topic)))
        if published:
            services.set_published(staff, guide, True)
        return guide

    return make
