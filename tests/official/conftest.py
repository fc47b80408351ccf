"""Helpers for the official network: office form data and a factory."""

import pytest

from diaspora_platform.official import services


def office_data(**overrides):
    data = {"kind": "representation", "name_tg": "Намояндагии Вазорати меҳнат",
            "name_ru": "Представительство Министерства труда",
            "name_en": "Representation of the Ministry of Labour", "country": "RU",
            "city": "Moscow", "address": "Demo street 1", "latitude": None,
            "longitude": None, "hours_tg": "", "hours_ru": "", "hours_en": "Mon–Fri 9–18",
            "phones": "+7 (000) 000-00-00", "email": "", "website": "",
            "languages": ["tg", "ru"], "services": ["legal_advice", "employment"],
            "covers_countries": [], "covers_cities": "", "note": "Demo data."}
    data.update(overrides)
    return data


def office_form(**overrides):
    """What the staff form posts (lists stay lists, None becomes empty)."""
    return {k: ("" if v is None else v) for k, v in office_data(**overrides).items()}


@pytest.fixture
def make_office(staff):
    def make(**overrides):
        return services.create_office(staff, office_data(**overrides))

    return make
