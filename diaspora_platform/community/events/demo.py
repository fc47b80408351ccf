"""Demo content of this domain (called by `flask seed-demo`): upcoming and past events of
the demo organisations and of the Council, in Tajik, Russian and English, some with
registrations and a waitlist."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db


def _next(month: int, day: int, past: bool = False) -> date:
    """The next (or the last) such day of the year."""
    today = utcnow().date()
    this_year = date(today.year, month, day)
    if past:
        return this_year if this_year < today else this_year.replace(year=today.year - 1)
    return this_year if this_year > today else this_year.replace(year=today.year + 1)


def _at(day: date, hour: int, zone: str) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(zone))


def _in_days(days: int) -> date:
    return utcnow().date() + timedelta(days=days)


# (organisation index or None for the Council, past, fields)
def _events() -> list[tuple]:
    navruz, independence = _next(3, 21), _next(9, 9, past=True)
    return [
        (0, False, dict(
            kind="celebration", title="Наврӯз дар Париж — Navruz à Paris",
            description="Ҷашни **Наврӯз** бо суманак, мусиқии тоҷикӣ ва рақсҳо барои тамоми "
                        "оила.\n\nFête de Navruz : soumalak, musique et danses pour toute la "
                        "famille. Apportez un plat pour le dastarkhan !",
            starts_at=_at(navruz, 15, "Europe/Paris"), ends_at=_at(navruz, 20, "Europe/Paris"),
            timezone="Europe/Paris", address="12 rue de la Paix", city="Paris",
            country="FR", languages=["tg", "fr"], audience="families", capacity=120)),
        (1, False, dict(
            kind="conference", title="Конференсияи ҷавонони тоҷик дар Аврупо",
            description="Конференсия барои донишҷӯён ва мутахассисони ҷавон: таҳсил, кор ва "
                        "лоиҳаҳо барои Тоҷикистон.\n\n- Панели «Илм ва инноватсия»\n"
                        "- Мулоқот бо намояндагони Шӯрои ҳамоҳангсозӣ",
            starts_at=_at(_in_days(24), 10, "Europe/Berlin"),
            ends_at=_at(_in_days(25), 17, "Europe/Berlin"), timezone="Europe/Berlin",
            address="Alexanderplatz 1", city="Berlin", country="DE",
            languages=["tg", "de", "en"], audience="youth", capacity=80)),
        (2, False, dict(
            kind="workshop", title="Online workshop: writing a grant application",
            description="A practical two-hour workshop for diaspora organisations applying to "
                        "the National Diaspora Development Fund. Bring a draft.",
            starts_at=_at(_in_days(10), 18, "Europe/London"),
            ends_at=_at(_in_days(10), 20, "Europe/London"), timezone="Europe/London",
            is_online=True, online_url="https://meet.example.org/peshraft-grants",
            languages=["en", "ru"], audience="professionals", capacity=3)),
        (0, False, dict(
            kind="children", title="Рӯзи кӯдакон: афсонаҳои тоҷикӣ",
            description="Хондани афсонаҳои тоҷикӣ ва расмкашӣ барои кӯдакони 5–10 сола.",
            starts_at=_at(_in_days(15), 11, "Europe/Paris"),
            ends_at=_at(_in_days(15), 13, "Europe/Paris"), timezone="Europe/Paris",
            address="5 avenue Jean Jaurès", city="Lyon", country="FR", languages=["tg"],
            audience="children", capacity=25)),
        (None, False, dict(
            kind="creative_evening", title="Вечер поэзии: Рудаки и современность",
            description="Творческий вечер Координационного совета: стихи **Рудаки**, "
                        "Турсунзаде и молодых поэтов диаспоры. Онлайн-трансляция.",
            starts_at=_at(_in_days(31), 19, "Europe/Moscow"),
            ends_at=_at(_in_days(31), 21, "Europe/Moscow"), timezone="Europe/Moscow",
            address="ул. Тверская, 7", city="Москва", country="RU", languages=["ru", "tg"],
            audience="everyone", capacity=None)),
        (None, True, dict(
            kind="celebration", title="Рӯзи Истиқлолият — Independence Day",
            description="Ҷашни Рӯзи Истиқлолияти Ҷумҳурии Тоҷикистон бо ҳамватанон дар Маскав.",
            starts_at=_at(independence, 17, "Europe/Moscow"),
            ends_at=_at(independence, 21, "Europe/Moscow"), timezone="Europe/Moscow",
            address="Ленинский проспект, 16", city="Москва", country="RU",
            languages=["tg", "ru"], audience="everyone", capacity=300)),
    ]


# The other languages' versions of each event above (same order), as the event form sends
# them: the author's language, then title_<lang> and description_<lang>.
EVENT_VERSIONS = (
    dict(language="tg", title="Наврӯз дар Париж",
         title_ru="Навруз в Париже", title_en="Navruz in Paris",
         description_ru="Праздник **Навруз**: суманак, таджикская музыка и танцы для всей "
                        "семьи. Приносите блюдо к общему дастархану!",
         description_en="**Navruz** celebration with sumanak, Tajik music and dances for the "
                        "whole family. Bring a dish for the dastarkhan!"),
    dict(language="tg", title_ru="Конференция таджикской молодёжи в Европе",
         title_en="Conference of young Tajiks in Europe",
         description_ru="Конференция для студентов и молодых специалистов: учёба, работа и "
                        "проекты для Таджикистана.\n\n- Панель «Наука и инновации»\n"
                        "- Встреча с представителями Координационного совета",
         description_en="A conference for students and young professionals: study, work and "
                        "projects for Tajikistan.\n\n- Panel \"Science and innovation\"\n"
                        "- Meeting with members of the Coordination Council"),
    dict(language="en", title_tg="Семинари онлайн: навиштани дархост барои грант",
         title_ru="Онлайн-семинар: как написать заявку на грант",
         description_tg="Семинари амалии дусоата барои ташкилотҳои диаспора, ки ба Фонди "
                        "миллии рушди диаспора дархост медиҳанд. Лоиҳаи дархостатонро биёред.",
         description_ru="Практический двухчасовой семинар для организаций диаспоры, которые "
                        "подают заявку в Национальный фонд развития диаспоры. Возьмите с "
                        "собой черновик."),
    dict(language="tg", title_ru="День детей: таджикские сказки",
         title_en="Children's day: Tajik fairy tales",
         description_ru="Чтение таджикских сказок и рисование для детей 5–10 лет.",
         description_en="Reading Tajik fairy tales and drawing, for children aged 5 to 10."),
    dict(language="ru", title_tg="Шоми шеър: Рӯдакӣ ва замони мо",
         title_en="Poetry evening: Rudaki and our time",
         description_tg="Шоми эҷодии Шӯрои ҳамоҳангсозӣ: шеърҳои **Рӯдакӣ**, Турсунзода ва "
                        "шоирони ҷавони диаспора. Пахши мустақим дар интернет.",
         description_en="A creative evening of the Coordination Council: poems by **Rudaki**, "
                        "Tursunzoda and young poets of the diaspora. Streamed online."),
    dict(language="tg", title="Рӯзи Истиқлолият", title_ru="День независимости",
         title_en="Independence Day",
         description_ru="Празднование Дня независимости Республики Таджикистан с "
                        "соотечественниками в Москве.",
         description_en="Celebrating the Independence Day of the Republic of Tajikistan with "
                        "compatriots in Moscow."),
)


def seed(users: list, orgs: list) -> None:
    """Add this domain's demo content; users and orgs are the ones seed-demo created."""
    from diaspora_platform.community.events import registration, services
    from diaspora_platform.community.events.models import Event
    from diaspora_platform.moderation import services as moderation
    from diaspora_platform.organisations.queries import mine

    staff = users[1]
    made = []
    for (org_index, past, fields), versions in zip(_events(), EVENT_VERSIONS, strict=True):
        fields = {**fields, **versions}
        org = orgs[org_index] if org_index is not None else None
        author = staff
        if org is not None:
            author = next(user for user in users[2:] if any(
                o.id == org.id and role == "owner" for o, role in mine(user)))
        start, end = fields["starts_at"], fields["ends_at"]
        if past:  # the service accepts only future events: move it back afterwards
            fields = {**fields, "starts_at": utcnow() + timedelta(days=1),
                      "ends_at": utcnow() + timedelta(days=1, hours=4)}
        data = {"online_url": "", "address": "", "city": "", "country": "", "place_id": "",
                "is_online": False, "registration_deadline": None, **fields}
        event = services.create_event(author, org, data)
        moderation.decide(staff, event, "approve")
        if past:
            event.starts_at, event.ends_at = start, end
            db.session.commit()
        made.append(event)
    members = users[2:]
    for event in made[:3]:
        for member in members[:5]:
            registration.register(member, db.session.get(Event, event.id))
