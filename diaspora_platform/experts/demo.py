"""Demo expert profiles (fictional, in tg, ru and en): the experts the projects demo's offers
come from, then other members. Called by main.demo before the projects demo."""

from __future__ import annotations

# (user index, profile fields) for members without an expert profile.
DEMO_EXPERTS = (
    (7, dict(headline="Irrigation engineer, 15 years in Central Asia", language="en",
             headline_tg="Муҳандиси обёрӣ, 15 сол дар Осиёи Марказӣ",
             headline_ru="Инженер-ирригатор, 15 лет в Центральной Азии",
             skills=["irrigation", "hydrology", "water_supply"],
             sectors=["agriculture", "engineering"], languages=["tg", "ru", "en"],
             years_experience=15, hours_per_month=20, mode="both",
             link="https://farrukh.example.org")),
    (10, dict(headline="Project finance adviser (renewables)", language="en",
              headline_ru="Консультант по проектному финансированию (ВИЭ)",
              headline_tg="Мушовири маблағгузории лоиҳаҳо (энергияи барқароршаванда)",
              skills=["project_finance", "investment_analysis", "solar_energy"],
              sectors=["finance", "energy"], languages=["en", "ru"], years_experience=12,
              hours_per_month=10, mode="remote")),
    (8, dict(headline="Муҳандиси шабака ва барномасоз", skills=[
        "network_administration", "software_development", "e_learning"],
        sectors=["it", "education"], languages=["tg", "ru"], years_experience=6,
        hours_per_month=30, mode="onsite")),
)

# (user index, profile fields)
DEMO_PROFILES = (
    (3, dict(
        headline="Chartered accountant and auditor, IFRS, 11 years in the City",
        skills=["accounting", "auditing", "project_finance", "microfinance"],
        keywords="IFRS, donor reporting, cooperatives", sectors=["finance"],
        languages=["en", "ru", "tg"], years_experience=11, hours_per_month=15,
        mode="remote", travel_countries=["GB"], visibility="public", weekly_email=True,
        link="https://jamshed-audit.example.org",
        cv="Audit manager in London. Set up the accounts of two microfinance "
           "cooperatives in **Sughd** as a volunteer.\n\n- ACCA member\n"
           "- IFRS and donor reporting (EBRD, ADB)",
        language="en",
        headline_tg="Муҳосиби касбӣ ва аудитор, IFRS, 11 сол дар Лондон",
        headline_ru="Дипломированный бухгалтер и аудитор, МСФО, 11 лет в Лондоне",
        cv_tg="Менеҷери аудит дар Лондон. Ҳамчун ихтиёрӣ баҳисобгирии ду кооперативи "
              "қарзии хурд дар **Суғд**-ро ба роҳ мондам.\n\n- Узви ACCA\n"
              "- IFRS ва ҳисоботдиҳӣ ба донорҳо (EBRD, ADB)",
        cv_ru="Менеджер по аудиту в Лондоне. Волонтёром наладил учёт двух "
              "микрофинансовых кооперативов в **Согде**.\n\n- Член ACCA\n"
              "- МСФО и отчётность для доноров (ЕБРР, АБР)")),
    (5, dict(
        headline="Инженер-гидролог, ГИС и моделирование паводков",
        skills=["hydrology", "gis", "environmental_science", "hydropower"],
        keywords="паводки, HEC-RAS, QGIS, ледники Памира", sectors=["engineering", "research"],
        languages=["ru", "tg", "de"], years_experience=18, hours_per_month=20, mode="both",
        travel_countries=["DE"], visibility="public",
        cv="Работаю в инженерном бюро в Берлине. Моделировал сели и паводки в бассейне "
           "Пянджа для проекта GIZ; читаю курс по ГИС в Техническом университете.",
        language="ru",
        headline_tg="Муҳандиси гидролог, GIS ва моделсозии обхезиҳо",
        headline_en="Hydrological engineer, GIS and flood modelling",
        cv_tg="Дар бюрои муҳандисӣ дар Берлин кор мекунам. Барои лоиҳаи GIZ селу "
              "обхезиҳоро дар ҳавзаи Панҷ моделсозӣ кардам; дар Донишгоҳи техникӣ курси "
              "GIS-ро дарс медиҳам.",
        cv_en="I work for an engineering firm in Berlin. I modelled mudflows and floods in "
              "the Panj basin for a GIZ project and teach a GIS course at the Technical "
              "University.")),
    (6, dict(
        headline="Врач общественного здравоохранения, программы вакцинации",
        skills=["public_health", "paediatrics", "nursing", "statistics"],
        keywords="вакцинация, обучение медсестёр", sectors=["medicine"],
        languages=["ru", "tg", "kk"], years_experience=9, hours_per_month=10,
        mode="onsite", travel_countries=["KZ"], visibility="members",
        cv="Координирую программы иммунизации в Алматы. Готова приезжать в Хатлон на "
           "две недели в квартал.")),
    (9, dict(
        headline="Муҳандиси сохтмон, тарҳрезии зидди заминҷунбӣ",
        skills=["seismic_design", "structural_engineering", "construction_management",
                "quantity_surveying"],
        keywords="мактабҳо, беморхонаҳо, Eurocode 8", sectors=["construction", "engineering"],
        languages=["ru", "tg", "en"], years_experience=22, hours_per_month=25, mode="both",
        travel_countries=["RU"], visibility="project_owners",
        cv="Дар Санкт-Петербург бинои мактабҳо ва беморхонаҳоро тарҳрезӣ мекунам. "
           "Мехоҳам ба мустаҳкам кардани мактабҳои деҳот дар Тоҷикистон кӯмак кунам.")),
)


def seed(users: list, orgs: list | None = None) -> int:
    """Create the demo profiles that do not exist yet; returns how many were made."""
    from diaspora_platform.experts.models import profile_of
    from diaspora_platform.experts.services import save_profile

    short = {"keywords": "", "cv": "", "travel_countries": [], "visibility": "members"}
    made = 0
    for index, fields in [(i, {**short, **f}) for i, f in DEMO_EXPERTS] + list(DEMO_PROFILES):
        if index < len(users) and profile_of(users[index]) is None:
            save_profile(users[index], dict(fields))
            made += 1
    return made
