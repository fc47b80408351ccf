"""Demo entries of the official network. The institutions are real (they are named in the
State's migration documents); their phones and addresses here are illustrative, not real,
and each entry's note says so."""

from __future__ import annotations

from diaspora_platform.accounts.models import User
from diaspora_platform.database import ModerationStatus as S
from diaspora_platform.extensions import db
from diaspora_platform.official import services

DEMO_PHONE_RU, DEMO_PHONE_TJ, DEMO_PHONE_KZ = "+7 000 000-00-00", "+992 00 000 0000", \
    "+7 700 000-00-00"
# The note is one text for every reader, so the demo says it in the three languages.
NOTE = ("Маълумоти намунавӣ: рақамҳои телефон ва нишонӣ тахминӣ мебошанд, на тамосҳои "
        "воқеии муассиса. / Демонстрационные данные: телефоны и адрес условные, это не "
        "настоящие контакты учреждения. / Demo data: the phone numbers and address are "
        "illustrative, not the institution's real contacts.")
HOURS = {"hours_tg": "Душанбе–Ҷумъа, 9:00–18:00", "hours_ru": "Пн–Пт, 9:00–18:00",
         "hours_en": "Mon–Fri, 9:00–18:00"}

OFFICES = [
    dict(kind="embassy", name_tg="Сафорати Ҷумҳурии Тоҷикистон дар Федератсияи Россия",
         name_ru="Посольство Республики Таджикистан в Российской Федерации",
         name_en="Embassy of the Republic of Tajikistan in the Russian Federation",
         country="RU", city="Москва", address="Демо-адрес 1", phones=DEMO_PHONE_RU,
         languages=["tg", "ru"], services=["passport", "return_certificate",
                                           "children_documents", "consular_registration",
                                           "notarial", "repatriation"]),
    dict(kind="representation",
         name_tg="Намояндагии Вазорати меҳнат, муҳоҷират ва шуғли аҳолӣ дар Федератсияи Россия",
         name_ru="Представительство Министерства труда, миграции и занятости населения "
                 "в Российской Федерации",
         name_en="Representation of the Ministry of Labour, Migration and Employment of "
                 "Population in the Russian Federation",
         country="RU", city="Москва", address="Демо-адрес 2", phones=DEMO_PHONE_RU,
         languages=["tg", "ru"], services=["legal_advice", "employment", "returnees"],
         covers_cities="Санкт-Петербург\nКазань"),
    dict(kind="hotline", name_tg="Маркази тамоси Намояндагии Вазорати меҳнат дар Россия",
         name_ru="Колл-центр Представительства Минтруда Таджикистана в России",
         name_en="Call centre of the Ministry of Labour's Representation in Russia",
         country="RU", city="Москва", phones=DEMO_PHONE_RU, languages=["tg", "ru"],
         services=["legal_advice", "employment"]),
    dict(kind="embassy", name_tg="Сафорати Ҷумҳурии Тоҷикистон дар Ҷумҳурии Қазоқистон",
         name_ru="Посольство Республики Таджикистан в Республике Казахстан",
         name_en="Embassy of the Republic of Tajikistan in the Republic of Kazakhstan",
         country="KZ", city="Астана", address="Демо-адрес 3", phones=DEMO_PHONE_KZ,
         languages=["tg", "ru", "kk"], services=["passport", "return_certificate",
                                                 "consular_registration", "legal_advice"]),
    dict(kind="migration_centre",
         name_tg="Маркази машваратии Хадамоти муҳоҷират барои муҳоҷирони меҳнатӣ",
         name_ru="Консультационный центр Миграционной службы для трудовых мигрантов",
         name_en="Migration Service advice centre for departing and returning migrants",
         country="TJ", city="Душанбе", address="Нишонии намунавӣ 4", phones=DEMO_PHONE_TJ,
         languages=["tg", "ru"], services=["pre_departure", "employment", "returnees",
                                           "legal_advice"]),
    dict(kind="hotline", name_tg="Хати боварии Хадамоти муҳоҷират",
         name_ru="Горячая линия Миграционной службы",
         name_en="Migration Service hotline", country="TJ", city="Душанбе",
         phones=DEMO_PHONE_TJ, languages=["tg", "ru"],
         services=["legal_advice", "employment", "returnees"]),
]
# (organisation name, help kinds, verified by staff)
HELP = [("Маркази фарҳангии тоҷикон дар Маскав", ["legal", "language", "translation"], True),
        ("Tajik Community of St Petersburg", ["legal", "housing_work"], False)]


def seed(users: list, orgs: list) -> None:
    """Add the demo offices and the help two organisations declare (one verified)."""
    staff = users[1]
    for office in OFFICES:
        services.create_office(staff, {**HOURS, "note": NOTE, **office})
    by_name = {org.name: org for org in orgs if org.status == S.APPROVED}
    for name, kinds, verified in HELP:
        org = by_name.get(name)
        if org is None:
            continue
        owner = db.session.get(User, org.created_by_id)
        services.declare_help(owner, org, kinds)
        if verified:
            for item in services.declared_help(org):
                services.verify_help(staff, item)
