"""`flask seed-demo`: fictional, multilingual demo content for a fresh database."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from diaspora_platform import audit
from diaspora_platform.accounts.models import User
from diaspora_platform.accounts.vocabulary import Role
from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db
from diaspora_platform.security import hash_password

DEMO_PASSWORD = "demo-kitob-daryo-2026"

# (email, name, language, country, city, status, region, role)
DEMO_USERS = (
    ("admin@example.org", "Фарида Раҳимова", "tg", "TJ", "Душанбе", None, "dushanbe", Role.ADMIN),
    ("staff@example.org", "Рустам Назаров", "tg", "TJ", "Душанбе", None, "sughd", Role.STAFF),
    ("zarina@example.org", "Зарина Каримова", "ru", "RU", "Москва", "labour_migrant", "sughd",
     Role.MEMBER),
    ("jamshed@example.org", "Jamshed Sharipov", "en", "GB", "London", "tajik_diaspora",
     "dushanbe", Role.MEMBER),
    ("madina@example.org", "Мадина Юсупова", "tg", "FR", "Paris", "foreign_compatriot",
     "khatlon", Role.MEMBER),
    ("alisher@example.org", "Alisher Davlatov", "ru", "DE", "Berlin", "tajik_diaspora", "gbao",
     Role.MEMBER),
    ("gulnoza@example.org", "Гулноза Саидова", "ru", "KZ", "Алматы", "labour_migrant", "drs",
     Role.MEMBER),
    ("farrukh@example.org", "Farrukh Odinaev", "en", "US", "New York", "foreign_compatriot",
     "sughd", Role.MEMBER),
    ("nilufar@example.org", "Нилуфар Мирзоева", "tg", "TJ", "Хуҷанд", "returnee", "sughd",
     Role.MEMBER),
    ("dmitry@example.org", "Дмитрий Соколов", "ru", "RU", "Санкт-Петербург", "tajik_abroad",
     None, Role.MEMBER),
    ("sarah@example.org", "Sarah Thompson", "en", "GB", "Manchester", None, None, Role.MEMBER),
)


# (owner index, status, fields) — fictional descriptions of real-sounding organisations.
DEMO_ORGANISATIONS = (
    (4, "approved", dict(
        name="Ravzana", name_tg="Равзана", name_ru="Равзана", kind="association",
        country="FR", city="Paris", founded_year=2016, languages=["tg", "fr", "ru"],
        website="https://ravzana.example.org", contact_email="contact@ravzana.example.org",
        description="Cultural association of Tajiks in **France**: Navruz celebrations, "
                    "Tajik language lessons for children and evenings of music and poetry.")),
    (5, "approved", dict(
        name="NUR Tadschikische Gesellschaft", name_tg="Ҷамъияти тоҷикони «Нур»",
        name_ru="Таджикское общество «Нур»", kind="association", country="DE",
        city="Berlin", founded_year=2016, languages=["de", "tg", "ru"],
        description="A meeting place for Tajiks in Germany: advice for newcomers, "
                    "a weekend school and cultural events.")),
    (3, "approved", dict(
        name="TajikInvest / Peshraft", name_tg="Пешрафт", kind="business_association",
        country="GB", city="London", founded_year=2011, languages=["en", "tg", "ru"],
        website="https://peshraft.example.org",
        description="Connects diaspora professionals in the UK with investment and "
                    "education projects in Tajikistan.")),
    (5, "approved", dict(
        name="Deutsch-Tadschikische Gesellschaft", name_tg="Ҷамъияти Олмону Тоҷик",
        kind="charity", country="DE", city="Bonn", founded_year=2001,
        languages=["de", "tg"],
        description="Friendship society supporting exchange, translation and charity.")),
    (2, "approved", dict(
        name="Маркази фарҳангии тоҷикон дар Маскав", name_ru="Таджикский культурный центр",
        name_en="Tajik Cultural Centre Moscow", kind="cultural_centre_operator", country="RU",
        city="Москва", founded_year=2009, languages=["tg", "ru"],
        contact_phone="+7 495 000 00 00",
        description="Курсы таджикского языка, юридические консультации для трудовых "
                    "мигрантов, праздники Навруз и День независимости.")),
    (6, "approved", dict(
        name="Иттиҳодияи донишҷӯёни тоҷик дар Алмаато", name_ru="Союз таджикских студентов",
        name_en="Tajik Students' Union Almaty", kind="student_union", country="KZ",
        city="Алматы", founded_year=2018, languages=["tg", "ru", "kk"],
        description="Помогаем студентам из Таджикистана освоиться в Казахстане.")),
    (9, "pending", dict(
        name="Tajik Community of St Petersburg", name_ru="Таджикская община Петербурга",
        kind="association", country="RU", city="Санкт-Петербург", languages=["ru", "tg"],
        description="Waiting for the Council's review.")),
    (7, "pending", dict(
        name="Равзана", kind="association", country="FR", city="Lyon", languages=["tg"],
        description="A second registration that sounds like an existing one.")),
)


# The other languages' versions of each organisation above (same order), as the form sends
# them: the author's language, then name_<lang> and description_<lang>.
ORGANISATION_VERSIONS = (
    dict(language="en",
         description_tg="Ассотсиатсияи фарҳангии тоҷикон дар **Фаронса**: ҷашнҳои Наврӯз, "
                        "дарсҳои забони тоҷикӣ барои кӯдакон ва шабҳои мусиқӣ ва шеър.",
         description_ru="Культурная ассоциация таджиков во **Франции**: праздники Навруза, "
                        "уроки таджикского языка для детей, вечера музыки и поэзии."),
    dict(language="en",
         description_tg="Маҳфили тоҷикон дар Олмон: маслиҳат барои навомадагон, мактаби "
                        "рӯзҳои истироҳат ва чорабиниҳои фарҳангӣ.",
         description_ru="Место встреч таджиков в Германии: советы новоприбывшим, школа "
                        "выходного дня и культурные мероприятия."),
    dict(language="en", name_ru="Пешрафт",
         description_tg="Мутахассисони диаспораро дар Британияи Кабир бо лоиҳаҳои "
                        "сармоягузорӣ ва маорифи Тоҷикистон мепайвандад.",
         description_ru="Связывает специалистов диаспоры в Великобритании с "
                        "инвестиционными и образовательными проектами в Таджикистане."),
    dict(language="en", name_ru="Германо-таджикское общество",
         description_tg="Ҷамъияти дӯстӣ, ки мубодила, тарҷума ва хайрияро дастгирӣ мекунад.",
         description_ru="Общество дружбы: обмены, переводы и благотворительность."),
    dict(language="tg",
         description="Курсҳои забони тоҷикӣ, машварати ҳуқуқӣ барои муҳоҷирони меҳнатӣ, "
                     "ҷашнҳои Наврӯз ва Рӯзи Истиқлол.",
         description_ru="Курсы таджикского языка, юридические консультации для трудовых "
                        "мигрантов, праздники Навруз и День независимости.",
         description_en="Tajik language courses, legal advice for labour migrants, Navruz "
                        "and Independence Day celebrations."),
    dict(language="tg",
         description="Ба донишҷӯёни аз Тоҷикистон омада дар Қазоқистон ҷо гирифтан кӯмак "
                     "мекунем.",
         description_ru="Помогаем студентам из Таджикистана освоиться в Казахстане.",
         description_en="We help students from Tajikistan settle in Kazakhstan."),
    dict(language="en"),
    dict(language="en"),
)


# (organisation index, status, fields): places run by the demo organisations.
DEMO_PLACES = (
    (0, "approved", dict(
        kind="school", variant="weekend", name="École tadjike Ravzana",
        address="12 rue de la Roquette", city="Paris", country="FR", latitude=48.8553,
        longitude=2.3735, languages=["tg", "fr"], audiences=["children"], age_min=6,
        age_max=14, schedule="Samedi 10:00–13:00", is_free=True, capacity=35,
        description="Tajik language, poetry and music for children on Saturdays.")),
    (1, "approved", dict(
        kind="library", name="Китобхонаи тоҷикӣ «Нур»", address="Karl-Marx-Straße 50",
        city="Berlin", country="DE", latitude=52.4811, longitude=13.4355,
        languages=["tg", "ru", "de"], audiences=["children", "youth", "adults"],
        schedule="Di–Fr 15:00–19:00", is_free=True,
        description="Китобҳои тоҷикӣ ва русӣ барои калонсолон ва кӯдакон.")),
    (4, "approved", dict(
        kind="course", variant="language", name="Курсы таджикского языка",
        address="ул. Новый Арбат 15", city="Москва", country="RU", latitude=55.7527,
        longitude=37.5865, languages=["tg", "ru"], audiences=["youth", "adults"],
        age_min=16, schedule="Вт и чт 19:00–21:00", is_free=False, fee_amount="3000",
        fee_currency="RUB", fee_period="месяц", capacity=20,
        description="Таджикский язык для взрослых и детей мигрантов, с нуля.")),
    (4, "approved", dict(
        kind="cultural_centre", name="Маркази фарҳангии тоҷикон", address="ул. Тверская 9",
        city="Москва", country="RU", latitude=55.7601, longitude=37.6085,
        languages=["tg", "ru"], audiences=["children", "youth", "adults"], is_free=True,
        description="Навруз, Рӯзи Истиқлол, консультации юристов по пятницам.")),
    (5, "pending", dict(
        kind="course", variant="music", name="Рубоб ва дутор", address="пр. Абая 10",
        city="Алматы", country="KZ", languages=["tg", "ru"], audiences=["youth"],
        is_free=True, description="Уроки игры на рубобе и дуторе.")),
)


# The other languages' versions of each place above (same order), as the place form sends
# them: the author's language, then name_<lang> and description_<lang>.
PLACE_VERSIONS = (
    dict(language="en", name_tg="Мактаби тоҷикии «Равзана»", name_ru="Таджикская школа «Равзана»",
         description_tg="Забони тоҷикӣ, шеър ва мусиқӣ барои кӯдакон дар рӯзҳои шанбе.",
         description_ru="Таджикский язык, поэзия и музыка для детей по субботам."),
    dict(language="tg", name_ru="Таджикская библиотека «Нур»", name_en="Nur Tajik library",
         description_ru="Книги на таджикском и русском для взрослых и детей.",
         description_en="Books in Tajik and Russian for adults and children."),
    dict(language="ru", name_tg="Курсҳои забони тоҷикӣ", name_en="Tajik language courses",
         description_tg="Забони тоҷикӣ барои калонсолон ва фарзандони муҳоҷирон, аз сифр.",
         description_en="Tajik for adults and migrants' children, from scratch."),
    dict(language="tg", name_ru="Культурный центр таджиков", name_en="Tajik cultural centre",
         description="Наврӯз, Рӯзи Истиқлол, маслиҳатҳои ҳуқуқшиносон дар рӯзҳои ҷумъа.",
         description_ru="Навруз, День независимости, консультации юристов по пятницам.",
         description_en="Navruz, Independence Day, and lawyers' advice on Fridays."),
    dict(language="ru"),
)


def seed_places(orgs: list, staff: User) -> int:
    from diaspora_platform.database import ModerationStatus
    from diaspora_platform.directory.services import create_place

    for (org_index, status, fields), versions in zip(DEMO_PLACES, PLACE_VERSIONS,
                                                     strict=True):
        fields = {**fields, **versions}
        org = orgs[org_index]
        owner = db.session.get(User, org.created_by_id)
        place = create_place(owner, org, {"fee_amount": None, "fee_currency": None,
                                          "fee_period": None, **fields})
        if status == ModerationStatus.APPROVED:
            place.status, place.reviewed_at, place.reviewed_by_id = status, utcnow(), staff.id
    db.session.commit()
    return len(DEMO_PLACES)


def seed_organisations(users: list[User]) -> list:
    from diaspora_platform.database import ModerationStatus
    from diaspora_platform.organisations.services import register_organisation

    staff = users[1]
    orgs = []
    for (owner_index, status, fields), versions in zip(DEMO_ORGANISATIONS,
                                                       ORGANISATION_VERSIONS, strict=True):
        org = register_organisation(users[owner_index], {**fields, **versions})
        if status == ModerationStatus.APPROVED:
            org.status, org.reviewed_at, org.reviewed_by_id = status, utcnow(), staff.id
        orgs.append(org)
    db.session.commit()
    return orgs


def seed_users() -> list[User]:
    password_hash = hash_password(DEMO_PASSWORD)
    users = []
    for email, name, lang, country, city, status, region, role in DEMO_USERS:
        user = User(email=email, password_hash=password_hash, display_name=name, locale=lang,
                    country=country, city=city, diaspora_status=status,
                    region_of_origin=region, role=role, confirmed_at=utcnow())
        user.visibility = {"country": "public", "city": "members",
                           "diaspora_status": "members", "region_of_origin": "private"}
        db.session.add(user)
        users.append(user)
    db.session.flush()
    admin = users[0]
    audit.record(None, "role.admin_created", admin, email=admin.email, source="seed-demo")
    audit.record(admin, "role.staff_granted", users[1], previous="member", new="staff",
                 email=users[1].email)
    return users

# (requester index, organisation name or None, fields, [(status, Council message)], reply)
DEMO_ASSISTANCE = (
    (4, "Ravzana", dict(
        kind="school", title="Мактаби якшанбеии тоҷикӣ дар Лион", country="FR", city="Lyon",
        people=35, needs=["premises", "materials", "teachers"], timeline="Сентябри 2026",
        description="Барои кӯдакони муҳоҷирон дарсҳои забони тоҷикӣ ва адабиёт рӯзҳои "
                    "шанбе. Ду муаллим ҳастанд; бино ва китобҳои дарсӣ лозиманд."),
     [("in_review", "Нақшаи шумо қабул шуд. Мо бо сафорат дар бораи бино гуфтугӯ мекунем."),
      ("in_progress", "Сафорат синфхонаро рӯзҳои шанбе медиҳад; 40 маҷмӯи китоби дарсӣ "
                      "аз Душанбе фиристода мешавад.")],
     "Ташаккур! Мо тайёрем, ки рӯйхати кӯдаконро фиристем."),
    (2, "Маркази фарҳангии тоҷикон дар Маскав", dict(
        kind="library", title="Библиотека таджикской книги при культурном центре",
        country="RU", city="Москва", people=300, needs=["materials", "premises", "legal"],
        timeline="Весна 2027",
        description="Хотим открыть читальный зал с книгами на таджикском и русском языках "
                    "для мигрантов и их детей. Нужна помощь с книгами и с договором аренды."),
     [("in_review", "Спасибо за заявку. Юрист Совета посмотрит договор аренды на этой "
                    "неделе.")],
     None),
    (3, "TajikInvest / Peshraft", dict(
        kind="course", title="Evening Tajik language course in London", country="GB",
        city="London", people=25, needs=["teachers", "funding"], timeline="January 2027",
        description="A ten-week evening course for second-generation Tajiks in London, "
                    "taught by a volunteer teacher trained through the Council."),
     [("in_review", "Thank you. We are looking for a teacher trainer."),
      ("in_progress", "A teacher from Khujand State University will train your volunteer "
                      "online in November."),
      ("fulfilled", "The course has started. Congratulations!")],
     None),
)


def seed_assistance(users: list[User]) -> int:
    from diaspora_platform.assistance import services as assistance
    from diaspora_platform.database import ModerationStatus
    from diaspora_platform.directory.models import Place
    from diaspora_platform.organisations.models import Organisation

    staff = users[1]
    for n, (index, org_name, fields, steps, reply) in enumerate(DEMO_ASSISTANCE, 1):
        requester = users[index]
        org_id = db.session.scalar(sa.select(Organisation.id).where(
            Organisation.name == org_name)) if org_name else None
        req, _created = assistance.submit_request(requester, {
            **fields, "client_token": f"demo-assistance-{n:04d}",
            "organisation_id": org_id or "", "contact_name": requester.display_name,
            "contact_email": requester.email})
        assistance.assign_request(staff, req, staff.id, None)
        for step, (status, message) in enumerate(steps, 1):
            place_id = None
            if status == "fulfilled":  # link the place that opened, if the demo has one
                place_id = db.session.scalar(sa.select(Place.id).where(
                    Place.status == ModerationStatus.APPROVED, Place.country == req.country,
                    Place.kind == req.kind).limit(1))
            assistance.change_status(staff, req, status, message, place_id=place_id,
                                     client_token=f"demo-assistance-{n:04d}-{step}")
        if reply:
            assistance.add_message(requester, req, reply, f"demo-assistance-{n:04d}-reply")
    return len(DEMO_ASSISTANCE)


# The demo edition's texts: written in Tajik, with Russian and English versions of every
# part (rules, each criterion and its guidance, questions, attachments, results notes).
DEMO_EDITION_TEXTS = {
    "language": "tg",
    "eligibility": "Марказҳои фарҳангие, ки дар феҳрист сабт ва аз ҷониби Шӯро тасдиқ "
                   "шудаанд ва онҳоро созмони тасдиқшудаи диаспора идора мекунад.",
    "criteria": "Таъсир ба ҷомеа: 40 | Чанд нафар аз кори марказ баҳра бурд ва ҳаёти онҳо "
                "чӣ гуна тағйир ёфт\n"
                "Фарогирӣ: 30 | Марказ чанд шаҳр, насл ва гурӯҳро фаро мегирад\n"
                "Устуворӣ: 30 | Оё кор бе як манбаи ягонаи маблағ идома ёфта метавонад",
    "questions": "Марказ имсол ба чӣ муваффақ шуд?\nКӣ иштирок кард?",
    "required_attachments": "Ҳисоботи солона (PDF)",
    "results_notes": "Ғолибон дар ҷамъомади Наврӯз қадрдонӣ карда мешаванд.",
    "versions": {
        "ru": {
            "eligibility": "Культурные центры, внесённые в справочник и одобренные Советом, "
                           "которыми руководит проверенная организация диаспоры.",
            "criteria": "Влияние на сообщество | Сколько людей получили пользу от работы "
                        "центра и как изменилась их жизнь\n"
                        "Охват | Сколько городов, поколений и групп охватывает центр\n"
                        "Устойчивость | Может ли работа продолжаться без единственного "
                        "источника денег",
            "questions": "Чего центр добился в этом году?\nКто принимал участие?",
            "required_attachments": "Годовой отчёт (PDF)",
            "results_notes": "Победителей чествуют на встрече в честь Навруза.",
        },
        "en": {
            "eligibility": "Cultural centres listed in the directory and approved by the "
                           "Council, run by a verified diaspora organisation.",
            "criteria": "Impact on the community | How many people benefited from the "
                        "centre's work and how their lives changed\n"
                        "Reach | How many cities, generations and groups the centre reaches\n"
                        "Sustainability | Can the work go on without a single source of money",
            "questions": "What did the centre achieve this year?\nWho took part?",
            "required_attachments": "Annual report (PDF)",
            "results_notes": "The winners are honoured at the Navruz gathering.",
        },
    },
}


def seed_competitions(users: list[User]) -> None:
    """An open edition of "Best Cultural Centre" with a rubric, one judge and one draft."""
    from datetime import timedelta

    from diaspora_platform.competitions import editions, entries, jury
    from diaspora_platform.competitions.models import Competition

    staff = users[1]
    centre = db.session.scalar(sa.select(Competition).where(
        Competition.key == "best-cultural-centre"))
    if centre is None:  # a database built without migrations (tests)
        return
    now = utcnow()
    edition = editions.save_edition(staff, centre, {
        "year": now.year, "opens_at": now - timedelta(days=7),
        "closes_at": now + timedelta(days=45), "judging_ends_at": now + timedelta(days=75),
        **DEMO_EDITION_TEXTS, "optional_attachments": 3,
        "max_entries": 1, "blind": False, "hide_jury": False, "judges_per_entry": None})
    editions.transition(staff, edition, "open")
    jury.add_judge(staff, edition, users[8].email)
    owner = users[2]
    options = entries.entrants_for(owner, edition)
    if options:
        entries.create_entry(owner, edition, options[0].key, {
            "title": "Навруз для всех", "statement": "Праздники, курсы и консультации.",
            "answers": ["Открыли библиотеку.", "Более 2000 человек."]})


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) if there are accounts.")
@with_appcontext
def seed_demo(if_empty: bool):
    """Fill an EMPTY database with demo content and print the demo logins."""
    if db.session.scalar(sa.select(sa.func.count(User.id))):
        if if_empty:
            click.echo("The database already has content; no demo content added.")
            return
        raise click.ClickException(
            "The database already has accounts; demo content is only added to an empty one.")
    users = seed_users()
    db.session.commit()
    orgs = seed_organisations(users)
    seed_places(orgs, users[1])
    seed_assistance(users)
    seed_competitions(users)
    from diaspora_platform.community import demo as community_demo
    from diaspora_platform.community.events import demo as events_demo
    from diaspora_platform.experts import demo as experts_demo
    from diaspora_platform.fund import demo as fund_demo
    from diaspora_platform.guides import demo as guides_demo
    from diaspora_platform.nominations import demo as nominations_demo
    from diaspora_platform.official import demo as official_demo
    from diaspora_platform.projects import demo as projects_demo

    for domain in (experts_demo, projects_demo, fund_demo, events_demo, community_demo,
                   official_demo, nominations_demo, guides_demo):
        domain.seed(users, orgs)
    db.session.commit()
    click.echo("Demo content created. Sign in at /account/login with any of these:")
    for user in users:
        click.echo(f"  {user.email:<24} {user.role:<7} {user.display_name}")
    click.echo(f"Password for all demo accounts: {DEMO_PASSWORD}")
    click.echo("Staff and admin accounts set up two-factor authentication at first sign-in.")
