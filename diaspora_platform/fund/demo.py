"""Demo content of this domain (called by `flask seed-demo`): the bank details, an open
campaign with a 1:1 sponsor match, received and pending pledges (one in an organisation's
name, one anonymous) and a first disbursement, and a completed emergency appeal."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from diaspora_platform.database import utcnow
from diaspora_platform.extensions import db

BANK = {
    "tg": """- **Гиранда:** Фонди миллии рушди диаспора
- **Бонк:** Бонки давлатии амонатгузории Ҷумҳурии Тоҷикистон «Амонатбонк», ш. Душанбе
- **SWIFT:** ASBTTJ22
- **Суратҳисоб бо сомонӣ (TJS):** 20202972100000012345
- **Суратҳисобҳо бо USD, EUR ва RUB:** 20202840100000012345, 20202978100000012345,
  20202643100000012345

Дар таъиноти пардохт рамзи ваъдаи худро (DF-…) нависед.""",
    "ru": """- **Получатель:** Национальный фонд развития диаспоры
- **Банк:** Государственный сберегательный банк Республики Таджикистан «Амонатбонк», г. Душанбе
- **SWIFT:** ASBTTJ22
- **Счёт в сомони (TJS):** 20202972100000012345
- **Счета в USD, EUR и RUB:** 20202840100000012345, 20202978100000012345,
  20202643100000012345

В назначении платежа укажите код вашего обещания (DF-…).""",
    "en": """- **Recipient:** National Diaspora Development Fund
- **Bank:** State Savings Bank of the Republic of Tajikistan "Amonatbonk", Dushanbe
- **SWIFT:** ASBTTJ22
- **Account in TJS:** 20202972100000012345
- **Accounts in USD, EUR and RUB:** 20202840100000012345, 20202978100000012345,
  20202643100000012345

Write your pledge's reference code (DF-…) in the payment details.""",
}

SCHOOL = {
    "title_tg": "Мактаби нав дар деҳаи Чорбоғи ноҳияи Ҷалолиддини Балхӣ",
    "title_ru": "Новая школа в селе Чорбог Джалолиддин-Балхийского района",
    "title_en": "A new school for Chorbogh village, Khatlon",
    "description_tg": "Мактаби кӯҳнаи деҳа соли 1961 сохта шудааст ва 420 хонанда дар се "
                      "баст таҳсил мекунанд. Фонд 12 синфхона, ошхона ва ҳоҷатхонаи гармро "
                      "месозад.\n\n**Сарпараст:** ҳар сомонии қабулшударо ширкати «Сомон "
                      "Энерҷӣ» то 150 000 сомонӣ дучанд мекунад.",
    "description_ru": "Старая сельская школа построена в 1961 году; 420 учеников учатся в "
                      "три смены. Фонд строит 12 классов, столовую и тёплый санузел.\n\n"
                      "**Спонсор:** компания «Сомон Энерджи» удваивает каждый полученный "
                      "сомони, до 150 000 сомони.",
    "description_en": "The village school was built in 1961; 420 pupils study in three "
                      "shifts. The Fund is building 12 classrooms, a canteen and heated "
                      "toilets.\n\n**Sponsor:** Somon Energy matches every somoni received, "
                      "1:1, up to 150,000 somoni.",
    "currency": "TJS", "currencies": ["TJS", "USD", "EUR", "RUB"], "target": "600000",
    "match_sponsor": "Somon Energy", "match_ratio": 1, "match_cap": "150000",
}
FLOOD = {
    "title_tg": "Кӯмаки фаврӣ ба оилаҳои зарардидаи сел дар водии Рашт",
    "title_ru": "Срочная помощь семьям, пострадавшим от селя в Раштской долине",
    "title_en": "Emergency appeal: mudflow in the Rasht valley",
    "description_tg": "Сели моҳи май 86 хонаро хароб кард. Маблағ барои хӯрок, кӯрпа ва "
                      "маводи сохтмон сарф шуд; ҳисобот дар дафтари ҳисобот аст.",
    "description_ru": "Майский сель разрушил 86 домов. Средства ушли на продукты, одеяла и "
                      "стройматериалы; отчёт — в реестре.",
    "description_en": "The May mudflow destroyed 86 houses. The money bought food, blankets "
                      "and building materials; the report is in the ledger.",
    "currency": "TJS", "currencies": ["TJS", "USD", "RUB"], "target": "200000",
}

# (user index, amount, currency, show as, message, received?)
SCHOOL_PLEDGES = (
    (2, "5000", "TJS", "name", "Барои детей нашего района. Удачи!", True),
    (3, "300", "USD", "name", "From the London Tajik community.", True),
    (4, "12000", "TJS", "organisation", "Аз номи ҷамъияти «Равзана».", True),
    (5, "250", "EUR", "anonymous", None, False),
    (6, "30000", "RUB", "name", None, False),
    (7, "8000", "TJS", "anonymous", None, False),
)
PUMPS = {
    "title_tg": "Насосҳои офтобӣ барои боғдорони Исфара",
    "title_ru": "Солнечные насосы для садоводов Исфары",
    "title_en": "Solar pumps for the orchard cooperatives of Isfara",
    "description_tg": "Ҳиссаи диаспора дар лоиҳаи обёрии қатрагӣ: се насоси офтобӣ барои "
                      "кооперативҳои зардолупарвар.",
    "description_ru": "Доля диаспоры в проекте капельного орошения: три солнечных насоса "
                      "для кооперативов, выращивающих абрикосы.",
    "description_en": "The diaspora's share of the drip irrigation project: three solar "
                      "pumps for the apricot growers' cooperatives.",
    "currency": "USD", "currencies": ["USD", "TJS", "RUB"], "target": "18000",
}
PUMPS_PLEDGES = (
    (3, "500", "USD", "name", "For Isfara's orchards.", True),
    (6, "30000", "RUB", "anonymous", None, False),
)
FLOOD_PLEDGES = (
    (2, "20000", "TJS", "name", None, True),
    (3, "1000", "USD", "anonymous", "Stay strong, Rasht.", True),
    (5, "45000", "TJS", "name", None, True),
    (6, "50000", "RUB", "name", "Держитесь!", True),
)


def _campaign(staff, fields: dict, starts, ends):
    from diaspora_platform.fund import campaigns

    data = {**fields, "starts_on": starts, "ends_on": ends}
    item = campaigns.save_campaign(staff, data)
    campaigns.transition_campaign(staff, item, "open", "draft")
    return item


def _pledges(campaign, users, orgs, rows, staff, days_ago: int) -> None:
    from diaspora_platform.fund import pledges

    for n, (index, amount, currency, show_as, message, received) in enumerate(rows):
        user = users[index]
        org_id = next((o.id for o in pledges.pledge_organisations(user)), None)
        pledge, _created = pledges.make_pledge(user, campaign, {
            "idempotency_key": f"demo-{campaign.id}-{n}", "amount": amount,
            "currency": currency, "message": message, "organisation_id": org_id,
            "show_as": show_as if show_as != "organisation" or org_id else "name"})
        if received:
            pledges.confirm_pledge(staff, pledge, f"AMB-{2026_0400 + pledge.id}",
                                   utcnow().date() - timedelta(days=days_ago - n))


def seed(users: list, orgs: list) -> None:
    """Add this domain's demo content; users and orgs are the ones seed-demo created."""
    from diaspora_platform.fund import campaigns
    from diaspora_platform.projects.models import Project

    staff, today = users[1], utcnow().date()
    campaigns.save_bank_details(staff, BANK)
    school = _campaign(staff, SCHOOL, today - timedelta(days=40), today + timedelta(days=80))
    _pledges(school, users, orgs, SCHOOL_PLEDGES, staff, 20)
    campaigns.record_disbursement(staff, school, {
        "idempotency_key": "demo-disbursement-1", "amount": "25000", "currency": "TJS",
        "recipient": "ҶДММ «Сохтмони Хатлон»", "purpose": "Project design and survey of "
        "the site / Лоиҳакашӣ ва омӯзиши замин", "paid_on": today - timedelta(days=5),
        "evidence_url": "https://example.org/fund/invoices/2026-041.pdf"})
    irrigation = db.session.scalar(sa.select(Project.id).where(
        Project.title == "Drip irrigation for the apricot orchards of Isfara"))
    pumps = _campaign(staff, {**PUMPS, "project_id": irrigation}, today - timedelta(days=15),
                      today + timedelta(days=45))
    _pledges(pumps, users, orgs, PUMPS_PLEDGES, staff, 6)
    flood = _campaign(staff, FLOOD, today - timedelta(days=10), today + timedelta(days=20))
    _pledges(flood, users, orgs, FLOOD_PLEDGES, staff, 8)
    campaigns.record_disbursement(staff, flood, {
        "idempotency_key": "demo-disbursement-2", "amount": "65000", "currency": "TJS",
        "recipient": "Кумитаи ҳолатҳои фавқулодда, ноҳияи Рашт",
        "purpose": "Food parcels and blankets for 86 families", "paid_on": today,
        "evidence_url": "https://example.org/fund/reports/rasht-2026.pdf"})
    campaigns.save_campaign(staff, {**FLOOD, "starts_on": today - timedelta(days=200),
                                    "ends_on": today - timedelta(days=150)}, flood)
    campaigns.transition_campaign(staff, flood, "closed", "open")
    campaigns.transition_campaign(staff, flood, "completed", "closed")
