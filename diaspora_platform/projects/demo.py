"""Demo content of this domain (called by `flask seed-demo`): projects of the demo
organisations and of the Council, approved, with needed skills, progress updates and
followers; expert profiles for a few members (unless they have one) and their offers,
one of them accepted so that its skill shows filled. Fictional, in tg, ru and en."""

from __future__ import annotations

from datetime import timedelta

from diaspora_platform.content_i18n import guess_language
from diaspora_platform.moderation import services as moderation
from diaspora_platform.projects import offers, services, updates
from diaspora_platform.projects.queries import today


def _skills(*rows) -> list[dict]:
    return [{"skill": skill, "experts_needed": needed, "hours": hours}
            for skill, needed, hours in rows]


# (organisation index or None for the Council, days left for offers, fields)
DEMO_PROJECTS = (
    (2, 45, dict(
        title="Drip irrigation for the apricot orchards of Isfara", sector="agriculture",
        region="sughd", town="Isfara", stage="feasibility", budget_amount="420000",
        budget_currency="USD", contact_name="Jamshed Sharipov",
        contact_email="projects@peshraft.example.org", contact_phone="+44 20 7946 0000",
        description="Farmers' cooperatives in Isfara lose up to **40 %** of their water "
                    "to open channels. We are preparing a feasibility study for drip "
                    "irrigation on 180 ha of apricot orchards, with a small pumping "
                    "station powered by solar panels.\n\n- soil and water survey\n"
                    "- design of the network\n- financing plan for the cooperatives",
        skills=_skills(("irrigation", 1, 120), ("project_finance", 1, 60),
                       ("solar_energy", 1, 40)))),
    (0, 30, dict(
        title="Маркази IT барои ҷавонон дар Хоруғ", sector="it", region="gbao",
        town="Хоруғ", stage="financing", budget_amount="85000", budget_currency="EUR",
        contact_name="Мадина Юсупова", contact_email="it-khorog@ravzana.example.org",
        description="Дар Хоруғ синфхонаи компютерӣ бо интернети устувор ва курсҳои "
                    "барномасозӣ барои ҷавонони 15–25-сола кушодан мехоҳем. Бино аз "
                    "ҷониби ҳукумати шаҳр дода шудааст; таҷҳизот ва барномаи таълимӣ "
                    "лозим аст.",
        skills=_skills(("software_development", 2, 80), ("curriculum_design", 1, 40),
                       ("network_administration", 1, 30)))),
    (4, 60, dict(
        title="Реконструкция поликлиники в Кулябе", sector="medicine", region="khatlon",
        town="Куляб", stage="implementation", budget_amount="1200000",
        budget_currency="TJS", contact_name="Зарина Каримова",
        contact_email="zdorovie@tcc-moscow.example.org", contact_phone="+7 495 000 00 01",
        description="Диаспора в Москве собрала средства на ремонт районной поликлиники. "
                    "Нужны специалисты по медицинскому оборудованию и по сейсмостойкому "
                    "проектированию: здание 1974 года.",
        skills=_skills(("medical_equipment", 1, 50), ("seismic_design", 1, 60),
                       ("construction_management", 1, 100)))),
    (None, 90, dict(
        title="Small hydropower for mountain villages of Rasht", sector="energy",
        region="drs", town="Gharm", stage="idea", budget_amount=None, budget_currency="",
        contact_name="Рустам Назаров", contact_email="energy@council.example.org",
        description="The Coordination Council looks for diaspora engineers to assess "
                    "sites for micro hydropower stations (50–200 kW) that would give "
                    "villages in the Rasht valley electricity in winter.",
        skills=_skills(("hydropower", 2, 60), ("hydrology", 1, 40),
                       ("power_grids", 1, 20)))),
    (1, 20, dict(
        title="Гостевые дома на Памирском тракте", sector="tourism", region="gbao",
        town="Мургаб", stage="idea", budget_amount="60000", budget_currency="EUR",
        contact_name="Alisher Davlatov", contact_email="guesthouses@nur.example.org",
        description="Сеть из пяти семейных гостевых домов между Хорогом и Мургабом: "
                    "стандарты гостеприимства, онлайн-бронирование, маркетинг в Европе.",
        skills=_skills(("hospitality", 1, 40), ("destination_marketing", 1, 30)))),
)

# The other languages' versions of each demo project's title and description; the
# guesthouses have no Tajik version yet, so Tajik readers see the note and can propose one.
DEMO_VERSIONS = (
    {"ru": ("Капельное орошение абрикосовых садов Исфары",
            "Фермерские кооперативы Исфары теряют до **40 %** воды в открытых каналах. Мы "
            "готовим технико-экономическое обоснование капельного орошения на 180 га "
            "абрикосовых садов с небольшой насосной станцией на солнечных панелях.\n\n"
            "- обследование почвы и воды\n- проект сети\n"
            "- план финансирования для кооперативов"),
     "tg": ("Обёрии қатрагӣ барои боғҳои зардолуи Исфара",
            "Кооперативҳои деҳқонии Исфара то **40 %**-и обро дар каналҳои кушод аз даст "
            "медиҳанд. Мо асосноккунии техникию иқтисодии обёрии қатрагиро барои 180 га "
            "боғи зардолу бо истгоҳи хурди насосии офтобӣ омода мекунем.\n\n"
            "- таҳқиқи хок ва об\n- тарҳи шабака\n- нақшаи маблағгузорӣ барои кооперативҳо")},
    {"ru": ("IT-центр для молодёжи в Хороге",
            "В Хороге мы хотим открыть компьютерный класс с устойчивым интернетом и курсами "
            "программирования для молодёжи 15–25 лет. Здание предоставил хукумат города; "
            "нужны оборудование и учебная программа."),
     "en": ("An IT centre for young people in Khorog",
            "We want to open a computer classroom in Khorog with a stable internet "
            "connection and programming courses for young people aged 15–25. The town "
            "administration has provided the building; equipment and a curriculum are "
            "needed.")},
    {"tg": ("Таҷдиди дармонгоҳ дар Кӯлоб",
            "Диаспора дар Маскав барои таъмири дармонгоҳи ноҳиявӣ маблағ ҷамъ овард. "
            "Мутахассисони таҷҳизоти тиббӣ ва тарҳрезии ба заминҷунбӣ тобовар лозиманд: "
            "бино соли 1974 сохта шудааст."),
     "en": ("Rebuilding the polyclinic in Kulob",
            "The diaspora in Moscow has raised funds to repair the district polyclinic. We "
            "need specialists in medical equipment and in earthquake-resistant design: the "
            "building dates from 1974.")},
    {"ru": ("Малые ГЭС для горных сёл Рашта",
            "Координационный совет ищет инженеров из диаспоры, чтобы оценить площадки для "
            "микро-ГЭС (50–200 кВт), которые дали бы сёлам Раштской долины электричество "
            "зимой."),
     "tg": ("Нерӯгоҳҳои хурди барқи обӣ барои деҳаҳои кӯҳии Рашт",
            "Шӯрои ҳамоҳангсозӣ муҳандисони диаспораро меҷӯяд, то ҷойҳоро барои "
            "нерӯгоҳҳои хурди барқи обӣ (50–200 кВт) арзёбӣ кунанд, ки ба деҳаҳои водии "
            "Рашт дар зимистон барқ диҳанд.")},
    {"en": ("Guesthouses on the Pamir Highway",
            "A network of five family guesthouses between Khorog and Murghab: hospitality "
            "standards, online booking, marketing in Europe.")},
)
LANGUAGE_OF = ("en", "tg", "ru", "en", "ru")

# (project index, title, text, milestone)
DEMO_UPDATES = (
    (0, "Water survey finished", "Samples from 12 wells; water is fit for drip lines.", True),
    (0, "Meeting with the cooperatives", "Three cooperatives signed letters of intent.",
     False),
    (2, "Смета утверждена", "Хукумат района согласовал смету и график работ.", True),
    (1, "Бино тайёр аст", "Таъмири синфхона анҷом ёфт; акнун таҷҳизот лозим.", False),
)
# The updates' other languages, in the order of DEMO_UPDATES.
DEMO_UPDATE_VERSIONS = (
    {"ru": ("Обследование воды завершено",
            "Пробы из 12 скважин: вода пригодна для капельных линий."),
     "tg": ("Таҳқиқи об анҷом ёфт", "Намунаҳо аз 12 чоҳ: об барои хатҳои қатрагӣ мувофиқ аст.")},
    {"ru": ("Встреча с кооперативами", "Три кооператива подписали письма о намерениях."),
     "tg": ("Вохӯрӣ бо кооперативҳо", "Се кооператив мактубҳои ниятро имзо карданд.")},
    {"tg": ("Смета тасдиқ шуд", "Ҳукумати ноҳия смета ва ҷадвали корҳоро тасдиқ кард."),
     "en": ("Estimate approved",
            "The district administration approved the estimate and the work schedule.")},
    {"ru": ("Здание готово", "Ремонт класса завершён; теперь нужно оборудование."),
     "en": ("The building is ready",
            "The classroom has been renovated; now equipment is needed.")},
)


def _versions(language: str, by_lang: dict, first: str, second: str) -> dict:
    """Form-shaped versions ({"title_ru": ..., "description_ru": ...}) and the language."""
    found = {"language": language}
    for lang, (one, two) in by_lang.items():
        found[f"{first}_{lang}"], found[f"{second}_{lang}"] = one, two
    return found

# (user index, project index, skills, accept?)
DEMO_OFFERS = (
    (7, 0, ["irrigation"], True),
    (10, 0, ["project_finance", "solar_energy"], False),
    (8, 1, ["network_administration", "software_development"], False),
)


def seed(users: list, orgs: list) -> None:
    """Add this domain's demo content; users and orgs are the ones seed-demo created."""
    staff = users[1]
    projects = []
    for n, (org_index, days, fields) in enumerate(DEMO_PROJECTS):
        org = orgs[org_index] if org_index is not None else None
        publisher = staff if org is None else next(
            u for u in users if u.id == org.created_by_id)
        project = services.create_project(publisher, org, {
            **fields, "offers_until": today() + timedelta(days=days),
            **_versions(LANGUAGE_OF[n], DEMO_VERSIONS[n], "title", "description")})
        moderation.decide(staff, project, "approve")
        projects.append(project)
    for (index, title, text, milestone), versions in zip(DEMO_UPDATES, DEMO_UPDATE_VERSIONS,
                                                         strict=True):
        project = projects[index]
        owner = staff if project.organisation is None else next(
            u for u in users if u.id == project.organisation.created_by_id)
        language = guess_language(title + " " + text)
        updates.post_update(owner, project, {"title": title, "body": text,
                                             "is_milestone": milestone,
                                             **_versions(language, versions, "title", "body")})
    for user in users[6:9]:
        updates.follow(user, projects[0])
    for user_index, project_index, skills, accept in DEMO_OFFERS:
        project = projects[project_index]
        offer = offers.make_offer(users[user_index], project, {
            "skills": skills, "hours_per_month": 15, "mode": "both",
            "message": "I would be glad to help: I have done similar work before."})
        if accept:
            owner = next(u for u in users if u.id == project.organisation.created_by_id)
            offers.accept_offer(owner, offer)
